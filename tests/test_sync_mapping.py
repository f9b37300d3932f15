"""Validated customer records become the columns of ``res.partner.load()``."""

import pytest

from sync.mapping import References, UnknownReference, external_id, partner_columns
from sync.records import CustomerRecord

REFERENCES = References(
    segments={"PREMIUM": 7},
    countries={"CO": 49, "EC": 63},
    states={("CO", "ANT"): 640, ("CO", "DC"): 642},
    users={"lgomez": 12},
)


def record(**values):
    return CustomerRecord.model_validate({"source_system": "erp", "key": "C-1", **values})


def test_external_id_is_namespaced_by_system_and_kind():
    assert external_id("erp", "cli_0001") == "esc_sync.erp_customer_cli_0001"


def test_keys_that_need_sanitising_do_not_collide():
    assert external_id("erp", "A-1") != external_id("erp", "a_1")
    assert external_id("erp", "A-1").startswith("esc_sync.erp_customer_a_1_")


def test_fields_left_empty_are_not_sent():
    columns = partner_columns(record(name="Andina S.A.S."), REFERENCES, exists=True)
    assert columns == {
        "id": "esc_sync.erp_customer_c_1_" + columns["id"][-8:],
        "name": "Andina S.A.S.",
    }


def test_new_partner_without_country_is_colombian():
    columns = partner_columns(record(name="Andina"), REFERENCES, exists=False)
    assert columns["country_id/.id"] == "49"


def test_clear_token_blanks_the_field():
    columns = partner_columns(record(name="Andina", city="__CLEAR__"), REFERENCES, exists=True)
    assert columns["city"] == ""


def test_codes_and_logins_become_database_ids():
    columns = partner_columns(
        record(name="Andina", segment_code="PREMIUM", salesperson_login="lgomez", department="ANT"),
        REFERENCES,
        exists=True,
    )
    assert (columns["esc_segment_id/.id"], columns["user_id/.id"]) == ("7", "12")
    assert (columns["state_id/.id"], columns["country_id/.id"]) == ("640", "49")


def test_phones_fill_phone_and_mobile():
    columns = partner_columns(
        record(name="Andina", phones="604 448 2075; 310 555 0101"), REFERENCES, exists=True
    )
    assert (columns["phone"], columns["mobile"]) == ("+576044482075", "+573105550101")


def test_contact_names_its_company_by_external_id():
    columns = partner_columns(record(name="Laura", company_key="C-9"), REFERENCES, exists=True)
    assert columns["parent_id/id"] == external_id("erp", "C-9")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"segment_code": "GOLD"}, "segment_code"),
        ({"salesperson_login": "nobody"}, "salesperson_login"),
        ({"country": "PE"}, "country"),
    ],
)
def test_code_unknown_to_odoo_names_the_field(values, field):
    with pytest.raises(UnknownReference) as refused:
        partner_columns(record(name="Andina", **values), REFERENCES, exists=True)
    assert refused.value.field == field
