"""The customer a row is about, for the jobs that file things about customers (PQRS, relevant
information): given by its key in the system that pushed it, or by NIT.

Decisions:

- ``customer_key`` names a customer ``esc-sync push customers`` loaded: its external id
  ``esc_sync.<customer_system>_customer_<key>``, the system defaulting to the row's own.
- ``nit`` names the one company Odoo holds with that NIT (normalised ``NNNNNNNNN-D``, or its
  digits written together). No company, or several, set the row aside: nothing is guessed.
- Exactly one of the two is given; ``customer_system`` only with a ``customer_key``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..engine import UnknownReference, external_name
from ..gateway import Gateway
from ..mapping import KIND as CUSTOMER_KIND
from ..records import RowProblem
from ..sources import SourceRow


class AboutACustomer(Protocol):
    """The fields of a record that name its customer."""

    @property
    def source_system(self) -> str: ...

    @property
    def customer_key(self) -> str | None: ...

    @property
    def customer_system(self) -> str | None: ...

    @property
    def nit(self) -> str | None: ...


def customer_problem(row: SourceRow, record: AboutACustomer) -> RowProblem | None:
    """Why the row does not name its customer well, or None."""
    if (record.customer_key is None) == (record.nit is None):
        reason = "give the customer by exactly one of customer_key and nit"
        return RowProblem(row.file, row.line, "customer_key", reason)
    if record.customer_system and record.customer_key is None:
        reason = "customer_system names the system of a customer_key"
        return RowProblem(row.file, row.line, "customer_system", reason)
    return None


def customer_name(record: AboutACustomer) -> str | None:
    """External name of the customer given by key."""
    if record.customer_key is None:
        return None
    system = record.customer_system or record.source_system
    return external_name(system, CUSTOMER_KIND, record.customer_key)


class CustomerLookup:
    """Database ids of the customers rows name, read in a call or two per batch of rows."""

    def __init__(self) -> None:
        self.by_name: dict[str, int] = {}
        self.by_nit: dict[str, list[int]] = {}

    def fetch(self, gateway: Gateway, records: Iterable[AboutACustomer]) -> None:
        records = list(records)
        names = sorted({name for r in records if (name := customer_name(r))} - set(self.by_name))
        if names:
            domain = [("module", "=", "esc_sync"), ("model", "=", "res.partner")]
            for row in gateway.search_read(
                "ir.model.data", [*domain, ("name", "in", names)], ["name", "res_id"]
            ):
                self.by_name[row["name"]] = row["res_id"]
        nits = sorted({r.nit for r in records if r.nit} - set(self.by_nit))
        if nits:
            self.by_nit.update((nit, []) for nit in nits)
            written = {nit: nit for nit in nits} | {nit.replace("-", ""): nit for nit in nits}
            domain = [("vat", "in", sorted(written)), ("is_company", "=", True)]
            for row in gateway.search_read("res.partner", domain, ["vat"]):
                self.by_nit[written[row["vat"]]].append(row["id"])

    def id_of(self, record: AboutACustomer) -> int:
        """The customer's id; `UnknownReference` naming the field when Odoo has none."""
        name = customer_name(record)
        if name is not None:
            if name not in self.by_name:
                system = record.customer_system or record.source_system
                raise UnknownReference(
                    "customer_key",
                    f"customer '{record.customer_key}' of {system} is not in Odoo "
                    "(push it with esc-sync push customers first)",
                )
            return self.by_name[name]
        matches = self.by_nit.get(record.nit or "", [])
        if len(matches) != 1:
            held = "no company" if not matches else f"{len(matches)} companies"
            raise UnknownReference("nit", f"NIT {record.nit}: {held} in Odoo hold it")
        return matches[0]
