"""From validated customer records to the columns of ``res.partner.load()``.

Decisions:

- External id: ``esc_sync.<system>_customer_<key>``, the key lower-cased with every character
  outside ``[a-z0-9_]`` made ``_``; when that changed the key, 8 hex digits of its SHA-1 are
  appended so that ``A-1`` and ``a_1`` never share a record.
- E-mails: all of them in ``email``, comma-separated (Odoo sends to each). Phones: the first in
  ``phone``, the second in ``mobile``; a row that gives phones gives both (the second blanks
  ``mobile`` when absent), the others are kept in the journal's content only.
- Country: the row's, else Colombia for a partner sync creates; an existing partner keeps its
  country unless the row names one. A department is looked up in the effective country.
- Codes and logins (segment, country, department, salesperson) become database ids through
  :class:`References`; one that Odoo does not know sets the row aside, naming the field.
- A field the row leaves empty is not sent; ``__CLEAR__`` sends an empty value, which blanks it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import engine
from .engine import XMLID_MODULE, CompareField, UnknownReference
from .gateway import Gateway
from .records import CustomerRecord, is_clear

KIND = "customer"
MODEL = "res.partner"

#: Record field → load column, for the fields copied as text.
TEXT_COLUMNS = {
    "name": "name",
    "nit": "vat",
    "street": "street",
    "city": "city",
    "market": "esc_market",
    "stakeholder_group": "esc_stakeholder_group",
}
BOOLEAN_COLUMNS = {"is_company": "is_company", "active": "active"}


def external_name(system: str, key: str) -> str:
    """The ``name`` part of a customer's external id (module ``esc_sync``)."""
    return engine.external_name(system, KIND, key)


def external_id(system: str, key: str) -> str:
    return f"{XMLID_MODULE}.{external_name(system, key)}"


@dataclass
class References:
    """Database ids of the codes and logins rows name, read from Odoo in a few calls and kept
    for the whole run."""

    segments: dict[str, int] = field(default_factory=dict)
    countries: dict[str, int] = field(default_factory=dict)
    states: dict[tuple[str, str], int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    #: External ids of the countries and states read: Odoo resolves ``x/id`` from a cache,
    #: ``x/.id`` with one query per cell.
    xmlids: dict[tuple[str, int], str] = field(default_factory=dict)
    _ids_by_xmlid: dict[str, int] = field(default_factory=dict)
    _asked: set[tuple[str, str]] = field(default_factory=set)

    def fetch(self, gateway: Gateway, records: Iterable[CustomerRecord]) -> None:
        """Read every code and login of ``records`` not read yet (one call per kind)."""
        wanted: dict[str, set[str]] = {"segment": set(), "country": set(), "user": set()}
        for record in records:
            if isinstance(record.segment_code, str):
                wanted["segment"].add(record.segment_code)
            if isinstance(record.salesperson_login, str):
                wanted["user"].add(record.salesperson_login)
            wanted["country"].add(record.effective_country)
        new = {kind: codes - self._known(kind) for kind, codes in wanted.items()}
        if new["segment"]:
            for row in gateway.search_read(
                "esc.segment", [("code", "in", sorted(new["segment"]))], ["code"]
            ):
                self.segments[row["code"]] = row["id"]
        if new["user"]:
            for row in gateway.search_read(
                "res.users", [("login", "in", sorted(new["user"]))], ["login"]
            ):
                self.users[row["login"]] = row["id"]
        if new["country"]:
            self._fetch_countries(gateway, sorted(new["country"]))
        for kind, codes in new.items():
            self._asked.update((kind, code) for code in codes)

    def _fetch_countries(self, gateway: Gateway, codes: list[str]) -> None:
        for row in gateway.search_read("res.country", [("code", "in", codes)], ["code"]):
            self.countries[row["code"]] = row["id"]
        ids = {country_id: code for code, country_id in self.countries.items()}
        for row in gateway.search_read(
            "res.country.state",
            [("country_id", "in", sorted(ids))],
            ["code", "country_id"],
        ):
            self.states[(ids[row["country_id"][0]], row["code"])] = row["id"]
        for model, record_ids in (
            ("res.country", sorted(ids)),
            ("res.country.state", sorted(self.states.values())),
        ):
            for row in gateway.search_read(
                "ir.model.data",
                [("model", "=", model), ("res_id", "in", record_ids)],
                ["module", "name", "res_id"],
            ):
                xmlid = self.xmlids.setdefault(
                    (model, row["res_id"]), f"{row['module']}.{row['name']}"
                )
                self._ids_by_xmlid[xmlid] = row["res_id"]

    def id_of(self, xmlid: str) -> int | None:
        """The database id behind a country's or state's external id read here."""
        return self._ids_by_xmlid.get(xmlid)

    def reference(self, column: str, model: str, record_id: int) -> tuple[str, str]:
        """The load column and value naming a record: by external id when it has one."""
        xmlid = self.xmlids.get((model, record_id))
        return (f"{column}/id", xmlid) if xmlid else (f"{column}/.id", str(record_id))

    def _known(self, kind: str) -> set[str]:
        return {code for asked_kind, code in self._asked if asked_kind == kind}


def partner_columns(record: CustomerRecord, references: References, exists: bool) -> dict[str, str]:
    """The load columns and values of one record (``id`` included)."""
    columns = {"id": external_id(record.source_system, record.key)}
    for name, column in TEXT_COLUMNS.items():
        _put(columns, column, getattr(record, name))
    for name, column in BOOLEAN_COLUMNS.items():
        value = getattr(record, name)
        if value is not None:
            columns[column] = "1" if value else "0"
    _put_company(columns, record)
    _put_contacts(columns, record)
    _put_places(columns, record, references, exists)
    _put_reference(columns, "segment_code", "esc_segment_id/.id", record, references.segments)
    _put_reference(columns, "salesperson_login", "user_id/.id", record, references.users)
    return columns


def _put(columns: dict[str, str], column: str, value: object) -> None:
    if value is None:
        return
    columns[column] = "" if is_clear(value) else str(value)


def _put_company(columns: dict[str, str], record: CustomerRecord) -> None:
    if is_clear(record.company_key):
        columns["parent_id/id"] = ""
    elif record.company_key:
        columns["parent_id/id"] = external_id(record.source_system, record.company_key)


def _put_contacts(columns: dict[str, str], record: CustomerRecord) -> None:
    if record.emails is not None:
        columns["email"] = "" if is_clear(record.emails) else ", ".join(record.emails)
    if record.phones is not None:
        phones = () if is_clear(record.phones) else tuple(record.phones)
        columns["phone"] = phones[0] if phones else ""
        columns["mobile"] = phones[1] if len(phones) > 1 else ""


def _put_places(
    columns: dict[str, str], record: CustomerRecord, references: References, exists: bool
) -> None:
    country = record.effective_country
    if record.country or not exists or record.department:
        if country not in references.countries:
            raise UnknownReference("country", f"country '{country}' is not known to Odoo")
        column, value = references.reference(
            "country_id", "res.country", references.countries[country]
        )
        columns[column] = value
    if is_clear(record.department):
        columns["state_id/id"] = ""
    elif record.department:
        state = references.states.get((country, record.department))
        if state is None:
            raise UnknownReference(
                "department",
                f"department '{record.department}' of {country} is not known to Odoo",
            )
        column, value = references.reference("state_id", "res.country.state", state)
        columns[column] = value


def _put_reference(
    columns: dict[str, str],
    name: str,
    column: str,
    record: CustomerRecord,
    known: dict[str, int],
) -> None:
    value = getattr(record, name)
    if value is None:
        return
    if is_clear(value):
        columns[column] = ""
        return
    if value not in known:
        raise UnknownReference(name, f"{name.replace('_', ' ')} '{value}' is not known to Odoo")
    columns[column] = str(known[value])


def compare_fields(columns: Iterable[str]) -> list[CompareField]:
    """The ``search_read`` fields behind load columns (``id`` excepted)."""
    fields_ = []
    for column in columns:
        if column == "id":
            continue
        name = column.split("/")[0]
        fields_.append(CompareField(column, name, boolean=name in BOOLEAN_COLUMNS.values()))
    return fields_
