# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The same rules attacked through the routes the web client and the portal use: the
chatter's "Send message" and "Log note", editing a message, the portal's chatter."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

#: How Odoo names an access refusal in a JSON-RPC error.
ACCESS_ERROR = "odoo.exceptions.AccessError"
USER_ERROR = "odoo.exceptions.UserError"


@tagged("post_install", "-at_install")
class TestPqrsIntegrityOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")._esc_load_holidays(
            [fields.Date.today().year, fields.Date.today().year + 1]
        )
        cls.env.company.esc_service_signature = "<p>Servicio al Cliente</p>"
        area = cls.env["esc.area"].create({"name": "Logística H"})
        cls.area_user = new_test_user(
            cls.env, login="esc_http_area", groups="esc_pqrs_module.group_esc_area"
        )
        area.member_ids = cls.area_user
        cls.agent = new_test_user(
            cls.env,
            login="esc_http_agent",
            groups="esc_pqrs_module.group_esc_service_user",
            email="agente.http@esc.example",
        )
        customer = cls.env["res.partner"].create({"name": "Envases del Valle", "is_company": True})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Marta Ríos", "parent_id": customer.id, "email": "marta@envases.example"}
        )
        new_test_user(
            cls.env, login="esc_http_portal", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.case = cls.env["esc.pqrs"].create(
            {
                "subject": "Tapas deformadas",
                "partner_id": cls.contact.id,
                "type_id": cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim").id,
                "received_at": fields.Datetime.now() - timedelta(hours=2),
                "area_ids": [area.id],
            }
        )
        agent_case = cls.case.with_user(cls.agent)
        cls.notice = agent_case._esc_extend(
            agent_case._esc_extension_limit(), "Esperamos el análisis del laboratorio."
        ).notice_id
        cls.note = cls.case.with_user(cls.area_user).message_post(
            body="Nota interna de logística", subtype_xmlid="mail.mt_note"
        )
        cls.reply = agent_case.message_post(
            body="Respuesta del agente", message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def _post(self, **post_data):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {"thread_model": "esc.pqrs", "thread_id": self.case.id, "post_data": post_data},
        )

    def _message_count(self):
        return len(self.case.sudo().message_ids)

    @mute_logger("odoo.http")
    def assertRefused(self, error, call):
        before = self._message_count()
        with self.assertRaises(JsonRpcException) as refusal:
            call()
        self.assertEqual(str(refusal.exception), error)
        self.assertEqual(self._message_count(), before)

    def test_area_user_sending_a_message_from_the_chatter_is_refused(self):
        self.authenticate("esc_http_area", "esc_http_area")
        self.assertRefused(
            ACCESS_ERROR,
            lambda: self._post(
                body="Estimado cliente", message_type="comment", subtype_xmlid="mail.mt_comment"
            ),
        )

    def test_area_user_logging_a_note_that_mentions_the_customer_is_refused(self):
        self.authenticate("esc_http_area", "esc_http_area")
        self.assertRefused(
            ACCESS_ERROR,
            lambda: self._post(
                body="Marta, mire esto",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                partner_ids=self.contact.ids,
            ),
        )

    def test_area_user_logs_a_note_from_the_chatter(self):
        self.authenticate("esc_http_area", "esc_http_area")
        before = self._message_count()
        self._post(body="Despacho revisado", message_type="comment", subtype_xmlid="mail.mt_note")
        self.assertEqual(self._message_count(), before + 1)

    def test_area_user_cannot_make_its_note_visible_to_the_customer(self):
        self.authenticate("esc_http_area", "esc_http_area")
        self.assertRefused(
            ACCESS_ERROR,
            lambda: self.make_jsonrpc_request(
                "/mail/update_is_internal", {"message_id": self.note.id, "is_internal": False}
            ),
        )

    def test_agent_cannot_edit_a_legal_notice_from_the_chatter(self):
        self.authenticate("esc_http_agent", "esc_http_agent")
        body = self.notice.body
        self.assertRefused(
            USER_ERROR,
            lambda: self.make_jsonrpc_request(
                "/mail/message/update_content",
                {"message_id": self.notice.id, "body": "Otra fecha", "attachment_ids": []},
            ),
        )
        self.assertEqual(self.notice.body, body)

    def test_agent_cannot_edit_what_the_customer_received(self):
        self.authenticate("esc_http_agent", "esc_http_agent")
        self.assertRefused(
            USER_ERROR,
            lambda: self.make_jsonrpc_request(
                "/mail/message/update_content",
                {"message_id": self.reply.id, "body": "Otra respuesta", "attachment_ids": []},
            ),
        )

    def test_customer_writes_on_its_case_from_the_portal_chatter(self):
        self.authenticate("esc_http_portal", "esc_http_portal")
        before = self._message_count()
        self._post(body="Adjunto fotos", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.assertEqual(self._message_count(), before + 1)
        self.assertEqual(self.case.sudo().message_ids[:1].author_id, self.contact)

    def test_customer_reads_the_replies_but_not_the_internal_notes(self):
        self.authenticate("esc_http_portal", "esc_http_portal")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "esc.pqrs", "thread_id": self.case.id}
        )
        self.assertIn(self.reply.id, result["messages"])
        self.assertNotIn(self.note.id, result["messages"])

    def test_customer_cannot_read_the_internal_fields_over_json_rpc(self):
        self.authenticate("esc_http_portal", "esc_http_portal")
        self.assertRefused(
            ACCESS_ERROR,
            lambda: self.make_jsonrpc_request(
                "/web/dataset/call_kw/esc.pqrs/read",
                {
                    "model": "esc.pqrs",
                    "method": "read",
                    "args": [self.case.ids, ["next_deadline_at", "segment_id"]],
                    "kwargs": {},
                },
            ),
        )
