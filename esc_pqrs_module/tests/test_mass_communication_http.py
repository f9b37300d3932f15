# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate attacked through the web client's own JSON routes, as a marketing user and as a
customer logged in to the portal."""

from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

MAILING = "mailing.mailing"


@tagged("post_install", "-at_install")
class TestMassCommunicationOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env, login="esc_mc_http_marketer", groups="mass_mailing.group_mass_mailing_user"
        )
        customer = cls.env["res.partner"].create(
            {"name": "Tapas del Norte", "is_company": True, "email": "compras@tapas.example"}
        )
        new_test_user(
            cls.env,
            login="esc_mc_http_portal",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Ana", "parent_id": customer.id, "email": "ana@tapas.example"})
            .id,
        )
        cls.mailing = cls.env[MAILING].create(
            {
                "subject": "Promo",
                "body_html": "<p>Promo</p>",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "=", customer.id)]),
            }
        )
        cls.request = cls.env["esc.mass.communication"].create(
            {"name": "Precios", "purpose": "p", "subject": "s", "body": "<p>x</p>"}
        )

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @mute_logger("odoo.http")
    def test_a_marketer_cannot_launch_or_queue_a_mailing_to_customers_over_json_rpc(self):
        self.authenticate("esc_mc_http_marketer", "esc_mc_http_marketer")
        for method, args in (
            ("action_launch", ()),
            ("action_send_mail", ()),
            ("write", ({"state": "in_queue"},)),
        ):
            with self.assertRaises(JsonRpcException, msg=method) as caught:
                self._call(MAILING, method, self.mailing.ids, *args)
            self.assertIn("odoo.exceptions.UserError", str(caught.exception))
        self.assertEqual(self.mailing.state, "draft")

    @mute_logger("odoo.http")
    def test_a_customer_on_the_portal_reads_no_request_and_no_mailing(self):
        self.authenticate("esc_mc_http_portal", "esc_mc_http_portal")
        for model, record in (("esc.mass.communication", self.request), (MAILING, self.mailing)):
            with self.assertRaises(JsonRpcException, msg=model) as caught:
                self._call(model, "read", record.ids, ["name" if model != MAILING else "subject"])
            self.assertIn("odoo.exceptions.AccessError", str(caught.exception))
