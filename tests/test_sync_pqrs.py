"""The PQRS job against an Odoo in memory: filed once, radicado returned, never rewritten."""

import hashlib
from pathlib import Path

import pytest

from sync.engine import Push
from sync.gateway import LoadMessage, LoadResult
from sync.jobs.pqrs import PqrsJob
from sync.journal import Journal
from tests.memory_gateway import FieldSpec, MemoryGateway, boolean, char, many2one
from tests.test_sync_jobs import TimingOutLoads

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HEADER = (
    "source_system,key,customer_system,customer_key,nit,type_code,channel_code,received_at,"
    "subject,description,priority,fundamental_right\n"
)
PQRS_FIELDS = {
    "name": char("Filing Number"),
    "source_system": char("Source System"),
    "source_key": char("Source Key"),
    "partner_id": many2one("res.partner", "Customer", required=True),
    "type_id": many2one("esc.pqrs.type", "Type", required=True),
    "channel_id": many2one("esc.channel", "Channel"),
    "received_at": char("Received On", required=True),
    "subject": char("Subject", required=True),
    "description": char("Description"),
    "priority": FieldSpec(
        "selection", "Priority", selection=(("0", "Normal"), ("1", "High"), ("2", "Urgent"))
    ),
    "is_fundamental_right": boolean("Fundamental Right (art. 20)"),
    "filing_date": char("Filing Date"),
    "legal_due_date": char("Legal Due Date"),
    "stage_id": many2one("esc.pqrs.stage", "Stage"),
    "is_closed": boolean("Closed"),
    "next_deadline_at": char("Next Deadline"),
    "answered_at": char("Answered On"),
    "write_date": char("Last Updated on"),
}


def seeded_gateway():
    gateway = MemoryGateway()
    gateway.declare("esc.pqrs.type", {"name": char("Name"), "code": char("Code")})
    gateway.declare(
        "esc.channel",
        {"name": char("Name"), "code": char("Code"), "is_official": boolean("Official")},
    )
    gateway.declare("esc.pqrs.stage", {"name": char("Name")})
    gateway.declare("esc.pqrs", PQRS_FIELDS)
    new = gateway.seed("esc.pqrs.stage", {"name": "New"})
    for code in ("PET", "QUE", "REC", "SUG", "FEL"):
        gateway.seed("esc.pqrs.type", {"name": code, "code": code})
    for code in ("PHONE", "VISIT"):
        gateway.seed("esc.channel", {"name": code, "code": code, "is_official": True})
    gateway.seed("esc.channel", {"name": "Chat", "code": "CHAT", "is_official": False})
    for key in ("CLI-0001", "CON-0102", "PER-0201", "CLI-0003", "CLI-0004", "CLI-0002"):
        xid = f"esc_sync.erp_customer_{key.lower().replace('-', '_')}_{_sha(key)}"
        gateway.seed("res.partner", {"name": key, "is_company": key.startswith("CLI")}, xid)
    gateway.seed("res.partner", {"name": "Los Andes", "is_company": True, "vat": "860051894-6"})
    numbers = iter(range(1, 10_000))
    gateway.on_create(
        "esc.pqrs",
        lambda values: {
            "name": f"PQRS/2026/{next(numbers):05d}",
            "filing_date": values["received_at"][:10],
            "legal_due_date": "2026-12-15",
            "stage_id": new,
            "write_date": "2026-12-01 10:00:00",
        },
    )
    return gateway


def _sha(key):
    return hashlib.sha1(key.encode()).hexdigest()[:8]


@pytest.fixture
def gateway():
    return seeded_gateway()


def push(journal, gateway, path, **options):
    return Push(PqrsJob(), journal, gateway, **options).run(path)


def write_csv(tmp_path, body, name="pqrs.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def cases(gateway):
    return gateway.records("esc.pqrs")


def problems(report):
    return {(p.line, p.field): p.reason for p in report.set_aside}


def test_first_push_files_every_valid_row(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "pqrs.csv")

    assert (report.created, report.exit_code) == (6, 0)
    assert sorted(case["source_key"] for case in cases(gateway)) == [
        f"CC-2026-110{n}" for n in range(1, 7)
    ]


def test_every_filed_row_gets_its_radicado_and_legal_due_date_back(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "pqrs.csv")

    returned = {row["key"]: row for row in report.returned}
    assert returned["CC-2026-1101"]["name"].startswith("PQRS/2026/")
    assert returned["CC-2026-1101"]["legal_due_date"] == "2026-12-15"
    assert returned["CC-2026-1101"]["line"] == 2
    assert len({row["name"] for row in report.returned}) == 6


def test_received_at_is_sent_in_utc(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "cc,K1,erp,CLI-0001,,PET,PHONE,2026-11-23T21:30:00-05:00,S,,,\n")
    push(journal, gateway, path)

    (case,) = cases(gateway)
    assert case["received_at"] == "2026-11-24 02:30:00"


def test_the_same_file_twice_files_nothing_the_second_time(gateway, journal):
    push(journal, gateway, EXAMPLES / "pqrs.csv")
    calls = gateway.rpc_calls

    report = push(journal, gateway, EXAMPLES / "pqrs.csv")

    assert (report.unchanged, report.created, gateway.rpc_calls - calls) == (6, 0, 0)
    assert len(cases(gateway)) == 6


def test_a_lost_journal_finds_the_filed_cases_and_returns_their_radicados(
    gateway, journal, tmp_path
):
    first = push(journal, gateway, EXAMPLES / "pqrs.csv")
    with Journal(tmp_path / "fresh.sqlite") as fresh:
        again = push(fresh, gateway, EXAMPLES / "pqrs.csv")

    assert (again.unchanged, again.created, len(cases(gateway))) == (6, 0, 6)
    assert {r["key"]: r["name"] for r in again.returned} == {
        r["key"]: r["name"] for r in first.returned
    }
    assert not [call for call in gateway.calls[-3:] if call.method == "load"]


def test_a_filed_case_sent_again_with_another_subject_is_set_aside_naming_its_radicado(
    gateway, journal, tmp_path
):
    path = write_csv(tmp_path, "cc,K1,erp,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,Old,,,\n")
    push(journal, gateway, path)
    write_csv(tmp_path, "cc,K1,erp,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,New,,,\n")

    report = push(journal, gateway, path)

    reason = problems(report)[(2, "key")]
    assert "PQRS/2026/00001" in reason and "never rewrites" in reason
    assert [case["subject"] for case in cases(gateway)] == ["Old"]


def test_a_customer_may_be_given_by_nit(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "cc,K1,,,860.051.894-6,QUE,PHONE,2026-11-23T09:00:00-05:00,S,,,\n")
    report = push(journal, gateway, path)

    (case,) = cases(gateway)
    assert report.exit_code == 0
    assert gateway.record("res.partner", case["partner_id"])["name"] == "Los Andes"


def test_the_customer_system_defaults_to_the_sending_system(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,K1,,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,S,,,\n")
    report = push(journal, gateway, path)

    assert report.created == 1


def test_the_description_is_plain_text_escaped_into_paragraphs(gateway, journal, tmp_path):
    body = 'cc,K1,erp,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,S,"<b>x</b>\nline\n\nnext",,\n'
    push(journal, gateway, write_csv(tmp_path, body))

    (case,) = cases(gateway)
    assert case["description"] == "<p>&lt;b&gt;x&lt;/b&gt;<br>line</p><p>next</p>"


def test_priority_and_the_article_20_flag_are_filed(gateway, journal, tmp_path):
    body = "cc,K1,erp,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,S,,urgent,sí\n"
    push(journal, gateway, write_csv(tmp_path, body))

    (case,) = cases(gateway)
    assert (case["priority"], case["is_fundamental_right"]) == ("2", True)


def test_the_corpus_with_errors_sets_each_bad_row_aside_and_files_the_good_one(gateway, journal):
    report = push(journal, gateway, EXAMPLES / "pqrs_with_errors.csv")
    found = problems(report)

    assert [case["source_key"] for case in cases(gateway)] == ["CC-2026-2001"]
    assert "has no time zone" in found[(3, "received_at")]
    assert "is in the future" in found[(4, "received_at")]
    assert "customer 'CLI-9999' of erp is not in Odoo" in found[(5, "customer_key")]
    assert "type 'XYZ' is not known" in found[(6, "type_code")]
    assert "channel 'FAX' is not known" in found[(7, "channel_code")]
    assert "appears on lines 8, 9" in found[(8, "key")] and (9, "key") in found
    assert "exactly one of customer_key and nit" in found[(10, "customer_key")]
    assert "normal, high or urgent" in found[(11, "priority")]
    assert "check digit should be 4" in found[(12, "nit")]
    assert found[(13, "subject")] == "subject is required"
    assert (len(report.set_aside), report.exit_code) == (11, 1)


def test_a_channel_that_is_not_official_takes_no_case(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "cc,K1,erp,CLI-0001,,PET,CHAT,2026-11-23T09:00:00-05:00,S,,,\n")
    report = push(journal, gateway, path)

    assert "is not official" in problems(report)[(2, "channel_code")]
    assert cases(gateway) == []


def test_a_nit_no_company_holds_is_set_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "cc,K1,,,900.412.337-1,PET,PHONE,2026-11-23T09:00:00-05:00,S,,,\n")
    report = push(journal, gateway, path)

    assert "no company in Odoo hold it" in problems(report)[(2, "nit")]


def test_a_thousand_cases_cost_at_most_one_call_per_hundred_rows(gateway, journal, tmp_path):
    body = "".join(
        f"cc,K{n},erp,CLI-0001,,PET,PHONE,2026-11-23T09:00:00-05:00,Case {n},,,\n"
        for n in range(1000)
    )
    report = push(journal, gateway, write_csv(tmp_path, body), batch_size=500)

    assert report.created == 1000
    assert report.rpc_calls <= 10


def test_a_dry_run_says_what_it_would_file_and_files_nothing(gateway, journal):
    report = Push(PqrsJob(), journal, gateway, dry_run=True).run(EXAMPLES / "pqrs.csv")

    assert (report.dry_run, report.created, cases(gateway)) == (True, 6, [])


class BeatenToIt(TimingOutLoads):
    """The gateway, but another run's call lands the first ``rows`` rows just before this
    run's first ``load``, which Odoo then refuses on the case's unique source key, and stops
    (the other rows untried)."""

    def __init__(self, gateway, rows=None):
        super().__init__(gateway)
        self.beaten, self.rows = False, rows

    def load(self, model, fields, rows, context=None):
        if self.beaten:
            return self.gateway.load(model, fields, rows, context)
        self.beaten = True
        landed = rows[: self.rows]
        self.gateway.load(model, fields, landed, context)
        message = "The values for the fields 'company_id, source_system, and source_key' exist"
        messages = [LoadMessage(row=i, field=None, message=message) for i in range(len(landed))]
        messages.append(LoadMessage(row=None, field=None, message="interrupted", type="warning"))
        return LoadResult(ids=None, messages=messages)


def test_cases_another_run_filed_meanwhile_are_found_not_set_aside(gateway, journal):
    report = push(journal, BeatenToIt(gateway), EXAMPLES / "pqrs.csv")

    assert (report.unchanged, report.created, report.set_aside) == (6, 0, [])
    assert len(cases(gateway)) == 6
    assert len(report.returned) == 6


def test_only_the_cases_another_run_filed_are_taken_as_found_the_others_are_filed(gateway, journal):
    report = push(journal, BeatenToIt(gateway, rows=2), EXAMPLES / "pqrs.csv")

    assert (report.unchanged, report.created, report.set_aside) == (2, 4, [])
    assert len(cases(gateway)) == 6
