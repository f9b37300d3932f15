"""The relevant-information job against an Odoo in memory: reports proposed, never rewritten."""

from pathlib import Path

import pytest

from sync.engine import Push
from sync.jobs.info import InfoJob
from tests.memory_gateway import FieldSpec, char, many2one
from tests.test_sync_pqrs import seeded_gateway as pqrs_gateway

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CATEGORIES = ("CONTACTS", "ADDRESSES", "PHONES", "MARKET")


def seeded_gateway():
    """The customers of the PQRS tests (CLI-0003 with its NIT), categories, places, segments."""
    gateway = pqrs_gateway()
    gateway.declare("esc.customer.info.category", {"name": char("Name"), "code": char("Code")})
    for code in CATEGORIES:
        gateway.seed("esc.customer.info.category", {"name": code.title(), "code": code})
    colombia = gateway.seed("res.country", {"name": "Colombia", "code": "CO"})
    for code in ("VAC", "CUN", "ANT"):
        gateway.seed("res.country.state", {"name": code, "code": code, "country_id": colombia})
    gateway.seed("esc.segment", {"name": "Key Account", "code": "KEY_ACCOUNT"})
    gateway.seed("res.partner", {"name": "Empaques", "is_company": True, "vat": "811034562-6"})
    gateway.declare(
        "esc.customer.info",
        {
            "name": char("Reference"),
            "state": char("Status"),
            "source_system": char("Source System"),
            "source_key": char("Source Key"),
            "reported_via": char("Reported Through"),
            "partner_id": many2one("res.partner", "Customer", required=True),
            "category_id": many2one("esc.customer.info.category", "Category", required=True),
            "description": char("Description"),
            "reported_by_id": many2one("res.users", "Reported By"),
            "reported_at": char("Reported At", required=True),
            **{
                name: char(name)
                for name in (
                    "proposed_street",
                    "proposed_street2",
                    "proposed_city",
                    "proposed_zip",
                    "proposed_email",
                    "proposed_phone",
                    "proposed_mobile",
                    "proposed_vat",
                    "proposed_market",
                )
            },
            "proposed_stakeholder_group": FieldSpec(
                "selection",
                "Stakeholder Group",
                selection=(("customer", "Customer"), ("distributor", "Distributor")),
            ),
            "proposed_state_id": many2one("res.country.state", "Department"),
            "proposed_country_id": many2one("res.country", "Country"),
            "proposed_segment_id": many2one("esc.segment", "Segment"),
        },
    )
    numbers = iter(range(1, 1000))
    gateway.on_create(
        "esc.customer.info",
        lambda values: {"name": f"INF/2026/{next(numbers):05d}", "state": "reported"},
    )
    return gateway


@pytest.fixture
def gateway():
    return seeded_gateway()


def push(journal, gateway, path, **options):
    return Push(InfoJob(), journal, gateway, **options).run(path)


def reports(gateway):
    return gateway.records("esc.customer.info")


def problems(report):
    return {(p.line, p.field): p.reason for p in report.set_aside}


def test_every_valid_report_is_proposed_to_the_register_from_another_system(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "info.csv")

    filed = {row["source_key"]: row for row in reports(gateway)}
    assert (report.created, report.exit_code) == (4, 0)
    assert {row["reported_via"] for row in filed.values()} == {"sync"}
    assert filed["INF-2026-0301"]["proposed_city"] == "Palmira"
    assert filed["INF-2026-0301"]["proposed_state_id"]
    assert filed["INF-2026-0301"]["reported_at"] == "2026-11-20 20:10:00"


def test_each_report_comes_back_with_its_reference_and_status(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "info.csv")

    assert {row["key"]: (row["name"], row["state"]) for row in report.returned} == {
        f"INF-2026-030{n}": (f"INF/2026/0000{n}", "reported") for n in range(1, 5)
    }


def test_a_customer_given_by_nit_is_its_company(gateway, journal):
    push(journal, gateway, EXAMPLES / "info.csv")

    (phones,) = [row for row in reports(gateway) if row["source_key"] == "INF-2026-0303"]
    assert gateway.record("res.partner", phones["partner_id"])["name"] == "Empaques"


def test_proposals_name_segments_and_stakeholder_groups_by_code(gateway, journal):
    push(journal, gateway, EXAMPLES / "info.csv")

    (market,) = [row for row in reports(gateway) if row["source_key"] == "INF-2026-0304"]
    assert market["proposed_stakeholder_group"] == "distributor"
    assert gateway.record("esc.segment", market["proposed_segment_id"])["code"] == "KEY_ACCOUNT"


def test_the_same_file_twice_proposes_nothing_the_second_time(gateway, journal):
    push(journal, gateway, EXAMPLES / "info.csv")
    calls = gateway.rpc_calls

    report = push(journal, gateway, EXAMPLES / "info.csv")

    assert (report.unchanged, report.created, gateway.rpc_calls - calls) == (4, 0, 0)


def test_a_report_sent_again_about_another_moment_is_set_aside_naming_it(
    gateway, journal, tmp_path
):
    header = (EXAMPLES / "info.csv").read_text(encoding="utf-8").splitlines()[0]
    path = tmp_path / "info.csv"
    path.write_text(header + "\ncrm,K1,erp,CLI-0001,,PHONES,x,,2026-11-20T10:00:00Z" + "," * 7)
    push(journal, gateway, path)
    path.write_text(header + "\ncrm,K1,erp,CLI-0001,,PHONES,x,,2026-11-21T10:00:00Z" + "," * 7)

    report = push(journal, gateway, path)

    assert "INF/2026/00001" in problems(report)[(2, "key")]
    assert len(reports(gateway)) == 1


def test_the_corpus_with_errors_sets_each_bad_row_aside_and_proposes_the_good_one(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "info_with_errors.csv")
    found = problems(report)

    assert [row["source_key"] for row in reports(gateway)] == ["INF-2026-0401"]
    assert "customer 'CLI-9999' of erp is not in Odoo" in found[(3, "customer_key")]
    assert "category 'GOSSIP' is not known" in found[(4, "category")]
    assert "has no time zone" in found[(5, "reported_at")]
    assert "is in the future" in found[(6, "reported_at")]
    assert "proposed_email" in found[(7, "proposed_email")]
    assert "department 'XYZ' of CO is not known" in found[(8, "proposed_department")]
    assert "segment code 'GOLDEN' is not known" in found[(9, "proposed_segment_code")]
    assert "reported by 'nobody' is not known" in found[(10, "reported_by")]
    assert "appears on lines 11, 12" in found[(11, "key")] and (12, "key") in found
    assert found[(13, "category")] == "category is required"
    assert (len(report.set_aside), report.exit_code) == (11, 1)
