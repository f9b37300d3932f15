# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Confidential customer information attacked through the web client's JSON routes, as a
salesperson and as the customer logged in to the portal."""

from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

MODEL = "esc.customer.info"


@tagged("post_install", "-at_install")
class TestCustomerInformationOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(cls.env, login="esc_ci_http_sales", groups="base.group_user")
        credit = new_test_user(
            cls.env, login="esc_ci_http_credit", groups="esc_pqrs_module.group_esc_credit"
        )
        customer = cls.env["res.partner"].create({"name": "Resinas Andinas", "is_company": True})
        new_test_user(
            cls.env,
            login="esc_ci_http_portal",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Pablo", "parent_id": customer.id, "email": "pablo@resinas.example"})
            .id,
        )
        cls.report = (
            cls.env[MODEL]
            .with_user(credit)
            .create(
                {
                    "partner_id": customer.id,
                    "category_id": cls.env.ref(
                        "esc_pqrs_module.esc_customer_info_category_credit"
                    ).id,
                    "description": "Cupo reducido por el banco",
                }
            )
        )

    def _call(self, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": MODEL, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @mute_logger("odoo.http")
    def test_a_salesperson_finds_and_reads_no_credit_information(self):
        self.authenticate("esc_ci_http_sales", "esc_ci_http_sales")
        found = self._call("search_read", [], fields=["description"])
        self.assertNotIn(self.report.id, [row["id"] for row in found])
        with self.assertRaises(JsonRpcException) as caught:
            self._call("read", self.report.ids, ["description"])
        self.assertIn("odoo.exceptions.AccessError", str(caught.exception))

    @mute_logger("odoo.http")
    def test_the_customer_on_the_portal_reads_no_report(self):
        self.authenticate("esc_ci_http_portal", "esc_ci_http_portal")
        with self.assertRaises(JsonRpcException) as caught:
            self._call("search_read", [], fields=["description"])
        self.assertIn("odoo.exceptions.AccessError", str(caught.exception))
