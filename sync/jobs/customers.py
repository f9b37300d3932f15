"""The customers job: companies and contacts from the ERP into ``res.partner``.

What it knows beyond the engine (``sync/engine.py``):

- Companies are loaded before contacts (phase 0, then 1): a contact and its company never share
  a ``load``, so Odoo's answer for the company is in hand, and a company set aside or left for
  retry takes its contacts with it. A contact whose company is neither in the file nor already
  in Odoo is set aside.
- Codes and logins are read once per run (`sync.mapping.References`); the columns and their
  decisions are `sync.mapping`'s.
- ``active: false`` archives a customer; rows absent from a file are never deleted.
- A correction made in Odoo wins until the ERP has it: a field that a validated report of
  relevant information changed on a partner loaded from the ERP (``esc_erp_held_fields``,
  README "Who owns a customer field") is not sent for that partner while the correction is
  pending, and the report lists it under *held*. The rest of the row goes through.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..engine import XMLID_MODULE, CompareField, Job, Push
from ..gateway import Gateway
from ..journal import Journal
from ..mapping import KIND, MODEL, References, compare_fields, external_name, partner_columns
from ..pull import Pull, many2one_name, odoo_utc_text
from ..records import CustomerRecord, RowProblem, validate_customer
from ..sources import SourceRow

JOB = "customers"
HELD_REASON = (
    "left as Odoo has it: a report validated in Odoo changed it and waits for the ERP to be "
    "corrected (esc-sync pull corrections lists what to correct)"
)


class CustomersJob(Job[CustomerRecord]):
    name = JOB
    model = MODEL
    kind = KIND

    def __init__(self) -> None:
        self.references = References()
        #: Partner id → the fields a correction made in Odoo holds until the ERP has it.
        self.held_fields: dict[int, set[str]] = {}

    def validate(self, row: SourceRow) -> CustomerRecord | list[RowProblem]:
        return validate_customer(row)

    def prepare(self, gateway: Gateway, records: list[CustomerRecord]) -> None:
        self.references.fetch(gateway, records)
        self.held_fields = {
            row["id"]: set(row["esc_erp_held_fields"].split(","))
            for row in gateway.search_read(
                MODEL,
                [("esc_erp_held_fields", "!=", False)],
                ["esc_erp_held_fields"],
                {"active_test": False},
            )
        }

    def phase(self, record: CustomerRecord) -> int:
        return 0 if record.is_company else 1

    def prerequisite(self, record: CustomerRecord) -> tuple[str, str, str] | None:
        key = record.company_key
        if not isinstance(key, str):
            return None
        return external_name(record.source_system, key), "company_key", key

    def columns(self, record: CustomerRecord, odoo_id: int | None) -> dict[str, str]:
        columns = partner_columns(record, self.references, odoo_id is not None)
        held = self.held_fields.get(odoo_id or 0, set())
        return {name: value for name, value in columns.items() if _field(name) not in held}

    def held_back(self, record: CustomerRecord, odoo_id: int | None) -> list[tuple[str, str]]:
        held = self.held_fields.get(odoo_id or 0)
        if not held:
            return []
        columns = partner_columns(record, self.references, True)
        return [(field, HELD_REASON) for field in sorted({_field(name) for name in columns} & held)]

    def compare_fields(self, columns: Iterable[str]) -> list[CompareField]:
        return compare_fields(columns)

    def resolved(self, column: str, wanted: str, known: Mapping[str, int]) -> str:
        """The sync's own external ids from the run's lookups; a country's or a department's
        from the references read."""
        module, name = wanted.split(".", 1)
        found = known.get(name) if module == XMLID_MODULE else self.references.id_of(wanted)
        return str(found or "")


def CustomerPush(journal: Journal, gateway: Gateway | None, **options: Any) -> Push[CustomerRecord]:
    """A push of a customers file: `CustomersJob` through the engine (options as `Push`'s)."""
    return Push(CustomersJob(), journal, gateway, **options)


def _field(column: str) -> str:
    """The partner field a load column writes (``state_id/id`` → ``state_id``)."""
    return column.split("/")[0]


#: The partner field → the report's field holding the value it was corrected to.
PROPOSED = {
    "street": "proposed_street",
    "street2": "proposed_street2",
    "city": "proposed_city",
    "zip": "proposed_zip",
    "state_id": "proposed_state_id",
    "country_id": "proposed_country_id",
    "email": "proposed_email",
    "phone": "proposed_phone",
    "mobile": "proposed_mobile",
    "vat": "proposed_vat",
    "esc_segment_id": "proposed_segment_id",
    "esc_market": "proposed_market",
    "esc_stakeholder_group": "proposed_stakeholder_group",
}


class CorrectionsPull(Pull):
    """What the ERP must correct at its source: ``esc-sync pull corrections``.

    One row per report of relevant information that changed fields the ERP owns on a customer
    loaded from it: its reference, whether the correction is still ``pending`` or ``done``,
    the customer by the ERP's own key (from this machine's journal; empty for a customer this
    journal did not push), the fields and the values they were corrected to in Odoo. While a
    correction is pending, ``push customers`` leaves those fields alone (`CustomersJob`); Customer
    Service marks it done in Odoo once the ERP holds the value.
    """

    name = "corrections"
    model = "esc.customer.info"
    fields = ("name", "erp_correction_state", "erp_field_names", "partner_id", "applied_at")
    fields += tuple(PROPOSED.values())
    columns = (
        "reference",
        "state",
        "source_system",
        "key",
        "partner_id",
        "partner",
        "fields",
        "values",
        "applied_at",
        "updated_at",
    )

    def domain(self) -> list[Any]:
        return [("erp_correction_state", "!=", False)]

    def rows(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        partner_ids = [record["partner_id"][0] for record in records if record["partner_id"]]
        keys = self.journal.keys_of(JOB, partner_ids) if self.journal else {}
        rows = []
        for record in records:
            row = self.row(record)
            row["source_system"], row["key"] = keys.get(row["partner_id"], (None, None))
            rows.append(row)
        return rows

    def row(self, record: Mapping[str, Any]) -> dict[str, Any]:
        fields_ = [n.strip() for n in (record["erp_field_names"] or "").split(",") if n.strip()]
        partner = record["partner_id"]
        return {
            "reference": record["name"],
            "state": record["erp_correction_state"],
            "source_system": None,
            "key": None,
            "partner_id": partner[0] if partner else None,
            "partner": many2one_name(partner),
            "fields": fields_,
            "values": {name: _proposed(record, name) for name in fields_},
            "applied_at": odoo_utc_text(record["applied_at"]),
            "updated_at": odoo_utc_text(record["write_date"]),
        }


def _proposed(record: Mapping[str, Any], field: str) -> object:
    """The value ``field`` was corrected to: a many2one by name, an empty one as None."""
    value = record.get(PROPOSED.get(field, ""))
    if isinstance(value, list | tuple):
        return many2one_name(value)
    return value or None
