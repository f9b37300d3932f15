"""Pulls: what Odoo decided, for the systems that track it (``esc-sync pull <what>``).

Decisions:

- ``--since T`` is a moment with its zone, as every timestamp the sync reads; the pull returns
  the records changed at or after it (Odoo's ``write_date``), oldest first. A record changed
  exactly at ``T`` comes again in the next pull from ``T``: consumers key rows by
  ``source_system`` and ``key`` and keep the last, so a repeated row is harmless, and a record
  is never missed between two pulls. The summary prints the ``--since`` for the next pull.
- Pages of `PAGE` records by id (``("id", ">", last)``): a record changed while the pull runs
  is read in its state at that page, or comes in the next pull.
- The file is written whole or not at all: rows go to a temporary file beside it, renamed over
  it at the end. JSON Lines by default, CSV when the file name ends in ``.csv``.
- Every moment written is UTC in ISO 8601 with ``Z``; dates are plain ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from .gateway import Gateway
from .journal import Journal

PAGE = 2000
#: Odoo's datetime format, in UTC, as ``load`` reads it and ``search_read`` gives it.
ODOO_DATETIME = "%Y-%m-%d %H:%M:%S"


@dataclass
class PullReport:
    job: str
    since: str
    out: str
    rows: int = 0
    #: The latest change written: the ``--since`` of the next pull.
    next_since: str | None = None
    rpc_calls: int = 0
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 0


class Pull(ABC):
    """One kind of record read back: its model, which ones, and the row each becomes."""

    name: ClassVar[str]
    model: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]
    #: Output columns, in order.
    columns: ClassVar[tuple[str, ...]]

    @abstractmethod
    def domain(self) -> list[Any]:
        """Which records of the model are this pull's (the changed-since test is added)."""

    def __init__(self, journal: Journal | None = None) -> None:
        #: The sync's journal, when there is one: what it pushed names Odoo's records.
        self.journal = journal

    @abstractmethod
    def row(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """The output row of one record, with every column of `columns`."""

    def rows(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The output rows of a page of records (a pull that looks something up per page
        overrides this)."""
        return [self.row(record) for record in records]


def run_pull(pull: Pull, gateway: Gateway, since: datetime, out: Path) -> PullReport:
    """Write every record of ``pull`` changed at or after ``since`` to ``out``."""
    started = time.perf_counter()
    calls_before = gateway.rpc_calls
    report = PullReport(pull.name, utc_text(since), str(out))
    rows = _changed(pull, gateway, since.astimezone(timezone.utc).strftime(ODOO_DATETIME))
    latest = _write_atomically(out, pull.columns, rows, report)
    report.next_since = latest
    report.rpc_calls = gateway.rpc_calls - calls_before
    report.seconds = time.perf_counter() - started
    return report


def _changed(pull: Pull, gateway: Gateway, since: str) -> Iterator[tuple[dict[str, Any], str]]:
    domain = [*pull.domain(), ("write_date", ">=", since)]
    fields = sorted({*pull.fields, "write_date"})
    last = 0
    while True:
        page = gateway.search_read(
            pull.model, [*domain, ("id", ">", last)], fields, {"active_test": False}, PAGE
        )
        for row, record in zip(pull.rows(page), page, strict=True):
            yield row, str(record["write_date"])
        if len(page) < PAGE:
            return
        last = page[-1]["id"]


def _write_atomically(
    out: Path,
    columns: Sequence[str],
    rows: Iterator[tuple[dict[str, Any], str]],
    report: PullReport,
) -> str | None:
    """Rows to a temporary file beside ``out``, renamed over it once all are written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    latest: str | None = None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write = _csv_writer(stream, columns) if out.suffix == ".csv" else _jsonl_writer(stream)
            for row, changed in rows:
                write(row)
                report.rows += 1
                latest = max(latest or changed, changed)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return odoo_utc_text(latest) if latest else None


def _jsonl_writer(stream: Any) -> Any:
    def write(row: dict[str, Any]) -> None:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")

    return write


def _csv_writer(stream: Any, columns: Sequence[str]) -> Any:
    writer = csv.DictWriter(stream, fieldnames=list(columns))
    writer.writeheader()

    def write(row: dict[str, Any]) -> None:
        writer.writerow({name: _csv_cell(value) for name, value in row.items()})

    return write


def _csv_cell(value: object) -> object:
    """None as an empty cell; a mapping or a list as its JSON text."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def odoo_utc_text(value: object) -> str | None:
    """Odoo's ``YYYY-MM-DD HH:MM:SS`` (UTC) as ISO 8601 with ``Z``; None for an empty value."""
    if not value:
        return None
    return str(value).replace(" ", "T") + "Z"


def odoo_date(value: object) -> str | None:
    return str(value) if value else None


def many2one_name(value: object) -> str | None:
    return str(value[1]) if isinstance(value, list | tuple) and len(value) > 1 else None
