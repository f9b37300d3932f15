"""Benchmark: 5,000 PQRS into a live Odoo 18, naive baseline against ``esc-sync push pqrs``.

    ESC_SYNC_PASSWORD=... python benchmarks/sync_pqrs.py --url URL --database DB \\
        --login LOGIN [--rows 5000] [--work-dir DIR]

LOGIN is the sync's user (group *PQRS Integration*): both sides file as it, so both get every
case acknowledged by Odoo, as a real call-centre feed would. One run, four measures, each
printing rows/s and RPC requests (odoorpc's own version probe, login and context calls
included):

0. set-up, not measured: 200 customers pushed by ``esc-sync push customers``;
1. baseline: one odoorpc ``create`` per case, with the same values the sync files;
2. ``esc-sync push pqrs``, first push of the same kind of file (another source system);
3. ``esc-sync push pqrs`` on the unchanged file, with a journal of its own (it finds every case
   in Odoo by its external id, as a machine that lost its journal would).

It exits 1 unless the first push is at least 10× the baseline's rows/s with at most one RPC per
100 rows, gives every row its radicado, and both unchanged pushes (same journal, fresh journal)
write nothing.
"""

from __future__ import annotations

import secrets
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import odoorpc
from live_sync import arguments, gateway_of, sync_push, verdict, write_file

from sync.config import OdooConnection
from sync.engine import external_name
from sync.jobs import CustomerPush
from sync.jobs.pqrs import PqrsJob, plain_text_html
from sync.journal import Journal
from sync.odoo import build_transport, odoo_arguments
from sync.pull import ODOO_DATETIME

MIN_SPEEDUP = 10.0
MIN_ROWS_PER_RPC = 100
CUSTOMERS = 200
TYPES = ("PET", "QUE", "REC", "SUG")
BOGOTA = timezone(timedelta(hours=-5))


def customer_keys() -> list[str]:
    return [f"B{number:04d}" for number in range(CUSTOMERS)]


def customer_file(path: Path) -> Path:
    rows = [
        {"source_system": "benchcrm", "key": key, "name": f"Cliente Bench {key}",
         "is_company": "true", "emails": f"pqrs.{key.lower()}@bench.example.com"}
        for key in customer_keys()
    ]  # fmt: skip
    return write_file(path, rows)


def case_rows(system: str, count: int) -> list[dict[str, str]]:
    now = datetime.now(BOGOTA).replace(microsecond=0)
    return [
        {
            "source_system": system,
            "key": f"CC-{number:06d}",
            "customer_system": "benchcrm",
            "customer_key": f"B{number % CUSTOMERS:04d}",
            "type_code": TYPES[number % len(TYPES)],
            "channel_code": "PHONE",
            "received_at": (now - timedelta(minutes=7 * number + 30)).isoformat(),
            "subject": f"Caso de prueba {number:06d}",
            "description": f"Llamada {number}: el cliente reporta una novedad en su pedido.",
        }
        for number in range(count)
    ]


def baseline(settings: OdooConnection, rows: list[dict[str, str]]) -> tuple[float, int]:
    """One ``create`` per case through odoorpc, the way a naive integration would file them:
    codes and customers looked up once, then a request per case."""
    opener, counter = build_transport(settings)
    started = time.perf_counter()
    client = odoorpc.ODOO(**odoo_arguments(settings), opener=opener)
    client.login(settings.database, settings.login, settings.password.get_secret_value())
    types = _ids(client, "esc.pqrs.type", "code")
    channels = _ids(client, "esc.channel", "code")
    keys = {
        external_name("benchcrm", "customer", f"B{n:04d}"): f"B{n:04d}" for n in range(CUSTOMERS)
    }
    customers = {
        keys[row["name"]]: row["res_id"]
        for row in client.execute_kw(
            "ir.model.data",
            "search_read",
            [[("module", "=", "esc_sync"), ("name", "in", sorted(keys))]],
            {"fields": ["name", "res_id"]},
        )
    }
    for row in rows:
        received = datetime.fromisoformat(row["received_at"]).astimezone(timezone.utc)
        values = {
            "source_system": row["source_system"],
            "source_key": row["key"],
            "partner_id": customers[row["customer_key"]],
            "type_id": types[row["type_code"]],
            "channel_id": channels[row["channel_code"]],
            "received_at": received.strftime(ODOO_DATETIME),
            "subject": row["subject"],
            "description": plain_text_html(row["description"]),
        }
        client.execute_kw("esc.pqrs", "create", [values], {"context": dict(PqrsJob.load_context)})
    return time.perf_counter() - started, counter.requests


def _ids(client: odoorpc.ODOO, model: str, key: str) -> dict[str, int]:
    found = client.execute_kw(model, "search_read", [[]], {"fields": [key]})
    return {row[key]: row["id"] for row in found}


def main(argv: list[str] | None = None) -> int:
    args, settings, work = arguments(__doc__.splitlines()[0], 5_000, 500, argv)
    rows = args.rows
    with Journal(work / "customers.sqlite") as journal:
        customers = CustomerPush(journal, gateway_of(settings)).run(customer_file(work / "c.csv"))
    if customers.created + customers.unchanged != CUSTOMERS:
        print(f"FAIL: set-up pushed {customers.created} of {CUSTOMERS} customers")
        return 1

    run = secrets.token_hex(3)  # systems of their own: the script may run twice on one database
    base_seconds, base_rpc = baseline(settings, case_rows(f"benchbase{run}", rows))
    file = write_file(work / "pqrs.csv", case_rows(f"bench{run}", rows))
    batch, streams = args.batch_size, args.streams
    journal, fresh = work / "journal.sqlite", work / "fresh.sqlite"
    first, first_rpc = sync_push(PqrsJob(), settings, journal, file, batch, streams)
    again, again_rpc = sync_push(PqrsJob(), settings, journal, file, batch, streams)
    lost, lost_rpc = sync_push(PqrsJob(), settings, fresh, file, batch, streams)

    measures = [
        ("baseline: create per case", base_seconds, base_rpc, rows),
        ("esc-sync first push", first.seconds, first_rpc, first.created),
        ("esc-sync unchanged", again.seconds, again_rpc, again.created + again.updated),
        ("esc-sync, fresh journal", lost.seconds, lost_rpc, lost.created + lost.updated),
    ]
    print(f"esc-sync pqrs benchmark: {rows} cases, batch size {batch}, {streams} streams")
    print(f"{'side':<27} {'rows':>6} {'seconds':>9} {'rows/s':>9} {'RPC':>6} {'writes':>7}")
    for label, seconds, rpc, writes in measures:
        print(f"{label:<27} {rows:>6} {seconds:>9.2f} {rows / seconds:>9.0f} {rpc:>6} {writes:>7}")
    speedup = base_seconds / first.seconds
    print(f"first push over baseline: {speedup:.1f}x (threshold {MIN_SPEEDUP}x)")
    print(f"rows per RPC, first push: {rows / first_rpc:.0f} (threshold {MIN_ROWS_PER_RPC})")

    failures = []
    radicados = {row["name"] for row in first.returned if str(row["name"]).startswith("PQRS/")}
    if first.created != rows or first.exit_code or len(radicados) != rows:
        failures.append(f"first push filed {first.created} of {rows}, {len(radicados)} radicados")
    if speedup < MIN_SPEEDUP:
        failures.append(f"first push only {speedup:.1f}x the baseline")
    if rows / first_rpc < MIN_ROWS_PER_RPC:
        failures.append(f"{first_rpc} RPCs for {rows} rows")
    for label, report in (("unchanged", again), ("fresh journal", lost)):
        if report.created or report.updated or report.unchanged != rows:
            failures.append(f"{label} push wrote or missed rows")
    return verdict(failures)


if __name__ == "__main__":
    sys.exit(main())
