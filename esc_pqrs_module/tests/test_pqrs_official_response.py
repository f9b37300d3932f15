# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The official response: Customer Service alone sends it, as a PDF by e-mail or as a letter or
call with its proof; sending answers the case, which nothing else does; what was sent stays."""

import re

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.esc_pqrs_response import SEAL_CONTEXT_KEY
from .common import bogota
from .test_pqrs_integrity import EscPqrsAttackCase

ANSWER = "<p>Analizamos el lote 4471 y reponemos las tres bobinas.</p>"
#: Within the extended legal term of the attack case (due 1 Feb 2027).
SENT = bogota(2027, 1, 20, 10, 0)


class EscPqrsResponseCase(EscPqrsAttackCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answered = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        cls.in_progress = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")
        # The fixture case is a claim: settled, so that only the response decides.
        cls.case.sudo().write(
            {
                "root_cause_id": cls.env.ref("esc_pqrs_module.esc_claim_root_cause_production").id,
                "claim_outcome": "replacement",
            }
        )

    def _send(self, user=None, case=None, moment=SENT, body=ANSWER, **values):
        case = case or self.case
        if case.type_id.is_claim and not case.claim_outcome:
            case.sudo().write(
                {"root_cause_id": self.case.root_cause_id.id, "claim_outcome": "replacement"}
            )
        with freeze_time(moment):
            return case.with_user(user or self.service_user)._esc_send_official_response(
                body, **values
            )

    def _state(self, case=None):
        """What a refused sending must leave as it was."""
        case = case or self.case
        return (
            case.stage_id,
            case.answered_at,
            len(case.response_ids),
            self._outbox(),
            set(case.deadline_ids.mapped("state")),
        )

    def assertRefusedAndUnanswered(self, exception, call, pattern):
        before = self._state()
        with self.assertRefused(exception, pattern):
            call()
        self.assertEqual(self._state(), before)


@tagged("post_install", "-at_install")
class TestSendingAnswersTheCase(EscPqrsResponseCase):
    def test_response_is_emailed_to_the_customer_with_its_document(self):
        response = self._send()
        message = response.message_id
        self.assertEqual(message.author_id, self.service_user.partner_id)
        self.assertIn(self.contact, message.partner_ids)
        self.assertIn(response.report_attachment_id, message.attachment_ids)
        self.assertIn("Analizamos el lote 4471", message.body)
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertIn(self.contact, mails.recipient_ids)

    def test_document_stays_on_the_case(self):
        document = self._send().report_attachment_id
        self.assertEqual((document.res_model, document.res_id), ("esc.pqrs", self.case.id))
        self.assertTrue(document.raw)

    def test_response_records_who_sent_what_and_when(self):
        response = self._send()
        self.assertEqual(response.name, f"{self.case.name}-R1")
        self.assertEqual((response.user_id, response.sent_at), (self.service_user, SENT))
        self.assertEqual(response.delivery_method, "email")
        self.assertIn("Servicio al Cliente", response.signature)

    def test_sending_moves_the_case_to_answered_and_records_the_answer_date(self):
        self._send()
        self.assertEqual((self.case.stage_id, self.case.answered_at), (self.answered, SENT))

    def test_sending_meets_every_open_line_at_that_moment(self):
        self._send()
        lines = self._lines(self.case)
        self.assertEqual(set(self.case.deadline_ids.mapped("state")), {"met"})
        self.assertEqual((lines["legal"].met_at, lines["sla_resolution"].met_at), (SENT, SENT))

    def test_legal_line_met_within_its_term_is_on_time(self):
        self._send()
        self.assertFalse(self._lines(self.case)["legal"].is_met_late)

    def test_legal_line_met_after_its_due_date_is_met_late(self):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            case = self._register(bogota(2026, 12, 23, 10, 0))
        self._send(case=case, moment=bogota(2027, 1, 20, 9, 0))
        legal = self._lines(case)["legal"]
        self.assertEqual((legal.state, legal.is_met_late), ("met", True))

    def test_the_wizard_starts_from_the_types_template_and_sends(self):
        action = self.case.with_user(self.service_user).action_esc_official_response()
        wizard = self._wizard(action, {})
        self.assertIn(self.case.name, wizard.body)
        self.assertIn("warranty", wizard.body)
        self.assertEqual(wizard.delivery_method, "email")
        wizard.body = ANSWER
        with freeze_time(SENT):
            wizard.action_send()
        self.assertEqual(self.case.response_ids.body, ANSWER)

    def test_files_attached_by_the_agent_are_sent_and_kept_as_copies(self):
        upload = (
            self.env["ir.attachment"]
            .with_user(self.service_user)
            .create(
                {
                    "name": "analisis.txt",
                    "raw": b"resultado",
                    "res_model": "esc.pqrs.response.wizard",
                }
            )
        )
        response = self._send(attachments=upload)
        self.assertEqual(response.attachment_ids.mapped("raw"), [b"resultado"])
        self.assertNotEqual(response.attachment_ids, upload)
        self.assertIn(response.attachment_ids, response.message_id.attachment_ids)

    def test_customer_without_email_is_answered_by_phone_with_its_proof(self):
        self.contact.email = False
        response = self._send(
            delivery_method="phone",
            delivered_to="Laura Gómez",
            delivered_at=bogota(2027, 1, 20, 9, 30),
            delivery_notes="Llamada al 601 555 0100; leyó y aceptó la reposición.",
        )
        self.assertEqual(response.delivered_to, "Laura Gómez")
        self.assertTrue(response.message_id.subtype_id.internal)
        self.assertFalse(response.message_id.partner_ids)
        self.assertEqual(self.case.stage_id, self.answered)

    def test_a_compliment_needs_no_response_and_closes_by_a_stage_change(self):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            compliment = self._register(bogota(2026, 12, 23, 10, 0), type_id=self.compliment.id)
            compliment.with_user(self.service_user).stage_id = self.answered
        self.assertTrue(compliment.is_closed)
        self.assertFalse(compliment.response_ids)


@tagged("post_install", "-at_install")
class TestOnlyTheResponseAnswers(EscPqrsResponseCase):
    def test_stage_change_cannot_answer_a_claim(self):
        self.assertRefusedAndUnanswered(
            UserError,
            lambda: self._as(self.service_user).write({"stage_id": self.answered.id}),
            "cannot be closed as Answered without an answer.*official response",
        )

    def test_not_even_the_superuser_answers_a_claim_by_a_stage_change(self):
        self.assertRefusedAndUnanswered(
            UserError,
            lambda: self.case.sudo().write({"stage_id": self.answered.id}),
            "official response",
        )

    def test_a_claim_is_not_registered_already_answered_even_by_the_system(self):
        with self.assertRefused(UserError, "official response"):
            self.env["esc.pqrs"].create(
                {
                    "subject": "Importado cerrado",
                    "partner_id": self.contact.id,
                    "type_id": self.claim.id,
                    "stage_id": self.answered.id,
                    "root_cause_id": self.case.root_cause_id.id,
                    "claim_outcome": "replacement",
                }
            )

    def test_answered_case_may_be_reopened_and_keeps_its_response_and_met_lines(self):
        response = self._send()
        self._as(self.service_user).write({"stage_id": self.in_progress.id})
        self.assertFalse(self.case.is_closed)
        self.assertEqual(self.case.response_ids, response)
        self.assertEqual(set(self.case.deadline_ids.mapped("state")), {"met"})

    def test_agent_cannot_set_the_answer_date_or_the_responses(self):
        response = self._send()
        for values in ({"answered_at": SENT}, {"response_ids": [Command.unlink(response.id)]}):
            with self.subTest(values=values), self.assertRefused(AccessError, "kept by the system"):
                self._as(self.service_user).write(values)

    def test_receipt_cannot_change_once_answered(self):
        self._send()
        self._as(self.service_user).write({"stage_id": self.in_progress.id})
        with self.assertRefused(UserError, "can no longer be changed"):
            self._as(self.service_user).write({"type_id": self.compliment.id})


@tagged("post_install", "-at_install")
class TestOnlyCustomerServiceResponds(EscPqrsResponseCase):
    def test_area_user_cannot_send_the_official_response(self):
        self.assertRefusedAndUnanswered(
            AccessError,
            lambda: self._send(user=self.area_user),
            f"{re.escape(self.case.name)}.*only Customer Service.*{re.escape(self.area_user.name)}",
        )

    def test_employee_cannot_answer_the_case_it_registered(self):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            case = (
                self.env["esc.pqrs"]
                .with_user(self.employee)
                .create(
                    {
                        "subject": "El cliente pidió una respuesta",
                        "partner_id": self.contact.id,
                        "type_id": self.claim.id,
                        "received_at": bogota(2026, 12, 23, 10, 0),
                    }
                )
            )
        with self.assertRefused(
            AccessError, rf"{re.escape(case.name)}.*{re.escape(self.employee.name)}"
        ):
            self._send(user=self.employee, case=case)
        self.assertFalse(case.response_ids or case.is_closed)

    def test_area_user_cannot_open_the_wizard(self):
        with self.assertRefused(AccessError, re.escape(self.area_user.name)):
            self._as(self.area_user).action_esc_official_response()

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_area_user_cannot_create_the_wizard(self):
        with self.assertRefused(AccessError):
            self.env["esc.pqrs.response.wizard"].with_user(self.area_user).create(
                {"pqrs_id": self.case.id, "body": ANSWER}
            )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_nobody_creates_a_response_directly(self):
        for user in (self.service_user, self.service_admin):
            with self.subTest(user=user.login), self.assertRefused(AccessError):
                self.env["esc.pqrs.response"].with_user(user).create(
                    {
                        "name": "R-falsa",
                        "pqrs_id": self.case.id,
                        "sequence": 1,
                        "sent_at": SENT,
                        "sent_on": SENT.date(),
                        "user_id": user.id,
                        "body": ANSWER,
                        "delivery_method": "email",
                    }
                )

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portal_user_does_not_read_the_response_record(self):
        self._send()
        with self.assertRefused(AccessError):
            self.env["esc.pqrs.response"].with_user(self.portal_user).search([])


@tagged("post_install", "-at_install")
class TestBadResponsesAreRefused(EscPqrsResponseCase):
    def test_empty_answer_is_refused_naming_the_case_and_the_field(self):
        self.assertRefusedAndUnanswered(
            UserError,
            lambda: self._send(body="<p><br></p>"),
            rf"{self.case.name}.*the field Answer is empty",
        )

    def test_a_spanish_speaking_agent_reads_the_refusal_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env.ref("base.module_esc_pqrs_module")._update_translations(["es_CO"])
        agent_case = self.case.with_user(self.service_user).with_context(lang="es_CO")
        pattern = (
            rf"PQRS {re.escape(self.case.name)}: no se puede enviar la respuesta oficial: "
            "el campo Respuesta está vacío"
        )
        with self.assertRefused(UserError, pattern), freeze_time(SENT):
            agent_case._esc_send_official_response("<p><br></p>")

    def test_email_to_a_customer_without_address_is_refused(self):
        self.contact.email = False
        self.assertRefusedAndUnanswered(UserError, lambda: self._send(), "has no e-mail address")

    def test_printed_letter_without_its_proof_is_refused_naming_the_field(self):
        self.assertRefusedAndUnanswered(
            UserError,
            lambda: self._send(delivery_method="letter", delivered_to="Portería"),
            rf"{self.case.name}.*the field Delivered On is required as proof of delivery",
        )

    def test_delivery_in_the_future_is_refused(self):
        self.assertRefusedAndUnanswered(
            UserError,
            lambda: self._send(
                delivery_method="letter",
                delivered_to="Portería",
                delivered_at=bogota(2027, 1, 21, 9, 0),
                delivery_notes="Servientrega guía 7001",
            ),
            "Delivered On is in the future",
        )

    def test_a_petition_waiting_for_completion_is_not_answered(self):
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            case = self._register(bogota(2026, 12, 23, 10, 0))
            case.with_user(self.service_user)._esc_request_completion("Número de lote.")
        with self.assertRefused(UserError, "complete the petition"):
            self._send(case=case, moment=bogota(2026, 12, 24, 9, 0))
        self.assertFalse(case.response_ids)


@tagged("post_install", "-at_install")
class TestSentResponsesStay(EscPqrsResponseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.response = cls._send(cls)

    def test_response_cannot_be_changed_even_as_superuser(self):
        with self.assertRefused(UserError, "stays as it was sent"):
            self.response.sudo().write({"body": "<p>Otra respuesta</p>"})
        self.assertEqual(self.response.body, ANSWER)

    def test_response_cannot_be_deleted_even_as_superuser(self):
        with self.assertRefused(UserError, "stays as it was sent"):
            self.response.sudo().unlink()

    def test_sealed_fields_are_not_filled_twice(self):
        with self.assertRefused(UserError, "stays as it was sent"):
            self.response.with_context(**{SEAL_CONTEXT_KEY: True}).sudo().write(
                {"message_id": self.note.id}
            )

    def test_administrator_cannot_change_the_response_over_rpc(self):
        with self.assertRefused(UserError, "stays as it was sent"):
            self.response.with_user(self.service_admin).write({"body": "<p>Otra</p>"})

    def test_response_message_cannot_be_edited_from_the_chatter(self):
        with self.assertRefused(UserError, "official response"):
            self._as(self.service_user)._message_update_content(
                self.response.message_id.sudo(), "Otra respuesta"
            )

    def test_response_message_cannot_be_rewritten_even_as_superuser(self):
        with self.assertRefused(UserError, "official response"):
            self.response.message_id.sudo().write({"body": "<p>Otra</p>"})

    def test_response_message_cannot_be_deleted_even_as_superuser(self):
        with self.assertRefused(UserError, "cannot be deleted"):
            self.response.message_id.sudo().unlink()

    def test_response_document_cannot_be_deleted_or_replaced(self):
        document = self.response.report_attachment_id
        with self.assertRefused(UserError, "kept as they were sent"):
            document.with_user(self.service_user).unlink()
        with self.assertRefused(UserError, "kept as they were sent"):
            document.sudo().write({"raw": b"otra cosa"})
        self.assertTrue(document.exists())

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_nobody_posts_a_message_on_the_response_record(self):
        with self.assertRefused(AccessError):
            self.env["mail.message"].with_user(self.service_user).create(
                {
                    "model": "esc.pqrs.response",
                    "res_id": self.response.id,
                    "body": "Nota",
                    "message_type": "comment",
                }
            )

    def test_a_correction_references_the_response_and_moves_no_date(self):
        correction = self._send(moment=bogota(2027, 1, 21, 9, 0), body="<p>Corrección.</p>")
        self.assertEqual(correction.corrects_id, self.response)
        self.assertEqual(correction.name, f"{self.case.name}-R2")
        self.assertEqual(self.case.answered_at, SENT)
        self.assertEqual(self._lines(self.case)["legal"].met_at, SENT)
        self.assertIn(self.response.name, correction.message_id.body)

    def test_a_correction_closes_a_reopened_case_again(self):
        self._as(self.service_user).write({"stage_id": self.in_progress.id})
        self._send(moment=bogota(2027, 1, 21, 9, 0))
        self.assertEqual(self.case.stage_id, self.answered)
