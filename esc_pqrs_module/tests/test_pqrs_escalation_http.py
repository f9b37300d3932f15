# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An escalation attacked through the routes the web client and the portal use: the customer
neither reads nor writes it, and what staff write on it from the chatter reaches staff only."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

MODEL = "esc.pqrs.escalation"


@tagged("post_install", "-at_install")
class TestEscalationOverHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")._esc_load_holidays(
            [fields.Date.today().year, fields.Date.today().year + 1]
        )
        area_user = new_test_user(
            cls.env, login="esc_esc_http_area", groups="esc_pqrs_module.group_esc_area"
        )
        area = cls.env["esc.area"].create({"name": "Calidad H", "member_ids": area_user.ids})
        agent = new_test_user(
            cls.env, login="esc_esc_http_agent", groups="esc_pqrs_module.group_esc_service_user"
        )
        customer = cls.env["res.partner"].create({"name": "Envases del Valle", "is_company": True})
        cls.contact = cls.env["res.partner"].create(
            {"name": "Marta Ríos", "parent_id": customer.id, "email": "marta@envases.example"}
        )
        new_test_user(
            cls.env,
            login="esc_esc_http_portal",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        case = cls.env["esc.pqrs"].create(
            {
                "subject": "Tapas deformadas",
                "partner_id": cls.contact.id,
                "type_id": cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim").id,
                "received_at": fields.Datetime.now() - timedelta(hours=2),
            }
        )
        agent_case = case.with_user(agent)
        cls.escalation = agent_case._esc_escalate(
            area, area_user, "¿Qué molde se usó?", agent_case._esc_default_escalation_due(area)
        )
        cls.request = cls.escalation.sudo().message_ids.filtered(
            lambda message: message.message_type == "comment"
        )

    def _post(self, **post_data):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {"thread_model": MODEL, "thread_id": self.escalation.id, "post_data": post_data},
        )

    def _messages(self):
        return self.escalation.sudo().message_ids

    def test_the_customer_does_not_read_the_escalations_messages(self):
        self.authenticate("esc_esc_http_portal", "esc_esc_http_portal")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": MODEL, "thread_id": self.escalation.id}
        )
        self.assertNotIn(self.request.id, result["messages"])

    @mute_logger("odoo.http")
    def test_the_customer_cannot_write_on_the_escalation(self):
        self.authenticate("esc_esc_http_portal", "esc_esc_http_portal")
        before = self._messages()
        with self.assertRaises(JsonRpcException):
            self._post(
                body="Soy el cliente", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(self._messages(), before)

    @mute_logger("odoo.http")
    def test_the_customer_cannot_read_the_escalation(self):
        self.authenticate("esc_esc_http_portal", "esc_esc_http_portal")
        with self.assertRaises(JsonRpcException) as refusal:
            self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{MODEL}/read",
                {
                    "model": MODEL,
                    "method": "read",
                    "args": [self.escalation.ids, ["question"]],
                    "kwargs": {},
                },
            )
        self.assertEqual(str(refusal.exception), "odoo.exceptions.AccessError")

    def test_a_chatter_message_addressed_to_the_customer_reaches_staff_only(self):
        self.authenticate("esc_esc_http_area", "esc_esc_http_area")
        self._post(
            body="Marta, revise esto",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.contact.ids,
        )
        message = self._messages()[:1]
        self.assertIn("revise esto", message.body)
        self.assertNotIn(self.contact, message.notification_ids.res_partner_id)
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertNotIn(self.contact, mails.recipient_ids)
