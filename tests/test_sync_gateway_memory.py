"""The in-memory gateway: the Gateway contract, then what only it offers (faults, seeding)."""

from __future__ import annotations

import pytest

from sync.gateway import GatewayError, LoadMessage, TransientError, UnreachableError
from tests.gateway_contract import PARTNER, GatewayContract, committed
from tests.memory_gateway import MemoryGateway


@pytest.fixture
def memory() -> MemoryGateway:
    return MemoryGateway()


class TestMemoryGatewayContract(GatewayContract):
    calls_per_call = 1

    @pytest.fixture
    def gateway(self, memory):
        return memory

    @pytest.fixture
    def colombia(self, memory):
        return memory.seed("res.country", {"name": "Colombia", "code": "CO"})


def load_one(gateway: MemoryGateway, name: str = "Acme", xid: str = "esc_sync.erp_customer_1"):
    return gateway.load(PARTNER, ["id", "name"], [[xid, name]])


def test_a_fault_before_commit_raises_and_applies_nothing(memory):
    memory.fail_next(error=TransientError)

    with pytest.raises(TransientError):
        load_one(memory)

    assert memory.records(PARTNER) == []
    assert memory.rpc_calls == 1


def test_a_fault_after_commit_applies_the_load_then_raises(memory):
    memory.fail_next(after_commit=True)

    with pytest.raises(TransientError):
        load_one(memory, "Acme v1")

    assert [r["name"] for r in memory.records(PARTNER)] == ["Acme v1"]


def test_resending_after_a_committed_timeout_updates_and_does_not_duplicate(memory):
    memory.fail_next(after_commit=True)
    with pytest.raises(TransientError):
        load_one(memory, "Acme v1")

    (partner_id,) = committed(load_one(memory, "Acme v1"))

    assert [(r["id"], r["name"]) for r in memory.records(PARTNER)] == [(partner_id, "Acme v1")]


def test_faults_apply_to_the_next_count_calls_in_order(memory):
    memory.fail_next(2, UnreachableError)

    for _ in range(2):
        with pytest.raises(UnreachableError):
            memory.search_read(PARTNER, [], ["name"])
    assert memory.search_read(PARTNER, [], ["name"]) == []
    assert memory.rpc_calls == 3


def test_a_fault_may_be_a_given_exception(memory):
    memory.fail_next(error=GatewayError("Odoo said no"))

    with pytest.raises(GatewayError, match="Odoo said no"):
        load_one(memory)


def test_every_call_is_recorded_with_what_it_sent(memory):
    load_one(memory)
    memory.search_read(PARTNER, [("name", "=", "Acme")], ["name"])

    assert [(c.method, c.model) for c in memory.calls] == [
        ("load", PARTNER),
        ("search_read", PARTNER),
    ]
    assert memory.calls[0].rows == (("esc_sync.erp_customer_1", "Acme"),)
    assert memory.calls[1].domain == (("name", "=", "Acme"),)


def test_a_rolled_back_call_leaves_earlier_records_and_external_ids_untouched(memory):
    (kept,) = committed(load_one(memory, "Kept"))
    fields = ["id", "name", "is_company"]
    rows = [["esc_sync.erp_customer_1", "Changed", "1"], ["esc_sync.new", "New", "perhaps"]]

    assert memory.load(PARTNER, fields, rows).ids is None

    assert memory.records(PARTNER) == [memory.record(PARTNER, kept)]
    assert memory.record(PARTNER, kept)["name"] == "Kept"
    assert memory.ref("esc_sync.new") is None
    assert memory.ref("esc_sync.erp_customer_1") == (PARTNER, kept)


def test_seeded_reference_records_are_found_by_code(memory):
    colombia = memory.seed("res.country", {"name": "Colombia", "code": "CO"})
    antioquia = memory.seed(
        "res.country.state", {"name": "Antioquia", "code": "ANT", "country_id": colombia}
    )

    states = memory.search_read(
        "res.country.state", [("country_id", "in", [colombia])], ["code", "country_id"]
    )

    assert states == [{"id": antioquia, "code": "ANT", "country_id": [colombia, "Colombia"]}]
    assert memory.rpc_calls == 1


def test_a_seed_with_an_external_id_can_be_referred_to_by_load(memory):
    segment = memory.seed("esc.segment", {"name": "Key", "code": "KEY"}, xid="esc_sync.key")

    ids = committed(memory.load(PARTNER, ["name", "esc_segment_id/id"], [["Acme", "esc_sync.key"]]))

    assert memory.record(PARTNER, ids[0])["esc_segment_id"] == segment


def test_an_external_id_without_module_is_read_in_the_import_module(memory):
    (partner_id,) = committed(memory.load(PARTNER, ["id", "name"], [["acme", "Acme"]]))

    assert memory.ref("__import__.acme") == (PARTNER, partner_id)


def test_an_external_id_of_another_model_is_refused_on_its_row(memory):
    memory.seed("esc.segment", {"name": "Key", "code": "KEY"}, xid="esc_sync.key")

    result = memory.load(PARTNER, ["id", "name"], [["esc_sync.key", "Acme"]])

    assert result.ids is None
    assert [m.row for m in result.messages] == [0]


def test_a_selection_accepts_its_label_in_any_case(memory):
    ids = committed(memory.load(PARTNER, ["name", "esc_stakeholder_group"], [["A", "DISTRIBUTOR"]]))

    assert memory.record(PARTNER, ids[0])["esc_stakeholder_group"] == "distributor"


def test_defaults_apply_on_create(memory):
    ids = committed(memory.load(PARTNER, ["name"], [["A"]]))

    record = memory.record(PARTNER, ids[0])
    assert (record["active"], record["is_company"], record["esc_stakeholder_group"]) == (
        True,
        False,
        "customer",
    )


def test_domain_prefix_operators_and_dotted_paths(memory):
    colombia = memory.seed("res.country", {"name": "Colombia", "code": "CO"})
    peru = memory.seed("res.country", {"name": "Peru", "code": "PE"})
    for name, country in (("A", colombia), ("B", peru), ("C", False)):
        memory.seed(PARTNER, {"name": name, "country_id": country})

    def names(domain):
        return [r["name"] for r in memory.search_read(PARTNER, domain, ["name"])]

    assert names([("country_id.code", "=", "CO")]) == ["A"]
    assert names(["|", ("name", "=", "A"), ("country_id", "=", peru)]) == ["A", "B"]
    assert names(["!", ("country_id", "=", False)]) == ["A", "B"]
    assert names([("country_id.code", "not in", ["CO"])]) == ["B", "C"]


def test_a_domain_mentioning_active_reads_archived_records_too(memory):
    memory.seed(PARTNER, {"name": "Gone", "active": False})

    found = memory.search_read(PARTNER, [("active", "=", False)], ["name"])

    assert [r["name"] for r in found] == ["Gone"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: g.load(PARTNER, [".id", "name"], [["1", "A"]]), "does not model"),
        (lambda g: g.load(PARTNER, ["country_id", "name"], [["Colombia", "A"]]), "not model"),
        (lambda g: g.load(PARTNER, ["name"], [["A", "extra"]]), "2 cells for 1 fields"),
        (lambda g: g.load("res.nothing", ["name"], [["A"]]), "res.nothing"),
        (lambda g: g.search_read(PARTNER, [("name", "ilike", "a")], ["name"]), "'ilike'"),
        (lambda g: g.search_read(PARTNER, ["|", ("name", "=", "a")], ["name"]), "lacks"),
    ],
    ids=["dot-id column", "many2one by name", "ragged row", "unknown model", "ilike", "bad |"],
)
def test_what_it_does_not_model_is_refused_loudly(memory, call, message):
    with pytest.raises(GatewayError, match=message):
        call(memory)


def test_a_required_field_left_empty_is_reported_on_its_field_as_odoo_does_for_not_null(memory):
    result = memory.load("esc.segment", ["name", "code"], [["Key accounts", ""]])

    assert result.ids is None
    assert result.messages == [
        LoadMessage(0, "code", "Missing required value for the field 'Code' (code)")
    ]
