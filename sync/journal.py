"""The sync journal: a SQLite file remembering what each run read, pushed, failed and set aside.

Resuming after ``kill -9``
--------------------------
A row goes ``pending`` (recorded *before* its batch is sent) → ``pushed`` (recorded *after* Odoo
answered, one transaction per batch: the resume point) or ``failed`` (retryable, offered to
``esc-sync retry``) or ``dead`` (set aside with file, line, field and reason). The journal never
claims ``pushed`` before Odoo answered. A process killed anywhere leaves one of:

- before the batch's ``mark_pending`` committed: the rows are unknown or in their old state;
- between ``mark_pending`` and the answer, or between Odoo applying the batch and ``mark_pushed``
  committing: the rows are ``pending``.

``unchanged()`` only skips rows ``pushed`` with the same content hash, so the next run sends
both kinds again. Sending again is safe because ``load()`` with external ids
(``esc_sync.<system>_<kind>_<key>``) updates the record it created the first time. So every row
ends applied exactly once in effect (sent twice at worst, never duplicated), and nothing is lost:
rows never reach ``pushed`` without Odoo's answer. Rows Odoo rejects in its answer go to
``mark_failed``, never to ``mark_pushed``.

Durability: WAL with ``synchronous=FULL``. Against ``kill -9`` alone, NORMAL would do: a committed
transaction is already in the WAL file (the OS keeps it when the process dies), and SQLite
ignores uncommitted frames. FULL also makes each commit survive a power loss or kernel crash.
Losing the last commits would still be correct (the batch would be sent again), but ``status``
would under-report. It costs one fsync per batch, which is small next to the RPC that carries it.

Lock: one writer per journal. The writer takes ``fcntl.flock`` (exclusive, non-blocking) on the
sidecar ``<journal>.lock`` and writes its pid there. The kernel drops the lock when the process
dies, however it dies, so a stale lock cannot exist. A lock row in the database would outlive a
killed process. Because every writer holds the lock, a run still ``running`` when a writer opens
the journal was left by a dead process: it is closed as ``interrupted``. Readers
(``read_only=True``, for ``esc-sync status``/``dead-letters`` during a run) take no lock. Local
file systems only: ``flock`` over NFS is not reliable.

No secrets: the journal holds job names, file paths, line numbers, keys, content hashes, Odoo ids
and error reasons. It never holds a password or the config. Callers must keep credentials out of
reasons (``odoo.py`` owns that).

Memory stays flat for any file size: batches go through ``executemany`` from iterators, and the
listings page by id.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, final, get_args

#: 2 adds the index by Odoo id (a pull names the rows behind Odoo's records); a journal of
#: version 1 is brought to 2 on opening.
SCHEMA_VERSION = 2
MAX_ATTEMPTS = 5
"""Recorded failures of the same content before a retryable row is dead-lettered (normally one
per run). The RPC retries inside a run (config ``retries.attempts``) are not counted here."""
UNIDENTIFIED_SYSTEM = ""
"""Source system recorded for a bad row without a usable system or key: it is keyed by file and
line instead."""
PAGE_SIZE = 1000
LOOKUP_KEYS = 500
"""Keys per ``unchanged_rows`` query (SQLite allows 32,766 parameters)."""

RowState = Literal["pending", "pushed", "failed", "dead"]
RunStatus = Literal["running", "finished", "interrupted"]
ROW_STATES: tuple[RowState, ...] = get_args(RowState)

_SCHEMA_V1 = (
    """CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY,
        job TEXT NOT NULL,
        file TEXT NOT NULL,
        pid INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
        pending INTEGER NOT NULL DEFAULT 0,
        pushed INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        dead INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job, id)",
    """CREATE TABLE IF NOT EXISTS rows (
        id INTEGER PRIMARY KEY,
        job TEXT NOT NULL,
        source_system TEXT NOT NULL,
        key TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'pushed', 'failed', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error_field TEXT,
        error_reason TEXT,
        odoo_id INTEGER,
        run_id INTEGER NOT NULL REFERENCES runs (id),
        updated_at TEXT NOT NULL,
        UNIQUE (job, source_system, key)
    )""",
    "CREATE INDEX IF NOT EXISTS rows_by_state ON rows (job, state, id)",
    "CREATE INDEX IF NOT EXISTS rows_by_run ON rows (run_id, state)",
)
#: Every statement is idempotent: each version runs them all.
_SCHEMA = (*_SCHEMA_V1, "CREATE INDEX IF NOT EXISTS rows_by_odoo_id ON rows (job, odoo_id)")

# Counts of a run are a snapshot of the states its rows were left in, taken when it closes: a
# later run that touches the same rows moves their run_id and must not change this run's counts.
_CLOSE_RUNS = """
    UPDATE runs SET status = :status, finished_at = :finished_at,
        pending = (SELECT count(*) FROM rows WHERE run_id = runs.id AND state = 'pending'),
        pushed = (SELECT count(*) FROM rows WHERE run_id = runs.id AND state = 'pushed'),
        failed = (SELECT count(*) FROM rows WHERE run_id = runs.id AND state = 'failed'),
        dead = (SELECT count(*) FROM rows WHERE run_id = runs.id AND state = 'dead')
    WHERE status = 'running' AND (:run_id IS NULL OR id = :run_id)
"""

# A row whose content changed since its last attempt starts its attempts and error afresh.
_MARK_PENDING = """
    INSERT INTO rows (job, source_system, key, file, line, content_hash, state, run_id, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)
    ON CONFLICT (job, source_system, key) DO UPDATE SET
        file = excluded.file,
        line = excluded.line,
        content_hash = excluded.content_hash,
        state = 'pending',
        attempts = CASE WHEN rows.content_hash = excluded.content_hash
            THEN rows.attempts ELSE 0 END,
        error_field = CASE WHEN rows.content_hash = excluded.content_hash
            THEN rows.error_field END,
        error_reason = CASE WHEN rows.content_hash = excluded.content_hash
            THEN rows.error_reason END,
        run_id = excluded.run_id,
        updated_at = excluded.updated_at
"""

_MARK_PUSHED = """
    UPDATE rows SET state = 'pushed', content_hash = ?, odoo_id = ?, attempts = 0,
        error_field = NULL, error_reason = NULL, run_id = ?, updated_at = ?
    WHERE job = ? AND source_system = ? AND key = ? AND state = 'pending'
"""

_MARK_FAILED = """
    INSERT INTO rows (job, source_system, key, file, line, content_hash, state, attempts,
        error_field, error_reason, run_id, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
    ON CONFLICT (job, source_system, key) DO UPDATE SET
        file = excluded.file,
        line = excluded.line,
        attempts = CASE WHEN rows.content_hash = excluded.content_hash
            THEN rows.attempts + 1 ELSE 1 END,
        content_hash = excluded.content_hash,
        state = excluded.state,
        error_field = excluded.error_field,
        error_reason = excluded.error_reason,
        run_id = excluded.run_id,
        updated_at = excluded.updated_at
"""

_DEAD_LETTER_EXHAUSTED = """
    UPDATE rows SET state = 'dead' WHERE run_id = ? AND state = 'failed' AND attempts >= ?
"""

_ENTRY_COLUMNS = (
    "id, job, source_system, key, file, line, content_hash, state, attempts, error_field, "
    "error_reason, odoo_id, run_id, updated_at"
)
_RUN_COLUMNS = "id, job, file, pid, started_at, finished_at, status, pending, pushed, failed, dead"


class JournalError(Exception):
    """The journal cannot be opened or was asked something its records contradict."""


class JournalLocked(JournalError):
    """Another live process writes to this journal."""

    def __init__(self, journal: Path, pid: int | None) -> None:
        holder = f"pid {pid}" if pid is not None else "pid unknown"
        super().__init__(f"{journal} is in use by another esc-sync run ({holder})")
        self.journal = journal
        self.pid = pid


@dataclass(frozen=True, slots=True)
class PendingRow:
    """A valid row about to be sent."""

    source_system: str
    key: str
    file: str
    line: int
    content_hash: str


@dataclass(frozen=True, slots=True)
class PushedRow:
    """A row Odoo applied, with the id it answered."""

    source_system: str
    key: str
    content_hash: str
    odoo_id: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """A row that failed: ``retryable`` for transient errors (timeout, connection), false for
    bad content (validation, a row Odoo rejected). ``field`` is None for a whole-row error;
    ``source_system``/``key`` are None when the row is too broken to name them."""

    file: str
    line: int
    reason: str
    field: str | None = None
    source_system: str | None = None
    key: str | None = None
    content_hash: str = ""
    retryable: bool = False


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """What the journal knows of one row."""

    id: int
    job: str
    source_system: str
    key: str
    file: str
    line: int
    content_hash: str
    state: RowState
    attempts: int
    error_field: str | None
    error_reason: str | None
    odoo_id: int | None
    run_id: int
    updated_at: str


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One run; counts are the states its rows were left in (live while it runs)."""

    id: int
    job: str
    file: str
    pid: int
    started_at: str
    finished_at: str | None
    status: RunStatus
    pending: int
    pushed: int
    failed: int
    dead: int


@dataclass(frozen=True, slots=True)
class StatusSummary:
    """Rows of one job by state, and its last run."""

    job: str
    counts: dict[RowState, int]
    last_run: RunInfo | None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def lock_path(journal: Path) -> Path:
    """The sidecar file the writer locks: ``<journal>.lock``."""
    return journal.with_name(journal.name + ".lock")


@final
class Journal:
    """A journal file, opened as its single writer (default) or as a reader.

    The writer creates the file and its schema, takes the lock (or raises ``JournalLocked``),
    and closes as ``interrupted`` the runs that a killed process left ``running``.
    """

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock_fd: int | None = None
        if read_only and not self.path.exists():
            raise JournalError(f"{self.path}: no journal here (nothing has run yet)")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock_fd = _take_lock(self.path)
        try:
            self._db = _connect(self.path, read_only)
        except BaseException:
            self._release_lock()
            raise
        try:
            self._prepare_schema()
            if not read_only:
                self._close_runs(None, "interrupted", finished_at=None)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._db.close()
        self._release_lock()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Runs

    def start_run(self, job: str, file: str | os.PathLike[str]) -> int:
        """Open a run; rows of ``file`` that had no key are forgotten, because a new reading of the
        file sets aside again whatever is still broken in it (line numbers may have moved)."""
        file = os.fspath(file)
        with self._transaction() as db:
            db.execute(
                "DELETE FROM rows WHERE job = ? AND file = ? AND source_system = ?",
                (job, file, UNIDENTIFIED_SYSTEM),
            )
            cursor = db.execute(
                "INSERT INTO runs (job, file, pid, started_at, status) "
                "VALUES (?, ?, ?, ?, 'running')",
                (job, file, os.getpid(), _now()),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, status: RunStatus = "finished") -> RunInfo:
        """Close a running run as ``finished`` (or ``interrupted`` when stopped on purpose)."""
        if status == "running":
            raise ValueError("a run is finished as 'finished' or 'interrupted'")
        closed = self._close_runs(run_id, status, finished_at=_now())
        if not closed:
            raise JournalError(f"run {run_id} is not running")
        return self.run(run_id)

    def run(self, run_id: int) -> RunInfo:
        found = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        if found is None:
            raise JournalError(f"no run {run_id} in {self.path}")
        return self._run_info(found)

    def interrupted_runs(self, job: str | None = None) -> list[RunInfo]:
        """Runs a killed process left behind (a reader also sees those whose process is gone)."""
        rows = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE status IN ('running', 'interrupted') "
            "AND (:job IS NULL OR job = :job) ORDER BY id",
            {"job": job},
        )
        runs = (self._run_info(row) for row in rows.fetchall())
        return [run for run in runs if run.status == "interrupted"]

    # Rows

    def unchanged(self, job: str, source_system: str, key: str, content_hash: str) -> bool:
        """True when Odoo already holds this row with this content: the engine skips it."""
        found = self._db.execute(
            "SELECT 1 FROM rows WHERE job = ? AND source_system = ? AND key = ? "
            "AND state = 'pushed' AND content_hash = ?",
            (job, source_system, key, content_hash),
        )
        return found.fetchone() is not None

    def unchanged_rows(
        self, job: str, rows: Iterable[tuple[str, str, str]]
    ) -> set[tuple[str, str, str]]:
        """Those of the ``(source_system, key, content_hash)`` rows that `unchanged` would skip,
        in one query per system and ``LOOKUP_KEYS`` keys (rows looked up together, not one
        query each)."""
        wanted: dict[str, set[str]] = {}
        for system, key, _content_hash in rows:
            wanted.setdefault(system, set()).add(key)
        found = set()
        for system, key_set in wanted.items():
            keys = sorted(key_set)
            for start in range(0, len(keys), LOOKUP_KEYS):
                chunk = keys[start : start + LOOKUP_KEYS]
                marks = ",".join("?" * len(chunk))
                pushed = self._db.execute(
                    "SELECT key, content_hash FROM rows WHERE job = ? AND source_system = ? "
                    f"AND key IN ({marks}) AND state = 'pushed'",
                    (job, system, *chunk),
                )
                found.update((system, key, held) for key, held in pushed)
        return found

    def keys_of(self, job: str, odoo_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """``odoo_id -> (source_system, key)`` of the rows of ``job`` pushed as those records."""
        ids = sorted(set(odoo_ids))
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), LOOKUP_KEYS):
            chunk = ids[start : start + LOOKUP_KEYS]
            marks = ",".join("?" * len(chunk))
            for odoo_id, system, key in self._db.execute(
                "SELECT odoo_id, source_system, key FROM rows WHERE job = ? "
                f"AND odoo_id IN ({marks}) AND state = 'pushed'",
                (job, *chunk),
            ):
                found[odoo_id] = (system, key)
        return found

    def mark_pending(self, run_id: int, rows: Iterable[PendingRow]) -> None:
        """Record a batch as about to be sent (before sending it)."""
        with self._transaction() as db:
            job, now = self._running_job(run_id), _now()
            db.executemany(_MARK_PENDING, (_pending_row(job, run_id, now, r) for r in rows))

    def mark_pushed(self, run_id: int, rows: Iterable[PushedRow]) -> None:
        """Record a batch Odoo applied: all rows or, on any error, none of them.

        Every row must be ``pending`` (``mark_pending`` comes before sending); otherwise nothing
        is recorded and ``JournalError`` says how many were not.
        """
        with self._transaction() as db:
            job, now = self._running_job(run_id), _now()
            expected = 0

            def parameters() -> Iterator[tuple[object, ...]]:
                nonlocal expected
                for r in rows:
                    expected += 1
                    yield (r.content_hash, r.odoo_id, run_id, now, job, r.source_system, r.key)

            updated = db.executemany(_MARK_PUSHED, parameters()).rowcount
            if updated != expected:
                raise JournalError(
                    f"{expected - updated} of {expected} rows marked pushed were not pending; "
                    "nothing of this batch was recorded"
                )

    def mark_failed(self, run_id: int, failures: Iterable[Failure]) -> None:
        """Set failed rows aside: retryable ones as ``failed`` until their ``MAX_ATTEMPTS``-th
        failure with the same content, then ``dead``; the others ``dead`` at once."""
        with self._transaction() as db:
            job, now = self._running_job(run_id), _now()
            db.executemany(_MARK_FAILED, (_failure_row(job, run_id, now, f) for f in failures))
            db.execute(_DEAD_LETTER_EXHAUSTED, (run_id, MAX_ATTEMPTS))

    def retryable(self, job: str) -> Iterator[JournalEntry]:
        """Rows ``esc-sync retry`` sends again, in journal order; safe to consume while marking."""
        return self._entries(job, "failed")

    def dead_letters(self, job: str) -> Iterator[JournalEntry]:
        """Rows set aside for a person to fix, with file, line, field and reason."""
        return self._entries(job, "dead")

    def status(self, job: str) -> StatusSummary:
        counts: dict[RowState, int] = dict.fromkeys(ROW_STATES, 0)
        for state, count in self._db.execute(
            "SELECT state, count(*) FROM rows WHERE job = ? GROUP BY state", (job,)
        ):
            counts[state] = count
        last = self._db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE job = ? ORDER BY id DESC LIMIT 1", (job,)
        ).fetchone()
        return StatusSummary(job, counts, self._run_info(last) if last else None)

    # Internals

    def _prepare_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"{self.path} was written by a newer esc-sync (journal schema {version}; "
                f"this one knows up to {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            if version:  # an older schema reads the same; its writer brings it up to date
                return
            raise JournalError(f"{self.path} is not an esc-sync journal yet")
        with self._transaction() as db:
            for statement in _SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``); any error rolls it back."""
        if self.read_only:
            raise JournalError(f"{self.path} was opened read-only")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _close_runs(self, run_id: int | None, status: RunStatus, finished_at: str | None) -> int:
        with self._transaction() as db:
            parameters = {"status": status, "finished_at": finished_at, "run_id": run_id}
            return db.execute(_CLOSE_RUNS, parameters).rowcount

    def _running_job(self, run_id: int) -> str:
        found = self._db.execute(
            "SELECT job FROM runs WHERE id = ? AND status = 'running'", (run_id,)
        ).fetchone()
        if found is None:
            raise JournalError(f"run {run_id} is not running")
        return found[0]

    def _run_info(self, row: tuple) -> RunInfo:
        run = RunInfo(*row)
        if run.status != "running":
            return run
        counts = dict.fromkeys(ROW_STATES, 0)
        for state, count in self._db.execute(
            "SELECT state, count(*) FROM rows WHERE run_id = ? GROUP BY state", (run.id,)
        ):
            counts[state] = count
        # A writer sees only its own run running (it closed the others when it opened); a
        # reader may see one whose process died. Pid reuse can make a dead run look alive.
        status: RunStatus = "running" if _process_alive(run.pid) else "interrupted"
        return RunInfo(*row[:6], status, *counts.values())

    def _entries(self, job: str, state: RowState) -> Iterator[JournalEntry]:
        """Page by id so that memory stays flat and writes between pages are safe."""
        after = 0
        while True:
            page = self._db.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM rows WHERE job = ? AND state = ? AND id > ? "
                "ORDER BY id LIMIT ?",
                (job, state, after, PAGE_SIZE),
            ).fetchall()
            for row in page:
                yield JournalEntry(*row)
            if len(page) < PAGE_SIZE:
                return
            after = page[-1][0]

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA user_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise JournalError(f"{path}: cannot open the journal: {error}") from error
    return db


def _take_lock(journal: Path) -> int:
    """Lock ``<journal>.lock`` for this process and write its pid there."""
    fd = os.open(lock_path(journal), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_pid(fd)
        os.close(fd)
        raise JournalLocked(journal, holder) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def _read_pid(fd: int) -> int | None:
    """The holder's pid, or None when it has not written it yet."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pending_row(job: str, run_id: int, now: str, row: PendingRow) -> tuple[object, ...]:
    if row.source_system == UNIDENTIFIED_SYSTEM or not row.key:
        raise ValueError("a row sent to Odoo needs a source system and a key")
    return (job, row.source_system, row.key, row.file, row.line, row.content_hash, run_id, now)


def _failure_row(job: str, run_id: int, now: str, failure: Failure) -> tuple[object, ...]:
    system, key = failure.source_system, failure.key
    if not system or not key:
        system, key = UNIDENTIFIED_SYSTEM, f"{failure.file}:{failure.line}"
    state: RowState = "failed" if failure.retryable else "dead"
    return (
        *(job, system, key, failure.file, failure.line, failure.content_hash, state),
        *(failure.field, failure.reason, run_id, now),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
