# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incomplete petition (art. 17): the request within 10 business days of filing, the legal
term suspended, the customer's month (and one more), the completion that starts a full new
term, the activity when the month ends and the reasoned withdrawal."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

# Received Wednesday 23 Dec 2026: filed that day, legal term ends 18 Jan 2027; the 10th
# business day after filing, the last to ask for completion, is Friday 8 Jan 2027.
LEGAL_DUE = datetime(2027, 1, 19, 4, 59, 59)
MISSING = "Envíenos el número de lote impreso en la etiqueta y una foto de las burbujas."
# Asked on 30 Dec 2026: one month ends Saturday 30 Jan 2027, moved to Monday 1 Feb.
ASKED_ON = bogota(2026, 12, 30, 9, 0)
CUSTOMER_DUE = date(2027, 2, 1)
LAPSE_ACTIVITY = "esc_pqrs_module.mail_activity_esc_completion_lapsed"
REPLY_ACTIVITY = "esc_pqrs_module.mail_activity_esc_completion_reply"


@tagged("post_install", "-at_install")
class TestPqrsCompletion(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))

    def _as(self, user=None):
        return self.case.with_user(user or self.service_user)

    def _ask_at(self, moment, missing=MISSING, user=None):
        with freeze_time(moment):
            return self._as(user)._esc_request_completion(missing)

    def _at(self, moment, method, text, user=None):
        with freeze_time(moment):
            return getattr(self._as(user), method)(text)

    def _legal(self):
        return self._lines(self.case)["legal"]

    def _activities(self, xmlid):
        activity_type = self.env.ref(xmlid)
        return self.case.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    # The request

    def test_request_on_the_tenth_business_day_after_filing_is_allowed(self):
        self._ask_at(bogota(2027, 1, 8, 23, 59))
        self.assertEqual(self.case.completion_state, "pending")

    def test_request_after_the_tenth_business_day_is_refused(self):
        with self.assertRaisesRegex(UserError, "within 10 business days of filing.*01/08/2027"):
            self._ask_at(bogota(2027, 1, 9, 0, 0, 1))
        self.assertFalse(self.case.completion_state)

    def test_request_suspends_the_legal_line(self):
        self._ask_at(ASKED_ON)
        self.assertEqual(self._legal().state, "paused")

    def test_suspended_legal_line_is_not_breached_when_its_date_passes(self):
        self._ask_at(ASKED_ON)
        with freeze_time(bogota(2027, 1, 25, 9, 0)):
            self.env["esc.pqrs.deadline"]._cron_esc_update_states()
        self.assertEqual(self._legal().state, "paused")

    def test_customer_has_one_month_moved_to_the_next_business_day(self):
        self._ask_at(ASKED_ON)
        self.assertEqual(self.case.completion_due_date, CUSTOMER_DUE)

    def test_customer_month_ending_on_a_business_day_stays_there(self):
        self._ask_at(bogota(2027, 1, 8, 9, 0))
        self.assertEqual(self.case.completion_due_date, date(2027, 2, 8))

    def test_request_puts_the_case_in_waiting_for_customer(self):
        self._ask_at(ASKED_ON)
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_waiting_customer")
        )

    def test_request_without_what_is_missing_is_refused_and_writes_nothing(self):
        with self.assertRaisesRegex(UserError, "what the customer must complete"):
            self._ask_at(ASKED_ON, missing=" ")
        self.assertFalse(self.case.procedure_ids)
        self.assertEqual(self._legal().state, "on_track")

    def test_second_request_while_one_is_pending_is_refused(self):
        self._ask_at(ASKED_ON)
        with self.assertRaisesRegex(UserError, "already completing it, until 02/01/2027"):
            self._ask_at(bogota(2026, 12, 31, 9, 0))

    def test_request_on_a_compliment_is_refused(self):
        with freeze_time(ASKED_ON):
            compliment = self._register(bogota(2026, 12, 29, 9, 0), type_id=self.compliment.id)
            with self.assertRaisesRegex(UserError, "no running legal term"):
                compliment.with_user(self.service_user)._esc_request_completion(MISSING)

    def test_request_is_recorded_with_the_legal_and_customer_dates(self):
        procedure = self._ask_at(ASKED_ON)
        self.assertRecordValues(
            procedure,
            [
                {
                    "kind": "completion_request",
                    "user_id": self.service_user.id,
                    "done_at": ASKED_ON,
                    "reasons": MISSING,
                    "due_before": LEGAL_DUE,
                    "customer_due_after": CUSTOMER_DUE,
                }
            ],
        )

    def test_request_notice_carries_radicado_what_is_missing_date_and_signature(self):
        notice = self._ask_at(ASKED_ON).notice_id
        self.assertIn(self.contact, notice.partner_ids)
        for expected in (self.case.name, MISSING, "02/01/2027", "Plásticos ESC"):
            self.assertIn(expected, notice.body)

    def test_request_is_tracked_on_the_chatter(self):
        # The case was created in this transaction: end its creation, as a commit would.
        self.env.cr.precommit.run()
        self._ask_at(ASKED_ON)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.case.invalidate_recordset(["message_ids"])
        tracked = self.case.sudo().message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("completion_state", tracked)

    def test_a_message_of_the_system_is_not_taken_for_the_customers_reply(self):
        self._ask_at(ASKED_ON)
        self.case.with_user(self.env.ref("base.user_root")).message_post(
            body="Recordatorio automático.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.ref("base.partner_root").id,
        )
        self.assertFalse(self._activities(REPLY_ACTIVITY))

    def test_request_notice_is_written_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        self.contact.lang = "es_CO"
        notice = self._ask_at(ASKED_ON).notice_id
        self.assertIn("necesitamos que nos envíe", notice.body)
        self.assertIn("necesitamos más información para responderle", notice.subject)

    # One more month

    def test_one_more_month_asked_on_the_last_day_is_given(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 2, 1, 23, 59), "_esc_extend_completion", "Lo pidió por teléfono.")
        # Two months from 30 Dec 2026: Sunday 28 Feb 2027, moved to Monday 1 Mar.
        self.assertEqual(self.case.completion_due_date, date(2027, 3, 1))
        self.assertEqual(self._legal().state, "paused")

    def test_one_more_month_after_the_first_ended_is_refused(self):
        self._ask_at(ASKED_ON)
        with self.assertRaisesRegex(UserError, "month ended on 02/01/2027"):
            self._at(bogota(2027, 2, 2, 0, 0, 1), "_esc_extend_completion", "Tarde.")

    def test_second_extra_month_is_refused(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 1, 20, 9, 0), "_esc_extend_completion", "Lo pidió por correo.")
        with self.assertRaisesRegex(UserError, "already has the one more month"):
            self._at(bogota(2027, 1, 21, 9, 0), "_esc_extend_completion", "Otra vez.")

    def test_extra_month_is_recorded_with_both_customer_dates_and_notified(self):
        self._ask_at(ASKED_ON)
        procedure = self._at(bogota(2027, 1, 20, 9, 0), "_esc_extend_completion", "Por correo.")
        self.assertEqual(
            (procedure.customer_due_before, procedure.customer_due_after),
            (CUSTOMER_DUE, date(2027, 3, 1)),
        )
        for expected in (self.case.name, "02/01/2027", "03/01/2027", "Plásticos ESC"):
            self.assertIn(expected, procedure.notice_id.body)

    # The petition completed

    def test_completion_starts_a_full_new_term_the_next_business_day(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 1, 20, 9, 0), "_esc_confirm_completion", "Envió el lote 4471.")
        # 15 business days from Thursday 21 Jan 2027: Wednesday 10 Feb.
        self.assertEqual(self._legal().due_at, datetime(2027, 2, 11, 4, 59, 59))
        self.assertEqual(self._legal().state, "on_track")
        self.assertEqual(self.case.completion_state, "complete")

    def test_completion_puts_the_case_back_in_progress(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 1, 20, 9, 0), "_esc_confirm_completion", "Envió el lote 4471.")
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")
        )

    def test_completion_after_the_customer_month_ended_is_still_allowed(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 2, 3, 9, 0), "_esc_confirm_completion", "Llegó tarde, completo.")
        self.assertEqual(self.case.completion_state, "complete")

    def test_completion_without_a_pending_request_is_refused(self):
        with self.assertRaisesRegex(UserError, "cannot be confirmed complete: no request"):
            self._at(bogota(2027, 1, 5, 9, 0), "_esc_confirm_completion", "Nada pendiente.")
        self.assertFalse(self.case.procedure_ids)

    def test_completion_is_recorded_and_the_customer_told_the_new_date(self):
        self._ask_at(ASKED_ON)
        procedure = self._at(bogota(2027, 1, 20, 9, 0), "_esc_confirm_completion", "Lote 4471.")
        self.assertEqual(
            (procedure.due_before, procedure.due_after),
            (LEGAL_DUE, datetime(2027, 2, 11, 4, 59, 59)),
        )
        for expected in (self.case.name, "02/10/2027", "Plásticos ESC"):
            self.assertIn(expected, procedure.notice_id.body)

    def test_lines_rebuilt_after_completion_keep_the_new_term(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 1, 20, 9, 0), "_esc_confirm_completion", "Lote 4471.")
        with freeze_time(bogota(2027, 1, 21, 9, 0)):
            self._as().priority = "1"
        self.assertEqual(self._legal().due_at, datetime(2027, 2, 11, 4, 59, 59))

    def test_extension_after_completion_counts_twice_the_term_from_the_completion(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 1, 20, 9, 0), "_esc_confirm_completion", "Lote 4471.")
        with freeze_time(bogota(2027, 2, 1, 9, 0)):
            # 30 business days from Thursday 21 Jan 2027: Wednesday 3 Mar.
            self.assertEqual(self.case._esc_extension_limit(), date(2027, 3, 3))

    def test_extension_while_the_term_is_suspended_is_refused(self):
        self._ask_at(ASKED_ON)
        with (
            freeze_time(bogota(2027, 1, 5, 9, 0)),
            self.assertRaisesRegex(UserError, "suspended while the customer completes"),
        ):
            self._as()._esc_extend(date(2027, 2, 1), "Motivos")

    # The month ends

    def test_agent_gets_an_activity_when_the_customer_month_has_ended(self):
        self._ask_at(ASKED_ON)
        with freeze_time(bogota(2027, 2, 2, 0, 30)):
            self.env["esc.pqrs"]._cron_esc_follow_legal_time()
        activity = self._activities(LAPSE_ACTIVITY)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.service_user)

    def test_no_activity_while_the_customer_month_runs(self):
        self._ask_at(ASKED_ON)
        with freeze_time(bogota(2027, 2, 1, 23, 59)):
            self.env["esc.pqrs"]._cron_esc_follow_legal_time()
        self.assertFalse(self._activities(LAPSE_ACTIVITY))

    def test_ended_month_is_signalled_once_and_never_closes_the_case(self):
        self._ask_at(ASKED_ON)
        for hour in (1, 2):
            with freeze_time(bogota(2027, 2, 2, hour, 0)):
                self.env["esc.pqrs"]._cron_esc_follow_legal_time()
        self.assertEqual(len(self._activities(LAPSE_ACTIVITY)), 1)
        self.assertFalse(self.case.is_closed)
        self.assertEqual(self.case.completion_state, "pending")

    # Withdrawal

    def test_withdrawal_while_the_customer_month_runs_is_refused(self):
        self._ask_at(ASKED_ON)
        with self.assertRaisesRegex(UserError, "has until 02/01/2027 to complete"):
            self._at(bogota(2027, 2, 1, 23, 59), "_esc_withdraw", "No completó.")
        self.assertFalse(self.case.is_closed)

    def test_withdrawal_after_the_month_closes_the_case_as_withdrawn(self):
        self._ask_at(ASKED_ON)
        self._at(bogota(2027, 2, 2, 0, 0, 1), "_esc_withdraw", "No recibimos el lote.")
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_withdrawn")
        )
        self.assertEqual(self.case.completion_state, "withdrawn")
        self.assertTrue(self.case.is_closed)

    def test_withdrawal_notice_gives_the_reasons_and_closes_the_activity(self):
        self._ask_at(ASKED_ON)
        with freeze_time(bogota(2027, 2, 2, 0, 30)):
            self.env["esc.pqrs"]._cron_esc_follow_legal_time()
        procedure = self._at(bogota(2027, 2, 3, 9, 0), "_esc_withdraw", "No recibimos el lote.")
        for expected in (self.case.name, "No recibimos el lote.", "02/01/2027", "Plásticos ESC"):
            self.assertIn(expected, procedure.notice_id.body)
        self.assertFalse(self._activities(LAPSE_ACTIVITY))

    def test_withdrawal_without_reasons_is_refused(self):
        self._ask_at(ASKED_ON)
        with self.assertRaisesRegex(UserError, "reasons for the withdrawal"):
            self._at(bogota(2027, 2, 3, 9, 0), "_esc_withdraw", "")

    def test_withdrawal_without_a_pending_request_is_refused(self):
        with self.assertRaisesRegex(UserError, "cannot be closed as withdrawn: no request"):
            self._at(bogota(2027, 2, 3, 9, 0), "_esc_withdraw", "Sin solicitud.")

    # The customer writes

    def test_customer_reply_informs_the_agent_and_restarts_nothing(self):
        self._ask_at(ASKED_ON)
        portal = new_test_user(self.env, login="esc_completion_portal", groups="base.group_portal")
        portal.partner_id.parent_id = self.customer
        with freeze_time(bogota(2027, 1, 4, 9, 0)):
            self.case.with_user(portal).message_post(
                body="Adjunto la foto.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(self._activities(REPLY_ACTIVITY).user_id, self.service_user)
        self.assertEqual(self.case.completion_state, "pending")
        self.assertEqual(self._legal().state, "paused")

    # Who may

    def test_area_user_and_plain_employee_may_run_no_completion_step(self):
        self._ask_at(ASKED_ON)
        area_user = new_test_user(
            self.env, login="esc_compl_area", groups="esc_pqrs_module.group_esc_area"
        )
        employee = new_test_user(self.env, login="esc_compl_employee", groups="base.group_user")
        steps = (
            "_esc_request_completion",
            "_esc_extend_completion",
            "_esc_confirm_completion",
            "_esc_withdraw",
        )
        for user in (area_user, employee):
            for step in steps:
                with self.subTest(user=user.login, step=step), self.assertRaises(AccessError):
                    self._at(bogota(2027, 2, 3, 9, 0), step, "Texto", user=user)
        self.assertEqual(len(self.case.procedure_ids), 1)

    # The wizard

    def test_wizard_asks_for_completion_showing_both_dates(self):
        with freeze_time(ASKED_ON):
            action = self._as().action_esc_request_completion()
            wizard = self._wizard(action, {"notes": MISSING})
            self.assertEqual(
                (wizard.step, wizard.request_deadline, wizard.new_customer_due_date),
                ("request", date(2027, 1, 8), CUSTOMER_DUE),
            )
            wizard.action_apply()
        self.assertEqual(self.case.completion_state, "pending")

    def test_wizard_confirms_completion_showing_the_new_response_date(self):
        self._ask_at(ASKED_ON)
        with freeze_time(bogota(2027, 1, 20, 9, 0)):
            action = self._as().action_esc_confirm_completion()
            wizard = self._wizard(action, {"notes": "Lote 4471."})
            self.assertEqual(wizard.new_due_date, date(2027, 2, 10))
            wizard.action_apply()
        self.assertEqual(self.case.completion_state, "complete")
