# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Improvement plans and channel figures attacked through the web client's JSON routes: an
area member reaching past its plan, a colleague, and a customer logged in to the portal."""

from odoo import Command
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestImprovementPlansOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        producer = new_test_user(
            cls.env, login="esc_ip_http_area", groups="esc_pqrs_module.group_esc_area"
        )
        new_test_user(cls.env, login="esc_ip_http_colleague", groups="base.group_user")
        customer = cls.env["res.partner"].create({"name": "Resinas del Valle", "is_company": True})
        new_test_user(
            cls.env,
            login="esc_ip_http_portal",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"].create({"name": "Sara", "parent_id": customer.id}).id,
        )
        area = cls.env["esc.area"].create(
            {"name": "Extrusión (HTTP)", "member_ids": [Command.link(producer.id)]}
        )
        cls.plan = cls.env["esc.improvement.plan"].create(
            {"title": "Calibre fuera de tolerancia", "area_id": area.id, "target": "Cpk 1,33"}
        )

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, model, method, *args, **kwargs):
        with self.assertRaises(JsonRpcException) as caught, mute_logger("odoo.http"):
            self._call(model, method, *args, **kwargs)
        self.assertIn("odoo.exceptions.AccessError", str(caught.exception))

    def test_an_area_member_cannot_redefine_or_close_its_plan(self):
        self.authenticate("esc_ip_http_area", "esc_ip_http_area")
        self._refused("esc.improvement.plan", "write", self.plan.ids, {"target": "Cpk 1,0"})
        self._refused("esc.improvement.plan", "write", self.plan.ids, {"state": "closed"})
        self._refused("esc.improvement.plan", "action_esc_close", self.plan.ids)
        self.assertEqual((self.plan.target, self.plan.state), ("Cpk 1,33", "open"))

    def test_a_colleague_finds_no_plan(self):
        self.authenticate("esc_ip_http_colleague", "esc_ip_http_colleague")
        self.assertEqual(
            self._call("esc.improvement.plan", "search_read", [], fields=["title"]), []
        )
        self._refused("esc.improvement.plan", "read", self.plan.ids, ["title"])

    def test_the_customer_on_the_portal_reads_no_plan_and_no_figure(self):
        self.authenticate("esc_ip_http_portal", "esc_ip_http_portal")
        for model in ("esc.improvement.plan", "esc.channel.performance", "esc.channel.incident"):
            self._refused(model, "search_read", [], fields=["id"])
