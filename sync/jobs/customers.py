"""The customers job: companies and contacts from the ERP into ``res.partner``.

What it knows beyond the engine (``sync/engine.py``):

- Companies are loaded before contacts (phase 0, then 1): a contact and its company never share
  a ``load``, so Odoo's answer for the company is in hand, and a company set aside or left for
  retry takes its contacts with it. A contact whose company is neither in the file nor already
  in Odoo is set aside.
- Codes and logins are read once per run (`sync.mapping.References`); the columns and their
  decisions are `sync.mapping`'s.
- ``active: false`` archives a customer; rows absent from a file are never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..engine import XMLID_MODULE, CompareField, Job, Push
from ..gateway import Gateway
from ..journal import Journal
from ..mapping import KIND, MODEL, References, compare_fields, external_name, partner_columns
from ..records import CustomerRecord, RowProblem, validate_customer
from ..sources import SourceRow

JOB = "customers"


class CustomersJob(Job[CustomerRecord]):
    name = JOB
    model = MODEL
    kind = KIND

    def __init__(self) -> None:
        self.references = References()

    def validate(self, row: SourceRow) -> CustomerRecord | list[RowProblem]:
        return validate_customer(row)

    def prepare(self, gateway: Gateway, records: list[CustomerRecord]) -> None:
        self.references.fetch(gateway, records)

    def phase(self, record: CustomerRecord) -> int:
        return 0 if record.is_company else 1

    def prerequisite(self, record: CustomerRecord) -> tuple[str, str, str] | None:
        key = record.company_key
        if not isinstance(key, str):
            return None
        return external_name(record.source_system, key), "company_key", key

    def columns(self, record: CustomerRecord, exists: bool) -> dict[str, str]:
        return partner_columns(record, self.references, exists)

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
