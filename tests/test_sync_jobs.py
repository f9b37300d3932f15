"""The customers job against an Odoo in memory: idempotent, resumable, nothing lost."""

from pathlib import Path

import pytest

from sync.gateway import TransientError, UnreachableError
from sync.jobs import CustomerPush
from sync.journal import Journal
from sync.mapping import external_id
from sync.memory_gateway import MemoryGateway

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEPARTMENTS = [
    "ANT",
    "ATL",
    "BOY",
    "CAL",
    "CAU",
    "CES",
    "COR",
    "CUN",
    "DC",
    "HUI",
    "MET",
    "NAR",
    "NSA",
    "QUI",
    "SAN",
    "TOL",
    "VAC",
]
HEADER = "source_system,key,name,is_company,company_key,nit,city,segment_code,active\n"


def seeded_gateway():
    gateway = MemoryGateway()
    colombia = gateway.seed("res.country", {"name": "Colombia", "code": "CO"})
    for code in DEPARTMENTS:
        gateway.seed("res.country.state", {"name": code, "code": code, "country_id": colombia})
    for code in ("PREMIUM", "STANDARD", "KEY_ACCOUNT"):
        gateway.seed("esc.segment", {"name": code.title(), "code": code})
    for login in ("lgomez", "mrojas"):
        gateway.seed("res.users", {"name": login, "login": login})
    return gateway


@pytest.fixture
def gateway():
    return seeded_gateway()


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite") as opened:
        yield opened


def partners(gateway):
    return gateway.records("res.partner")


def write_csv(tmp_path, body, name="customers.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_first_push_creates_every_valid_row(gateway, journal):
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.created, report.updated, report.exit_code) == (10, 0, 0)
    assert len(partners(gateway)) == 10


def test_same_file_twice_writes_nothing_the_second_time(gateway, journal):
    CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    calls_before = gateway.rpc_calls
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 10)
    assert gateway.rpc_calls == calls_before


def test_without_journal_unchanged_rows_are_compared_and_not_written(gateway, journal, tmp_path):
    CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    with Journal(tmp_path / "fresh.sqlite") as fresh:
        report = CustomerPush(fresh, gateway).run(EXAMPLES / "customers.csv")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 10)
    assert not [call for call in gateway.calls[-3:] if call.method == "load"]


def test_changed_row_is_the_only_one_written(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,B2,Boreal,true,,,Pasto,,\n")
    CustomerPush(journal, gateway).run(path)
    write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,B2,Boreal,true,,,Ipiales,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert (report.updated, report.unchanged) == (1, 1)
    loads = [call for call in gateway.calls if call.method == "load"]
    assert [row[0] for row in loads[-1].rows] == [external_id("erp", "B2")]


def test_empty_cell_leaves_odoos_value_and_clear_token_blanks_it(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\n")
    CustomerPush(journal, gateway).run(path)
    write_csv(tmp_path, "erp,A1,Andina S.A.S.,true,,,,,\n")
    CustomerPush(journal, gateway).run(path)
    assert partners(gateway)[0]["city"] == "Cali"
    write_csv(tmp_path, "erp,A1,Andina S.A.S.,true,,,__CLEAR__,,\n")
    CustomerPush(journal, gateway).run(path)
    assert partners(gateway)[0]["city"] is False


def test_bad_rows_are_set_aside_and_valid_rows_beside_them_land(gateway, journal):
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers_with_errors.csv")
    assert (report.created, len(report.set_aside), report.exit_code) == (5, 4, 1)
    # Line 10 is a contact of the company refused on line 9: it cannot be linked either.
    assert [(p.line, p.field) for p in report.set_aside] == [
        (3, "nit"),
        (6, "emails"),
        (9, "department"),
        (10, "company_key"),
    ]
    assert len(list(journal.dead_letters("customers"))) == 4


def test_unknown_segment_sets_the_row_aside_naming_the_field(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,GOLD,\nerp,B2,Boreal,true,,,Pasto,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert [(p.line, p.field) for p in report.set_aside] == [(2, "segment_code")]
    assert report.created == 1


def test_contact_of_a_company_missing_everywhere_is_set_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,C1,Laura Gómez,false,NOPE,,,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert [(p.line, p.field) for p in report.set_aside] == [(2, "company_key")]


def test_contact_is_linked_to_its_company_in_the_same_file(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,C1,Laura Gómez,false,A1,,,,\nerp,A1,Andina,true,,,Cali,,\n")
    CustomerPush(journal, gateway, batch_size=1).run(path)
    company = gateway.ref(external_id("erp", "A1"))[1]
    contact = gateway.record("res.partner", gateway.ref(external_id("erp", "C1"))[1])
    assert contact["parent_id"] == company


def test_contact_waits_for_its_company_left_for_retry_in_an_earlier_batch(
    gateway, journal, tmp_path
):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,C1,Laura Gómez,false,A1,,,,\n")
    report = CustomerPush(journal, TimingOutLoads(gateway), batch_size=1).run(path)
    assert (report.retry_later, report.set_aside, partners(gateway)) == (2, [], [])


def test_same_key_with_different_values_sets_both_rows_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A1,Andina,true,,,Pasto,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert [p.line for p in report.set_aside] == [2, 3]
    assert report.created == 0


def test_identical_duplicate_rows_count_once(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A1,Andina,true,,,Cali,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert (report.created, report.set_aside) == (1, [])


def test_inactive_row_archives_and_never_deletes(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,true\n")
    CustomerPush(journal, gateway).run(path)
    write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,false\n")
    CustomerPush(journal, gateway).run(path)
    assert [p["active"] for p in partners(gateway)] == [False]


def test_row_odoo_refuses_is_set_aside_and_the_rest_of_the_call_lands(gateway, journal, tmp_path):
    gateway.declare("res.partner", {"vat": gateway_char_required()})
    path = write_csv(tmp_path, "erp,A1,Andina,true,,900123456-8,,,\nerp,B2,Boreal,true,,,,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert report.created == 1
    assert [(p.line, p.reason.startswith("Odoo refused the row")) for p in report.set_aside] == [
        (3, True)
    ]


def gateway_char_required():
    from sync.memory_gateway import char

    return char("Tax ID", required=True)


class TimingOutLoads:
    """The gateway, but its next ``load`` calls time out (after committing, if asked)."""

    def __init__(self, gateway, times=1, after_commit=False):
        self.gateway, self.times, self.after_commit = gateway, times, after_commit

    @property
    def rpc_calls(self):
        return self.gateway.rpc_calls

    def search_read(self, *args, **kwargs):
        return self.gateway.search_read(*args, **kwargs)

    def load(self, *args, **kwargs):
        if not self.times:
            return self.gateway.load(*args, **kwargs)
        self.times -= 1
        if self.after_commit:
            self.gateway.load(*args, **kwargs)
        raise TransientError("load timed out")


def test_timeout_leaves_the_call_for_retry_and_retry_lands_it(gateway, journal):
    report = CustomerPush(journal, TimingOutLoads(gateway)).run(EXAMPLES / "customers.csv")
    assert report.retry_later and report.created + report.retry_later == 10
    assert report.exit_code == 1
    keys = {(e.source_system, e.key) for e in journal.retryable("customers")}
    again = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv", only_keys=keys)
    assert (again.created, again.exit_code) == (report.retry_later, 0)
    assert len(partners(gateway)) == 10


def test_timeout_after_odoo_committed_never_duplicates(gateway, journal):
    CustomerPush(journal, TimingOutLoads(gateway, after_commit=True)).run(
        EXAMPLES / "customers.csv"
    )
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert len(partners(gateway)) == 10
    assert report.exit_code == 0


def test_timeout_while_reading_odoo_leaves_the_batch_for_retry(gateway, journal):
    gateway.fail_next(1, TransientError("search_read timed out"))
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.retry_later, report.created) == (10, 0)


def test_unreachable_odoo_stops_the_run_and_the_next_run_resumes(gateway, journal):
    gateway.fail_next(1, UnreachableError("connection refused"))
    with pytest.raises(UnreachableError):
        CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.created, report.exit_code) == (10, 0)
    assert journal.status("customers").counts["pushed"] == 10


def test_batches_hold_at_most_batch_size_rows(gateway, journal):
    CustomerPush(journal, gateway, batch_size=4).run(EXAMPLES / "customers.csv")
    loads = [call for call in gateway.calls if call.method == "load"]
    assert max(len(call.rows) for call in loads) <= 4
    assert sum(len(call.rows) for call in loads) == 10


def test_dry_run_sends_nothing_and_records_the_run(journal):
    report = CustomerPush(journal, None).run(EXAMPLES / "customers.csv")
    assert (report.dry_run, report.valid, report.batches, report.rpc_calls) == (True, 10, 1, 0)
    assert journal.status("customers").last_run.status == "finished"


def test_unchanged_rows_are_skipped_before_validation(gateway, journal, monkeypatch):
    CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")

    def no_validation(row):
        raise AssertionError(f"line {row.line} validated again")

    monkeypatch.setattr("sync.jobs.validate_customer", no_validation)
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.unchanged, report.exit_code) == (10, 0)


def test_changed_copy_of_a_pushed_row_in_the_same_file_sets_it_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\n")
    CustomerPush(journal, gateway).run(path)
    write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A1,Andina,true,,,Pasto,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert [(p.line, p.field) for p in report.set_aside] == [(3, "key")]
    assert partners(gateway)[0]["city"] == "Cali"
