"""Pulls read what Odoo decided, page by page, into a file written whole or not at all."""

import csv
import json
from datetime import datetime, timezone

import pytest

from sync import pull as pull_module
from sync.gateway import TransientError
from sync.jobs.customers import PROPOSED, CorrectionsPull
from sync.jobs.pqrs import PqrsPull
from sync.journal import PendingRow, PushedRow
from sync.pull import run_pull
from tests.memory_gateway import char, many2one
from tests.test_sync_pqrs import seeded_gateway

SINCE = datetime(2026, 11, 30, tzinfo=timezone.utc)


def filed(gateway, count, written="2026-12-01 10:00:00", stage=None):
    customer = gateway.records("res.partner")[0]["id"]
    for number in range(count):
        gateway.seed(
            "esc.pqrs",
            {
                "name": f"PQRS/2026/{number:05d}",
                "source_system": "call_centre",
                "source_key": f"K{number}",
                "partner_id": customer,
                "type_id": 1,
                "received_at": "2026-11-30 14:00:00",
                "subject": "S",
                "filing_date": "2026-11-30",
                "legal_due_date": "2026-12-22",
                "write_date": written,
                "stage_id": stage,
            },
        )


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_pull_writes_one_row_per_case_with_its_radicado_and_dates(tmp_path):
    gateway = seeded_gateway()
    filed(gateway, 1)

    report = run_pull(PqrsPull(), gateway, SINCE, tmp_path / "out.jsonl")

    (row,) = read_jsonl(tmp_path / "out.jsonl")
    assert row == {
        "source_system": "call_centre",
        "key": "K0",
        "radicado": "PQRS/2026/00000",
        "status": "open",
        "stage": None,
        "received_at": "2026-11-30T14:00:00Z",
        "filing_date": "2026-11-30",
        "legal_due_date": "2026-12-22",
        "next_deadline_at": None,
        "answered_at": None,
        "updated_at": "2026-12-01T10:00:00Z",
    }
    assert (report.rows, report.next_since) == (1, "2026-12-01T10:00:00Z")


def test_cases_changed_before_since_are_left_out(tmp_path):
    gateway = seeded_gateway()
    filed(gateway, 2, written="2026-11-20 10:00:00")
    filed(gateway, 1)

    report = run_pull(PqrsPull(), gateway, SINCE, tmp_path / "out.jsonl")

    assert report.rows == 1


def test_cases_not_filed_by_the_sync_are_left_out(tmp_path):
    gateway = seeded_gateway()
    filed(gateway, 1)
    gateway.seed("esc.pqrs", {"subject": "By hand", "write_date": "2026-12-01 11:00:00"})

    assert run_pull(PqrsPull(), gateway, SINCE, tmp_path / "out.jsonl").rows == 1


def test_a_pull_reads_page_after_page_until_a_short_one(tmp_path, monkeypatch):
    monkeypatch.setattr(pull_module, "PAGE", 3)
    gateway = seeded_gateway()
    filed(gateway, 7)

    report = run_pull(PqrsPull(), gateway, SINCE, tmp_path / "out.jsonl")

    assert [row["key"] for row in read_jsonl(tmp_path / "out.jsonl")] == [f"K{n}" for n in range(7)]
    assert report.rpc_calls == 3


def test_a_file_ending_in_csv_is_written_as_csv_with_a_header(tmp_path):
    gateway = seeded_gateway()
    filed(gateway, 2)

    run_pull(PqrsPull(), gateway, SINCE, tmp_path / "out.csv")

    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["radicado"] for row in rows] == ["PQRS/2026/00000", "PQRS/2026/00001"]
    assert rows[0]["answered_at"] == ""


def test_a_pull_that_fails_midway_leaves_the_previous_file_untouched(tmp_path, monkeypatch):
    monkeypatch.setattr(pull_module, "PAGE", 2)
    gateway = seeded_gateway()
    filed(gateway, 5)
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    original = gateway.search_read
    calls = []

    def second_page_times_out(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise TransientError("timed out")
        return original(*args, **kwargs)

    monkeypatch.setattr(gateway, "search_read", second_page_times_out)
    with pytest.raises(TransientError):
        run_pull(PqrsPull(), gateway, SINCE, out)

    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.jsonl"]


def corrections_gateway():
    gateway = seeded_gateway()
    gateway.declare(
        "esc.customer.info",
        {
            "name": char("Reference"),
            "erp_correction_state": char("ERP Correction"),
            "erp_field_names": char("Fields to Correct in the ERP"),
            "partner_id": many2one("res.partner", "Customer"),
            "applied_at": char("Applied On"),
            "write_date": char("Last Updated on"),
            **{name: char(name) for name in PROPOSED.values() if not name.endswith("_id")},
            "proposed_state_id": many2one("res.country.state", "Department"),
            "proposed_country_id": many2one("res.country", "Country"),
            "proposed_segment_id": many2one("esc.segment", "Segment"),
        },
    )
    return gateway


def test_corrections_name_the_customer_by_the_erps_key_and_the_corrected_values(tmp_path, journal):
    gateway = corrections_gateway()
    partner = gateway.records("res.partner")[0]["id"]
    run = journal.start_run("customers", "customers.csv")
    journal.mark_pending(run, [PendingRow("erp", "CLI-0001", "customers.csv", 2, "h")])
    journal.mark_pushed(run, [PushedRow("erp", "CLI-0001", "h", partner)])
    gateway.seed(
        "esc.customer.info",
        {
            "name": "INF/2026/00007",
            "erp_correction_state": "pending",
            "erp_field_names": "city, phone",
            "partner_id": partner,
            "proposed_city": "Palmira",
            "proposed_phone": "+576022345678",
            "write_date": "2026-12-01 09:00:00",
        },
    )

    run_pull(CorrectionsPull(journal), gateway, SINCE, tmp_path / "out.jsonl")

    (row,) = read_jsonl(tmp_path / "out.jsonl")
    assert (row["reference"], row["state"], row["key"]) == ("INF/2026/00007", "pending", "CLI-0001")
    assert row["fields"] == ["city", "phone"]
    assert row["values"] == {"city": "Palmira", "phone": "+576022345678"}


def test_a_report_without_an_erp_correction_is_not_a_correction(tmp_path):
    gateway = corrections_gateway()
    gateway.seed("esc.customer.info", {"name": "INF/1", "write_date": "2026-12-01 09:00:00"})

    assert run_pull(CorrectionsPull(), gateway, SINCE, tmp_path / "out.jsonl").rows == 0
