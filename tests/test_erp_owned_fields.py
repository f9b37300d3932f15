"""The add-on's list of the fields the ERP owns is the list the customers sync writes."""

from sync.mapping import XMLID_MODULE, References, partner_columns
from sync.records import CustomerRecord
from tests.addon import load_tool

erp_fields = load_tool("erp_fields")

EVERY_COLUMN = {
    "source_system": "erp",
    "key": "C-1",
    "name": "Andina S.A.S.",
    "is_company": "no",
    "company_key": "C-0",
    "nit": "900123456-8",
    "country": "CO",
    "department": "ANT",
    "street": "Calle 1",
    "city": "Medellín",
    "emails": "a@andina.example",
    "phones": "+57 604 444 1234, +57 310 555 0101",
    "segment_code": "PREMIUM",
    "market": "Automotriz",
    "stakeholder_group": "customer",
    "salesperson_login": "lgomez",
    "active": "yes",
}
REFERENCES = References(
    segments={"PREMIUM": 7}, countries={"CO": 49}, states={("CO", "ANT"): 640}, users={"lgomez": 12}
)


def test_the_erp_owns_exactly_the_fields_the_customers_sync_writes():
    columns = partner_columns(CustomerRecord.model_validate(EVERY_COLUMN), REFERENCES, exists=False)
    written = {column.split("/")[0] for column in columns} - {"id"}
    assert written == erp_fields.ERP_OWNED_FIELDS


def test_the_sync_and_the_add_on_name_the_same_external_id_module():
    assert erp_fields.SYNC_XMLID_MODULE == XMLID_MODULE
