# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer's contacts follow their company's PQRS cases on the portal, over HTTP."""

from urllib.parse import urlparse

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_date, mute_logger

from .common import bogota

#: DESIGN.md reference: received Friday 2026-03-27 → legal due date 2026-04-21 (Holy Week).
RECEIVED = bogota(2026, 3, 27, 15, 0)


@tagged("post_install", "-at_install")
class TestPqrsPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")
        cls.calendar._esc_load_holidays([2026])
        claim = cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim")
        gold = cls.env["esc.segment"].create({"name": "Oro", "code": "T-PORTAL-ORO"})
        cls.env["esc.sla.rule"].create(
            {"segment_id": gold.id, "type_id": claim.id, "resolution_days": 5}
        )
        company_a = cls.env["res.partner"].create(
            {"name": "Plásticos Andinos S.A.S.", "is_company": True, "esc_segment_id": gold.id}
        )
        company_b = cls.env["res.partner"].create(
            {"name": "Polímeros del Sur S.A.S.", "is_company": True}
        )
        contact_a = cls.env["res.partner"].create(
            {"name": "Laura Gómez", "parent_id": company_a.id}
        )
        contact_b = cls.env["res.partner"].create(
            {"name": "Andrés Ruiz", "parent_id": company_b.id}
        )
        cls.portal_a = new_test_user(
            cls.env, login="esc_portal_a", groups="base.group_portal", partner_id=contact_a.id
        )
        new_test_user(
            cls.env, login="esc_portal_b", groups="base.group_portal", partner_id=contact_b.id
        )
        values = {
            "type_id": claim.id,
            "channel_id": cls.env.ref("esc_pqrs_module.esc_channel_email").id,
            "received_at": RECEIVED,
        }
        cls.case_a = cls.env["esc.pqrs"].create(
            {**values, "subject": "Lote con burbujas", "partner_id": contact_a.id}
        )
        cls.case_b = cls.env["esc.pqrs"].create(
            {**values, "subject": "Pedido incompleto", "partner_id": contact_b.id}
        )

    def _due_date_text(self, kind):
        line = self.case_a.deadline_ids.filtered(lambda deadline: deadline.kind == kind)
        return format_date(self.env, self.calendar._esc_local_date(line.due_at), "en_US")

    def test_portal_home_offers_the_pqrs_entry(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/pqrs"', response.text)
        self.assertIn('data-placeholder_count="pqrs_count"', response.text)

    def test_portal_home_counts_only_the_companys_cases(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["pqrs_count"]})
        self.assertEqual(counters["pqrs_count"], 1)

    def test_case_list_shows_own_company_cases_only(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open("/my/pqrs")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)
        self.assertNotIn(self.case_b.name, response.text)

    def test_case_list_sorts_by_stage(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open("/my/pqrs?sortby=stage")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)

    def test_case_page_shows_radicado_and_legal_due_date(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open(self.case_a.access_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)
        self.assertEqual(self._due_date_text("legal"), "04/21/2026")
        self.assertIn("04/21/2026", response.text)

    def test_case_page_hides_service_level_due_dates(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open(self.case_a.access_url)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self._due_date_text("sla_resolution"), response.text)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_case_page_of_another_company_redirects_to_my(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        response = self.url_open(self.case_b.access_url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertNotIn(self.case_b.name, response.text)

    def test_case_page_opens_with_access_token_when_logged_out(self):
        token = self.case_a._portal_ensure_token()
        response = self.url_open(f"{self.case_a.access_url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_case_page_without_token_refuses_a_logged_out_visitor(self):
        self.case_a._portal_ensure_token()
        response = self.url_open(self.case_a.access_url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertNotIn(self.case_a.name, response.text)

    def test_portal_user_message_reaches_the_case_thread(self):
        self.authenticate("esc_portal_a", "esc_portal_a")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "esc.pqrs",
                "thread_id": self.case_a.id,
                "post_data": {
                    "body": "¿Cuándo recogen el lote?",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )
        message = self.env["mail.message"].search(
            [
                ("model", "=", "esc.pqrs"),
                ("res_id", "=", self.case_a.id),
                ("author_id", "=", self.portal_a.partner_id.id),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertIn("¿Cuándo recogen el lote?", message.body)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
