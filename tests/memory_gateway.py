"""An Odoo in memory that honours the `sync.gateway.Gateway` contract, for the tests.

It lives with the tests, not in the installed package: the CLI's tests inject it through
``main(..., gateway_factory=...)``.

What it models, as Odoo 18 does it:

- ``load``: the column ``id`` is an external id (create, or update the record it names, even
  when that record is archived). ``x/id`` refers to a record by external id, and so may a
  record made earlier in the same call. ``x/.id`` refers to one by database id. An external id
  without a module is read as ``__import__.<name>``. Values are converted as Odoo converts
  them: an empty cell is False, booleans accept 1/0/true/false/yes/no, selections accept the
  key or the label in any case. Any refused row rolls the whole call back: ``ids`` is None,
  and every refused row gets a message with its index and field. Database ids are not given
  back on a rollback (PostgreSQL sequences aren't either).
- A column naming an unknown field fails the whole call with `GatewayError`, as Odoo's
  ``ValueError('Invalid field name ...')`` does.
- ``search_read``: leaves with ``=``, ``!=``, ``in``, ``not in``, ``>`` and ``>=`` (on
  stored values; an empty one is never greater), dotted paths through
  many2one fields, prefix ``&``, ``|`` and ``!``, an implicit ``&``. ``active_test`` is
  honoured: by default only active records are read, unless the domain itself names
  ``active``. Many2one values come back as ``[id, name]``. ``ir.model.data`` can be read.
- Faults: `MemoryGateway.fail_next` makes the next calls raise, either before anything is
  applied or after the load is committed (a timeout on a call that went through).
- Threads: `MemoryGateway.fork` gives a gateway on the same records, calls and faults; a lock
  makes each call atomic, as Odoo's transaction does, and every fork counts into one total.

What it does NOT model. These are refused with `GatewayError`, so that it never differs from
Odoo in silence: ``.id`` as a column, a many2one by name (``country_id`` without ``/id``),
one2many and many2many columns, domain operators other than those above, and a model not
declared. These are simply absent: ``create``/``write``/``unlink``, access rights, record
rules, ``noupdate`` and the ``mode``/``module`` context keys, computed fields and onchanges
(``commercial_partner_id``, the company's fields copied to its contacts), display names
beyond ``name``, and any order other than by id. It also differs from Odoo in a few ways.
Odoo stops its row by row retry after 10 database errors; here every row is reported. A row
with fewer cells than fields is refused here, where Odoo would read the missing cells as
empty. The same external id twice in one call updates the first record here. The messages
are Odoo's own words only for the cases listed above.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sync.gateway import GatewayError, LoadMessage, LoadResult, TransientError

FieldKind = Literal["char", "boolean", "integer", "selection", "many2one"]
IMPORT_MODULE = "__import__"
TRUE_WORDS = frozenset({"1", "true", "yes"})
FALSE_WORDS = frozenset({"", "0", "false", "no"})
LEAF_OPERATORS = frozenset({"=", "!=", "in", "not in", ">", ">="})
IR_MODEL_DATA = "ir.model.data"


@dataclass(frozen=True)
class FieldSpec:
    """One declared field: its kind, its label (Odoo names fields by label in messages).

    ``constraint`` is for a requirement Odoo enforces with an SQL constraint rather than NOT
    NULL: its message, which Odoo reports on no field (``res.partner.name``).
    """

    kind: FieldKind
    label: str
    required: bool = False
    comodel: str | None = None
    selection: tuple[tuple[str, str], ...] = ()
    default: Any = False
    constraint: str | None = None


def char(label: str, *, required: bool = False, constraint: str | None = None) -> FieldSpec:
    return FieldSpec("char", label, required=required or bool(constraint), constraint=constraint)


def boolean(label: str, *, default: bool = False) -> FieldSpec:
    return FieldSpec("boolean", label, default=default)


def many2one(comodel: str, label: str, *, required: bool = False) -> FieldSpec:
    return FieldSpec("many2one", label, required=required, comodel=comodel)


STAKEHOLDER_GROUPS = (
    ("customer", "Customer"),
    ("distributor", "Distributor"),
    ("supplier", "Supplier"),
    ("employee", "Employee"),
    ("shareholder", "Shareholder"),
    ("community", "Community"),
    ("authority", "Authority"),
)

Schema = Mapping[str, Mapping[str, FieldSpec]]

DEFAULT_SCHEMA: Schema = {
    "res.partner": {
        "name": char("Name", constraint="'Contacts require a name'"),
        "is_company": boolean("Is a Company"),
        "parent_id": many2one("res.partner", "Related Company"),
        "vat": char("Tax ID"),
        "email": char("Email"),
        "phone": char("Phone"),
        "mobile": char("Mobile"),
        "street": char("Street"),
        "city": char("City"),
        "state_id": many2one("res.country.state", "State"),
        "country_id": many2one("res.country", "Country"),
        "esc_segment_id": many2one("esc.segment", "Segment"),
        "esc_market": char("Market"),
        "esc_stakeholder_group": FieldSpec(
            "selection", "Stakeholder Group", selection=STAKEHOLDER_GROUPS, default="customer"
        ),
        "user_id": many2one("res.users", "Salesperson"),
        "active": boolean("Active", default=True),
        "esc_erp_held_fields": char("Held for the ERP"),
    },
    "res.country": {"name": char("Country Name", required=True), "code": char("Country Code")},
    "res.country.state": {
        "name": char("State Name", required=True),
        "code": char("State Code", required=True),
        "country_id": many2one("res.country", "Country", required=True),
    },
    "esc.segment": {
        "name": char("Name", required=True),
        "code": char("Code", required=True),
        "active": boolean("Active", default=True),
    },
    "res.users": {
        "name": char("Name", required=True),
        "login": char("Login", required=True),
        "active": boolean("Active", default=True),
    },
    IR_MODEL_DATA: {
        "module": char("Module", required=True),
        "name": char("External Identifier", required=True),
        "model": char("Model Name", required=True),
        "res_id": FieldSpec("integer", "Record ID"),
        "complete_name": char("Complete ID"),
    },
}


@dataclass(frozen=True)
class Call:
    """One call the gateway received, for tests that check what the engine sent."""

    method: str
    model: str
    fields: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    domain: tuple[Any, ...] = ()


@dataclass(frozen=True)
class _Fault:
    error: GatewayError
    after_commit: bool


@dataclass(frozen=True)
class _Column:
    """A load column: ``field`` and how its cells are read (value, ``id`` or ``.id`` ref)."""

    field: str
    ref: str = ""


@dataclass
class _Load:
    """One load call in progress: its messages and how to undo what it did.

    As in Odoo, the conversion messages of every row come first, then those of the writes.
    """

    converting: list[LoadMessage] = field(default_factory=list)
    writing: list[LoadMessage] = field(default_factory=list)
    undo: list[Callable[[], None]] = field(default_factory=list)

    @property
    def messages(self) -> list[LoadMessage]:
        return self.converting + self.writing

    def refuse_cell(self, row: int, field_name: str, message: str) -> None:
        self.converting.append(LoadMessage(row=row, field=field_name, message=message))

    def refuse_write(self, row: int, field_name: str | None, message: str) -> None:
        self.writing.append(LoadMessage(row=row, field=field_name, message=message))


class MemoryGateway:
    """Records per model, external ids, a declared schema, and injected faults."""

    def __init__(self, schema: Schema | None = None) -> None:
        self._schema: dict[str, dict[str, FieldSpec]] = {
            model: dict(fields) for model, fields in (schema or DEFAULT_SCHEMA).items()
        }
        self._schema.setdefault(IR_MODEL_DATA, dict(DEFAULT_SCHEMA[IR_MODEL_DATA]))
        self._records: dict[str, dict[int, dict[str, Any]]] = {m: {} for m in self._schema}
        self._next_id: dict[str, int] = {m: 1 for m in self._schema}
        self._xids: dict[str, int] = {}  # complete external id -> ir.model.data id
        self._faults: deque[_Fault] = deque()
        self._rpc_calls = 0
        self._lock = threading.RLock()
        self._on_create: dict[str, Callable[[dict[str, Any]], Mapping[str, Any]]] = {}
        self.calls: list[Call] = []

    # -- set-up and inspection (no RPC) ----------------------------------------------------

    def declare(self, model: str, fields: Mapping[str, FieldSpec]) -> None:
        """Add a model, or fields to a declared one."""
        self._schema.setdefault(model, {}).update(fields)
        self._records.setdefault(model, {})
        self._next_id.setdefault(model, 1)

    def on_create(self, model: str, fill: Callable[[dict[str, Any]], Mapping[str, Any]]) -> None:
        """Values Odoo computes when a ``load`` creates a record of ``model`` (a radicado):
        ``fill`` gets the new record's values and returns those to add."""
        self._on_create[model] = fill

    def seed(self, model: str, values: Mapping[str, Any], xid: str | None = None) -> int:
        """Store a record as given (Python values, many2one as an id); returns its id."""
        fields = self._fields_of(model)
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise ValueError(f"{model} has no field {', '.join(unknown)}")
        record_id = self._insert(model, {**self._defaults(model), **values})
        if xid:
            self._add_xid(_complete(xid), model, record_id)
        return record_id

    def seed_update(self, model: str, record_id: int, **values: Any) -> None:
        """Change a stored record as someone in Odoo would (no RPC)."""
        unknown = sorted(set(values) - set(self._fields_of(model)))
        if unknown:
            raise ValueError(f"{model} has no field {', '.join(unknown)}")
        self._table(model)[record_id].update(values)

    def records(self, model: str) -> list[dict[str, Any]]:
        """Every record of ``model``, archived ones included, as stored (copies)."""
        return [dict(values) for values in self._table(model).values()]

    def record(self, model: str, record_id: int) -> dict[str, Any]:
        return dict(self._table(model)[record_id])

    def ref(self, xid: str) -> tuple[str, int] | None:
        """(model, id) of an external id, None when unknown."""
        data_id = self._xids.get(_complete(xid))
        if data_id is None:
            return None
        data = self._records[IR_MODEL_DATA][data_id]
        return data["model"], data["res_id"]

    def fail_next(
        self,
        count: int = 1,
        error: type[GatewayError] | GatewayError = TransientError,
        *,
        after_commit: bool = False,
    ) -> None:
        """The next ``count`` calls raise ``error``. With ``after_commit`` a load is applied
        first (the "timed out, but Odoo committed it" case)."""
        instance = error if isinstance(error, GatewayError) else error(f"injected {error.__name__}")
        self._faults.extend(_Fault(instance, after_commit) for _ in range(count))

    # -- the contract ----------------------------------------------------------------------

    @property
    def rpc_calls(self) -> int:
        return self._rpc_calls

    def fork(self) -> MemoryGatewayFork:
        return MemoryGatewayFork(self)

    def connect(self) -> None:
        """Nothing to reach: no call is made or counted."""

    def load(
        self,
        model: str,
        fields: Sequence[str],
        rows: Sequence[Sequence[str]],
        context: Mapping[str, Any] | None = None,
    ) -> LoadResult:
        with self._lock:
            self.calls.append(Call("load", model, tuple(fields), tuple(tuple(r) for r in rows)))
            fault = self._receive()
            try:
                result = self._load(model, list(fields), rows)
            except GatewayError as error:
                raise GatewayError(f"{model}.load: {error}") from None
        if fault:
            raise fault.error
        return result

    def search_read(
        self,
        model: str,
        domain: Sequence[Any],
        fields: Sequence[str],
        context: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        with self._lock:
            self.calls.append(Call("search_read", model, tuple(fields), domain=tuple(domain)))
            fault = self._receive()
            try:
                found = self._search_read(model, domain, fields, context or {})[:limit]
            except GatewayError as error:
                raise GatewayError(f"{model}.search_read: {error}") from None
        if fault:
            raise fault.error
        return found

    # -- calls -----------------------------------------------------------------------------

    def _receive(self) -> _Fault | None:
        """Count the call; raise a fault due now, or return one due after the call."""
        self._rpc_calls += 1
        if not self._faults:
            return None
        fault = self._faults.popleft()
        if not fault.after_commit:
            raise fault.error
        return fault

    def _load(self, model: str, fields: list[str], rows: Sequence[Sequence[str]]) -> LoadResult:
        if model == IR_MODEL_DATA:
            raise GatewayError("MemoryGateway does not model load() on ir.model.data")
        columns = [self._column(model, name) for name in fields]
        for index, row in enumerate(rows):
            if len(row) != len(columns):
                raise GatewayError(
                    f"row {index} has {len(row)} cells for {len(columns)} fields "
                    "(Odoo would read the missing ones as empty)"
                )
        call = _Load()
        ids = [self._load_row(model, columns, row, index, call) for index, row in enumerate(rows)]
        if any(message.type == "error" for message in call.messages):
            for undo in reversed(call.undo):
                undo()
            return LoadResult(ids=None, messages=call.messages)
        return LoadResult(ids=ids, messages=call.messages)

    def _column(self, model: str, name: str) -> _Column:
        """Parse a load column as Odoo does (``x:id`` is ``x/id``, ``x.id`` is ``x/.id``)."""
        path = re.sub(r"([^/]):id", r"\1/id", re.sub(r"([^/])\.id", r"\1/.id", name)).split("/")
        fields = self._fields_of(model)
        if path == ["id"]:
            return _Column("id")
        if path[0] == ".id":
            raise GatewayError("MemoryGateway does not model the .id column")
        if path[0] not in fields:
            raise GatewayError(f"Invalid field name {path[0]!r}")
        spec = fields[path[0]]
        if spec.kind == "many2one" and len(path) == 2 and path[1] in ("id", ".id"):
            return _Column(path[0], path[1])
        if spec.kind != "many2one" and len(path) == 1:
            return _Column(path[0])
        raise GatewayError(f"MemoryGateway does not model the column {name!r} on {model}")

    def _load_row(
        self, model: str, columns: list[_Column], row: Sequence[str], index: int, call: _Load
    ) -> int:
        xid = ""
        values: dict[str, Any] = {}
        cells = sorted(zip(columns, row, strict=True), key=lambda pair: bool(pair[0].ref))
        for column, cell in cells:  # plain values first, then references, as Odoo converts
            if column.field == "id":
                xid = _complete(cell) if cell else ""
                continue
            try:
                values[column.field] = self._convert(model, column, cell)
            except ValueError as error:
                call.refuse_cell(index, column.field, str(error))
        return self._write(model, xid, values, index, call)

    def _convert(self, model: str, column: _Column, cell: str) -> Any:
        """A cell as Odoo's ``ir.fields.converter`` reads it; ValueError with Odoo's words."""
        spec = self._fields_of(model)[column.field]
        if not cell:
            return False
        if column.ref == "id":
            return self._xid_target(spec, cell)
        if column.ref == ".id":
            return self._dbid_target(spec, cell)
        if spec.kind == "boolean":
            return _boolean(spec, cell)
        if spec.kind == "integer":
            try:
                return int(cell)
            except ValueError:
                raise ValueError(
                    f"'{cell}' does not seem to be an integer for field '{spec.label}'"
                ) from None
        if spec.kind == "selection":
            return _selection(spec, cell)
        return cell

    def _xid_target(self, spec: FieldSpec, cell: str) -> int | bool:
        if cell.lower() in FALSE_WORDS:
            return False
        found = self.ref(cell)
        if found is None or found[1] not in self._records[found[0]]:
            raise ValueError(
                f"No matching record found for external id '{cell}' in field '{spec.label}'"
            )
        if found[0] != spec.comodel:
            raise ValueError(
                f"Invalid external ID {_complete(cell)}: "
                f"expected model {spec.comodel!r}, found {found[0]!r}"
            )
        return found[1]

    def _dbid_target(self, spec: FieldSpec, cell: str) -> int | bool:
        if cell.lower() in FALSE_WORDS:
            return False
        try:
            record_id = int(cell)
        except ValueError:
            raise ValueError(f"Invalid database id '{cell}' for the field '{spec.label}'") from None
        if record_id not in self._records[spec.comodel or ""]:
            raise ValueError(
                f"No matching record found for database id '{cell}' in field '{spec.label}'"
            )
        return record_id

    def _write(self, model: str, xid: str, values: dict[str, Any], index: int, call: _Load) -> int:
        """Create or update the row's record; record how to undo it."""
        target = self.ref(xid) if xid else None
        if target and target[0] != model:
            call.refuse_write(
                index,
                None,
                f"For external id {xid} when trying to create/update a record of model {model} "
                f"found record of different model {target[0]}",
            )
            return 0
        table = self._records[model]
        if target and target[1] in table:
            record_id = target[1]
            before = dict(table[record_id])
            table[record_id].update(values)
            call.undo.append(lambda: table.__setitem__(record_id, before))
        else:
            record_id = self._insert(model, {**self._defaults(model), **values})
            if model in self._on_create:
                table[record_id].update(self._on_create[model](dict(table[record_id])))
            call.undo.append(lambda: table.pop(record_id))
            if xid:
                call.undo.append(self._add_xid(xid, model, record_id))
        self._check_required(model, table[record_id], index, call)
        return record_id

    def _check_required(self, model: str, values: dict[str, Any], index: int, call: _Load) -> None:
        for name, spec in self._fields_of(model).items():
            if not spec.required or values.get(name) not in (False, None, ""):
                continue
            if spec.constraint:
                call.refuse_write(index, None, spec.constraint)
            else:
                message = f"Missing required value for the field '{spec.label}' ({name})"
                call.refuse_write(index, name, message)

    # -- search_read -----------------------------------------------------------------------

    def _search_read(
        self,
        model: str,
        domain: Sequence[Any],
        fields: Sequence[str],
        context: Mapping[str, Any],
    ) -> list[dict[str, Any]]:
        schema = self._fields_of(model)
        unknown = [name for name in fields if name != "id" and name not in schema]
        if unknown:
            raise GatewayError(f"Invalid field {unknown[0]!r} on model {model!r}")
        names = [name for name in fields if name != "id"] or list(schema)
        test = self._domain_test(model, list(domain))
        archived_hidden = (
            "active" in schema and context.get("active_test", True) and not _names(domain, "active")
        )
        table = self._records[model]
        return [
            {"id": record_id, **{name: self._read(model, name, table[record_id]) for name in names}}
            for record_id in sorted(table)
            if test(table[record_id]) and (table[record_id].get("active") or not archived_hidden)
        ]

    def _read(self, model: str, name: str, values: Mapping[str, Any]) -> Any:
        spec = self._fields_of(model)[name]
        value = values.get(name, False)
        if spec.kind == "many2one" and value:
            target = self._records[spec.comodel or ""].get(value, {})
            return [value, target.get("name") or f"{spec.comodel},{value}"]
        return value

    def _domain_test(self, model: str, domain: list[Any]) -> Callable[[Mapping[str, Any]], bool]:
        """Compile a domain (prefix notation, implicit ``&``) into a test on stored values."""
        items: Iterator[Any] = iter(domain)
        tests = []
        for item in items:
            tests.append(self._term(model, item, items))
        return lambda values: all(test(values) for test in tests)

    def _term(
        self, model: str, item: Any, rest: Iterator[Any]
    ) -> Callable[[Mapping[str, Any]], bool]:
        if item in ("&", "|"):
            left = self._term(model, _next_item(rest), rest)
            right = self._term(model, _next_item(rest), rest)
            if item == "&":
                return lambda values: left(values) and right(values)
            return lambda values: left(values) or right(values)
        if item == "!":
            inner = self._term(model, _next_item(rest), rest)
            return lambda values: not inner(values)
        return self._leaf(model, item)

    def _leaf(self, model: str, leaf: Any) -> Callable[[Mapping[str, Any]], bool]:
        if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
            raise GatewayError(f"Invalid leaf {leaf!r}")
        path, operator, expected = leaf
        if operator not in LEAF_OPERATORS:
            raise GatewayError(f"MemoryGateway does not model the operator {operator!r}")
        read = self._path_reader(model, str(path))
        if operator in ("in", "not in"):
            if not isinstance(expected, (list, tuple)):
                raise GatewayError(f"Invalid leaf {leaf!r}: {operator} needs a list")
            accepted = set(expected)
            if operator == "in":
                return lambda values: read(values) in accepted
            return lambda values: read(values) not in accepted
        if operator == "=":
            return lambda values: read(values) == expected
        if operator == "!=":
            return lambda values: read(values) != expected
        if operator == ">":
            return lambda values: bool(read(values)) and read(values) > expected
        return lambda values: bool(read(values)) and read(values) >= expected

    def _path_reader(self, model: str, path: str) -> Callable[[Mapping[str, Any]], Any]:
        """Read ``a.b.c`` through many2one fields; False once a link is empty."""
        name, _, rest = path.partition(".")
        if name == "id":
            return lambda values: values.get("id")
        fields = self._fields_of(model)
        if name not in fields:
            raise GatewayError(f"Invalid field {model}.{name} in leaf {path!r}")
        if not rest:
            return lambda values: values.get(name, False)
        spec = fields[name]
        if spec.kind != "many2one":
            raise GatewayError(f"Invalid path {path!r}: {name} is not a many2one")
        comodel = spec.comodel or ""
        read_rest = self._path_reader(comodel, rest)
        table = self._records[comodel]

        def read(values: Mapping[str, Any]) -> Any:
            target = values.get(name)
            return read_rest(table[target]) if target in table else False

        return read

    # -- storage ---------------------------------------------------------------------------

    def _fields_of(self, model: str) -> dict[str, FieldSpec]:
        try:
            return self._schema[model]
        except KeyError:
            raise GatewayError(f"Object {model} doesn't exist") from None

    def _table(self, model: str) -> dict[int, dict[str, Any]]:
        self._fields_of(model)
        return self._records[model]

    def _defaults(self, model: str) -> dict[str, Any]:
        return {name: spec.default for name, spec in self._fields_of(model).items()}

    def _insert(self, model: str, values: dict[str, Any]) -> int:
        record_id = self._next_id[model]
        self._next_id[model] = record_id + 1
        self._records[model][record_id] = {**values, "id": record_id}
        return record_id

    def _add_xid(self, xid: str, model: str, record_id: int) -> Callable[[], None]:
        """Point ``xid`` at the record (replacing a dangling entry); returns the undo."""
        module, name = xid.split(".", 1)
        data = self._records[IR_MODEL_DATA]
        previous_id = self._xids.get(xid)
        previous = data.pop(previous_id) if previous_id is not None else None
        values = {"module": module, "name": name, "model": model, "res_id": record_id}
        data_id = self._insert(IR_MODEL_DATA, {**values, "complete_name": xid})
        self._xids[xid] = data_id

        def undo() -> None:
            data.pop(data_id)
            if previous_id is None or previous is None:
                self._xids.pop(xid)
            else:
                data[previous_id] = previous
                self._xids[xid] = previous_id

        return undo


def _complete(xid: str) -> str:
    return xid if "." in xid else f"{IMPORT_MODULE}.{xid}"


def _boolean(spec: FieldSpec, cell: str) -> bool:
    word = cell.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"Unknown value '{cell}' for boolean field '{spec.label}'")


def _selection(spec: FieldSpec, cell: str) -> str:
    for key, label in spec.selection:
        if cell.lower() in (key.lower(), label.lower()):
            return key
    raise ValueError(f"Value '{cell}' not found in selection field '{spec.label}'")


def _next_item(items: Iterator[Any]) -> Any:
    try:
        return next(items)
    except StopIteration:
        raise GatewayError("Invalid domain: an operator lacks its terms") from None


def _names(domain: Sequence[Any], field_name: str) -> bool:
    """Whether a leaf of ``domain`` is on ``field_name`` (then Odoo adds no active filter)."""
    return any(
        isinstance(leaf, (list, tuple)) and len(leaf) == 3 and leaf[0] == field_name
        for leaf in domain
    )


class MemoryGatewayFork:
    """A `MemoryGateway.fork`: the same Odoo in memory, for another thread."""

    def __init__(self, origin: MemoryGateway) -> None:
        self.origin = origin

    @property
    def rpc_calls(self) -> int:
        return self.origin.rpc_calls

    def fork(self) -> MemoryGatewayFork:
        return self.origin.fork()

    def connect(self) -> None:
        self.origin.connect()

    def load(
        self,
        model: str,
        fields: Sequence[str],
        rows: Sequence[Sequence[str]],
        context: Mapping[str, Any] | None = None,
    ) -> LoadResult:
        return self.origin.load(model, fields, rows, context)

    def search_read(
        self,
        model: str,
        domain: Sequence[Any],
        fields: Sequence[str],
        context: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        return self.origin.search_read(model, domain, fields, context, limit)
