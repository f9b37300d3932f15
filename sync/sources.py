"""Readers for the files other systems' batch jobs hand over: CSV, JSON Lines and YAML.

Every row comes out with the file and the line it started on, so that a report can send the
sender to the exact place. A bad row never stops the file: it comes out as a `SourceError` and the
next row is read. Only a file that cannot be read at all raises `SourceFileError`.

Decisions:
- CSV: UTF-8 with or without a BOM; the delimiter is `;` when the header line holds more `;` than
  `,`, else `,`. Cells are text; a cell that is empty (or only spaces) becomes None: "no value
  given", never "blank it". Quoted cells may span lines; a row with a broken quote is reported on
  its first line and reading resumes on the line after it, so one stray quote does not swallow
  the rows that follow. A row with fewer cells than the header leaves the missing ones None.
- Each line is decoded on its own, so bytes that are not UTF-8 spoil their row only.
- YAML: scalars are read as text (only `null`/`~`/empty stays None), so a key `007` keeps its
  zeros, a NIT is not turned into an integer and a name `No` is not turned into False; yes/no
  fields are read later by the record validator, as for CSV.
- JSON Lines: one object per line; blank lines are skipped; a key given twice is an error.

Memory stays flat: CSV and JSON Lines are streamed line by line, and a CSV row whose cell outgrows
`MAX_CELL_BYTES` is scanned to its end without being kept. YAML is parsed as a whole document.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar

import yaml

MAX_CELL_BYTES = 1_000_000

CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
YAML_SUFFIXES = (".yaml", ".yml")

_BOM = b"\xef\xbb\xbf"

# The csv module refuses fields over 131,072 characters by default; the limit this module
# enforces itself (and reports per field) is MAX_CELL_BYTES, so the csv one is only widened.
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_BYTES + 1))


@dataclass(frozen=True)
class SourceRow:
    """One row as read: its values keyed by column, before any validation."""

    file: str
    line: int
    values: dict[str, object]


@dataclass(frozen=True)
class SourceError:
    """A row that could not be read; the rest of the file goes on."""

    file: str
    line: int
    field: str | None
    reason: str


class SourceFileError(Exception):
    """The file as a whole cannot be read (missing, unknown type, no header, YAML unparsable)."""


def read_rows(path: Path) -> Iterator[SourceRow | SourceError]:
    """Yield every row of `path`, choosing the reader by its extension.

    A missing file or an unknown extension raises at once; a CSV without header or YAML that
    does not parse raises on the first `next()`; problems of single rows are yielded.
    """
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        reader = _read_csv
    elif suffix in JSONL_SUFFIXES:
        reader = _read_jsonl
    elif suffix in YAML_SUFFIXES:
        reader = _read_yaml
    else:
        known = ", ".join(CSV_SUFFIXES + JSONL_SUFFIXES + YAML_SUFFIXES)
        raise SourceFileError(f"{path}: unknown file type '{path.suffix}' (use {known})")
    if not path.is_file():
        raise SourceFileError(f"{path}: no such file")
    return reader(path)


# Lines -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    number: int
    offset: int
    end: int
    text: str
    undecodable: str | None = None


class _Lines:
    """Physical lines of a binary file, each decoded on its own; can go back to a line."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._number = 0
        self._offset = 0

    def next(self) -> _Line | None:
        raw = self._stream.readline()
        if not raw:
            return None
        self._number += 1
        start = self._offset
        self._offset += len(raw)
        if start == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        try:
            return _Line(self._number, start, self._offset, raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            reason = (
                f"line {self._number} is not UTF-8: byte 0x{raw[exc.start]:02x} at byte "
                f"{exc.start + 1} of the line (save the file as UTF-8)"
            )
            return _Line(self._number, start, self._offset, raw.decode("utf-8", "replace"), reason)

    def resume_after(self, line: _Line) -> None:
        """Read again from the line that follows `line`."""
        self._stream.seek(line.end)
        self._number = line.number
        self._offset = line.end


def _too_big(size: int) -> str:
    return f"value is {size:,} bytes; at most {MAX_CELL_BYTES:,} allowed"


# CSV ---------------------------------------------------------------------------------------


class _CellScanner:
    """Follows CSV quoting across lines to find where a record ends and how big its cells grow.

    It mirrors the csv module's rules (a quote opens a quoted cell only as the cell's first
    character; `""` inside is a quote) without keeping any text.
    """

    def __init__(self, delimiter: str) -> None:
        self.delimiter = delimiter
        self.inside_quotes = False
        self.cell = 0
        self.oversized_cell: int | None = None
        self.oversized_bytes = 0
        self._at_cell_start = True
        self._cell_bytes = 0

    def feed(self, text: str) -> None:
        if self._is_plain_line(text):
            self.cell = text.count(self.delimiter)
            return
        pos, end = 0, len(text)
        while pos < end:
            if self.inside_quotes:
                pos = self._scan_quoted(text, pos)
            elif self._at_cell_start and text[pos] == '"':
                self.inside_quotes, self._at_cell_start = True, False
                pos += 1
            else:
                pos = self._scan_unquoted(text, pos)

    def _is_plain_line(self, text: str) -> bool:
        """A whole record on one line without quotes, too short for any cell to be oversized:
        nothing to follow, so the common line costs one search instead of a walk per cell."""
        return (
            self.cell == 0
            and self._at_cell_start
            and not self.inside_quotes
            and len(text) * 4 <= MAX_CELL_BYTES
            and '"' not in text
        )

    def _scan_quoted(self, text: str, pos: int) -> int:
        quote = text.find('"', pos)
        if quote < 0:
            self._grow(text[pos:])
            return len(text)
        if text.startswith('""', quote):
            self._grow(text[pos : quote + 1])
            return quote + 2
        self._grow(text[pos:quote])
        self.inside_quotes = False
        return quote + 1

    def _scan_unquoted(self, text: str, pos: int) -> int:
        self._at_cell_start = False
        delimiter = text.find(self.delimiter, pos)
        if delimiter < 0:
            self._grow(text[pos:].rstrip("\r\n"))
            return len(text)
        self._grow(text[pos:delimiter])
        self.cell += 1
        self._cell_bytes = 0
        self._at_cell_start = True
        return delimiter + 1

    def _grow(self, piece: str) -> None:
        self._cell_bytes += len(piece.encode("utf-8"))
        if self._cell_bytes > MAX_CELL_BYTES and self.oversized_cell is None:
            self.oversized_cell = self.cell
            self.oversized_bytes = self._cell_bytes


@dataclass
class _Record:
    """The physical lines of one CSV record (dropped once a cell is too big to keep)."""

    first: _Line
    texts: list[str] | None
    scanner: _CellScanner
    undecodable: str | None = None
    lines: int = 1

    @property
    def closed(self) -> bool:
        return not self.scanner.inside_quotes


def _next_record(lines: _Lines, delimiter: str) -> _Record | None:
    first = lines.next()
    if first is None:
        return None
    scanner = _CellScanner(delimiter)
    record = _Record(first, [], scanner, first.undecodable)
    line: _Line | None = first
    while line is not None:
        scanner.feed(line.text)
        if record.texts is not None:
            record.texts.append(line.text)
            if scanner.oversized_cell is not None:
                record.texts = None
        if record.closed:
            break
        line = lines.next()
        if line is not None:
            record.lines += 1
            record.undecodable = record.undecodable or line.undecodable
    return record


def _parse_record(record: _Record, delimiter: str) -> list[str]:
    """The cells of a closed, kept record; raises csv.Error on broken quoting."""
    rows = list(csv.reader(record.texts or [], delimiter=delimiter, strict=True))
    if len(rows) != 1:
        raise csv.Error(f"{len(rows)} records where one was expected")
    return rows[0]


def _sniff_delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _read_header(path: Path, lines: _Lines) -> tuple[list[str], str]:
    first = lines.next()
    if first is None or not first.text.strip():
        raise SourceFileError(f"{path}: CSV without header (the first line must name the columns)")
    if first.undecodable:
        raise SourceFileError(f"{path}: header {first.undecodable}")
    delimiter = _sniff_delimiter(first.text)
    try:
        rows = list(csv.reader([first.text], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise SourceFileError(f"{path}: header line is not valid CSV: {exc}") from exc
    names = [name.strip() for name in rows[0]] if rows else []
    _check_header(path, names)
    return names, delimiter


def _check_header(path: Path, names: list[str]) -> None:
    if not names:
        raise SourceFileError(f"{path}: CSV without header")
    for position, name in enumerate(names, start=1):
        if not name:
            raise SourceFileError(f"{path}: header column {position} has no name")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise SourceFileError(f"{path}: header names {', '.join(duplicates)} more than once")


def _read_csv(path: Path) -> Iterator[SourceRow | SourceError]:
    with path.open("rb") as stream:
        lines = _Lines(stream)
        header, delimiter = _read_header(path, lines)
        while (record := _next_record(lines, delimiter)) is not None:
            if record.lines == 1 and not record.first.text.strip():
                continue
            yield _csv_row(str(path), record, header, delimiter, lines)


def _csv_row(
    file: str, record: _Record, header: list[str], delimiter: str, lines: _Lines
) -> SourceRow | SourceError:
    line = record.first.number
    if not record.closed:
        lines.resume_after(record.first)
        return SourceError(file, line, None, "broken CSV quoting: a quote opened here never closes")
    if record.scanner.oversized_cell is not None:
        return SourceError(
            file,
            line,
            _column(header, record.scanner.oversized_cell),
            _too_big(record.scanner.oversized_bytes),
        )
    try:
        cells = _parse_record(record, delimiter)
    except csv.Error as exc:
        if record.lines > 1:
            lines.resume_after(record.first)
        return SourceError(file, line, None, _quoting_reason(exc))
    if len(cells) > len(header):
        reason = f"row has {len(cells)} cells but the header names {len(header)} columns"
        return SourceError(file, line, None, reason)
    if record.undecodable:
        return SourceError(file, line, _undecodable_column(header, cells), record.undecodable)
    values: dict[str, object] = dict.fromkeys(header)
    values.update(
        (name, cell if cell.strip() else None) for name, cell in zip(header, cells, strict=False)
    )
    return SourceRow(file, line, values)


def _quoting_reason(exc: csv.Error) -> str:
    if "expected after" in str(exc):
        return (
            "broken CSV quoting: text follows a closing quote; a quote inside a quoted cell "
            'must be doubled ("")'
        )
    if "new-line character" in str(exc):
        return "a carriage return inside a cell that is not quoted (quote the cell)"
    return f"broken CSV quoting: {exc}"


def _column(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else f"cell {index + 1} (beyond the header)"


def _undecodable_column(header: list[str], cells: list[str]) -> str | None:
    """The first column whose cell holds the bytes that could not be decoded."""
    for name, cell in zip(header, cells, strict=False):
        if "\ufffd" in cell:
            return name
    return None


# JSON Lines --------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _read_jsonl(path: Path) -> Iterator[SourceRow | SourceError]:
    file = str(path)
    with path.open("rb") as stream:
        lines = _Lines(stream)
        while (line := lines.next()) is not None:
            if line.undecodable:
                yield SourceError(file, line.number, None, line.undecodable)
            elif line.text.strip():
                yield _json_row(file, line)


def _json_row(file: str, line: _Line) -> SourceRow | SourceError:
    try:
        value = json.loads(line.text.rstrip("\r\n"), object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        return SourceError(file, line.number, str(exc), f"key '{exc}' is given twice")
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at column {exc.colno}"
        return SourceError(file, line.number, None, reason)
    if not isinstance(value, dict):
        what = type(value).__name__
        return SourceError(file, line.number, None, f"a JSON {what}, not an object")
    return _checked_row(file, line.number, value)


def _checked_row(file: str, line: int, values: dict[str, object]) -> SourceRow | SourceError:
    """The row, or an error naming its first value over MAX_CELL_BYTES."""
    for key, value in values.items():
        size = _size(value)
        if size > MAX_CELL_BYTES:
            return SourceError(file, line, key, _too_big(size))
    return SourceRow(file, line, values)


def _size(value: object) -> int:
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    return len(json.dumps(value, ensure_ascii=False, default=str).encode("utf-8"))


# YAML --------------------------------------------------------------------------------------

_TYPED_SCALARS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


class _TextScalarLoader(yaml.SafeLoader):
    """SafeLoader that leaves plain scalars as text, except null."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _TYPED_SCALARS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _read_yaml(path: Path) -> Iterator[SourceRow | SourceError]:
    with path.open("rb") as stream:
        loader = _TextScalarLoader(stream)
        try:
            try:
                root = loader.get_single_node()
            except yaml.YAMLError as exc:
                raise SourceFileError(f"{path}: not valid YAML: {exc}") from exc
            for item in _yaml_items(path, root):
                yield _yaml_row(str(path), loader, item)
        finally:
            loader.dispose()


def _yaml_items(path: Path, root: yaml.Node | None) -> list[yaml.Node]:
    """The customer nodes: a top-level list, or the list under a top-level `customers:`."""
    if root is None:
        return []
    if isinstance(root, yaml.MappingNode):
        lists = [value for key, value in root.value if key.value == "customers"]
        if not lists:
            raise SourceFileError(f"{path}: a top-level mapping must hold a 'customers:' list")
        root = lists[0]
        if isinstance(root, yaml.ScalarNode) and root.tag == "tag:yaml.org,2002:null":
            return []
    if not isinstance(root, yaml.SequenceNode):
        raise SourceFileError(
            f"{path}: expected a list of customers (or a mapping with a 'customers:' list)"
        )
    return list(root.value)


def _yaml_row(file: str, loader: yaml.SafeLoader, item: yaml.Node) -> SourceRow | SourceError:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        kind = "list" if isinstance(item, yaml.SequenceNode) else f"value '{item.value:.60}'"
        return SourceError(file, line, None, f"item is a {kind}, not a mapping of fields")
    duplicate = _duplicate_key(item)
    if duplicate is not None:
        return SourceError(file, line, duplicate, f"key '{duplicate}' is given twice")
    try:
        values = loader.construct_object(item, deep=True)
    except yaml.YAMLError as exc:
        return SourceError(file, line, None, f"item cannot be read: {exc}")
    odd_keys = [key for key in values if not isinstance(key, str)]
    if odd_keys:
        return SourceError(file, line, str(odd_keys[0]), f"key {odd_keys[0]!r} is not a name")
    return _checked_row(file, line, values)


def _duplicate_key(item: yaml.MappingNode) -> str | None:
    seen: set[str] = set()
    for key, _value in item.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                return key.value
            seen.add(key.value)
    return None
