"""The customers job against an Odoo in memory: idempotent, resumable, nothing lost."""

import threading
import time
from pathlib import Path

import pytest

from sync.gateway import LoadMessage, LoadResult, TransientError, UnreachableError
from sync.jobs import CustomerPush
from sync.journal import Journal
from sync.mapping import external_id
from tests.memory_gateway import MemoryGateway

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
    from tests.memory_gateway import char

    return char("Tax ID", required=True)


class TimingOutLoads:
    """The gateway, but its next ``load`` calls time out (after committing, if asked)."""

    def __init__(self, gateway, times=1, after_commit=False):
        self.gateway, self.times, self.after_commit = gateway, times, after_commit

    @property
    def rpc_calls(self):
        return self.gateway.rpc_calls

    def connect(self):
        self.gateway.connect()

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
    # One batch of the companies, one of the contacts: a batch never holds both.
    assert (report.dry_run, report.valid, report.batches, report.rpc_calls) == (True, 10, 2, 0)
    assert journal.status("customers").last_run.status == "finished"


def loads_sent(gateway):
    return [call for call in gateway.calls if call.method == "load"]


def test_a_dry_run_against_odoo_says_what_it_would_create_and_writes_nothing(gateway, journal):
    report = CustomerPush(journal, gateway, dry_run=True).run(EXAMPLES / "customers.csv")
    assert (report.dry_run, report.compared) == (True, True)
    assert (report.created, report.updated, report.unchanged) == (10, 0, 0)
    assert not loads_sent(gateway)
    assert partners(gateway) == []
    assert journal.status("customers").counts.get("pending", 0) == 0


def test_a_dry_run_compares_each_row_with_odoo(gateway, journal, tmp_path):
    original = (EXAMPLES / "customers.csv").read_text(encoding="utf-8").splitlines()
    CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    loads_before = len(loads_sent(gateway))
    renamed = original[1].replace("Alimentos del Valle Dorado", "Alimentos Valle Dorado")
    added = original[2].replace("CLI-0002", "CLI-0900").replace("860.051.894-6", "")
    edited = tmp_path / "customers.csv"
    edited.write_text("\n".join([original[0], renamed, *original[2:], added]) + "\n", "utf-8")
    # A fresh journal: every row is compared with Odoo, none skipped by the journal.
    with Journal(tmp_path / "other.sqlite") as fresh:
        report = CustomerPush(fresh, gateway, dry_run=True).run(edited)
        assert fresh.status("customers").counts.get("pushed", 0) == 0
    assert (report.created, report.updated, report.unchanged) == (1, 1, 9)
    assert len(loads_sent(gateway)) == loads_before
    assert "Alimentos del Valle Dorado S.A.S." in [p["name"] for p in partners(gateway)]


def test_a_dry_run_without_odoo_cannot_tell_what_it_would_write(journal):
    report = CustomerPush(journal, None).run(EXAMPLES / "customers.csv")
    assert (report.dry_run, report.compared, report.created, report.valid) == (True, False, 0, 10)


def test_unchanged_rows_are_skipped_before_validation(gateway, journal, monkeypatch):
    CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")

    def no_validation(row):
        raise AssertionError(f"line {row.line} validated again")

    monkeypatch.setattr("sync.jobs.customers.validate_customer", no_validation)
    report = CustomerPush(journal, gateway).run(EXAMPLES / "customers.csv")
    assert (report.unchanged, report.exit_code) == (10, 0)


def test_changed_copy_of_a_pushed_row_in_the_same_file_sets_it_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\n")
    CustomerPush(journal, gateway).run(path)
    write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A1,Andina,true,,,Pasto,,\n")
    report = CustomerPush(journal, gateway).run(path)
    assert [(p.line, p.field) for p in report.set_aside] == [(3, "key")]
    assert partners(gateway)[0]["city"] == "Cali"


# Several streams ------------------------------------------------------------------------------


def companies_and_contacts(tmp_path, companies=6, contacts_each=3):
    lines = []
    for number in range(companies):
        lines.append(f"erp,E{number},Empresa {number},true,,,Cali,,\n")
        lines.extend(
            f"erp,C{number}_{n},Contacto {number} {n},false,E{number},,,,\n"
            for n in range(contacts_each)
        )
    return write_csv(tmp_path, "".join(lines))


class SlowLoads:
    """The gateway (or a fork of it), its loads slowed so that streams overlap; it notes which
    threads sent loads."""

    def __init__(self, gateway, threads=None):
        self.gateway = gateway
        self.threads = set() if threads is None else threads

    @property
    def rpc_calls(self):
        return self.gateway.rpc_calls

    def fork(self):
        return SlowLoads(self.gateway.fork(), self.threads)

    def connect(self):
        self.gateway.connect()

    def search_read(self, *args, **kwargs):
        return self.gateway.search_read(*args, **kwargs)

    def load(self, *args, **kwargs):
        self.threads.add(threading.get_ident())
        time.sleep(0.02)
        return self.gateway.load(*args, **kwargs)


def test_streams_load_batches_at_the_same_time_and_every_row_lands_once(gateway, journal, tmp_path):
    slow = SlowLoads(gateway)
    path = companies_and_contacts(tmp_path)
    report = CustomerPush(journal, slow, batch_size=3, streams=3).run(path)
    assert (report.created, report.exit_code) == (24, 0)
    assert len(partners(gateway)) == 24
    assert len(slow.threads) == 3


def test_streams_load_every_company_before_any_contact(gateway, journal, tmp_path):
    path = companies_and_contacts(tmp_path)
    CustomerPush(journal, SlowLoads(gateway), batch_size=2, streams=3).run(path)
    kinds = [
        row[0].split("_customer_")[1][0]
        for call in gateway.calls
        if call.method == "load"
        for row in call.rows
    ]
    assert kinds == sorted(kinds, key=lambda kind: kind != "e")
    contacts = [p for p in partners(gateway) if not p["is_company"]]
    assert len(contacts) == 18 and all(p["parent_id"] for p in contacts)


def test_streams_write_the_journal_only_from_the_calling_thread_once_per_row(
    gateway, journal, tmp_path, monkeypatch
):
    writes = []
    mark_pushed = journal.mark_pushed

    def noted(run_id, rows):
        rows = list(rows)
        writes.extend((threading.get_ident(), row.key) for row in rows)
        mark_pushed(run_id, rows)

    monkeypatch.setattr(journal, "mark_pushed", noted)
    path = companies_and_contacts(tmp_path)
    CustomerPush(journal, SlowLoads(gateway), batch_size=2, streams=3).run(path)
    assert {thread for thread, _key in writes} == {threading.get_ident()}
    assert len(writes) == len({key for _thread, key in writes}) == 24


def test_a_row_refused_in_one_stream_leaves_the_other_streams_loading(gateway, journal, tmp_path):
    gateway.declare("res.partner", {"vat": gateway_char_required()})
    rows = "".join(
        f"erp,E{n},Empresa {n},true,,{'' if n == 4 else '900123456-8'},,,\n" for n in range(8)
    )
    path = write_csv(tmp_path, rows)
    report = CustomerPush(journal, SlowLoads(gateway), batch_size=2, streams=2).run(path)
    assert [p.line for p in report.set_aside] == [6]
    assert report.created == 7


def test_a_timeout_in_one_stream_leaves_only_its_rows_for_retry(gateway, journal, tmp_path):
    path = companies_and_contacts(tmp_path, companies=8, contacts_each=0)
    report = CustomerPush(journal, TimingOutForks(gateway), batch_size=2, streams=2).run(path)
    assert (report.created, report.retry_later) == (6, 2)


class TimingOutForks(SlowLoads):
    """Loads sent through a fork time out once, in all (the gateway itself never times out)."""

    def fork(self):
        fork = TimingOutLoads(SlowLoads(self.gateway.fork(), self.threads), times=1)
        fork.fork = self.fork
        return fork


def test_a_run_killed_with_streams_in_flight_resumes_and_lands_every_row_once(
    gateway, journal, tmp_path
):
    path = companies_and_contacts(tmp_path)
    unreachable = UnreachableOnLoad(gateway, load_number=3)
    with pytest.raises(UnreachableError):
        CustomerPush(journal, unreachable, batch_size=2, streams=3).run(path)
    report = CustomerPush(journal, gateway, batch_size=2, streams=3).run(path)
    assert report.exit_code == 0
    assert len(partners(gateway)) == 24
    assert journal.status("customers").counts["pushed"] == 24


class UnreachableOnLoad(SlowLoads):
    """The ``load_number``-th load, counted over every fork, finds Odoo gone."""

    def __init__(self, gateway, load_number, shared=None):
        super().__init__(gateway)
        self.shared = shared if shared is not None else {"loads": 0, "at": load_number}
        self.lock = threading.Lock()

    def fork(self):
        return UnreachableOnLoad(self.gateway.fork(), 0, self.shared)

    def load(self, *args, **kwargs):
        with self.lock:
            self.shared["loads"] += 1
            gone = self.shared["loads"] >= self.shared["at"]
        if gone:
            raise UnreachableError("connection refused")
        return super().load(*args, **kwargs)


def test_one_stream_uses_the_gateway_alone(gateway, journal):
    report = CustomerPush(journal, TimingOutLoads(gateway, times=0)).run(EXAMPLES / "customers.csv")
    assert report.created == 10  # TimingOutLoads cannot fork: one stream never asks it to


def test_streams_never_exceed_the_batch_size_and_split_each_phase_evenly(
    gateway, journal, tmp_path
):
    path = companies_and_contacts(tmp_path, companies=5, contacts_each=3)
    CustomerPush(journal, gateway, batch_size=4, streams=2).run(path)
    sizes = [len(call.rows) for call in gateway.calls if call.method == "load"]
    assert (sorted(sizes[:2]), sorted(sizes[2:])) == ([2, 3], [3, 4, 4, 4])


def test_a_push_logs_every_stream_in_while_it_reads_and_an_unchanged_file_never(journal, tmp_path):
    gateway = CountingConnects(seeded_gateway())
    path = companies_and_contacts(tmp_path)
    push = CustomerPush(journal, gateway, batch_size=2, streams=3)
    push.run(path)
    assert gateway.connects == 3
    push.run(path)
    assert gateway.connects == 3  # every row unchanged: nothing asked of Odoo


class CountingConnects(SlowLoads):
    def __init__(self, gateway, counts=None):
        super().__init__(gateway)
        self.counts = counts if counts is not None else []

    @property
    def connects(self):
        return len(self.counts)

    def fork(self):
        return CountingConnects(self.gateway.fork(), self.counts)

    def connect(self):
        self.counts.append(threading.get_ident())


def test_a_field_corrected_in_odoo_and_pending_in_the_erp_is_left_alone(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,PREMIUM,\n")
    CustomerPush(journal, gateway).run(path)
    (partner,) = partners(gateway)
    gateway.seed_update("res.partner", partner["id"], city="Palmira", esc_erp_held_fields="city")
    write_csv(tmp_path, "erp,A1,Andina Ltda.,true,,,Cali,PREMIUM,\n")

    report = CustomerPush(journal, gateway).run(path)

    (partner,) = partners(gateway)
    assert (partner["name"], partner["city"]) == ("Andina Ltda.", "Palmira")
    assert [(held.line, held.field) for held in report.held] == [(2, "city")]
    assert "waits for the ERP" in report.held[0].reason
    assert report.exit_code == 0


def test_once_the_erp_is_corrected_its_value_goes_through_again(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,PREMIUM,\n")
    CustomerPush(journal, gateway).run(path)
    (partner,) = partners(gateway)
    gateway.seed_update("res.partner", partner["id"], city="Palmira", esc_erp_held_fields=False)
    write_csv(tmp_path, "erp,A1,Andina,true,,,Buga,PREMIUM,\n")

    report = CustomerPush(journal, gateway).run(path)

    assert partners(gateway)[0]["city"] == "Buga"
    assert report.held == []


class ClashingLoads(TimingOutLoads):
    """The gateway, but the first row of its next ``load`` calls loses to a concurrent
    transaction, as Odoo's ``load`` reports it: the call rolled back, the row's error."""

    def load(self, model, fields, rows, context=None):
        if not self.times:
            return self.gateway.load(model, fields, rows, context)
        self.times -= 1
        message = "could not serialize access due to concurrent update\n"
        return LoadResult(ids=None, messages=[LoadMessage(row=0, field=None, message=message)])


def test_a_row_that_lost_to_a_concurrent_transaction_is_sent_again(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A2,Boyacá,true,,,Tunja,,\n")
    report = CustomerPush(journal, ClashingLoads(gateway, times=2)).run(path)

    assert (report.created, report.set_aside, report.retry_later) == (2, [], 0)


def test_a_row_that_keeps_losing_to_concurrent_transactions_is_left_for_retry(
    gateway, journal, tmp_path
):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A2,Boyacá,true,,,Tunja,,\n")
    report = CustomerPush(journal, ClashingLoads(gateway, times=20)).run(path)

    assert (report.created, report.set_aside, report.retry_later) == (0, [], 2)
    assert [entry.key for entry in journal.retryable("customers")] == ["A1", "A2"]


class TiredLoads(TimingOutLoads):
    """The gateway, but its next ``load`` refuses its first row and stops, as Odoo's does
    after ten errors: "interrupted", a warning on no row, the other rows not tried."""

    def load(self, model, fields, rows, context=None):
        if not self.times:
            return self.gateway.load(model, fields, rows, context)
        self.times -= 1
        messages = [
            LoadMessage(row=0, field="name", message="Missing required value"),
            LoadMessage(row=None, field=None, message="Found more than 10 errors", type="warning"),
        ]
        return LoadResult(ids=None, messages=messages)


def test_rows_odoo_stopped_before_trying_are_sent_again_not_set_aside(gateway, journal, tmp_path):
    path = write_csv(tmp_path, "erp,A1,Andina,true,,,Cali,,\nerp,A2,Boyacá,true,,,Tunja,,\n")
    report = CustomerPush(journal, TiredLoads(gateway)).run(path)

    assert [(problem.line, problem.field) for problem in report.set_aside] == [(2, "name")]
    assert report.created == 1
