# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The official response over HTTP: its document on the customer's portal page, for that
customer only; and the stage change the web client would send, refused without a response."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

USER_ERROR = "odoo.exceptions.UserError"


@tagged("post_install", "-at_install")
class TestOfficialResponseOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")._esc_load_holidays(
            [fields.Date.today().year, fields.Date.today().year + 1]
        )
        cls.agent = new_test_user(
            cls.env,
            login="esc_resp_http_agent",
            groups="esc_pqrs_module.group_esc_service_user",
            email="agente.respuesta@esc.example",
        )
        claim = cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim")
        cases = []
        for customer_name, contact_name, login in (
            ("Envases del Valle", "Marta Ríos", "esc_resp_portal_a"),
            ("Polímeros del Sur", "Andrés Ruiz", "esc_resp_portal_b"),
        ):
            customer = cls.env["res.partner"].create({"name": customer_name, "is_company": True})
            contact = cls.env["res.partner"].create(
                {
                    "name": contact_name,
                    "parent_id": customer.id,
                    "email": f"{login}@clientes.example",
                }
            )
            new_test_user(cls.env, login=login, groups="base.group_portal", partner_id=contact.id)
            cases.append(
                cls.env["esc.pqrs"].create(
                    {
                        "subject": "Tapas deformadas",
                        "partner_id": contact.id,
                        "type_id": claim.id,
                        "received_at": fields.Datetime.now() - timedelta(hours=2),
                        "root_cause_id": cls.env.ref(
                            "esc_pqrs_module.esc_claim_root_cause_production"
                        ).id,
                        "claim_outcome": "replacement",
                    }
                )
            )
        cls.case, cls.other_case = cases
        cls.response = cls.case.with_user(cls.agent)._esc_send_official_response(
            "<p>Reponemos las tapas del pedido 9120.</p>"
        )
        cls.url = f"/my/pqrs/{cls.case.id}/response/{cls.response.id}"

    def test_customer_downloads_the_document_of_its_response(self):
        self.authenticate("esc_resp_portal_a", "esc_resp_portal_a")
        reply = self.url_open(self.url)
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.content, self.response.report_attachment_id.raw)
        self.assertIn("attachment", reply.headers["Content-Disposition"])

    def test_case_page_links_the_document(self):
        self.authenticate("esc_resp_portal_a", "esc_resp_portal_a")
        page = self.url_open(f"/my/pqrs/{self.case.id}")
        self.assertIn(self.url, page.text)
        self.assertIn(self.response.name, page.text)

    def test_another_customer_cannot_download_it(self):
        self.authenticate("esc_resp_portal_b", "esc_resp_portal_b")
        reply = self.url_open(self.url)
        self.assertNotEqual(reply.content, self.response.report_attachment_id.raw)
        self.assertTrue(reply.url.endswith("/my"))

    def test_another_case_does_not_serve_it(self):
        self.authenticate("esc_resp_portal_b", "esc_resp_portal_b")
        reply = self.url_open(f"/my/pqrs/{self.other_case.id}/response/{self.response.id}")
        self.assertEqual(reply.status_code, 404)

    def test_a_visitor_with_the_case_link_downloads_it(self):
        token = self.case.sudo()._portal_ensure_token()
        reply = self.url_open(f"{self.url}?access_token={token}")
        self.assertEqual(reply.content, self.response.report_attachment_id.raw)

    def test_a_visitor_without_the_case_link_does_not(self):
        reply = self.url_open(self.url)
        self.assertNotEqual(reply.content, self.response.report_attachment_id.raw)

    def test_document_renders_as_a_pdf(self):
        """A PDF where wkhtmltopdf runs; Odoo renders reports as HTML in tests unless asked
        (``force_report_rendering``), and wkhtmltopdf fetches the report's styles from this
        test's server, so the rendering is proven in an HTTP case."""
        self._skip_without_wkhtmltopdf()
        content, report_type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("esc_pqrs_module.action_report_esc_pqrs_response", self.response.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))

    def test_the_document_sent_and_kept_on_the_case_is_the_pdf(self):
        self._skip_without_wkhtmltopdf()
        response = (
            self.other_case.with_user(self.agent)
            .with_context(force_report_rendering=True)
            ._esc_send_official_response("<p>Reponemos el pedido completo.</p>")
        )
        document = response.report_attachment_id
        self.assertEqual(document.mimetype, "application/pdf")
        self.assertTrue(document.raw.startswith(b"%PDF"))
        self.assertTrue(document.name.endswith(".pdf"))
        self.assertIn(document, response.message_id.attachment_ids)

    def _skip_without_wkhtmltopdf(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.skipTest(
                f"wkhtmltopdf is not usable on this machine (state {state!r}): the official "
                "response cannot be rendered as a PDF here; README.md says how to install it"
            )

    @mute_logger("odoo.http")
    def test_agent_cannot_answer_a_case_by_writing_its_stage_over_json_rpc(self):
        self.authenticate("esc_resp_http_agent", "esc_resp_http_agent")
        answered = self.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        with self.assertRaises(JsonRpcException) as refusal:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/esc.pqrs/write",
                {
                    "model": "esc.pqrs",
                    "method": "write",
                    "args": [self.other_case.ids, {"stage_id": answered.id}],
                    "kwargs": {},
                },
            )
        self.assertEqual(str(refusal.exception), USER_ERROR)
        self.assertFalse(self.other_case.is_closed)
