"""The relevant-information job: what other systems learned about a customer, reported to
Odoo's register for Customer Service to validate (``esc-sync push info``).

Columns of an information row:

=========================  ============================================================
source_system, key         required; the report's system and its key there
customer_key               the customer's key in the system that pushed it
customer_system            that system, when it is not ``source_system``
nit                        or the customer by NIT (see ``customer_lookup``)
category                   required; the category's code (``CONTACTS``, ``ADDRESSES``,
                           ``PHONES``, ``MARKET``, ``CREDIT``, ``OWNER``, ``PROPERTY``,
                           ``FINANCIAL``, ``OTHER``)
description                what was learned, as plain text
reported_by                the login of the Odoo user who learned it (default: the sync's
                           own user, registering it on their behalf)
reported_at                required; when it was learned, with its zone
proposed_street, …_street2, proposed_city, proposed_zip, proposed_email,
proposed_phone, proposed_mobile, proposed_market     text
proposed_country           ISO code of the proposed country
proposed_department        code of a department of that country (of Colombia by default)
proposed_nit               a NIT (its check digit must verify when given)
proposed_segment_code      a segment's code
proposed_stakeholder_group customer, distributor, supplier, employee, shareholder, …
=========================  ============================================================

Decisions:

- A report is a statement made at a moment: the sync files it once and never rewrites it. A
  row whose report Odoo holds with another customer, category or moment is set aside naming the
  report's reference; one Odoo holds as it is comes back with its reference and status.
- The register decides: a report lands *Reported*; Customer Service validates and applies it
  (README, "Relevant customer information"). The sync proposes, never applies.
- Phones are normalised by Odoo, in the customer's country, as for any report; one Odoo
  refuses is set aside with Odoo's words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..engine import CompareField, Job, UnknownReference
from ..gateway import Gateway
from ..pull import ODOO_DATETIME
from ..records import (
    Code,
    LongText,
    Nit,
    OneEmail,
    OptionalKey,
    OptionalSlug,
    RowProblem,
    StakeholderGroup,
    SyncRecord,
    Timestamp,
    validate_row,
)
from ..sources import SourceRow
from .customer_lookup import CustomerLookup, customer_problem

#: Record field → report field, for the proposals copied as text.
PROPOSED_TEXT: Final = {
    "proposed_street": "proposed_street",
    "proposed_street2": "proposed_street2",
    "proposed_city": "proposed_city",
    "proposed_zip": "proposed_zip",
    "proposed_email": "proposed_email",
    "proposed_phone": "proposed_phone",
    "proposed_mobile": "proposed_mobile",
    "proposed_nit": "proposed_vat",
    "proposed_market": "proposed_market",
    "proposed_stakeholder_group": "proposed_stakeholder_group",
}
COMPARED: Final = ("partner_id", "category_id", "reported_at")
DEFAULT_COUNTRY: Final = "CO"


class InfoRecord(SyncRecord):
    """A report of relevant customer information as another system sends it."""

    customer_key: OptionalKey = None
    customer_system: OptionalSlug = None
    nit: Nit = None
    category: Code
    description: LongText = None
    reported_by: OptionalKey = None
    reported_at: Timestamp
    proposed_street: LongText = None
    proposed_street2: LongText = None
    proposed_city: LongText = None
    proposed_zip: OptionalKey = None
    proposed_country: OptionalKey = None
    proposed_department: OptionalKey = None
    proposed_email: OneEmail = None
    proposed_phone: OptionalKey = None
    proposed_mobile: OptionalKey = None
    proposed_nit: Nit = None
    proposed_segment_code: OptionalKey = None
    proposed_market: LongText = None
    proposed_stakeholder_group: StakeholderGroup | None = None

    @property
    def proposes_a_place(self) -> bool:
        return bool(self.proposed_country or self.proposed_department)

    @property
    def place_country(self) -> str:
        return (self.proposed_country or DEFAULT_COUNTRY).upper()


class InfoJob(Job[InfoRecord]):
    name = "info"
    model = "esc.customer.info"
    kind = "info"
    rewrites = False
    returned_fields = ("name", "state")

    def __init__(self) -> None:
        self.customers = CustomerLookup()
        self.categories: dict[str, int] = {}
        self.users: dict[str, int] = {}
        self.segments: dict[str, int] = {}
        self.countries: dict[str, int] = {}
        self.departments: dict[tuple[str, str], int] = {}

    def validate(self, row: SourceRow) -> InfoRecord | list[RowProblem]:
        record = validate_row(InfoRecord, row)
        if isinstance(record, list):
            return record
        problem = customer_problem(row, record)
        return [problem] if problem else record

    def prepare(self, gateway: Gateway, records: list[InfoRecord]) -> None:
        """Customers, categories, users, segments and places the rows name."""
        self.customers.fetch(gateway, records)
        categories = {r.category for r in records}
        self._fetch(gateway, "esc.customer.info.category", "code", self.categories, categories)
        users = {r.reported_by for r in records if r.reported_by}
        self._fetch(gateway, "res.users", "login", self.users, users)
        segments = {r.proposed_segment_code for r in records if r.proposed_segment_code}
        self._fetch(gateway, "esc.segment", "code", self.segments, segments)
        places = [r for r in records if r.proposes_a_place]
        countries = {r.place_country for r in places}
        self._fetch(gateway, "res.country", "code", self.countries, countries)
        wanted = sorted({r.place_country for r in places if r.proposed_department})
        countries = [self.countries[code] for code in wanted if code in self.countries]
        if countries:
            codes = {country_id: code for code, country_id in self.countries.items()}
            for row in gateway.search_read(
                "res.country.state", [("country_id", "in", countries)], ["code", "country_id"]
            ):
                self.departments[(codes[row["country_id"][0]], row["code"])] = row["id"]

    @staticmethod
    def _fetch(
        gateway: Gateway, model: str, key: str, known: dict[str, int], wanted: set[str]
    ) -> None:
        new = sorted(wanted - set(known))
        if new:
            for row in gateway.search_read(model, [(key, "in", new)], [key]):
                known[row[key]] = row["id"]

    def columns(self, record: InfoRecord, odoo_id: int | None) -> dict[str, str]:
        columns = {
            "id": f"esc_sync.{self.external_name(record)}",
            "source_system": record.source_system,
            "source_key": record.key,
            "reported_via": "sync",
            "partner_id/.id": str(self.customers.id_of(record)),
            "category_id/.id": str(self._known("category", record.category, self.categories)),
            "reported_at": record.reported_at.strftime(ODOO_DATETIME),
            "description": record.description or "",
        }
        if record.reported_by:
            user = self._known("reported_by", record.reported_by, self.users)
            columns["reported_by_id/.id"] = str(user)
        for name, field in PROPOSED_TEXT.items():
            value = getattr(record, name)
            if value:
                columns[field] = value
        if record.proposed_segment_code:
            code = record.proposed_segment_code
            segment = self._known("proposed_segment_code", code, self.segments)
            columns["proposed_segment_id/.id"] = str(segment)
        columns.update(self._place_columns(record))
        return columns

    def _place_columns(self, record: InfoRecord) -> dict[str, str]:
        if not record.proposes_a_place:
            return {}
        country = record.place_country
        country_id = self._known("proposed_country", country, self.countries)
        columns = {"proposed_country_id/.id": str(country_id)}
        if record.proposed_department:
            code = record.proposed_department.upper().removeprefix(f"{country}-")
            department = self.departments.get((country, code))
            if department is None:
                raise UnknownReference(
                    "proposed_department",
                    f"department '{record.proposed_department}' of {country} is not known to Odoo",
                )
            columns["proposed_state_id/.id"] = str(department)
        return columns

    @staticmethod
    def _known(field: str, value: str, known: dict[str, int]) -> int:
        if value not in known:
            label = field.replace("_", " ").removeprefix("proposed ")
            raise UnknownReference(field, f"{label} '{value}' is not known to Odoo")
        return known[value]

    def compare_fields(self, columns: Iterable[str]) -> list[CompareField]:
        by_field = {column.split("/")[0]: column for column in columns}
        return [CompareField(by_field[name], name) for name in COMPARED if name in by_field]
