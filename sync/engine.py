"""What every push shares: read → validate → skip what the journal has → push in batches → record.

A job (`Job`, one module per job under ``sync/jobs/``) knows its records: how a row is
validated, which Odoo model and external-id kind it becomes, its load columns, how a record
Odoo holds compares, what it needs loaded before it. `Push` does the rest, the same way for
every job:

- Duplicate keys inside one file: identical rows count once; rows with the same key and
  different content are all set aside (which one is right is the sender's call, not ours).
- Rows absent from a file are never deleted.
- Phases: a job may put rows in phases (`Job.phase`); every batch of a phase is answered
  before the first batch of the next is sent. A row may name another row it needs in Odoo
  first (`Job.prerequisite`, the company of a contact): one whose prerequisite is neither in the
  file nor already in Odoo is set aside, and it follows its prerequisite when that one is set
  aside or left for retry.
- Streams (``streams``, `sync.streams`): the batches of a phase are sent on that many
  gateways (the job's and its forks) at once; answers are recorded on the calling thread only,
  so the journal stays the single-writer resume point it is with one stream.
- A row already pushed with the same content (journal hash) is skipped without a call; a row
  the journal does not know is compared with Odoo (one ``search_read`` per batch) and only a
  row that differs is written, or set aside when the job never rewrites a record (`Job.rewrites`).
- A ``load`` refused by Odoo is rolled back whole: the rows Odoo names are set aside with its
  message and the rest of the call is sent again. A row refused only because its transaction
  clashed with another one (PostgreSQL's serialization failure or deadlock, which ``load``
  reports as a row's error) is sent again with the rest, a few times, then left for retry. A
  call that kept timing out leaves its rows ``failed`` for ``esc-sync retry``; Odoo
  unreachable stops the run (the journal resumes it).
- What Odoo returns for each row (`Job.returned_fields`: a case's radicado and due date) is
  read in the same stream call as its ``load`` and listed in the report.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from .gateway import Gateway, LoadMessage, LoadResult, TransientError
from .journal import Failure, Journal, PendingRow, PushedRow
from .records import RowProblem
from .sources import SourceError, SourceRow, read_rows
from .streams import Streams

#: Module of every external id the sync gives a record.
XMLID_MODULE = "esc_sync"
#: Keeps ``load`` from tracking, logging creation and subscribing: a sync writes data, not news.
LOAD_CONTEXT: Mapping[str, Any] = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
}
Progress = Callable[[int, int], None]
#: External ids asked of ``ir.model.data`` per call.
LOOKUP_CHUNK = 5000
#: Rows read before the journal is asked which of them it holds unchanged (one query or so).
LOOKUP_ROWS = 500
#: Times a row refused for a transaction clash is sent again before it is left for retry.
CLASH_RESENDS = 3
#: PostgreSQL's words for a transaction that lost to a concurrent one (serialization failure,
#: deadlock, lock not available): the row is fine, the moment was not.
CLASH_MESSAGES = ("could not serialize access", "deadlock detected", "could not obtain lock")
T = TypeVar("T")
Planned = tuple["Entry", dict[str, str]]
#: A load's answer, what was read back of its records, and after a refusal the rows' records
#: that Odoo holds by now (external name → id).
Loaded = tuple[LoadResult, list[dict[str, Any]], dict[str, int]]


class KeyedRecord(Protocol):
    """What the engine reads of every job's validated record."""

    @property
    def source_system(self) -> str: ...

    @property
    def key(self) -> str: ...

    @property
    def notes(self) -> tuple[tuple[str, str], ...]: ...


R = TypeVar("R", bound=KeyedRecord)


class UnknownReference(ValueError):
    """A code, key or login Odoo does not know; ``field`` is the record's field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CompareField:
    """How a load column reads back from ``search_read``, to compare without writing."""

    column: str
    field: str
    #: Odoo fields read as booleans that the load columns write as "1"/"0".
    boolean: bool = False

    def stored(self, record: Mapping[str, object]) -> str:
        value = record.get(self.field)
        if isinstance(value, bool):
            return ("1" if value else "0") if self.boolean else ""
        if isinstance(value, list | tuple):  # many2one: [id, name]
            return str(value[0]) if value else ""
        return "" if value is None else str(value)


class Job(ABC, Generic[R]):
    """What one kind of row is to Odoo. Subclasses are small: see ``sync/jobs/``."""

    #: The journal's job and the command's word (``esc-sync push <name>``).
    name: ClassVar[str]
    #: The Odoo model rows are loaded into.
    model: ClassVar[str]
    #: The external id of a row is ``esc_sync.<system>_<kind>_<key>``.
    kind: ClassVar[str]
    load_context: ClassVar[Mapping[str, Any]] = LOAD_CONTEXT
    #: Whether a record Odoo holds with other values is written again (a customer's address) or
    #: the row is set aside (a filed case is the customer's own words, never rewritten).
    rewrites: ClassVar[bool] = True
    #: Fields of each pushed record the report lists (a case's radicado and due date).
    returned_fields: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def validate(self, row: SourceRow) -> R | list[RowProblem]:
        """The row as a record, or one problem per failing field."""

    @abstractmethod
    def columns(self, record: R, odoo_id: int | None) -> dict[str, str]:
        """The load columns and values of one record (``odoo_id`` when Odoo holds it), ``id``
        included; raises `UnknownReference` for a code Odoo does not know (read by `prepare`)."""

    def held_back(self, record: R, odoo_id: int | None) -> list[tuple[str, str]]:
        """(field, why) of the values `columns` leaves out although the row gives them."""
        return []

    @abstractmethod
    def compare_fields(self, columns: Iterable[str]) -> list[CompareField]:
        """The ``search_read`` fields behind load columns (``id`` excepted)."""

    def prepare(self, gateway: Gateway, records: list[R]) -> None:
        """Read what the records name (codes, logins, other records) in a few calls."""

    def phase(self, record: R) -> int:
        """Rows of a lower phase are all answered before a higher phase is sent."""
        return 0

    def prerequisite(self, record: R) -> tuple[str, str, str] | None:
        """(external name, field, value) of a row of this job that must be in Odoo first."""
        return None

    def resolved(self, column: str, wanted: str, known: Mapping[str, int]) -> str:
        """The value of an ``x/id`` column as ``search_read`` shows it (a database id)."""
        module, name = wanted.split(".", 1)
        found = known.get(name) if module == XMLID_MODULE else None
        return str(found or "")

    def external_name(self, record: R) -> str:
        """The ``name`` part of the row's external id (module ``esc_sync``)."""
        return external_name(record.source_system, self.kind, record.key)


def external_name(system: str, kind: str, key: str) -> str:
    """``<system>_<kind>_<key>``, the key lower-cased with every character outside
    ``[a-z0-9_]`` made ``_``; when that changed the key, 8 hex digits of its SHA-1 are appended
    so that ``A-1`` and ``a_1`` never share a record."""
    safe = "".join(c if c in _SAFE else "_" for c in key.lower())
    if safe != key:
        safe = f"{safe}_{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
    return f"{system}_{kind}_{safe}"


_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


@dataclass(frozen=True)
class Entry:
    """A valid row, where it came from and its external name."""

    record: Any
    file: str
    line: int
    content_hash: str
    name: str
    phase: int = 0
    #: (external name, field, value) of the row it needs in Odoo first.
    prerequisite: tuple[str, str, str] | None = None


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
    #: Values taken after a conversion the sender should know of (the record's ``notes``).
    converted: list[RowProblem] = field(default_factory=list)
    #: Values the row gives that were not sent (`Job.held_back`), with why.
    held: list[RowProblem] = field(default_factory=list)
    #: Per pushed or unchanged row, what Odoo holds of it (`Job.returned_fields`).
    returned: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.set_aside or self.retry_later else 0


class Push(Generic[R]):
    """One push of a file through a gateway, for one job.

    A dry run (``dry_run``, or no gateway) sends no write. In the journal it records, as any
    run, the run itself and the rows the file gets wrong (invalid, duplicated: its dead
    letters), never a row as pending, pushed or failed on Odoo's account. With a gateway it
    reads what Odoo holds, as a push would, and counts what the push would create, update and
    leave unchanged; without one it validates and plans.
    """

    def __init__(
        self,
        job: Job[R],
        journal: Journal,
        gateway: Gateway | None,
        batch_size: int = 500,
        progress: Progress | None = None,
        streams: int = 1,
        dry_run: bool = False,
    ) -> None:
        if streams < 1:
            raise ValueError("a push needs at least one stream")
        self.job = job
        self.journal = journal
        self.gateway = gateway
        self.batch_size = batch_size
        self.progress = progress or (lambda done, total: None)
        self.streams = streams
        self.dry_run = dry_run or gateway is None
        self._forks: list[Gateway] = []
        self._retried_names: set[str] = set()
        self._file_names: set[str] = set()
        self._done = self._total = 0
        self._connecting: list[Future[None]] = []
        self._held: list[RowProblem] = []
        self._clashes: dict[str, int] = {}

    def run(self, path: Path, only_keys: set[tuple[str, str]] | None = None) -> PushReport:
        started = time.perf_counter()
        calls_before = self.gateway.rpc_calls if self.gateway else 0
        report = PushReport(
            self.job.name, str(path), dry_run=self.dry_run, compared=self.gateway is not None
        )
        run_id = self.journal.start_run(self.job.name, path)
        self._held = report.held
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
        """Valid rows to push, by phase then line. A row the journal holds as pushed with the
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
            entry = self._entry(item, raw_hash, report)
            if entry is not None:
                record = entry.record
                entries.setdefault((record.source_system, record.key), []).append(entry)
        unique = _without_conflicting_duplicates(entries, skipped, report)
        report.valid = len(unique) + report.unchanged
        self._file_names = {entry.name for entry in unique}
        return sorted(unique, key=lambda entry: (entry.phase, entry.line))

    def _entry(self, item: SourceRow, raw_hash: str, report: PushReport) -> Entry | None:
        checked = self.job.validate(item)
        if isinstance(checked, list):
            report.set_aside.extend(checked)
            return None
        report.converted.extend(
            RowProblem(item.file, item.line, name, text) for name, text in checked.notes
        )
        return Entry(
            checked,
            item.file,
            item.line,
            raw_hash,
            self.job.external_name(checked),
            self.job.phase(checked),
            self.job.prerequisite(checked),
        )

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
                self.job.name,
                ((*identity, raw_hash) for _item, identity, raw_hash in read if identity),
            )
            for item, identity, raw_hash in read:
                yield item, identity, raw_hash, bool(identity) and (*identity, raw_hash) in held

    # Pushing

    def _push(self, run_id: int, entries: list[Entry], report: PushReport) -> None:
        """Read what Odoo already has of the whole file in a few calls, then push in batches,
        phase after phase."""
        assert self.gateway is not None
        self._done, self._total = 0, len(entries)
        self.progress(0, len(entries))
        for connected in self._connecting:
            connected.result()  # raises UnreachableError as a first call would
        try:
            self.job.prepare(self.gateway, [entry.record for entry in entries])
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
        """Each phase's rows (in file order) in batches as even as can be, their count a
        multiple of the streams (so no stream is left with one batch to load alone), none over
        ``batch_size``."""
        phases: dict[int, list[Entry]] = {}
        for entry in entries:
            phases.setdefault(entry.phase, []).append(entry)
        return [
            even_chunks(phases[number], self.batch_size, self.streams) for number in sorted(phases)
        ]

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
        wanted = {f for _e, columns in existing.values() for f in self.job.compare_fields(columns)}
        fields_ = sorted({f.field for f in wanted} | set(self.job.returned_fields))
        domain = [("id", "in", sorted(existing))]
        model = self.job.model

        def compared(answer: Future[list[dict[str, Any]]]) -> None:
            self._compared(run_id, planned, existing, answer, known, report, streams)

        streams.send(
            lambda gateway: gateway.search_read(model, domain, fields_, {"active_test": False}),
            compared,
        )

    def _compared(
        self,
        run_id: int,
        planned: list[Planned],
        existing: dict[int, Planned],
        answer: Future[list[dict[str, Any]]],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        """Drop the rows Odoo already holds as they are, record them as pushed; write the
        rest, or set them aside when the job never rewrites a record."""
        try:
            stored = answer.result()
        except TransientError as error:
            self._retry_later(run_id, report, [entry for entry, _c in planned], str(error))
            return
        same, differing_existing = [], []
        for record in stored:
            entry, columns = existing[record["id"]]
            if self._same(columns, record, known):
                same.append((entry, record))
            else:
                differing_existing.append((entry, record))
        if not self.dry_run:
            self.journal.mark_pushed(run_id, (_pushed(e, r["id"]) for e, r in same))
        report.unchanged += len(same)
        self._return(report, same)
        self._settle(len(same))
        left = {entry.name for entry, _r in same}
        if not self.job.rewrites:
            self._set_aside_entries(
                run_id, report, [(e, self._kept_as_is(e, r)) for e, r in differing_existing]
            )
            left |= {entry.name for entry, _r in differing_existing}
        rest = [(e, c) for e, c in planned if e.name not in left]
        self._write(run_id, rest, known, report, streams)

    def _kept_as_is(self, entry: Entry, stored: Mapping[str, Any]) -> RowProblem:
        shown = " ".join(str(stored.get(name) or "") for name in self.job.returned_fields[:1])
        what = f" as {shown}" if shown.strip() else ""
        reason = (
            f"key '{entry.record.key}' is already in Odoo{what} with other values; the sync "
            "never rewrites it: correct it in Odoo, or send it under a new key"
        )
        return RowProblem(entry.file, entry.line, "key", reason)

    def _same(
        self, columns: dict[str, str], stored: Mapping[str, object], known: dict[str, int]
    ) -> bool:
        for compared in self.job.compare_fields(columns):
            wanted = columns[compared.column]
            if compared.column.endswith("/id") and wanted:
                wanted = self.job.resolved(compared.column, wanted, known)
            if compared.stored(stored) != wanted:
                return False
        return True

    def _write(
        self,
        run_id: int,
        to_write: list[Planned],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        ready = self._with_prerequisite_loaded(run_id, to_write, known, report)
        if self.dry_run:
            self._count_would_write(ready, known, report)
            return
        for group in by_signature(ready).values():
            self._load(run_id, group, known, report, streams)

    def _count_would_write(
        self, ready: list[Planned], known: dict[str, int], report: PushReport
    ) -> None:
        """A dry run's stand-in for loading: what the push would create or update. A record
        it would create is taken as known, so that the rows needing it count as they would go."""
        for entry, _columns in ready:
            if entry.name in known:
                report.updated += 1
            else:
                report.created += 1
                known[entry.name] = 0
        self._settle(len(ready))

    def _with_prerequisite_loaded(
        self,
        run_id: int,
        planned: list[Planned],
        known: dict[str, int],
        report: PushReport,
    ) -> list[Planned]:
        """Rows whose prerequisite is in Odoo; the others follow it: retried with it when it
        was left for retry, set aside when it was set aside."""
        ready, waiting, orphans = [], [], []
        for entry, columns in planned:
            needed = entry.prerequisite
            if not needed or needed[0] in known:
                ready.append((entry, columns))
            elif needed[0] in self._retried_names:
                waiting.append(entry)
            else:
                _name, field_, value = needed
                reason = f"{field_.replace('_', ' ')} '{value}' was set aside in this run"
                orphans.append((entry, RowProblem(entry.file, entry.line, field_, reason)))
        if waiting:
            self._retry_later(run_id, report, waiting, "the row it needs is left for retry")
        self._set_aside_entries(run_id, report, orphans)
        return ready

    def _existing_ids(self, entries: list[Entry]) -> dict[str, int]:
        """Database ids of the rows' external ids and of the rows they need."""
        assert self.gateway is not None
        names = {entry.name for entry in entries}
        names |= {entry.prerequisite[0] for entry in entries if entry.prerequisite}
        return _ids_of_names(self.gateway, self.job.model, names)

    def _columns(
        self, batch: list[Entry], known: dict[str, int]
    ) -> tuple[list[Planned], list[tuple[Entry, RowProblem]]]:
        planned, problems = [], []
        for entry in batch:
            needed = entry.prerequisite
            if needed and needed[0] not in known and needed[0] not in self._file_names:
                _name, field_, value = needed
                reason = f"{field_.replace('_', ' ')} '{value}' is neither in this file nor in Odoo"
                problems.append((entry, RowProblem(entry.file, entry.line, field_, reason)))
                continue
            odoo_id = known.get(entry.name)
            try:
                columns = self.job.columns(entry.record, odoo_id)
            except UnknownReference as error:
                problem = RowProblem(entry.file, entry.line, error.field, str(error))
                problems.append((entry, problem))
                continue
            self._held.extend(
                RowProblem(entry.file, entry.line, name, reason)
                for name, reason in self.job.held_back(entry.record, odoo_id)
            )
            planned.append((entry, columns))
        return planned, problems

    def _load(
        self,
        run_id: int,
        group: list[Planned],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        fields_ = list(group[0][1])
        rows = [[columns[name] for name in fields_] for _entry, columns in group]
        job = self.job

        def load(gateway: Gateway) -> Loaded:
            result = gateway.load(job.model, fields_, rows, job.load_context)
            if result.ids is None:
                names = [entry.name for entry, _columns in group]
                return result, [], _ids_of_names(gateway, job.model, names)
            if not job.returned_fields:
                return result, [], {}
            domain = [("id", "in", result.ids)]
            return result, gateway.search_read(job.model, domain, list(job.returned_fields)), {}

        streams.send(
            load, lambda answer: self._answered(run_id, group, answer, known, report, streams)
        )

    def _answered(
        self,
        run_id: int,
        group: list[Planned],
        answer: Future[Loaded],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        """Record a committed ``load``; after a refusal set the rows Odoo named aside and send
        the rest again. A read-back that timed out after a committed load leaves the rows
        for retry: the next run finds them in Odoo and reads them then. A refused row whose
        record appeared in Odoo meanwhile (a killed run's last call, still running on the
        server when this run looked) is compared with it as any row Odoo holds."""
        try:
            result, returned, appeared = answer.result()
        except TransientError as error:
            self._retry_later(run_id, report, [entry for entry, _c in group], str(error))
            return
        if result.ids is not None:
            self._loaded(run_id, group, result.ids, returned, known, report)
            return
        self._refusal(run_id, group, result, appeared, known, report, streams)

    def _refusal(
        self,
        run_id: int,
        group: list[Planned],
        result: LoadResult,
        appeared: dict[str, int],
        known: dict[str, int],
        report: PushReport,
        streams: Streams,
    ) -> None:
        """A rolled-back ``load``: rows now in Odoo are compared, rows that lost a clash are
        sent again, rows Odoo refused are set aside, rows it did not try are sent again. The
        messages name rows by their index in ``group``."""
        new = {name: odoo_id for name, odoo_id in appeared.items() if name not in known}
        if new:
            known.update(new)
            appeared_entries = [entry for entry, _columns in group if entry.name in new]
            self._push_batch(run_id, appeared_entries, known, report, streams)
        refused = _refused(group, result.messages)
        clashed = {index for index, problem in refused.items() if _clash(problem.reason)}
        clashed_rows = [group[i] for i in sorted(clashed) if group[i][0].name not in new]
        again, spent = self._clashes_to_resend(clashed_rows)
        wrong = [
            (group[i][0], problem)
            for i, problem in refused.items()
            if i not in clashed and group[i][0].name not in new
        ]
        self._set_aside_entries(run_id, report, wrong)
        if spent:
            reason = "Odoo's transaction kept clashing with another one loading at once"
            self._retry_later(run_id, report, spent, reason)
        untried = [
            (e, c) for i, (e, c) in enumerate(group) if i not in refused and e.name not in new
        ]
        if untried or again:
            self._load(run_id, untried + again, known, report, streams)

    def _clashes_to_resend(self, clashed: list[Planned]) -> tuple[list[Planned], list[Entry]]:
        """Rows Odoo refused only because another transaction held what they touched (two
        batches loading at once): sent again, `CLASH_RESENDS` times at most, then left for
        retry. ``load`` is idempotent, so sending again is safe."""
        again, spent = [], []
        for entry, columns in clashed:
            self._clashes[entry.name] = self._clashes.get(entry.name, 0) + 1
            if self._clashes[entry.name] <= CLASH_RESENDS:
                again.append((entry, columns))
            else:
                spent.append(entry)
        return again, spent

    def _loaded(
        self,
        run_id: int,
        group: list[Planned],
        ids: list[int],
        returned: list[dict[str, Any]],
        known: dict[str, int],
        report: PushReport,
    ) -> None:
        loaded = [(entry, odoo_id) for (entry, _c), odoo_id in zip(group, ids, strict=True)]
        self.journal.mark_pushed(run_id, (_pushed(entry, odoo_id) for entry, odoo_id in loaded))
        by_id = {record["id"]: record for record in returned}
        self._return(report, [(e, by_id[odoo_id]) for e, odoo_id in loaded if odoo_id in by_id])
        for entry, odoo_id in loaded:
            if entry.name in known:
                report.updated += 1
            else:
                report.created += 1
                known[entry.name] = odoo_id
        self._settle(len(loaded))

    def _return(self, report: PushReport, rows: list[tuple[Entry, Mapping[str, Any]]]) -> None:
        if not self.job.returned_fields:
            return
        for entry, stored in rows:
            values = {name: _plain(stored.get(name)) for name in self.job.returned_fields}
            report.returned.append(
                {
                    "file": entry.file,
                    "line": entry.line,
                    "source_system": entry.record.source_system,
                    "key": entry.record.key,
                    "id": stored["id"],
                    **values,
                }
            )

    def _settle(self, rows: int) -> None:
        """Count rows whose outcome is recorded (pushed, unchanged, set aside, left for retry)."""
        if rows:
            self._done += rows
            self.progress(self._done, self._total)

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


def _ids_of_names(gateway: Gateway, model: str, names: Iterable[str]) -> dict[str, int]:
    """``name -> database id`` of the sync's external ids among ``names`` (module
    ``esc_sync``), ``LOOKUP_CHUNK`` names per call."""
    ordered = sorted(set(names))
    found = {}
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        rows = gateway.search_read(
            "ir.model.data",
            [
                ("module", "=", XMLID_MODULE),
                ("model", "=", model),
                ("name", "in", ordered[start : start + LOOKUP_CHUNK]),
            ],
            ["name", "res_id"],
        )
        found.update((row["name"], row["res_id"]) for row in rows)
    return found


def _refused(group: list[Planned], messages: list[LoadMessage]) -> dict[int, RowProblem]:
    """The rows a rolled-back ``load`` names; all of them when it names none. A warning on no
    row names none: Odoo stops trying rows one by one after ten errors ("interrupted to avoid
    showing too many errors"), and the rows it did not try are sent again, not set aside."""
    refused: dict[int, RowProblem] = {}
    for message in messages:
        if message.row is None and message.type == "warning":
            continue
        indexes = [message.row] if message.row is not None else range(len(group))
        for index in indexes:
            entry = group[index][0]
            reason = f"Odoo refused the row: {message.message}"
            refused.setdefault(index, RowProblem(entry.file, entry.line, message.field, reason))
    return refused or {
        index: RowProblem(e.file, e.line, None, "Odoo refused the batch without a reason")
        for index, (e, _c) in enumerate(group)
    }


def _clash(reason: str) -> bool:
    return any(words in reason for words in CLASH_MESSAGES)


def by_signature(planned: list[Planned]) -> dict[tuple[str, ...], list[Planned]]:
    """Rows giving the same columns share a ``load`` call."""
    groups: dict[tuple[str, ...], list[Planned]] = {}
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


def even_chunks(entries: list[Entry], size: int, streams: int) -> list[list[Entry]]:
    """``entries`` cut into the fewest even chunks of at most ``size`` rows whose count is a
    multiple of ``streams`` (fewer when there are fewer rows)."""
    if not entries:
        return []
    count = min(len(entries), math.ceil(math.ceil(len(entries) / size) / streams) * streams)
    step = math.ceil(len(entries) / count)
    return [entries[start : start + step] for start in range(0, len(entries), step)]


def _plain(value: object) -> object:
    """A ``search_read`` value as a report shows it: a many2one by its name, False as None."""
    if isinstance(value, list | tuple):
        return value[1] if len(value) > 1 else None
    return None if value is False else value


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
