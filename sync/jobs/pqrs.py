"""The PQRS job: cases received by other channels (call centre, visits, a sheet kept by staff
without Odoo) filed in Odoo, each given back its radicado and legal due date.

Columns of a PQRS row:

=================  =========================================================================
source_system      required; the sending system's slug (``call_centre``)
key                required; the case's id in that system (1 to 64 characters)
customer_key       the customer's key in the system that pushed it (``esc-sync push customers``)
customer_system    that system, when it is not ``source_system`` (``erp``)
nit                or the customer by NIT (a company Odoo holds with that NIT)
type_code          required; ``PET``, ``QUE``, ``REC``, ``SUG``, ``FEL``… (the type's code)
channel_code       required; an official channel's code (``PHONE``, ``VISIT``…)
received_at        required; when the customer filed it, with its zone (``…-05:00`` or ``Z``)
subject            required; 200 characters at most
description        the customer's words, as plain text
priority           normal, high or urgent (or 0, 1, 2)
fundamental_right  yes/no: a fundamental right or imminent harm is at stake (art. 20)
=================  =========================================================================

Decisions:

- A case is filed through ``esc.pqrs.load()`` as the integration user: one batch ``create``
  in Odoo, which numbers, times and acknowledges every case (the add-on acknowledges what the
  integration user files, as it does the e-mail and portal intake). The same row sent again
  finds its case by external id and files nothing.
- A filed case is the customer's own words and the start of a legal term: the sync never
  rewrites it. A row whose case Odoo holds with other values (customer, type, channel, receipt,
  subject) is set aside naming the radicado; a correction is made in Odoo by Customer Service.
- The customer is given by exactly one of ``customer_key`` and ``nit`` (``customer_lookup``). A
  key Odoo does not hold, a NIT no company or several companies hold, an unknown type, or a
  channel that is unknown or not official set the row aside naming the field; nothing is
  guessed.
- ``description`` is plain text: it is escaped into HTML paragraphs, so that markup in a call
  centre's notes is shown, never run.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from pydantic import field_validator

from ..engine import CompareField, Job, UnknownReference
from ..gateway import Gateway
from ..pull import ODOO_DATETIME, Pull, many2one_name, odoo_date, odoo_utc_text
from ..records import (
    Code,
    LongText,
    Nit,
    OptionalKey,
    OptionalSlug,
    RowProblem,
    Subject,
    SyncRecord,
    Timestamp,
    YesNo,
    validate_row,
)
from ..sources import SourceRow
from .customer_lookup import CustomerLookup, customer_problem

Priority = Literal["0", "1", "2"]
PRIORITIES: Final = {"normal": "0", "high": "1", "urgent": "2", "0": "0", "1": "1", "2": "2"}
#: Columns a filed case is compared on: what makes it the case the row describes.
COMPARED: Final = ("partner_id", "type_id", "channel_id", "received_at", "subject")


class PqrsRecord(SyncRecord):
    """A case as another system received it, checked and normalised."""

    customer_key: OptionalKey = None
    customer_system: OptionalSlug = None
    nit: Nit = None
    type_code: Code
    channel_code: Code
    received_at: Timestamp
    subject: Subject
    description: LongText = None
    priority: Priority | None = None
    fundamental_right: YesNo = None

    @field_validator("priority", mode="before")
    @classmethod
    def _priority(cls, value: object) -> str:
        word = str(value).strip().casefold()
        if word not in PRIORITIES:
            raise ValueError(f"priority '{value}': use normal, high or urgent (or 0, 1, 2)")
        return PRIORITIES[word]


class PqrsJob(Job[PqrsRecord]):
    name = "pqrs"
    model = "esc.pqrs"
    kind = "pqrs"
    rewrites = False
    returned_fields = ("name", "filing_date", "legal_due_date")

    def __init__(self) -> None:
        self.types: dict[str, int] = {}
        self.channels: dict[str, tuple[int, bool]] = {}
        self.customers = CustomerLookup()

    def validate(self, row: SourceRow) -> PqrsRecord | list[RowProblem]:
        record = validate_row(PqrsRecord, row)
        if isinstance(record, list):
            return record
        problem = customer_problem(row, record)
        return [problem] if problem else record

    def prepare(self, gateway: Gateway, records: list[PqrsRecord]) -> None:
        """Types, channels and customers the rows name: one call per kind."""
        types = sorted({r.type_code for r in records} - set(self.types))
        if types:
            found = gateway.search_read("esc.pqrs.type", [("code", "in", types)], ["code"])
            self.types.update((row["code"], row["id"]) for row in found)
        channels = sorted({r.channel_code for r in records} - set(self.channels))
        if channels:
            domain = [("code", "in", channels)]
            for row in gateway.search_read("esc.channel", domain, ["code", "is_official"]):
                self.channels[row["code"]] = (row["id"], bool(row["is_official"]))
        self.customers.fetch(gateway, records)

    def columns(self, record: PqrsRecord, odoo_id: int | None) -> dict[str, str]:
        return {
            "id": f"esc_sync.{self.external_name(record)}",
            "source_system": record.source_system,
            "source_key": record.key,
            "partner_id/.id": str(self.customers.id_of(record)),
            "type_id/.id": str(self._type(record)),
            "channel_id/.id": str(self._channel(record)),
            "received_at": record.received_at.strftime(ODOO_DATETIME),
            "subject": record.subject,
            "description": plain_text_html(record.description or ""),
            "priority": record.priority or "0",
            "is_fundamental_right": "1" if record.fundamental_right else "0",
        }

    def compare_fields(self, columns: Iterable[str]) -> list[CompareField]:
        by_field = {column.split("/")[0]: column for column in columns}
        return [CompareField(by_field[name], name) for name in COMPARED if name in by_field]

    def _type(self, record: PqrsRecord) -> int:
        if record.type_code not in self.types:
            raise UnknownReference("type_code", f"type '{record.type_code}' is not known to Odoo")
        return self.types[record.type_code]

    def _channel(self, record: PqrsRecord) -> int:
        found = self.channels.get(record.channel_code)
        if found is None:
            raise UnknownReference(
                "channel_code", f"channel '{record.channel_code}' is not known to Odoo"
            )
        if not found[1]:
            raise UnknownReference(
                "channel_code",
                f"channel '{record.channel_code}' is not official: it takes no cases",
            )
        return found[0]


def plain_text_html(text: str) -> str:
    """Plain text as HTML: escaped, a paragraph per blank-line block, line breaks kept."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + html.escape(block).replace("\n", "<br>") + "</p>" for block in blocks if block
    )


class PqrsPull(Pull):
    """The cases the sync filed, as their senders track them: ``esc-sync pull pqrs``."""

    name = "pqrs"
    model = "esc.pqrs"
    fields = (
        "name",
        "source_system",
        "source_key",
        "stage_id",
        "is_closed",
        "received_at",
        "filing_date",
        "legal_due_date",
        "next_deadline_at",
        "answered_at",
    )
    columns = (
        "source_system",
        "key",
        "radicado",
        "status",
        "stage",
        "received_at",
        "filing_date",
        "legal_due_date",
        "next_deadline_at",
        "answered_at",
        "updated_at",
    )

    def domain(self) -> list[Any]:
        return [("source_system", "!=", False)]

    def row(self, record: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "source_system": record["source_system"],
            "key": record["source_key"],
            "radicado": record["name"],
            "status": "closed" if record["is_closed"] else "open",
            "stage": many2one_name(record["stage_id"]),
            "received_at": odoo_utc_text(record["received_at"]),
            "filing_date": odoo_date(record["filing_date"]),
            "legal_due_date": odoo_date(record["legal_due_date"]),
            "next_deadline_at": odoo_utc_text(record["next_deadline_at"]),
            "answered_at": odoo_utc_text(record["answered_at"]),
            "updated_at": odoo_utc_text(record["write_date"]),
        }
