"""The sync journal: the resume point that makes a killed run safe to start again."""

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sync.journal import (
    MAX_ATTEMPTS,
    SCHEMA_VERSION,
    Failure,
    Journal,
    JournalError,
    JournalLocked,
    PendingRow,
    PushedRow,
    lock_path,
)
from tests.addon import REPO

JOB = "customers"
FILE = "/data/customers.csv"

# Opens the journal named by argv[1] as its writer; with "run", starts a run and marks two rows
# pending, as a push killed while waiting for Odoo would; then says so and waits to be killed.
HOLDER = """
import sys, time
from pathlib import Path
from sync.journal import Journal, PendingRow

journal = Journal(Path(sys.argv[1]))
if sys.argv[2] == "run":
    run = journal.start_run("customers", "/data/customers.csv")
    journal.mark_pending(run, [
        PendingRow("erp", "C1", "/data/customers.csv", 2, "h1"),
        PendingRow("erp", "C2", "/data/customers.csv", 3, "h2"),
    ])
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / ".esc-sync" / "journal.sqlite"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    with Journal(path) as opened:
        yield opened


@pytest.fixture
def run(journal: Journal) -> int:
    return journal.start_run(JOB, FILE)


@pytest.fixture
def holder(path: Path) -> Iterator[Callable[[str], subprocess.Popen]]:
    """Start a process holding the journal; the test kills it."""
    started: list[subprocess.Popen] = []

    def start(mode: str = "lock") -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), mode],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        ready = process.stdout.readline().strip()
        assert ready == "ready", process.stderr.read()
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


def kill_9(process: subprocess.Popen) -> None:
    process.kill()  # SIGKILL: no cleanup runs in the holder
    process.wait()


def pending(key: str, line: int = 2, content_hash: str = "h1") -> PendingRow:
    return PendingRow("erp", key, FILE, line, content_hash)


def pushed(key: str, content_hash: str = "h1", odoo_id: int = 7) -> PushedRow:
    return PushedRow("erp", key, content_hash, odoo_id)


def timeout(key: str, content_hash: str = "h1") -> Failure:
    return Failure(
        file=FILE,
        line=2,
        reason="timed out after 60 s",
        source_system="erp",
        key=key,
        content_hash=content_hash,
        retryable=True,
    )


def push(journal: Journal, run: int, key: str, content_hash: str = "h1") -> None:
    journal.mark_pending(run, [pending(key, content_hash=content_hash)])
    journal.mark_pushed(run, [pushed(key, content_hash)])


# Schema


def test_opening_twice_creates_the_schema_once_and_keeps_what_was_recorded(path):
    with Journal(path) as first:
        push(first, first.start_run(JOB, FILE), "C1")
    with Journal(path) as second:
        assert second.unchanged(JOB, "erp", "C1", "h1")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_journal_written_by_a_newer_esc_sync_is_refused(path):
    Journal(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(JournalError, match="newer esc-sync"):
        Journal(path)


def test_a_journal_of_version_1_is_brought_to_the_current_schema_keeping_its_rows(path):
    with Journal(path) as first:
        push(first, first.start_run(JOB, FILE), "C1")
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX rows_by_odoo_id")
        db.execute("PRAGMA user_version = 1")
    with Journal(path) as reopened:
        assert reopened.unchanged(JOB, "erp", "C1", "h1")
    with sqlite3.connect(path) as db:
        indexes = {row[1] for row in db.execute("PRAGMA index_list(rows)")}
        assert "rows_by_odoo_id" in indexes
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_that_is_not_a_database_is_refused(path):
    path.parent.mkdir(parents=True)
    path.write_text("not sqlite " * 200)
    with pytest.raises(JournalError, match="cannot open the journal"):
        Journal(path)


# Skipping unchanged rows


def test_a_row_pushed_with_the_same_content_is_unchanged(journal, run):
    push(journal, run, "C1", "h1")
    assert journal.unchanged(JOB, "erp", "C1", "h1")


def test_the_keys_behind_odoo_ids_are_those_of_the_rows_pushed_as_them(journal, run):
    journal.mark_pending(run, [pending("C1"), pending("C2", 3)])
    journal.mark_pushed(run, [pushed("C1", odoo_id=41), pushed("C2", odoo_id=42)])

    assert journal.keys_of(JOB, [41, 42, 99]) == {41: ("erp", "C1"), 42: ("erp", "C2")}
    assert journal.keys_of("other", [41]) == {}


def test_a_row_whose_content_changed_is_sent_again(journal, run):
    push(journal, run, "C1", "h1")
    assert not journal.unchanged(JOB, "erp", "C1", "h2")


def test_a_row_left_pending_is_sent_again(journal, run):
    journal.mark_pending(run, [pending("C1")])
    assert not journal.unchanged(JOB, "erp", "C1", "h1")


def test_the_same_key_in_another_job_or_system_is_another_row(journal, run):
    push(journal, run, "C1")
    assert not journal.unchanged("pqrs", "erp", "C1", "h1")
    assert not journal.unchanged(JOB, "callcentre", "C1", "h1")


# The resume point


def test_a_batch_marked_pushed_is_all_or_nothing(journal, run):
    journal.mark_pending(run, [pending(f"C{n}") for n in range(10)])

    def answered_then_crash() -> Iterator[PushedRow]:
        for n in range(5):
            yield pushed(f"C{n}")
        raise RuntimeError("killed while recording")

    with pytest.raises(RuntimeError):
        journal.mark_pushed(run, answered_then_crash())
    assert journal.status(JOB).counts["pushed"] == 0
    assert journal.status(JOB).counts["pending"] == 10
    assert not journal.unchanged(JOB, "erp", "C0", "h1")


def test_a_batch_with_a_row_never_marked_pending_records_nothing(journal, run):
    journal.mark_pending(run, [pending("C1"), pending("C2")])
    with pytest.raises(JournalError, match="1 of 3 rows marked pushed were not pending"):
        journal.mark_pushed(run, [pushed("C1"), pushed("C2"), pushed("C3")])
    assert journal.status(JOB).counts == {"pending": 2, "pushed": 0, "failed": 0, "dead": 0}


def test_rows_cannot_be_marked_for_a_run_that_is_over(journal, run):
    journal.finish_run(run)
    with pytest.raises(JournalError, match=f"run {run} is not running"):
        journal.mark_pending(run, [pending("C1")])


# One writer at a time


def test_a_second_writer_is_locked_out_with_the_holders_pid(path, journal):
    with pytest.raises(JournalLocked) as locked:
        Journal(path)
    assert locked.value.pid == os.getpid()
    assert f"pid {os.getpid()}" in str(locked.value)


def test_the_lock_is_free_once_the_writer_closes(path):
    Journal(path).close()
    Journal(path).close()


def test_a_writer_in_another_process_is_named_by_its_pid(path, holder):
    process = holder()
    with pytest.raises(JournalLocked) as locked:
        Journal(path)
    assert locked.value.pid == process.pid
    assert lock_path(path).read_text().strip() == str(process.pid)


def test_a_lock_held_by_a_process_killed_with_sigkill_is_free_again(path, holder):
    kill_9(holder())
    Journal(path).close()


def test_a_run_left_running_by_a_killed_process_is_reported_interrupted(path, holder):
    process = holder("run")
    kill_9(process)
    with Journal(path) as journal:
        (interrupted,) = journal.interrupted_runs(JOB)
    assert (interrupted.pid, interrupted.status) == (process.pid, "interrupted")
    assert (interrupted.pending, interrupted.pushed) == (2, 0)


def test_rows_left_pending_by_a_killed_run_are_sent_again(path, holder):
    kill_9(holder("run"))
    with Journal(path) as journal:
        assert not journal.unchanged(JOB, "erp", "C1", "h1")
        run = journal.start_run(JOB, FILE)
        push(journal, run, "C1")
        assert journal.status(JOB).counts["pushed"] == 1


def test_a_reader_sees_a_run_in_progress_without_taking_the_lock(path, holder):
    holder("run")
    with Journal(path, read_only=True) as reader:
        summary = reader.status(JOB)
    assert summary.counts["pending"] == 2
    assert summary.last_run.status == "running"


def test_a_reader_reports_a_run_whose_process_died_as_interrupted(path, holder):
    kill_9(holder("run"))
    with Journal(path, read_only=True) as reader:
        assert reader.status(JOB).last_run.status == "interrupted"


def test_a_reader_cannot_write(path):
    Journal(path).close()
    with Journal(path, read_only=True) as reader, pytest.raises(JournalError, match="read-only"):
        reader.start_run(JOB, FILE)


def test_a_reader_does_not_create_a_journal(path):
    with pytest.raises(JournalError, match="no journal here"):
        Journal(path, read_only=True)
    assert not path.exists()


# Failures, retries, dead letters


def test_a_retryable_failure_is_offered_for_retry(journal, run):
    journal.mark_pending(run, [pending("C1")])
    journal.mark_failed(run, [timeout("C1")])
    (entry,) = journal.retryable(JOB)
    assert (entry.key, entry.state, entry.attempts) == ("C1", "failed", 1)
    assert entry.error_reason == "timed out after 60 s"
    assert list(journal.dead_letters(JOB)) == []


def test_a_retryable_row_is_dead_lettered_at_its_last_attempt(journal):
    for attempt in range(1, MAX_ATTEMPTS + 1):
        run = journal.start_run(JOB, FILE)
        journal.mark_pending(run, [pending("C1")])
        journal.mark_failed(run, [timeout("C1")])
        journal.finish_run(run)
        expected = "dead" if attempt == MAX_ATTEMPTS else "failed"
        assert journal.status(JOB).counts[expected] == 1, f"attempt {attempt}"
    (dead,) = journal.dead_letters(JOB)
    assert dead.attempts == MAX_ATTEMPTS
    assert list(journal.retryable(JOB)) == []


def test_a_row_whose_content_changed_gets_its_attempts_back(journal, run):
    for _ in range(MAX_ATTEMPTS - 1):
        journal.mark_failed(run, [timeout("C1", "h1")])
    journal.mark_failed(run, [timeout("C1", "h2")])
    (entry,) = journal.retryable(JOB)
    assert (entry.content_hash, entry.attempts) == ("h2", 1)


def test_a_bad_row_is_set_aside_at_once_with_file_line_field_and_reason(journal, run):
    bad = Failure(
        file=FILE, line=14, field="vat", reason="not a valid NIT", source_system="erp", key="C9"
    )
    journal.mark_failed(run, [bad])
    (dead,) = journal.dead_letters(JOB)
    assert (dead.file, dead.line, dead.error_field, dead.error_reason) == (
        FILE,
        14,
        "vat",
        "not a valid NIT",
    )
    assert list(journal.retryable(JOB)) == []


def test_a_row_without_a_key_is_set_aside_by_file_and_line(journal, run):
    journal.mark_failed(run, [Failure(file=FILE, line=5, field="key", reason="required")])
    (dead,) = journal.dead_letters(JOB)
    assert (dead.source_system, dead.key, dead.line) == ("", f"{FILE}:5", 5)


def test_rows_without_a_key_are_forgotten_when_their_file_is_read_again(journal, run):
    journal.mark_failed(run, [Failure(file=FILE, line=5, field="key", reason="required")])
    journal.finish_run(run)
    journal.start_run(JOB, FILE)
    assert list(journal.dead_letters(JOB)) == []


def test_a_failed_row_pushed_later_leaves_the_retry_list(journal, run):
    journal.mark_failed(run, [timeout("C1")])
    push(journal, run, "C1")
    assert list(journal.retryable(JOB)) == []
    assert journal.unchanged(JOB, "erp", "C1", "h1")


def test_the_retry_list_pages_through_more_rows_than_a_page(journal, run):
    failures = [timeout(f"C{n}") for n in range(2500)]
    journal.mark_failed(run, failures)
    assert [entry.key for entry in journal.retryable(JOB)] == [f.key for f in failures]


# Status


def test_status_counts_rows_by_state_and_names_the_last_run(journal, run):
    push(journal, run, "C1")
    journal.mark_pending(run, [pending("C2")])
    journal.mark_failed(
        run,
        [
            timeout("C3"),
            Failure(file=FILE, line=9, field="email", reason="bad", source_system="erp", key="C4"),
        ],
    )
    finished = journal.finish_run(run)
    summary = journal.status(JOB)
    assert summary.counts == {"pending": 1, "pushed": 1, "failed": 1, "dead": 1}
    assert summary.total == 4
    assert summary.last_run == finished
    assert (finished.status, finished.pushed, finished.failed, finished.dead) == (
        "finished",
        1,
        1,
        1,
    )


def test_a_run_keeps_its_counts_when_a_later_run_touches_its_rows(journal, run):
    push(journal, run, "C1")
    journal.finish_run(run)
    later = journal.start_run(JOB, FILE)
    push(journal, later, "C1", "h2")
    assert journal.run(run).pushed == 1


def test_status_of_a_job_never_run_is_empty(journal):
    summary = journal.status(JOB)
    assert summary.total == 0
    assert summary.last_run is None


# Volume


def test_a_hundred_thousand_rows_are_recorded_in_batches(journal, run):
    batch_size, total = 500, 100_000
    for start in range(0, total, batch_size):
        keys = range(start, start + batch_size)
        journal.mark_pending(run, (pending(f"C{k}", k + 2, f"h{k}") for k in keys))
        journal.mark_pushed(run, (pushed(f"C{k}", f"h{k}", k) for k in keys))
    assert journal.finish_run(run).pushed == total
    assert journal.unchanged(JOB, "erp", "C99999", "h99999")


def test_rows_are_looked_up_together_and_only_those_pushed_with_that_content_are_unchanged(
    journal: Journal, run: int
):
    journal.mark_pending(run, [pending("C1"), pending("C2"), pending("C3", content_hash="h3")])
    journal.mark_pushed(run, [pushed("C1"), pushed("C2", content_hash="h2")])

    asked = [("erp", "C1", "h1"), ("erp", "C2", "h1"), ("erp", "C3", "h3"), ("crm", "C1", "h1")]
    held = journal.unchanged_rows("customers", asked)

    assert held & set(asked) == {("erp", "C1", "h1")}
    assert held & set(asked) == {row for row in asked if journal.unchanged("customers", *row)}
