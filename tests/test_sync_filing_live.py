"""What other systems file in Odoo through the sync, on a real Odoo 18 (Odoo tier, issue #17),
run as the integration user: ``push pqrs`` (cases filed with their radicado and legal due date
given back, the bad rows of a file set aside while the good ones land, a run killed with
SIGKILL resumed filing each case exactly once) and ``pull pqrs``; ``push info`` (reports
proposed to the register, decided by Customer Service) and the round trip of a correction:
applied in Odoo, held from the ERP's next push, listed by ``pull corrections``.

Skipped, with how to enable it, unless ``ODOO_RC`` names an Odoo 18 configuration.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.odoo_tier import HOW_TO_ENABLE, RestartableLiveServer
from tests.test_sync_resume_live import (
    ESC_SYNC,
    admin_gateway,
    journal_states,
    push,
    pushing,
    seed_segments,
    sync_env,
    wait_until_pushed,
    write_config,
    write_customers,
)

pytestmark = pytest.mark.skipif(not os.environ.get("ODOO_RC"), reason=HOW_TO_ENABLE)

COLUMNS = [
    "source_system",
    "key",
    "customer_system",
    "customer_key",
    "type_code",
    "channel_code",
    "received_at",
    "subject",
    "description",
]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TYPES = ["PET", "QUE", "REC", "SUG"]
CUSTOMERS = 50


@pytest.fixture(scope="module")
def server(odoo_report, tmp_path_factory):
    """A served database with the shipped examples' customers (their segments and
    salespeople made by the administrator first) and 50 more of ``crm``."""
    with RestartableLiveServer() as live:
        odoo_report.append(f"sync pqrs live suite: {live.database.name} served on {live.url}")
        seed_segments(live)
        users = [["Laura Gómez", "lgomez"], ["Mario Rojas", "mrojas"]]
        assert admin_gateway(live).load("res.users", ["name", "login"], users).committed
        work = tmp_path_factory.mktemp("customers")
        config = write_config(work, live)
        for source in (EXAMPLES / "customers.csv", write_customers(work / "c.csv", "crm", 50)):
            pushed = push(config, source)
            assert pushed.returncode == 0, pushed.stdout + pushed.stderr
        yield live


def write_cases(path: Path, system: str, count: int) -> Path:
    """``count`` claims and petitions of ``system`` about the ``crm`` customers, received in
    the last days (Bogotá time, with its offset)."""
    now = datetime.now(timezone(timedelta(hours=-5)))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for number in range(count):
            received = now - timedelta(hours=1 + number % 200)
            writer.writerow(
                {
                    "source_system": system,
                    "key": f"CC-{number:05d}",
                    "customer_system": "crm",
                    "customer_key": customer_key(number),
                    "type_code": TYPES[number % len(TYPES)],
                    "channel_code": "PHONE",
                    "received_at": received.isoformat(timespec="seconds"),
                    "subject": f"Caso {system} {number:05d}",
                    "description": f"Llamada {number}: el cliente reporta una novedad.",
                }
            )
    return path


def customer_key(number: int) -> str:
    """A company of ``crm`` for every fifth case, else one of that company's contacts
    (`write_customers`: company ``EMP-c`` on row 5c, its contacts ``CON-`` on the four after)."""
    company = number % (CUSTOMERS // 5)
    if number % 5 == 0:
        return f"EMP-{company:05d}"
    return f"CON-{5 * company + 1 + number % 4:05d}"


def run_acknowledgement_job(server: RestartableLiveServer) -> None:
    """Run the job the filings started, as Odoo's scheduler would (the suite's server runs
    none)."""
    database, password = server.database.name, server.ADMIN_PASSWORD
    uid = server.json_rpc("common", "login", database, server.ADMIN_LOGIN, password)
    _model, cron = server.json_rpc(
        "object", "execute_kw", database, uid, password, "ir.model.data",
        "check_object_reference", ["esc_pqrs_module", "ir_cron_esc_acknowledge_queued"],
    )  # fmt: skip
    server.json_rpc(
        "object", "execute_kw", database, uid, password, "ir.cron", "method_direct_trigger",
        [[cron]],
    )  # fmt: skip


def cases_of(server: RestartableLiveServer, system: str) -> list[dict]:
    return admin_gateway(server).search_read(
        "esc.pqrs",
        [("source_system", "=", system)],
        ["name", "source_key", "acknowledged_at", "legal_due_date"],
        {"active_test": False},
    )


def pull(config: Path, since: str, out: Path, job: str = "pqrs") -> subprocess.CompletedProcess:
    command = ["pull", job, "--since", since, "--out", str(out)]
    return subprocess.run(
        [str(ESC_SYNC), "--config", str(config), *command],
        cwd=config.parent,
        env=sync_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_cases_are_filed_acknowledged_and_given_back_their_radicado(server, tmp_path, odoo_report):
    system, rows = "callcentre1", 60
    config = write_config(tmp_path, server)
    first = push(config, write_cases(tmp_path / "cases.csv", system, rows), "pqrs")
    again = push(config, tmp_path / "cases.csv", "pqrs")

    assert first.returncode == 0, first.stdout + first.stderr
    report = first.report
    returned = {row["key"]: row for row in report["returned"]}
    filed = {case["source_key"]: case for case in cases_of(server, system)}
    assert report["created"] == rows == len(filed)
    assert {key: row["name"] for key, row in returned.items()} == {
        key: case["name"] for key, case in filed.items()
    }
    assert all(row["legal_due_date"] for row in returned.values())
    run_acknowledgement_job(server)
    assert all(case["acknowledged_at"] for case in cases_of(server, system))
    assert (again.report["unchanged"], again.report["created"]) == (rows, 0)
    assert again.report["rpc_calls"] <= 5
    odoo_report.append(
        f"push pqrs: {rows} cases filed in {first.seconds:.1f} s, {report['rpc_calls']} RPCs; "
        f"again: {again.report['rpc_calls']} RPCs, unchanged {again.report['unchanged']}"
    )


def test_a_pull_reads_back_the_cases_the_sync_filed(server, tmp_path):
    system, rows = "callcentre2", 12
    config = write_config(tmp_path, server)
    since = datetime.now(timezone.utc) - timedelta(minutes=1)
    pushed = push(config, write_cases(tmp_path / "cases.csv", system, rows), "pqrs")
    out = tmp_path / "cases.jsonl"

    pulled = pull(config, since.isoformat(timespec="seconds"), out)

    assert pushed.returncode == 0 and pulled.returncode == 0, pulled.stderr
    mine = [
        json.loads(line)
        for line in out.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["source_system"] == system
    ]
    assert sorted(row["key"] for row in mine) == [f"CC-{n:05d}" for n in range(rows)]
    assert all(row["radicado"].startswith("PQRS/") and row["status"] == "open" for row in mine)
    suggestions = {row["key"] for row in mine if int(row["key"][3:]) % len(TYPES) == 3}
    assert all(row["legal_due_date"] for row in mine if row["key"] not in suggestions)


def test_the_corpus_with_errors_files_the_good_row_and_sets_the_others_aside(server, tmp_path):
    config = write_config(tmp_path, server)
    good = push(config, EXAMPLES / "pqrs.csv", "pqrs")
    bad = push(config, EXAMPLES / "pqrs_with_errors.csv", "pqrs")

    assert good.returncode == 0, good.stdout + good.stderr
    assert good.report["created"] == 6
    assert bad.returncode == 1, bad.stderr
    assert (bad.report["created"], len(bad.report["set_aside"])) == (1, 11)


def test_a_killed_pqrs_push_resumes_filing_each_case_exactly_once(server, tmp_path, odoo_report):
    system, rows = "callcentre3", 1500
    source = write_cases(tmp_path / "cases.csv", system, rows)
    config = write_config(tmp_path, server)
    journal = tmp_path / "journal.sqlite"

    with pushing(config, source, "pqrs") as process:
        wait_until_pushed(process, journal, system, rows * 2 // 5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    before = journal_states(journal, system)
    started = time.monotonic()
    resumed = push(config, source, "pqrs")

    filed = cases_of(server, system)
    assert process.returncode == -signal.SIGKILL
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert len(filed) == rows
    assert len({case["source_key"] for case in filed}) == rows
    assert len({case["name"] for case in filed}) == rows
    assert journal_states(journal, system) == {"pushed": rows}
    report = resumed.report
    odoo_report.append(
        f"push pqrs resume after SIGKILL: {rows} cases; killed with {before.get('pushed', 0)} "
        f"pushed, {before.get('pending', 0)} pending; resumed in "
        f"{time.monotonic() - started:.1f} s: created {report['created']}, "
        f"unchanged {report['unchanged']}, {report['rpc_calls']} RPCs"
    )


def admin_call(server: RestartableLiveServer, model: str, method: str, *args):
    database, password = server.database.name, server.ADMIN_PASSWORD
    uid = server.json_rpc("common", "login", database, server.ADMIN_LOGIN, password)
    return server.json_rpc(
        "object", "execute_kw", database, uid, password, model, method, list(args)
    )


def test_reports_are_proposed_to_the_register_and_only_service_decides(server, tmp_path):
    config = write_config(tmp_path, server)
    good = push(config, EXAMPLES / "info.csv", "info")
    bad = push(config, EXAMPLES / "info_with_errors.csv", "info")

    assert good.returncode == 0, good.stdout + good.stderr
    assert {row["state"] for row in good.report["returned"]} == {"reported"}
    assert bad.returncode == 1, bad.stderr
    assert (bad.report["created"], len(bad.report["set_aside"])) == (1, 11)
    reports = admin_gateway(server).search_read(
        "esc.customer.info", [("source_system", "=", "crm")], ["reported_via", "state"]
    )
    assert {(row["reported_via"], row["state"]) for row in reports} == {("sync", "reported")}


def test_a_correction_applied_in_odoo_is_held_from_the_erp_and_pulled_for_it(server, tmp_path):
    config = write_config(tmp_path, server)
    assert push(config, EXAMPLES / "customers.csv").returncode == 0  # this journal knows them
    since = datetime.now(timezone.utc) - timedelta(minutes=1)
    info = tmp_path / "phone.csv"
    info.write_text(
        "source_system,key,customer_system,customer_key,category,reported_at,proposed_phone\n"
        "crm,INF-HOLD-1,erp,CLI-0005,PHONES,2026-11-25T09:00:00-05:00,607 697 1234\n",
        encoding="utf-8",
    )
    (row,) = push(config, info, "info").report["returned"]
    admin_call(server, "esc.customer.info", "action_validate", [row["id"]])
    admin_call(server, "esc.customer.info", "action_apply", [row["id"]])
    erp = tmp_path / "customers.csv"
    erp.write_text(
        (EXAMPLES / "customers.csv").read_text(encoding="utf-8").replace("Transportes", "Trans"),
        encoding="utf-8",
    )

    again = push(config, erp)
    pulled = pull(config, since.isoformat(timespec="seconds"), tmp_path / "c.jsonl", "corrections")

    assert [(held["line"], held["field"]) for held in again.report["held"]] == [(6, "phone")]
    (partner,) = admin_gateway(server).search_read(
        "res.partner", [("id", "=", row_partner(server, row["id"]))], ["name", "phone"]
    )
    assert partner["phone"] == "+576076971234" and partner["name"].startswith("Trans ")
    assert pulled.returncode == 0, pulled.stderr
    (correction,) = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert (correction["key"], correction["fields"], correction["state"]) == (
        "CLI-0005",
        ["phone"],
        "pending",
    )


def row_partner(server: RestartableLiveServer, report_id: int) -> int:
    (report,) = admin_gateway(server).search_read(
        "esc.customer.info", [("id", "=", report_id)], ["partner_id"]
    )
    return report["partner_id"][0]
