"""``esc-sync push customers`` resumes on a real Odoo 18 (Odoo tier, issue #5).

A run killed with SIGKILL, or cut off by Odoo stopping, then started again applies every row
exactly once; the same file pushed twice writes nothing the second time. Each test runs the
installed ``esc-sync`` console script as a subprocess, as the integration user
(`LiveServer.INTEGRATION_LOGIN`; the administrator only seeds and checks), with its own
configuration, journal and source system, against one throwaway database served for the whole
module.

Skipped, with how to enable it, unless ``ODOO_RC`` names an Odoo 18 configuration.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr
from stdnum.co import nit as co_nit

from sync.config import OdooConnection, RetrySettings
from sync.mapping import XMLID_MODULE
from sync.odoo import OdooRpcGateway
from tests.odoo_tier import HOW_TO_ENABLE, RestartableLiveServer

pytestmark = pytest.mark.skipif(not os.environ.get("ODOO_RC"), reason=HOW_TO_ENABLE)

ESC_SYNC = Path(sys.executable).parent / "esc-sync"
PASSWORD_ENV = "ESC_SYNC_PASSWORD"
#: Longest a whole push of a few thousand rows may take before the test gives up on it.
PUSH_TIMEOUT = 900
SEGMENTS = {"PREMIUM": "Premium", "STANDARD": "Standard", "KEY_ACCOUNT": "Key Account"}
#: City, department, landline prefix.
PLACES = [
    ("Medellín", "ANT", "604"),
    ("Cali", "VAC", "602"),
    ("Bogotá", "DC", "601"),
    ("Barranquilla", "ATL", "605"),
    ("Bucaramanga", "SAN", "607"),
]
MARKETS = ["Alimentos", "Construcción", "Distribución", "Industrial"]
#: Every fifth row is a company, the four after it its contacts.
ROWS_PER_COMPANY = 5
COLUMNS = [
    "source_system",
    "key",
    "name",
    "is_company",
    "company_key",
    "nit",
    "emails",
    "phones",
    "street",
    "city",
    "department",
    "country",
    "segment_code",
    "market",
    "stakeholder_group",
    "active",
]


# Fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(odoo_report):
    with RestartableLiveServer() as live:
        odoo_report.append(f"sync resume live suite: {live.database.name} served on {live.url}")
        seed_segments(live)
        yield live


def seed_segments(server: RestartableLiveServer) -> None:
    """The segments the customer files name, made by the administrator."""
    codes = sorted(SEGMENTS)
    made = admin_gateway(server).load(
        "esc.segment", ["name", "code"], [[SEGMENTS[code], code] for code in codes]
    )
    assert made.committed, made.messages


def admin_gateway(server: RestartableLiveServer) -> OdooRpcGateway:
    settings = OdooConnection(
        url=server.url,
        database=server.database.name,
        login=RestartableLiveServer.ADMIN_LOGIN,
        password=SecretStr(RestartableLiveServer.ADMIN_PASSWORD),
        timeout_seconds=120.0,
    )
    return OdooRpcGateway(settings, RetrySettings(attempts=2, backoff_seconds=0.5))


# Files, config and runs ------------------------------------------------------------------------


def write_customers(path: Path, system: str, count: int) -> Path:
    """``count`` rows of ``system``: companies with a valid NIT, each followed by its contacts.

    Every name holds `` <system> `` and a number, so names are unique and findable in Odoo.
    """
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for index in range(count):
            company = index // ROWS_PER_COMPANY
            if index % ROWS_PER_COMPANY == 0:
                writer.writerow(_company_row(system, company))
            else:
                writer.writerow(_contact_row(system, company, index))
    return path


def _company_row(system: str, company: int) -> dict[str, str]:
    city, department, prefix = PLACES[company % len(PLACES)]
    number = str(800_000_000 + company)
    domain = f"empresa{company:05d}.{system}.example.com"
    return {
        "source_system": system,
        "key": f"EMP-{company:05d}",
        "name": f"Empresa {system} {company:05d} S.A.S.",
        "is_company": "true",
        "nit": f"{number}-{co_nit.calc_check_digit(number)}",
        "emails": f"compras@{domain}; cartera@{domain}",
        "phones": f"{prefix} 4{company % 100:02d} {company % 10_000:04d}",
        "street": f"Calle {company % 120 + 1} # {company % 90 + 1}-{company % 70 + 10}",
        "city": city,
        "department": department,
        "country": "CO",
        "segment_code": sorted(SEGMENTS)[company % len(SEGMENTS)],
        "market": MARKETS[company % len(MARKETS)],
        "stakeholder_group": "distributor" if company % 7 == 0 else "customer",
        "active": "true",
    }


def _contact_row(system: str, company: int, index: int) -> dict[str, str]:
    """A contact carries no NIT, address or segment: Odoo copies those from its company."""
    return {
        "source_system": system,
        "key": f"CON-{index:05d}",
        "name": f"Contacto {system} {index:05d}",
        "is_company": "false",
        "company_key": f"EMP-{company:05d}",
        "emails": f"contacto{index:05d}@empresa{company:05d}.{system}.example.com",
        "phones": f"310 {index % 1000:03d} {index % 10_000:04d}",
    }


def write_config(tmp_path: Path, server: RestartableLiveServer) -> Path:
    config = tmp_path / "esc-sync.yaml"
    config.write_text(
        f"odoo:\n"
        f"  url: {server.url}\n"
        f"  database: {server.database.name}\n"
        f"  login: {RestartableLiveServer.INTEGRATION_LOGIN}\n"
        f"  password_env: {PASSWORD_ENV}\n"
        f"  timeout_seconds: 120\n"
        f"journal: journal.sqlite\n"
        f"batch_size: 100\n"
        f"retries: {{attempts: 2, backoff_seconds: 0.2}}\n",
        encoding="utf-8",
    )
    return config


def push_command(config: Path, source: Path, job: str = "customers") -> list[str]:
    return [str(ESC_SYNC), "--config", str(config), "push", job, str(source)]


def sync_env() -> dict[str, str]:
    return {**os.environ, PASSWORD_ENV: RestartableLiveServer.INTEGRATION_PASSWORD}


@dataclass
class Finished:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def report(self) -> dict:
        return json.loads(self.stdout)


def push(config: Path, source: Path, job: str = "customers") -> Finished:
    """Run a push to its end, with the JSON report."""
    started = time.monotonic()
    done = subprocess.run(
        [*push_command(config, source, job), "--report", "json"],
        cwd=config.parent,
        env=sync_env(),
        capture_output=True,
        text=True,
        timeout=PUSH_TIMEOUT,
        check=False,
    )
    return Finished(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


@contextmanager
def pushing(config: Path, source: Path, job: str = "customers") -> Iterator[subprocess.Popen]:
    """A push running in the background; its output goes to files beside the config. Killed
    on the way out if it is still running."""
    out = (config.parent / "push.out").open("w", encoding="utf-8")
    err = (config.parent / "push.err").open("w", encoding="utf-8")
    process = subprocess.Popen(
        push_command(config, source, job),
        cwd=config.parent,
        env=sync_env(),
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=err,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        out.close()
        err.close()


# The journal, read as `esc-sync status` does: without taking the writer's lock ---------------


def journal_states(journal: Path, system: str) -> dict[str, int]:
    """Rows of ``system`` by state; empty while the journal or its tables do not exist yet."""
    if not journal.exists():
        return {}
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=30)
    try:
        rows = db.execute(
            "SELECT state, count(*) FROM rows WHERE source_system = ? GROUP BY state", (system,)
        ).fetchall()
    except sqlite3.OperationalError:  # schema not written yet
        return {}
    finally:
        db.close()
    return dict(rows)


def wait_until_pushed(process: subprocess.Popen, journal: Path, system: str, at_least: int) -> int:
    deadline = time.monotonic() + PUSH_TIMEOUT
    while time.monotonic() < deadline:
        pushed = journal_states(journal, system).get("pushed", 0)
        if pushed >= at_least:
            return pushed
        if process.poll() is not None:
            pytest.fail(
                f"esc-sync ended with {process.returncode} after {pushed} rows pushed, "
                f"before {at_least}:\n{_read(journal.parent / 'push.err')}"
            )
        time.sleep(0.05)
    pytest.fail(f"fewer than {at_least} rows pushed in {PUSH_TIMEOUT} s")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-4000:]


# What Odoo holds ----------------------------------------------------------------------------


def assert_odoo_holds_each_row_once(server: RestartableLiveServer, system: str, rows: int):
    """One partner per row of ``system``: each external id on its own partner, no partner
    without one, no name twice."""
    gateway = admin_gateway(server)
    prefix = f"{system}_customer_"
    links = [
        link
        for link in gateway.search_read(
            "ir.model.data",
            [("module", "=", XMLID_MODULE), ("name", "=like", f"{system}\\_customer\\_%")],
            ["name", "model", "res_id"],
        )
        if link["name"].startswith(prefix)
    ]
    partners = gateway.search_read(
        "res.partner", [("name", "ilike", f" {system} ")], ["name"], {"active_test": False}
    )
    assert len(links) == rows
    assert {link["model"] for link in links} == {"res.partner"}
    assert len({link["res_id"] for link in links}) == rows, "two external ids on one partner"
    assert len(partners) == rows, "partners of this system beside those of the external ids"
    assert len({partner["name"] for partner in partners}) == rows, "a name twice"
    assert {partner["id"] for partner in partners} == {link["res_id"] for link in links}


# Tests --------------------------------------------------------------------------------------


def test_run_killed_midway_then_resumed_applies_every_row_exactly_once(
    server, tmp_path, odoo_report
):
    system, rows = "resume1", 5000
    source = write_customers(tmp_path / "customers.csv", system, rows)
    config = write_config(tmp_path, server)
    journal = tmp_path / "journal.sqlite"

    started = time.monotonic()
    with pushing(config, source) as process:
        wait_until_pushed(process, journal, system, rows * 2 // 5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    killed_after = time.monotonic() - started
    before = journal_states(journal, system)
    resumed = push(config, source)

    assert process.returncode == -signal.SIGKILL
    assert resumed.returncode == 0, resumed.stderr
    assert_odoo_holds_each_row_once(server, system, rows)
    assert journal_states(journal, system) == {"pushed": rows}
    report = resumed.report
    odoo_report.append(
        f"resume after SIGKILL: {rows} rows; killed after {killed_after:.1f} s with "
        f"{before.get('pushed', 0)} pushed, {before.get('pending', 0)} pending; resumed run "
        f"{resumed.seconds:.1f} s: created {report['created']}, updated {report['updated']}, "
        f"unchanged {report['unchanged']}, {report['rpc_calls']} RPCs"
    )


def test_odoo_stopped_midway_exits_3_then_a_clean_resume_finishes(server, tmp_path, odoo_report):
    system, rows = "resume2", 3000
    source = write_customers(tmp_path / "customers.csv", system, rows)
    config = write_config(tmp_path, server)
    journal = tmp_path / "journal.sqlite"

    with pushing(config, source) as process:
        wait_until_pushed(process, journal, system, rows // 3)
        halted = time.monotonic()
        try:
            server.halt()
            returncode = process.wait(timeout=120)
            gave_up_after = time.monotonic() - halted
            before = journal_states(journal, system)
        finally:
            server.restart()
    stderr = _read(tmp_path / "push.err")
    resumed = push(config, source)

    assert returncode == 3, stderr
    assert "Odoo unreachable" in stderr
    assert "Traceback" not in stderr
    assert resumed.returncode == 0, resumed.stderr
    assert_odoo_holds_each_row_once(server, system, rows)
    assert journal_states(journal, system) == {"pushed": rows}
    report = resumed.report
    odoo_report.append(
        f"resume after Odoo stopped: {rows} rows; {before.get('pushed', 0)} pushed, "
        f"{before.get('pending', 0)} pending, {before.get('failed', 0)} failed when the push "
        f"exited 3, {gave_up_after:.1f} s after the halt began; resumed run "
        f"{resumed.seconds:.1f} s: created {report['created']}, updated {report['updated']}, "
        f"unchanged {report['unchanged']}, {report['rpc_calls']} RPCs"
    )


def test_same_file_again_writes_nothing(server, tmp_path, odoo_report):
    system, rows = "resume3", 500
    source = write_customers(tmp_path / "customers.csv", system, rows)
    config = write_config(tmp_path, server)

    first = push(config, source)
    again = push(config, source)

    assert first.returncode == 0, first.stderr
    assert first.report["created"] == rows
    assert again.returncode == 0, again.stderr
    report = again.report
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 0, rows)
    assert report["rpc_calls"] <= 5
    odoo_report.append(
        f"same file again: {rows} rows; first run {first.seconds:.1f} s, "
        f"{first.report['rpc_calls']} RPCs; second run {again.seconds:.1f} s, "
        f"{report['rpc_calls']} RPCs, unchanged {report['unchanged']}"
    )
