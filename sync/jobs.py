"""The customers job: read → validate → skip what the journal has → push in batches → record.

Decisions:

- Duplicate keys inside one file: identical rows count once; rows with the same key and
  different content are all set aside (which one is right is the sender's call, not ours).
- Rows absent from a file are never deleted; ``active: false`` archives a customer.
- Companies are loaded before contacts: every batch of companies is answered before the first
  batch of contacts is sent (a contact and its company never share a ``load``, so Odoo's
  answer for the company is in hand and a company set aside or left for retry takes its
  contacts with it). A contact whose company is neither in the file nor already in Odoo is set
  aside.
- Streams (``streams``, `sync.streams`): the batches of a phase are sent on that many
  gateways (the job's and its forks) at once; answers are recorded on the calling thread only,
  so the journal stays the single-writer resume point it is with one stream.
- A row already pushed with the same content (journal hash) is skipped without a call; a row
  the journal does not know is compared with Odoo (one ``search_read`` per batch) and only a
  row that differs is written.
- A ``load`` refused by Odoo is rolled back whole: the rows Odoo names are set aside with its
  message and the rest of the call is sent again. A call that kept timing out leaves its rows
  ``failed`` for ``esc-sync retry``; Odoo unreachable stops the run (the journal resumes it).
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .gateway import Gateway, LoadMessage, LoadResult, TransientError
from .journal import Failure, Journal, PendingRow, PushedRow
from .mapping import (
    MODEL,
    XMLID_MODULE,
    References,
    UnknownReference,
    compare_fields,
    external_name,
    partner_columns,
)
from .records import CustomerRecord, RowProblem, validate_customer
from .sources import SourceError, SourceRow, read_rows
from .streams import Streams

JOB = "customers"
#: Keeps ``load`` from tracking, logging creation and subscribing: a sync writes data, not news.
LOAD_CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
Progress = Callable[[int, int], None]
#: External ids asked of ``ir.model.data`` per call.
LOOKUP_CHUNK = 5000
#: Rows read before the journal is asked which of them it holds unchanged (one query or so).
LOOKUP_ROWS = 500
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """A valid row and where it came from."""

    record: CustomerRecord
    file: str
    line: int
    content_hash: str

    @cached_property
    def name(self) -> str:
        return external_name(self.record.source_system, self.record.key)

    @cached_property
    def company_name(self) -> str | None:
        key = self.record.company_key
        return external_name(self.record.source_system, key) if isinstance(key, str) else None


@dataclass
class PushReport:
    """What a run did, for the summary table and ``--report json``."""

    job: str
    file: str
    dry_run: bool
    #: Whether created, updated and unchanged come from Odoo: a dry run without an Odoo to
    #: compare with cannot tell them (they stay 0 and the summary says so).
    compared: bool = True
    rows_read: int = 0
    valid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retry_later: int = 0
    batches: int = 0
    rpc_calls: int = 0
    seconds: float = 0.0
    set_aside: list[RowProblem] = field(default_factory=list)
    #: Values taken after a conversion the sender should know of (``CustomerRecord.notes``).
    converted: list[RowProblem] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.set_aside or self.retry_later else 0


class CustomerPush:
    """One push of a customers file through a gateway.

    A dry run (``dry_run``, or no gateway) sends no write. In the journal it records, as any
    run, the run itself and the rows the file gets wrong (invalid, duplicated: its dead
    letters), never a row as pending, pushed or failed on Odoo's account. With a gateway it
    reads what Odoo holds, as a push would, and counts what the push would create, update and
    leave unchanged; without one it validates and plans.
    """

    def __init__(
        self,
        journal: Journal,
        gateway: Gateway | None,
        batch_size: int = 500,
        progress: Progress | None = None,
        streams: int = 1,
        dry_run: bool = False,
    ) -> None:
        if streams < 1:
            raise ValueError("a push needs at least one stream")
        self.journal = journal
        self.gateway = gateway
        self.batch_size = batch_size
        self.progress = progress or (lambda done, total: None)
        self.streams = streams
        self.dry_run = dry_run or gateway is None
        self.references = References()
        self._forks: list[Gateway] = []
        self._retried_names: set[str] = set()
        self._file_companies: set[str] = set()
        self._done = self._total = 0
        self._connecting: list[Future[None]] = []

    def run(self, path: Path, only_keys: set[tuple[str, str]] | None = None) -> PushReport:
        started = time.perf_counter()
        calls_before = self.gateway.rpc_calls if self.gateway else 0
        report = PushReport(JOB, str(path), dry_run=self.dry_run, compared=self.gateway is not None)
        run_id = self.journal.start_run(JOB, path)
        status = "interrupted"
        try:
            entries = self._read(path, report, only_keys)
            self._record_unreadable(run_id, report.set_aside)
            report.batches = sum(len(phase) for phase in self._phases(entries))
            if self.gateway is not None and entries:
                self._push(run_id, entries, report)
            status = "finished"
        finally:
            wait(self._connecting)  # a login started for rows that all proved invalid
            self._connecting = []
            self.journal.finish_run(run_id, status)
            report.seconds = time.perf_counter() - started
            report.rpc_calls = (self.gateway.rpc_calls if self.gateway else 0) - calls_before
        return report

    # Reading

    def _read(
        self, path: Path, report: PushReport, only_keys: set[tuple[str, str]] | None
    ) -> list[Entry]:
        """Valid rows to push, companies first. A row the journal holds as pushed with the
        same raw content is skipped before it is even validated: an unchanged file costs a
        read and one journal lookup per row."""
        entries: dict[tuple[str, str], list[Entry]] = {}
        skipped: dict[tuple[str, str], int] = {}
        for item, identity, raw_hash, unchanged in self._looked_up(read_rows(path)):
            report.rows_read += 1
            if isinstance(item, SourceError):
                report.set_aside.append(RowProblem(item.file, item.line, item.field, item.reason))
                continue
            if only_keys is not None and identity not in only_keys:
                continue
            if unchanged and identity:
                report.unchanged += 1
                skipped.setdefault(identity, item.line)
                continue
            self._start_connecting()
            checked = validate_customer(item)
            if isinstance(checked, list):
                report.set_aside.extend(checked)
                continue
            report.converted.extend(
                RowProblem(item.file, item.line, name, text) for name, text in checked.notes
            )
            entry = Entry(checked, item.file, item.line, raw_hash)
            entries.setdefault((checked.source_system, checked.key), []).append(entry)
        unique = self._without_conflicting_duplicates(entries, skipped, report)
        report.valid = len(unique) + report.unchanged
        self._file_companies = {entry.name for entry in unique if entry.record.is_company}
        return sorted(unique, key=lambda entry: (not entry.record.is_company, entry.line))

    def _looked_up(
        self, items: Iterator[SourceRow | SourceError]
    ) -> Iterator[tuple[SourceRow | SourceError, tuple[str, str] | None, str, bool]]:
        """Each item, its raw identity and hash, and whether the journal holds it unchanged:
        looked up ``LOOKUP_ROWS`` rows at a time, in file order."""
        for chunk in _batched(items, LOOKUP_ROWS):
            read = []
            for item in chunk:
                if isinstance(item, SourceError):
                    read.append((item, None, ""))
                else:
                    read.append((item, _raw_identity(item.values), _raw_hash(item.values)))
            held = self.journal.unchanged_rows(
                JOB, ((*identity, raw_hash) for _item, identity, raw_hash in read if identity)
            )
            for item, identity, raw_hash in read:
                yield item, identity, raw_hash, bool(identity) and (*identity, raw_hash) in held

    @staticmethod
    def _without_conflicting_duplicates(
        entries: dict[tuple[str, str], list[Entry]],
        skipped: dict[tuple[str, str], int],
        report: PushReport,
    ) -> list[Entry]:
        unique = []
        for (system, key), same_key in entries.items():
            other_line = skipped.get((system, key))
            if other_line is None and len({entry.content_hash for entry in same_key}) == 1:
                unique.append(same_key[0])
                continue
            all_lines = {entry.line for entry in same_key}
            if other_line is not None:
                all_lines.add(other_line)
            lines = ", ".join(str(line) for line in sorted(all_lines))
            report.set_aside.extend(
                RowProblem(
                    entry.file,
                    entry.line,
                    "key",
                    f"key '{key}' of {system} appears on lines {lines} with different values",
                )
                for entry in same_key
            )
        return unique

    # Pushing

    def _push(self, run_id: int, entries: list[Entry], report: PushReport) -> None:
        """Read what Odoo already has of the whole file in a few calls, then push in batches:
        every company first, then every contact, so a contact's company is in Odoo before it."""
        assert self.gateway is not None
        self._done, self._total = 0, len(entries)
        self.progress(0, len(entries))
        for connected in self._connecting:
            connected.result()  # raises UnreachableError as a first call would
        try:
            self.references.fetch(self.gateway, (entry.record for entry in entries))
            known = self._existing_ids(entries)
        except TransientError as error:
            self._retry_later(run_id, report, entries, str(error))
            return
        with Streams(self._stream_gateways()) as streams:
            for phase in self._phases(entries):
                for batch in phase:
                    self._push_batch(run_id, batch, known, report, streams)
                streams.drain()

    def _start_connecting(self) -> None:
        """Log every stream's gateway in, in the background, while the file is read: a login
        costs Odoo a second or so of password hashing. Only once a row needs Odoo, so that a
        file the journal holds unchanged sends nothing."""
        if self.gateway is None or self._connecting:
            return
        for gateway in self._stream_gateways():
            one_off = ThreadPoolExecutor(1, thread_name_prefix="esc-sync-connect")
            self._connecting.append(one_off.submit(gateway.connect))
            one_off.shutdown(wait=False)  # its thread ends with the login

    def _phases(self, entries: list[Entry]) -> list[list[list[Entry]]]:
        """Batches of companies, then batches of the other rows (in file order). A phase's
        batches are as even as can be, their count a multiple of the streams (so no stream is
        left with one batch to load alone), none over ``batch_size``."""
        companies = [entry for entry in entries if entry.record.is_company]
        others = [entry for entry in entries if not entry.record.is_company]
        return [_even_chunks(phase, self.batch_size, self.streams) for phase in (companies, others)]

    def _stream_gateways(self) -> list[Gateway]:
        """The job's gateway and, for more streams, forks of it (made once, kept for later runs)."""
        assert self.gateway is not None
        while len(self._forks) < self.streams - 1:
            self._forks.append(self.gateway.fork())
        return [self.gateway, *self._forks[: self.streams - 1]]

    def _push_batch(
        self,
        run_id: int,
        batch: list[Entry],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        planned, problems = self._columns(batch, known)
        self._set_aside_entries(run_id, report, problems)
        if not planned:
            return
        if not self.dry_run:
            self.journal.mark_pending(run_id, (_pending(entry) for entry, _columns in planned))
        existing = {known[e.name]: (e, c) for e, c in planned if e.name in known}
        if not existing:
            self._write(run_id, planned, known, report, streams)
            return
        wanted = {f for _e, columns in existing.values() for f in compare_fields(columns)}
        domain, fields_ = [("id", "in", sorted(existing))], sorted({f.field for f in wanted})

        def compared(answer: Future[list[dict[str, Any]]]) -> None:
            self._compared(run_id, planned, existing, answer, known, report, streams)

        streams.send(
            lambda gateway: gateway.search_read(MODEL, domain, fields_, {"active_test": False}),
            compared,
        )

    def _compared(
        self,
        run_id: int,
        planned: list[tuple[Entry, dict[str, str]]],
        existing: dict[int, tuple[Entry, dict[str, str]]],
        answer: Future[list[dict[str, Any]]],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        """Drop the rows Odoo already holds as they are, record them as pushed, write the rest."""
        try:
            partners = answer.result()
        except TransientError as error:
            self._retry_later(run_id, report, [entry for entry, _c in planned], str(error))
            return
        same = set()
        for partner in partners:
            entry, columns = existing[partner["id"]]
            if _same(columns, partner, known, self.references):
                same.add(entry.name)
        if not self.dry_run:
            self.journal.mark_pushed(
                run_id, (_pushed(e, known[e.name]) for e, _c in planned if e.name in same)
            )
        report.unchanged += len(same)
        self._settle(len(same))
        differing = [(e, c) for e, c in planned if e.name not in same]
        self._write(run_id, differing, known, report, streams)

    def _write(
        self,
        run_id: int,
        to_write: list[tuple[Entry, dict[str, str]]],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        ready = self._with_company_loaded(run_id, to_write, known, report)
        if self.dry_run:
            self._count_would_write(ready, known, report)
            return
        for group in _by_signature(ready).values():
            self._load(run_id, group, known, report, streams)

    def _count_would_write(
        self, ready: list[tuple[Entry, dict[str, str]]], known: dict[str, int], report: PushReport
    ) -> None:
        """A dry run's stand-in for loading: what the push would create or update. A company
        it would create is taken as known, so that its contacts count as they would go."""
        for entry, _columns in ready:
            if entry.name in known:
                report.updated += 1
            else:
                report.created += 1
                known[entry.name] = 0
        self._settle(len(ready))

    def _with_company_loaded(
        self,
        run_id: int,
        planned: list[tuple[Entry, dict[str, str]]],
        known: dict[str, int],
        report: PushReport,
    ) -> list[tuple[Entry, dict[str, str]]]:
        """Contacts whose company is in Odoo; the others follow their company: retried with
        it when it was left for retry, set aside when it was set aside."""
        ready, waiting, orphans = [], [], []
        for entry, columns in planned:
            company = entry.company_name
            if not company or company in known:
                ready.append((entry, columns))
            elif company in self._retried_names:
                waiting.append(entry)
            else:
                reason = f"company '{entry.record.company_key}' was set aside in this run"
                orphans.append((entry, RowProblem(entry.file, entry.line, "company_key", reason)))
        if waiting:
            self._retry_later(run_id, report, waiting, "its company is left for retry")
        self._set_aside_entries(run_id, report, orphans)
        return ready

    def _existing_ids(self, entries: list[Entry]) -> dict[str, int]:
        """Database ids of the rows' external ids and of the companies they name."""
        assert self.gateway is not None
        names = {entry.name for entry in entries}
        names |= {entry.company_name for entry in entries if entry.company_name}
        known = {}
        ordered = sorted(names)
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            rows = self.gateway.search_read(
                "ir.model.data",
                [
                    ("module", "=", XMLID_MODULE),
                    ("model", "=", MODEL),
                    ("name", "in", ordered[start : start + LOOKUP_CHUNK]),
                ],
                ["name", "res_id"],
            )
            known.update((row["name"], row["res_id"]) for row in rows)
        return known

    def _columns(
        self, batch: list[Entry], known: dict[str, int]
    ) -> tuple[list[tuple[Entry, dict[str, str]]], list[tuple[Entry, RowProblem]]]:
        planned, problems = [], []
        for entry in batch:
            company = entry.company_name
            if company and company not in known and company not in self._file_companies:
                reason = f"company '{entry.record.company_key}' is neither in this file nor in Odoo"
                problems.append((entry, RowProblem(entry.file, entry.line, "company_key", reason)))
                continue
            try:
                columns = partner_columns(entry.record, self.references, entry.name in known)
            except UnknownReference as error:
                problem = RowProblem(entry.file, entry.line, error.field, str(error))
                problems.append((entry, problem))
                continue
            planned.append((entry, columns))
        return planned, problems

    def _load(
        self,
        run_id: int,
        group: list[tuple[Entry, dict[str, str]]],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        fields_ = list(group[0][1])
        rows = [[columns[name] for name in fields_] for _entry, columns in group]
        streams.send(
            lambda gateway: gateway.load(MODEL, fields_, rows, LOAD_CONTEXT),
            lambda answer: self._answered(run_id, group, answer, known, report, streams),
        )

    def _answered(
        self,
        run_id: int,
        group: list[tuple[Entry, dict[str, str]]],
        answer: Future[LoadResult],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        """Record a committed ``load``; after a refusal set the rows Odoo named aside and send
        the rest again."""
        try:
            result = answer.result()
        except TransientError as error:
            self._retry_later(run_id, report, [entry for entry, _c in group], str(error))
            return
        if result.ids is not None:
            self._loaded(run_id, group, result.ids, known, report)
            return
        refused = self._refused(group, result.messages)
        self._set_aside_entries(
            run_id, report, [(group[index][0], problem) for index, problem in refused.items()]
        )
        rest = [(e, c) for index, (e, c) in enumerate(group) if index not in refused]
        if rest:
            self._load(run_id, rest, known, report, streams)

    def _loaded(
        self,
        run_id: int,
        group: list[tuple[Entry, dict[str, str]]],
        ids: list[int],
        known: dict[str, int],
        report: PushReport,
    ) -> None:
        loaded = [(entry, odoo_id) for (entry, _c), odoo_id in zip(group, ids, strict=True)]
        self.journal.mark_pushed(run_id, (_pushed(entry, odoo_id) for entry, odoo_id in loaded))
        for entry, odoo_id in loaded:
            if entry.name in known:
                report.updated += 1
            else:
                report.created += 1
                known[entry.name] = odoo_id
        self._settle(len(loaded))

    def _settle(self, rows: int) -> None:
        """Count rows whose outcome is recorded (pushed, unchanged, set aside, left for retry)."""
        if rows:
            self._done += rows
            self.progress(self._done, self._total)

    @staticmethod
    def _refused(
        group: list[tuple[Entry, dict[str, str]]], messages: list[LoadMessage]
    ) -> dict[int, RowProblem]:
        """The rows a rolled-back ``load`` names; all of them when it names none."""
        refused: dict[int, RowProblem] = {}
        for message in messages:
            indexes = [message.row] if message.row is not None else range(len(group))
            for index in indexes:
                entry = group[index][0]
                reason = f"Odoo refused the row: {message.message}"
                refused.setdefault(index, RowProblem(entry.file, entry.line, message.field, reason))
        return refused or {
            index: RowProblem(e.file, e.line, None, "Odoo refused the batch without a reason")
            for index, (e, _c) in enumerate(group)
        }

    # Journal

    def _record_unreadable(self, run_id: int, problems: list[RowProblem]) -> None:
        """Journal the rows refused while reading; they have no trustworthy key yet."""
        self.journal.mark_failed(
            run_id,
            (Failure(file=p.file, line=p.line, reason=p.reason, field=p.field) for p in problems),
        )

    def _set_aside_entries(
        self, run_id: int, report: PushReport, problems: list[tuple[Entry, RowProblem]]
    ) -> None:
        """Set aside valid rows Odoo cannot take, under their own key in the journal."""
        report.set_aside.extend(problem for _entry, problem in problems)
        self._settle(len(problems))
        if self.dry_run:
            return
        self.journal.mark_failed(
            run_id,
            (
                Failure(
                    file=p.file,
                    line=p.line,
                    reason=p.reason,
                    field=p.field,
                    source_system=e.record.source_system,
                    key=e.record.key,
                    content_hash=e.content_hash,
                )
                for e, p in problems
            ),
        )

    def _retry_later(
        self, run_id: int, report: PushReport, entries: list[Entry], reason: str
    ) -> None:
        report.retry_later += len(entries)
        self._settle(len(entries))
        self._retried_names.update(entry.name for entry in entries)
        if self.dry_run:
            return
        self.journal.mark_failed(
            run_id,
            (
                Failure(
                    file=e.file,
                    line=e.line,
                    reason=reason,
                    source_system=e.record.source_system,
                    key=e.record.key,
                    content_hash=e.content_hash,
                    retryable=True,
                )
                for e in entries
            ),
        )


def _same(
    columns: dict[str, str],
    partner: dict[str, object],
    known: dict[str, int],
    references: References,
) -> bool:
    for compared in compare_fields(columns):
        wanted = columns[compared.column]
        if compared.column.endswith("/id") and wanted:
            module, name = wanted.split(".", 1)
            found = known.get(name) if module == XMLID_MODULE else references.id_of(wanted)
            wanted = str(found or "")
        if compared.stored(partner) != wanted:
            return False
    return True


def _by_signature(
    planned: list[tuple[Entry, dict[str, str]]],
) -> dict[tuple[str, ...], list[tuple[Entry, dict[str, str]]]]:
    """Rows giving the same columns share a ``load`` call."""
    groups: dict[tuple[str, ...], list[tuple[Entry, dict[str, str]]]] = {}
    for entry, columns in planned:
        groups.setdefault(tuple(columns), []).append((entry, columns))
    return groups


def _batched(items: Iterator[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _even_chunks(entries: list[Entry], size: int, streams: int) -> list[list[Entry]]:
    """``entries`` cut into the fewest even chunks of at most ``size`` rows whose count is a
    multiple of ``streams`` (fewer when there are fewer rows)."""
    if not entries:
        return []
    count = min(len(entries), math.ceil(math.ceil(len(entries) / size) / streams) * streams)
    step = math.ceil(len(entries) / count)
    return [entries[start : start + step] for start in range(0, len(entries), step)]


def _pending(entry: Entry) -> PendingRow:
    record = entry.record
    return PendingRow(record.source_system, record.key, entry.file, entry.line, entry.content_hash)


def _pushed(entry: Entry, odoo_id: int) -> PushedRow:
    return PushedRow(entry.record.source_system, entry.record.key, entry.content_hash, odoo_id)


def _raw_identity(values: dict[str, object]) -> tuple[str, str] | None:
    """The row's system and key as written, before validation (None when either is blank)."""
    system, key = (str(values.get(name) or "").strip() for name in ("source_system", "key"))
    return (system, key) if system and key else None


def _raw_hash(values: dict[str, object]) -> str:
    """SHA-256 of the row as read: equal rows are equal files' lines, whatever they mean."""
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
