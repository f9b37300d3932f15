# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer files a PQRS by e-mail: Odoo's mail gateway fed real RFC 822 messages."""

from email.message import EmailMessage
from email.utils import format_datetime

from freezegun import freeze_time
from pytz import utc

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

SENT = bogota(2026, 12, 23, 9, 30)
ARRIVED = bogota(2026, 12, 23, 9, 45)
PHOTO = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@tagged("post_install", "-at_install")
class TestPqrsIntakeByMail(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.petition = cls.env.ref("esc_pqrs_module.esc_pqrs_type_petition")
        cls.mail_channel = cls.env.ref("esc_pqrs_module.esc_channel_email")

    def _mail(self, sender="Laura Gómez <laura.gomez@plasticos-andinos.example>", **headers):
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "pqrs@esc.example"
        message["Subject"] = headers.pop("subject", "Tapas con rebaba en el pedido 9120")
        message["Message-Id"] = headers.pop("message_id", "<tapas-9120@plasticos-andinos.example>")
        message["Date"] = format_datetime(utc.localize(SENT))
        for name, value in headers.pop("extra", {}).items():
            message[name] = value
        message.set_content(
            headers.pop("body", "Llegaron 300 tapas con rebaba; pedimos reposición.")
        )
        for name, content, subtype in headers.pop("files", []):
            maintype, _sep, sub = subtype.partition("/")
            message.add_attachment(content, maintype=maintype, subtype=sub, filename=name)
        return message.as_string()

    def _receive(self, raw):
        with freeze_time(ARRIVED):
            case_id = self.env["mail.thread"].message_process("esc.pqrs", raw)
        return self.env["esc.pqrs"].browse(case_id)

    def test_an_email_files_a_case_on_the_email_channel_when_it_was_sent(self):
        case = self._receive(self._mail())
        self.assertRegex(case.name, r"^PQRS/2026/\d{5}$")
        self.assertEqual(case.channel_id, self.mail_channel)
        self.assertEqual(case.received_at, SENT)
        self.assertEqual(case.subject, "Tapas con rebaba en el pedido 9120")
        self.assertIn("300 tapas con rebaba", case.description)
        self.assertEqual(case.type_id, self.petition)
        self.assertTrue(case.deadline_ids)

    def test_a_known_sender_is_the_customer(self):
        case = self._receive(self._mail())
        self.assertEqual(case.partner_id, self.contact)
        self.assertEqual(case.commercial_partner_id, self.customer)

    def test_an_unknown_sender_becomes_a_contact_flagged_for_review(self):
        case = self._receive(self._mail(sender="Pedro Ruiz <pedro@nuevo-cliente.example>"))
        self.assertEqual(case.partner_id.email, "pedro@nuevo-cliente.example")
        self.assertEqual(case.partner_id.name, "Pedro Ruiz")
        self.assertTrue(case.partner_id.esc_needs_review)

    def test_the_sender_receives_one_acknowledgement_with_radicado_and_due_date(self):
        case = self._receive(self._mail())
        acknowledgement = case.message_ids.filtered(
            lambda message: message.subject == f"{case.name}: we received your request"
        )
        self.assertEqual(len(acknowledgement), 1)
        self.assertIn(self.contact, acknowledgement.partner_ids)
        for expected in (case.name, "01/18/2027", "Plásticos ESC"):
            self.assertIn(expected, acknowledgement.body)
        self.assertTrue(case.acknowledged_at)

    def test_the_acknowledgement_is_not_the_first_response(self):
        case = self._receive(self._mail())
        first_response = case.deadline_ids.filtered(lambda line: line.kind == "sla_first_response")
        self.assertNotEqual(first_response.state, "met")

    def test_an_attachment_is_kept_on_the_case(self):
        case = self._receive(self._mail(files=[("tapas.png", PHOTO, "image/png")]))
        self.assertIn("tapas.png", case.message_ids.attachment_ids.mapped("name"))

    def test_an_executable_is_set_aside_and_the_agent_told(self):
        raw = self._mail(
            files=[
                ("factura.exe", b"MZ\x90\x00" + b"0" * 64, "application/octet-stream"),
                ("tapas.png", PHOTO, "image/png"),
            ]
        )
        case = self._receive(raw)
        names = case.message_ids.attachment_ids.mapped("name")
        self.assertIn("tapas.png", names)
        self.assertNotIn("factura.exe", names)
        self.assertTrue(
            case.message_ids.filtered(lambda message: "factura.exe" in (message.body or ""))
        )

    def test_markup_in_the_subject_is_kept_as_plain_text(self):
        case = self._receive(self._mail(subject="<script>alert(1)</script>Pedido <b>9120</b>"))
        self.assertEqual(case.subject, "Pedido 9120")

    def test_an_auto_reply_files_no_case(self):
        before = self.env["esc.pqrs"].search_count([])
        raw = self._mail(subject="Fuera de la oficina", extra={"Auto-Submitted": "auto-replied"})
        with freeze_time(ARRIVED):
            self.env["mail.thread"].message_process("esc.pqrs", raw)
        self.assertEqual(self.env["esc.pqrs"].search_count([]), before)

    def test_a_reply_lands_on_the_open_case(self):
        case = self._receive(self._mail())
        reply = self._mail(
            subject=f"Re: {case.name}",
            message_id="<respuesta-9120@plasticos-andinos.example>",
            extra={"In-Reply-To": case.message_ids[:1].message_id},
            body="Adjuntamos el número de lote: 4471.",
        )
        self.assertEqual(self._receive(reply), case)
        self.assertIn("4471", case.message_ids[:1].body)

    def test_a_reply_to_a_closed_case_files_a_new_case_that_follows_it_up(self):
        case = self._receive(self._mail())
        self._answer(case)
        reply = self._mail(
            subject=f"Re: {case.name}",
            message_id="<otra-vez-9120@plasticos-andinos.example>",
            extra={"In-Reply-To": case.message_ids[:1].message_id},
            body="Las tapas nuevas también llegaron con rebaba.",
        )
        follow_up = self._receive(reply)
        self.assertNotEqual(follow_up, case)
        self.assertEqual(follow_up.previous_id, case)
        self.assertTrue(case.is_closed)

    def test_a_reply_to_the_official_response_files_a_new_case_and_leaves_the_answer(self):
        case = self._receive(self._mail())
        response = self._answer(case)
        stage, messages = case.stage_id, len(case.message_ids)
        reply = self._mail(
            subject=f"Re: {case.name}: our official response",
            message_id="<no-estoy-de-acuerdo-9120@plasticos-andinos.example>",
            extra={"In-Reply-To": response.message_id.message_id},
            body="No estamos de acuerdo con la respuesta.",
        )
        follow_up = self._receive(reply)
        self.assertNotEqual(follow_up, case)
        self.assertEqual(follow_up.previous_id, case)
        self.assertEqual((case.stage_id, len(case.message_ids)), (stage, messages))
        self.assertEqual(case.response_ids, response)

    def test_a_blacklisted_sender_is_not_acknowledged_and_the_case_says_why(self):
        self.env["mail.blacklist"].create({"email": "laura.gomez@plasticos-andinos.example"})
        case = self._receive(self._mail())
        self.assertFalse(case.acknowledged_at)
        self.assertTrue(
            case.message_ids.filtered(lambda message: "blacklist" in (message.body or ""))
        )

    def test_one_address_is_acknowledged_three_times_in_ten_minutes_at_most(self):
        cases = [
            self._receive(self._mail(message_id=f"<pedido-{number}@plasticos-andinos.example>"))
            for number in range(4)
        ]
        self.assertEqual([bool(case.acknowledged_at) for case in cases], [True] * 3 + [False])
        self.assertTrue(
            cases[3].message_ids.filtered(lambda message: "relay" in (message.body or ""))
        )

    def test_message_new_called_directly_files_nothing(self):
        employee = new_test_user(self.env, login="esc_mail_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["esc.pqrs"].with_user(employee).message_new(
                {"email_from": "x@y.example", "subject": "x", "author_id": self.contact.id}
            )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_a_mail_without_a_usable_sender_files_nothing(self):
        before = self.env["esc.pqrs"].search_count([])
        with self.assertRaises(UserError):
            self._receive(self._mail(sender="no es un correo"))
        self.assertEqual(self.env["esc.pqrs"].search_count([]), before)


@tagged("post_install", "-at_install")
class TestStaffAcknowledgement(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))

    def test_a_staff_registered_case_is_not_acknowledged_by_itself(self):
        self.assertFalse(self.case.acknowledged_at)

    def test_the_agent_confirms_the_customer_and_acknowledges_once(self):
        self.case.with_user(self.service_user).action_esc_acknowledge()
        self.assertTrue(self.case.acknowledged_at)
        with self.assertRaises(UserError):
            self.case.with_user(self.service_user).action_esc_acknowledge()

    def test_a_compliment_is_thanked_without_a_due_date(self):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            compliment = self._register(bogota(2026, 12, 23, 10, 0), type_id=self.compliment.id)
        compliment.with_user(self.service_user).action_esc_acknowledge()
        body = compliment.message_ids.filtered(
            lambda message: message.subject and "received" in message.subject
        ).body
        self.assertIn("Thank you", body)
        self.assertNotIn("no later than", body)

    def test_other_staff_cannot_acknowledge(self):
        employee = new_test_user(self.env, login="esc_ack_employee", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.case.with_user(employee).action_esc_acknowledge()

    def test_a_case_filed_by_another_systems_batch_job_is_acknowledged_by_the_job_it_starts(self):
        integration = new_test_user(
            self.env, login="esc_ack_sync", groups="esc_pqrs_module.group_esc_integration"
        )
        cron = self.env.ref("esc_pqrs_module.ir_cron_esc_acknowledge_queued")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            case = (
                self.env["esc.pqrs"]
                .with_user(integration)
                .create(
                    {
                        "subject": "Desde el call center",
                        "partner_id": self.contact.id,
                        "type_id": self.claim.id,
                        "received_at": bogota(2026, 12, 23, 10, 0),
                    }
                )
            )
            self.assertFalse(case.sudo().acknowledged_at)
            self.assertTrue(case.sudo().acknowledgement_queued)
            self.assertEqual(
                self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
                triggers + 1,
            )
            self.env["esc.pqrs"]._cron_esc_acknowledge_queued()
        self.assertTrue(case.sudo().acknowledged_at)
        self.assertFalse(case.sudo().acknowledgement_queued)
        self.assertTrue(
            case.message_ids.filtered(
                lambda message: message.subject and "received" in message.subject
            )
        )
