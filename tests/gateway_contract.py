"""The Gateway contract (``sync/gateway.py``) as tests, run on every implementation.

A test file subclasses `GatewayContract` and provides two fixtures:

- ``gateway``: the implementation under test;
- ``colombia``: the database id of ``res.country`` CO.

Every test keeps to its own external ids and its own ``esc_market`` tag, so the tests can share
one live database. One test pins Odoo 18's exact messages for the refusals the memory gateway
models; the others check only row, field and the value quoted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar

import pytest

from sync.gateway import Gateway, GatewayError, LoadMessage, LoadResult, TransientError

PARTNER = "res.partner"


def committed(result: LoadResult) -> list[int]:
    assert result.ids is not None, f"load was rolled back: {result.messages}"
    return result.ids


def errors_by_row(result: LoadResult) -> dict[int | None, set[str | None]]:
    found: dict[int | None, set[str | None]] = {}
    for message in result.messages:
        if message.type == "error":
            found.setdefault(message.row, set()).add(message.field)
    return found


def partners(gateway: Gateway, ids: list[int], fields: list[str], **context: Any) -> list[dict]:
    return gateway.search_read(PARTNER, [("id", "in", ids)], fields, context or None)


def xids_made(gateway: Gateway, names: list[str]) -> dict[str, int]:
    """``module.name -> res_id`` of those external ids found in ``ir.model.data``."""
    wanted = [name.split(".", 1)[1] for name in names]
    rows = gateway.search_read(
        "ir.model.data",
        [("module", "=", "esc_sync"), ("name", "in", wanted)],
        ["module", "name", "model", "res_id"],
    )
    return {f"{row['module']}.{row['name']}": row["res_id"] for row in rows}


class GatewayContract:
    """What every gateway must do; see the module docstring for the fixtures it needs."""

    #: RPCs one call adds to ``rpc_calls`` once connected; None: "at least one".
    calls_per_call: ClassVar[int | None] = 1

    @pytest.fixture
    def tag(self) -> str:
        """An ``esc_market`` value of this test only."""
        return f"contract-{uuid.uuid4().hex[:10]}"

    @pytest.fixture
    def xid(self) -> Callable[[str], str]:
        """``name -> esc_sync.contract_<unique>_<name>``: external ids of this test only."""
        unique = uuid.uuid4().hex[:10]
        return lambda name: f"esc_sync.contract_{unique}_{name}"

    # -- load ------------------------------------------------------------------------------

    def test_load_creates_records_with_external_ids_and_returns_ids_in_row_order(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        names = [f"{tag} {n}" for n in ("Alfa", "Bravo", "Charlie")]
        rows = [[xid(str(i)), name, "1", tag] for i, name in enumerate(names)]
        result = gateway.load(PARTNER, ["id", "name", "is_company", "esc_market"], rows)

        ids = committed(result)
        assert len(set(ids)) == 3
        read = {row["id"]: row["name"] for row in partners(gateway, ids, ["name"])}
        assert [read[i] for i in ids] == names

    def test_loading_the_same_external_id_again_updates_and_never_duplicates(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "esc_market"]
        first = committed(gateway.load(PARTNER, fields, [[xid("acme"), "Acme v1", tag]]))
        again = committed(gateway.load(PARTNER, fields, [[xid("acme"), "Acme v2", tag]]))

        assert again == first
        found = gateway.search_read(PARTNER, [("esc_market", "=", tag)], ["name"])
        assert [row["name"] for row in found] == ["Acme v2"]

    def test_an_archived_record_is_still_matched_by_its_external_id(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "esc_market", "active"]
        first = committed(gateway.load(PARTNER, fields, [[xid("old"), "Old", tag, "0"]]))
        again = committed(gateway.load(PARTNER, fields, [[xid("old"), "Back", tag, "1"]]))

        assert again == first
        assert partners(gateway, first, ["name", "active"]) == [
            {"id": first[0], "name": "Back", "active": True}
        ]

    def test_one_bad_row_rolls_back_the_whole_call_and_every_bad_row_is_reported(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "esc_market", "esc_stakeholder_group", "parent_id/id"]
        rows = [
            [xid("good0"), "Good 0", tag, "customer", ""],
            [xid("bad1"), "Bad 1", tag, "no-such-group", ""],
            [xid("good2"), "Good 2", tag, "supplier", ""],
            [xid("bad3"), "Bad 3", tag, "customer", xid("missing")],
        ]
        result = gateway.load(PARTNER, fields, rows)

        assert result.ids is None
        assert not result.committed
        errors = errors_by_row(result)
        assert set(errors) == {1, 3}
        assert "esc_stakeholder_group" in errors[1]
        assert "parent_id" in errors[3]
        assert xids_made(gateway, [xid("good0"), xid("good2")]) == {}
        assert gateway.search_read(PARTNER, [("esc_market", "=", tag)], ["name"]) == []

    def test_refusals_are_reported_in_odoos_words_and_order(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "esc_market", "esc_stakeholder_group", "parent_id/id", "is_company"]
        rows = [
            [xid("r0"), "Good", tag, "customer", "", "1"],
            [xid("r1"), "Bad group", tag, "no-such", "", "1"],
            [xid("r2"), "", tag, "supplier", "", "0"],
            [xid("r3"), "Bad links", tag, "customer", xid("missing"), "maybe"],
        ]
        result = gateway.load(PARTNER, fields, rows)

        assert result.messages == [
            LoadMessage(
                1,
                "esc_stakeholder_group",
                "Value 'no-such' not found in selection field 'Stakeholder Group'",
            ),
            LoadMessage(3, "is_company", "Unknown value 'maybe' for boolean field 'Is a Company'"),
            LoadMessage(
                3,
                "parent_id",
                f"No matching record found for external id '{xid('missing')}' "
                "in field 'Related Company'",
            ),
            LoadMessage(2, None, "'Contacts require a name'"),
        ]

    def test_a_reference_to_a_missing_external_id_is_refused_naming_the_field(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid("contact"), "Contact", tag, xid("nowhere")]]
        result = gateway.load(PARTNER, ["id", "name", "esc_market", "parent_id/id"], rows)

        assert result.ids is None
        (message,) = [m for m in result.messages if m.type == "error"]
        assert (message.row, message.field) == (0, "parent_id")
        assert xid("nowhere") in message.message

    def test_a_reference_may_name_a_record_made_earlier_in_the_same_call(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "is_company", "esc_market", "parent_id/id"]
        rows = [
            [xid("company"), "Company", "1", tag, ""],
            [xid("person"), "Person", "0", tag, xid("company")],
        ]
        company, person = committed(gateway.load(PARTNER, fields, rows))

        (read,) = partners(gateway, [person], ["parent_id"])
        assert read["parent_id"][0] == company

    def test_a_reference_to_a_missing_database_id_is_refused_naming_the_field(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid("far"), "Far away", tag, "987654321"]]
        result = gateway.load(PARTNER, ["id", "name", "esc_market", "country_id/.id"], rows)

        assert result.ids is None
        assert errors_by_row(result) == {0: {"country_id"}}

    def test_a_database_id_reference_is_read_back_as_id_and_name(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str, colombia: int
    ):
        rows = [[xid("bogota"), "Bogotá SAS", tag, str(colombia)]]
        ids = committed(gateway.load(PARTNER, ["id", "name", "esc_market", "country_id/.id"], rows))

        (read,) = partners(gateway, ids, ["country_id"])
        assert read["country_id"][0] == colombia
        assert read["country_id"][1] == "Colombia"

    def test_an_empty_cell_sets_the_field_to_false(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str, colombia: int
    ):
        fields = ["id", "name", "esc_market", "email", "is_company", "country_id/.id"]
        full = [xid("x"), "X", tag, "x@example.com", "1", str(colombia)]
        ids = committed(gateway.load(PARTNER, fields, [full]))
        committed(gateway.load(PARTNER, fields, [[xid("x"), "X", tag, "", "", ""]]))

        (read,) = partners(gateway, ids, ["email", "is_company", "country_id"])
        assert (read["email"], read["is_company"], read["country_id"]) == (False, False, False)

    def test_boolean_cells_are_read_as_odoo_reads_them(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        cells = ["1", "0", "True", "false", "yes", ""]
        rows = [[xid(f"b{i}"), f"B{i}", tag, cell] for i, cell in enumerate(cells)]
        ids = committed(gateway.load(PARTNER, ["id", "name", "esc_market", "is_company"], rows))

        read = {row["id"]: row["is_company"] for row in partners(gateway, ids, ["is_company"])}
        assert [read[i] for i in ids] == [True, False, True, False, True, False]

    def test_an_unknown_boolean_word_is_refused_on_its_row_and_field(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid("ok"), "Ok", tag, "1"], [xid("maybe"), "Maybe", tag, "maybe"]]
        result = gateway.load(PARTNER, ["id", "name", "esc_market", "is_company"], rows)

        assert result.ids is None
        assert errors_by_row(result) == {1: {"is_company"}}

    def test_a_row_without_its_required_name_is_refused_on_its_row(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid("named"), "Named", tag], [xid("nameless"), "", tag]]
        result = gateway.load(PARTNER, ["id", "name", "esc_market"], rows)

        assert result.ids is None
        assert set(errors_by_row(result)) == {1}

    def test_an_unknown_column_fails_the_whole_call(self, gateway: Gateway, xid, tag: str):
        with pytest.raises(GatewayError) as raised:
            gateway.load(PARTNER, ["id", "name", "no_such_field"], [[xid("u"), "U", tag]])

        assert not isinstance(raised.value, TransientError)
        assert "no_such_field" in str(raised.value)

    # -- search_read -----------------------------------------------------------------------

    def test_search_read_filters_with_equals_and_in(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        fields = ["id", "name", "esc_market", "city"]
        rows = [[xid(c), c, tag, c] for c in ("Cali", "Medellín", "Pasto")]
        committed(gateway.load(PARTNER, fields, rows))

        def cities(domain: list[Any]) -> list[str]:
            found = gateway.search_read(PARTNER, [("esc_market", "=", tag), *domain], ["city"])
            return sorted(row["city"] for row in found)

        assert cities([]) == ["Cali", "Medellín", "Pasto"]
        assert cities([("city", "=", "Pasto")]) == ["Pasto"]
        assert cities([("city", "in", ["Cali", "Pasto", "Tunja"])]) == ["Cali", "Pasto"]
        assert cities([("city", "=", "Tunja")]) == []

    def test_search_read_pages_by_id_with_greater_than_and_a_limit(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid(f"p{n}"), f"P{n}", tag] for n in range(5)]
        ids = committed(gateway.load(PARTNER, ["id", "name", "esc_market"], rows))
        domain = [("esc_market", "=", tag)]

        first = gateway.search_read(PARTNER, domain, ["name"], limit=2)
        after = gateway.search_read(PARTNER, [*domain, ("id", ">", first[-1]["id"])], ["name"])

        assert [row["id"] for row in first] == ids[:2]
        assert [row["id"] for row in after] == ids[2:]

    def test_search_read_hides_archived_records_unless_active_test_is_false(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        rows = [[xid("on"), "On", tag, "1"], [xid("off"), "Off", tag, "0"]]
        committed(gateway.load(PARTNER, ["id", "name", "esc_market", "active"], rows))
        domain = [("esc_market", "=", tag)]

        shown = gateway.search_read(PARTNER, domain, ["name"])
        every = gateway.search_read(PARTNER, domain, ["name"], {"active_test": False})

        assert [row["name"] for row in shown] == ["On"]
        assert sorted(row["name"] for row in every) == ["Off", "On"]

    def test_search_read_returns_the_id_and_the_fields_asked_for(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        (partner_id,) = committed(
            gateway.load(PARTNER, ["id", "name", "esc_market"], [[xid("f"), "F", tag]])
        )
        (read,) = gateway.search_read(PARTNER, [("id", "=", partner_id)], ["name", "esc_market"])

        assert read == {"id": partner_id, "name": "F", "esc_market": tag}

    def test_ir_model_data_lists_the_external_ids_made_by_load(
        self, gateway: Gateway, xid: Callable[[str], str], tag: str
    ):
        names = [xid("one"), xid("two")]
        rows = [[name, name, tag] for name in names]
        ids = committed(gateway.load(PARTNER, ["id", "name", "esc_market"], rows))

        assert xids_made(gateway, names) == dict(zip(names, ids, strict=True))
        (row,) = gateway.search_read(
            "ir.model.data", [("res_id", "=", ids[0]), ("model", "=", PARTNER)], ["complete_name"]
        )
        assert row["complete_name"] == names[0]

    def test_search_read_of_an_unknown_field_is_a_gateway_error(self, gateway: Gateway):
        with pytest.raises(GatewayError) as raised:
            gateway.search_read(PARTNER, [], ["no_such_field"])

        assert not isinstance(raised.value, TransientError)

    # -- counting --------------------------------------------------------------------------

    def test_every_call_counts_in_rpc_calls(self, gateway: Gateway, xid, tag: str):
        gateway.search_read(PARTNER, [("esc_market", "=", tag)], ["name"])  # connected now
        before = gateway.rpc_calls
        gateway.load(PARTNER, ["id", "name", "esc_market"], [[xid("n"), "N", tag]])
        after_load = gateway.rpc_calls
        gateway.search_read(PARTNER, [("esc_market", "=", tag)], ["name"])
        after_read = gateway.rpc_calls

        steps = [after_load - before, after_read - after_load]
        if self.calls_per_call is None:
            assert min(steps) >= 1
        else:
            assert steps == [self.calls_per_call, self.calls_per_call]

    # -- forks -----------------------------------------------------------------------------

    def test_a_fork_loads_into_the_same_odoo(self, gateway: Gateway, xid, tag: str):
        ids = committed(
            gateway.fork().load(PARTNER, ["id", "name", "esc_market"], [[xid("f"), "F", tag]])
        )

        assert [p["name"] for p in partners(gateway, ids, ["name"])] == ["F"]

    def test_a_forks_calls_count_in_its_origins_rpc_calls(self, gateway: Gateway, xid, tag: str):
        fork = gateway.fork()
        gateway.search_read(PARTNER, [("esc_market", "=", tag)], ["name"])  # connected now
        before = gateway.rpc_calls
        fork.load(PARTNER, ["id", "name", "esc_market"], [[xid("c"), "C", tag]])

        assert gateway.rpc_calls - before >= 1  # the fork's own login counts too
        assert fork.rpc_calls == gateway.rpc_calls

    def test_forks_load_at_the_same_time_from_their_own_threads(
        self, gateway: Gateway, xid, tag: str
    ):
        forks = [gateway.fork() for _ in range(3)]

        def load(number: int) -> list[int]:
            row = [xid(f"t{number}"), f"{tag} {number}", tag]
            return committed(forks[number].load(PARTNER, ["id", "name", "esc_market"], [row]))

        with ThreadPoolExecutor(len(forks)) as pool:
            ids = [i for made in pool.map(load, range(len(forks))) for i in made]

        names = sorted(p["name"] for p in partners(gateway, ids, ["name"]))
        assert names == [f"{tag} {number}" for number in range(len(forks))]

    def test_connect_ahead_of_the_first_call_is_idempotent(self, gateway: Gateway):
        gateway.connect()
        gateway.connect()
        before = gateway.rpc_calls
        gateway.search_read(PARTNER, [("id", "=", 0)], ["name"])

        assert gateway.rpc_calls - before == (self.calls_per_call or 1)
