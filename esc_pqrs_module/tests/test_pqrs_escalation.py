# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer Service escalates a case to the areas that can solve it; each area answers by its
due date, inside Odoo or by replying to the e-mail, and its answer reaches Customer Service
only."""

from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime

from freezegun import freeze_time
from pytz import utc

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

# Received 23 Dec 2026 (a claim, 15 business days): due 18 Jan 2027. Business days from
# 5 Jan: 5, 6, 7, 8, 12 (11 Jan is a holiday), 13, 14, 15, 18. With 2 days kept by Customer
# Service, an area must answer by 14 Jan at the latest.
TUESDAY = bogota(2027, 1, 5, 9, 0)
FRIDAY_BEFORE_HOLIDAY = bogota(2027, 1, 8, 9, 0)
QUESTION = "¿El lote 2612-B salió con la resina del proveedor nuevo?"


class EscPqrsEscalationCase(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {
                "esc_answer_margin_days": 2,
                "esc_reminder_days": 1,
                "esc_service_manager_id": cls.service_admin.id,
            }
        )
        cls.quality_member = new_test_user(
            cls.env,
            login="esc_area_quality",
            email="calidad@esc.example",
            groups="esc_pqrs_module.group_esc_area",
        )
        cls.logistics_member = new_test_user(
            cls.env, login="esc_area_logistics", groups="esc_pqrs_module.group_esc_area"
        )
        cls.employee = new_test_user(cls.env, login="esc_plain_employee", groups="base.group_user")
        cls.quality_area = cls.env["esc.area"].create(
            {
                "name": "Calidad",
                "member_ids": [(6, 0, cls.quality_member.ids)],
                "escalation_days": 3,
            }
        )
        cls.logistics_area = cls.env["esc.area"].create(
            {"name": "Logística", "manager_id": cls.logistics_member.id, "escalation_days": 3}
        )
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))

    def _escalate(self, moment=TUESDAY, area=None, responder=None, due_date=None, user=None, **kw):
        area = area or self.quality_area
        responder = responder or area._esc_responders()[:1]
        case = self.case.with_user(user or self.service_user)
        with freeze_time(moment):
            due = due_date or case._esc_default_escalation_due(area)
            return case._esc_escalate(area, responder, kw.get("question", QUESTION), due)

    def _notified_partners(self, message):
        return message.sudo().notification_ids.res_partner_id


@tagged("post_install", "-at_install")
class TestEscalationDates(EscPqrsEscalationCase):
    def test_area_answers_within_its_usual_business_days(self):
        escalation = self._escalate()
        self.assertEqual(escalation.due_date, date(2027, 1, 8))

    def test_usual_days_skip_the_weekend_and_the_holiday(self):
        escalation = self._escalate(FRIDAY_BEFORE_HOLIDAY)
        self.assertEqual(escalation.due_date, date(2027, 1, 14))

    def test_usual_days_past_the_limit_stop_at_the_limit(self):
        self.quality_area.escalation_days = 5
        escalation = self._escalate(FRIDAY_BEFORE_HOLIDAY)
        self.assertEqual(escalation.due_date, date(2027, 1, 14))

    def test_the_limit_leaves_customer_service_its_margin(self):
        with freeze_time(TUESDAY):
            latest, case_due = self.case._esc_escalation_due_limit()
        self.assertEqual((latest, case_due), (date(2027, 1, 14), date(2027, 1, 18)))

    def test_a_date_past_the_limit_is_refused_naming_both_dates(self):
        with self.assertRaisesRegex(UserError, "01/15/2027 is after 01/14/2027.*due on 01/18/2027"):
            self._escalate(due_date=date(2027, 1, 15))
        self.assertFalse(self.case.sudo().escalation_ids)

    def test_escalating_when_no_date_is_left_is_refused_and_says_so(self):
        with self.assertRaisesRegex(UserError, "no date is left for the area"):
            self._escalate(bogota(2027, 1, 15, 9, 0), due_date=date(2027, 1, 15))

    def test_a_date_in_the_past_is_refused(self):
        with self.assertRaisesRegex(UserError, "Answer By must be a date from today on"):
            self._escalate(due_date=date(2027, 1, 4))

    def test_a_date_on_a_holiday_is_refused(self):
        with self.assertRaisesRegex(UserError, "01/11/2027 is not a business day"):
            self._escalate(due_date=date(2027, 1, 11))

    def test_an_extension_moves_the_limit(self):
        with freeze_time(TUESDAY):
            self.case.with_user(self.service_user)._esc_extend(date(2027, 2, 1), "Análisis externo")
        escalation = self._escalate(due_date=date(2027, 1, 27))
        self.assertEqual(escalation.due_date, date(2027, 1, 27))


@tagged("post_install", "-at_install")
class TestEscalationRequest(EscPqrsEscalationCase):
    def test_the_wizard_proposes_the_responder_and_the_date_and_escalates(self):
        action = self.case.with_user(self.service_user).action_esc_escalate()
        with freeze_time(TUESDAY):
            form = Form(
                self.env[action["res_model"]]
                .with_user(self.service_user)
                .with_context(**action["context"])
            )
            form.area_id = self.quality_area
            form.question = QUESTION
            self.assertEqual(form.responder_id, self.quality_member)
            self.assertEqual(
                (form.due_date, form.latest_date), (date(2027, 1, 8), date(2027, 1, 14))
            )
            form.save().action_escalate()
        self.assertEqual(self.case.sudo().escalation_ids.responder_id, self.quality_member)

    def test_escalation_records_question_responder_and_area(self):
        escalation = self._escalate()
        self.assertRecordValues(
            escalation,
            [
                {
                    "pqrs_id": self.case.id,
                    "area_id": self.quality_area.id,
                    "responder_id": self.quality_member.id,
                    "question": QUESTION,
                    "state": "open",
                }
            ],
        )

    def test_responder_gets_an_activity_due_on_the_escalation_date(self):
        escalation = self._escalate()
        activity = escalation.sudo().activity_ids
        self.assertEqual(activity.user_id, self.quality_member)
        self.assertEqual(activity.date_deadline, date(2027, 1, 8))

    def test_responder_gets_the_question_by_email_whatever_their_preference(self):
        self.quality_member.notification_type = "inbox"
        escalation = self._escalate()
        request = escalation.sudo().message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(QUESTION[:20], request.body)
        notification = request.notification_ids.filtered(
            lambda n: n.res_partner_id == self.quality_member.partner_id
        )
        self.assertEqual(notification.notification_type, "email")

    def test_the_area_reads_the_case_and_it_moves_to_escalated(self):
        self._escalate()
        self.assertEqual(self.case.with_user(self.quality_member).subject, "Lote con burbujas")
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_escalated")
        )

    def test_a_case_goes_to_several_areas_each_with_its_own_state(self):
        quality = self._escalate()
        logistics = self._escalate(area=self.logistics_area)
        with freeze_time(TUESDAY):
            quality.with_user(self.quality_member)._esc_answer(
                "<p>Sí, resina nueva.</p>", self.env["ir.attachment"]
            )
        self.assertEqual((quality.state, logistics.state), ("answered", "open"))
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_escalated")
        )

    def test_a_second_open_escalation_to_the_same_area_is_refused(self):
        self._escalate()
        with self.assertRaisesRegex(UserError, "Calidad has not answered its escalation yet"):
            self._escalate()

    def test_a_responder_outside_the_area_is_refused(self):
        with self.assertRaisesRegex(UserError, "neither a member nor the manager of area Calidad"):
            self._escalate(responder=self.logistics_member)

    def test_an_empty_question_is_refused(self):
        with self.assertRaisesRegex(UserError, "Question is empty"):
            self._escalate(question="   ")

    def test_a_closed_case_is_not_escalated(self):
        with freeze_time(TUESDAY):
            compliment = self._register(bogota(2027, 1, 4, 9, 0), type_id=self.compliment.id)
            compliment.with_user(self.service_user).stage_id = self.env.ref(
                "esc_pqrs_module.esc_pqrs_stage_answered"
            )
            with self.assertRaisesRegex(UserError, "cannot be escalated: it is closed"):
                compliment.with_user(self.service_user)._esc_escalate(
                    self.quality_area, self.quality_member, QUESTION, date(2027, 1, 8)
                )

    def test_only_customer_service_escalates(self):
        quality = new_test_user(
            self.env, login="esc_quality", groups="esc_pqrs_module.group_esc_quality"
        )
        with self.assertRaisesRegex(AccessError, "only Customer Service runs the legal procedures"):
            self.case.with_user(quality).action_esc_escalate()
        for user in (quality, self.quality_member, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._escalate(user=user)
        self.assertFalse(self.case.sudo().escalation_ids)

    def test_nobody_creates_or_edits_an_escalation_directly(self):
        escalation = self._escalate()
        values = {
            "pqrs_id": self.case.id,
            "area_id": self.logistics_area.id,
            "responder_id": self.logistics_member.id,
            "question": "x",
            "due_date": date(2027, 1, 8),
        }
        for user in (self.service_user, self.service_admin, self.quality_member):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["esc.pqrs.escalation"].with_user(user).create(values)
                with self.assertRaises(AccessError):
                    escalation.with_user(user).write({"state": "answered", "answer": "<p>x</p>"})
                with self.assertRaises(UserError):
                    escalation.with_user(user).unlink()
        self.assertEqual(escalation.state, "open")

    def test_nobody_sets_the_escalations_or_the_flag_of_a_case(self):
        for field, value in (("is_flagged", True), ("escalation_ids", [(5, 0, 0)])):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.case.with_user(self.service_admin).write({field: value})


@tagged("post_install", "-at_install")
class TestEscalationAnswer(EscPqrsEscalationCase):
    def _answer_as(
        self, user, escalation, body="<p>Sí: resina del proveedor nuevo.</p>", files=None
    ):
        """Answer as ``user`` through the form the escalation's *Answer* button opens."""
        action = escalation.with_user(user).action_esc_answer()
        with freeze_time(bogota(2027, 1, 6, 15, 0)):
            form = Form(
                self.env[action["res_model"]].with_user(user).with_context(**action["context"])
            )
            form.answer = body
            for attachment in self.env["ir.attachment"].browse(files or []):
                form.attachment_ids.add(attachment)
            form.save().action_answer()

    def _upload(self, user, name="analisis.pdf"):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": name,
                    "raw": b"%PDF-1.4 analisis",
                    "res_model": "esc.pqrs.escalation.answer.wizard",
                }
            )
        )

    def test_the_answer_is_recorded_on_the_escalation(self):
        escalation = self._escalate()
        self._answer_as(self.quality_member, escalation)
        self.assertRecordValues(
            escalation,
            [{"state": "answered", "answered_by_id": self.quality_member.partner_id.id}],
        )
        self.assertIn("resina del proveedor nuevo", escalation.answer)
        self.assertFalse(escalation.sudo().activity_ids)

    def test_the_answer_lands_on_the_case_as_an_internal_note_for_its_owner(self):
        escalation = self._escalate()
        self._answer_as(
            self.quality_member, escalation, files=self._upload(self.quality_member).ids
        )
        note = self.case.sudo().message_ids[0]
        self.assertTrue(note.subtype_id.internal)
        self.assertEqual(note.author_id, self.quality_member.partner_id)
        self.assertIn("resina del proveedor nuevo", note.body)
        self.assertEqual(note.attachment_ids.mapped("name"), ["analisis.pdf"])
        self.assertEqual(self._notified_partners(note), self.service_user.partner_id)
        self.assertNotIn(self.contact, self._notified_partners(note))
        self.assertNotIn(self.quality_member.partner_id, self.case.sudo().message_partner_ids)

    def test_once_every_area_answered_the_case_is_back_in_progress(self):
        escalation = self._escalate()
        self._answer_as(self.quality_member, escalation)
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")
        )

    def test_an_empty_answer_is_refused(self):
        escalation = self._escalate()
        with self.assertRaisesRegex(UserError, "Answer is empty"):
            self._answer_as(self.quality_member, escalation, body="<p><br></p>")
        self.assertEqual(escalation.state, "open")

    def test_someone_outside_the_area_cannot_answer(self):
        escalation = self._escalate()
        with self.assertRaisesRegex(
            AccessError, "only the responder and the members of area Calidad"
        ):
            self._answer_as(self.service_user, escalation)
        self.assertEqual(escalation.state, "open")

    def test_an_answer_cannot_carry_another_records_file(self):
        escalation = self._escalate()
        foreign = self.env["ir.attachment"].create(
            {
                "name": "nomina.pdf",
                "raw": b"secret",
                "res_model": "res.partner",
                "res_id": self.customer.id,
            }
        )
        with self.assertRaisesRegex(AccessError, "nomina.pdf were not uploaded with this answer"):
            self._answer_as(self.quality_member, escalation, files=foreign.ids)
        self.assertEqual(foreign.res_model, "res.partner")

    def test_an_answered_escalation_is_not_answered_again(self):
        escalation = self._escalate()
        self._answer_as(self.quality_member, escalation)
        with self.assertRaisesRegex(UserError, "already closed"):
            self._answer_as(self.quality_member, escalation, body="<p>Otra cosa</p>")

    def test_not_ours_records_the_reason_and_tells_the_owner_whom_to_ask(self):
        escalation = self._escalate()
        with freeze_time(bogota(2027, 1, 6, 15, 0)):
            self.env["esc.pqrs.escalation.answer.wizard"].with_user(self.quality_member).create(
                {
                    "escalation_id": escalation.id,
                    "is_not_ours": True,
                    "rejection_reason": "Es un retraso de transporte",
                    "redirect_area_id": self.logistics_area.id,
                }
            ).action_answer()
        self.assertRecordValues(
            escalation, [{"state": "rejected", "redirect_area_id": self.logistics_area.id}]
        )
        activity = self.case.sudo().activity_ids
        self.assertEqual(activity.user_id, self.service_user)
        self.assertIn("Logística", activity.note)

    def test_not_ours_without_a_reason_is_refused(self):
        escalation = self._escalate()
        with self.assertRaisesRegex(UserError, "Why Not Ours is empty"):
            escalation.with_user(self.quality_member)._esc_reject("  ", self.logistics_area)

    def test_a_message_on_the_escalation_never_reaches_the_customer(self):
        escalation = self._escalate()
        message = escalation.with_user(self.quality_member).message_post(
            body="Revisando con el proveedor", partner_ids=self.contact.ids, message_type="comment"
        )
        self.assertNotIn(self.contact, self._notified_partners(message))
        mails = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertNotIn(self.contact, mails.recipient_ids)

    def test_a_notification_from_the_escalation_never_reaches_the_customer(self):
        escalation = self._escalate()
        message = escalation.with_user(self.service_user).message_notify(
            body="Aviso", partner_ids=self.contact.ids
        )
        self.assertNotIn(self.contact, self._notified_partners(message))

    def test_the_composer_in_mass_mode_cannot_mail_the_customer_from_an_escalation(self):
        escalation = self._escalate()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.quality_member)
            .with_context(default_model=escalation._name, default_res_ids=escalation.ids)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "subject": "Sobre su reclamo",
                    "body": "<p>Le escribe Calidad</p>",
                    "partner_ids": self.contact.ids,
                }
            )
        )
        with self.assertRaises(AccessError) as refusal:  # Odoo's: rolls the attempt back
            composer._action_send_mail()
        self.assertIn("reaches staff only", str(refusal.exception))
        self.assertFalse(
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", self.contact.ids)])
        )

    def test_the_customer_never_follows_an_escalation(self):
        escalation = self._escalate()
        with self.assertRaises(AccessError):
            escalation.sudo().message_subscribe(partner_ids=self.contact.ids)

    def test_a_plain_employee_does_not_see_the_escalation(self):
        escalation = self._escalate()
        with self.assertRaises(AccessError):
            escalation.with_user(self.employee).read(["question"])


@tagged("post_install", "-at_install")
class TestEscalationAnswerByEmail(EscPqrsEscalationCase):
    def _reply(self, escalation, sender, body="Confirmado: resina del proveedor nuevo."):
        request = escalation.sudo().message_ids.filtered(lambda m: m.message_type == "comment")
        message = EmailMessage()
        message["From"] = sender
        message["To"] = "catchall@esc.example"
        message["Subject"] = f"Re: {request.subject}"
        message["Message-Id"] = "<respuesta-calidad@esc.example>"
        message["In-Reply-To"] = request.message_id
        message["References"] = request.message_id
        message["Date"] = format_datetime(utc.localize(bogota(2027, 1, 6, 15, 0)))
        message.set_content(body)
        with freeze_time(bogota(2027, 1, 6, 15, 5)):
            self.env["mail.thread"].message_process(None, message.as_string())

    def test_the_responders_reply_is_the_areas_answer(self):
        escalation = self._escalate()
        self._reply(escalation, "Calidad <calidad@esc.example>")
        self.assertEqual(escalation.state, "answered")
        self.assertIn("resina del proveedor nuevo", escalation.answer)
        note = self.case.sudo().message_ids[0]
        self.assertTrue(note.subtype_id.internal)
        self.assertIn("resina del proveedor nuevo", note.body)
        self.assertNotIn(self.contact, self._notified_partners(note))

    def test_the_note_speaks_the_owners_language_and_keeps_the_answers_markup(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        self.service_user.lang = "es_CO"
        escalation = self._escalate()
        self._reply(escalation, "Calidad <calidad@esc.example>")
        note = self.case.sudo().message_ids[0]
        self.assertIn("<p>El área Calidad respondió el escalamiento:</p>", note.body)
        self.assertNotIn("&lt;", note.body)

    def test_a_reply_from_someone_else_stays_a_message_of_the_escalation(self):
        escalation = self._escalate()
        self._reply(escalation, "Laura Gómez <laura.gomez@plasticos-andinos.example>")
        self.assertEqual(escalation.state, "open")
        self.assertIn("resina", escalation.sudo().message_ids[0].body)
