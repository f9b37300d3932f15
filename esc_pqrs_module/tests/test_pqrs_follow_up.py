# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The follow-up job: one reminder before each escalation's and each case's due date, and one
report to the Customer Service administrator once it passed; never one per run."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_escalation import TUESDAY, EscPqrsEscalationCase

ESCALATION_DUE = "esc_pqrs_module.mail_activity_esc_escalation_due"
ESCALATION_OVERDUE = "esc_pqrs_module.mail_activity_esc_escalation_overdue"
CASE_DUE = "esc_pqrs_module.mail_activity_esc_case_due"
CASE_OVERDUE = "esc_pqrs_module.mail_activity_esc_case_overdue"


@tagged("post_install", "-at_install")
class TestFollowUpJob(EscPqrsEscalationCase):
    def _run_at(self, moment):
        with freeze_time(moment):
            self.env["esc.pqrs"]._cron_esc_follow_due_dates()

    def _activities(self, xmlid, records=None):
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("activity_type_id", "=", self.env.ref(xmlid).id)])
            .filtered(
                lambda a: (
                    records is None or (a.res_model, a.res_id) in {(r._name, r.id) for r in records}
                )
            )
        )

    def test_no_reminder_while_the_escalation_is_far_off(self):
        escalation = self._escalate()  # due Friday 8 Jan
        self._run_at(bogota(2027, 1, 6, 9, 0))
        self.assertFalse(self._activities(ESCALATION_DUE, escalation))

    def test_one_reminder_the_business_day_before_the_escalation_is_due(self):
        escalation = self._escalate()
        for hour in (9, 10, 11):
            self._run_at(bogota(2027, 1, 7, hour, 0))
        self._run_at(bogota(2027, 1, 8, 9, 0))
        reminder = self._activities(ESCALATION_DUE, escalation)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.quality_member)

    def test_the_reminder_counts_business_days_across_the_holiday(self):
        escalation = self._escalate(due_date=date(2027, 1, 12))
        self._run_at(bogota(2027, 1, 7, 9, 0))  # 8 and 12 Jan: two business days away
        self.assertFalse(self._activities(ESCALATION_DUE, escalation))
        self._run_at(bogota(2027, 1, 8, 9, 0))  # the weekend and the holiday do not count
        self.assertEqual(len(self._activities(ESCALATION_DUE, escalation)), 1)

    def test_an_overdue_escalation_is_reported_once_and_flags_the_case(self):
        escalation = self._escalate()
        for day in (11, 12, 13):
            self._run_at(bogota(2027, 1, day, 9, 0))
        report = self._activities(ESCALATION_OVERDUE, self.case)
        self.assertEqual(len(report), 1)
        self.assertEqual(report.user_id, self.service_admin)
        self.assertIn("Calidad", report.note)
        self.assertEqual(escalation.state, "overdue")
        self.assertTrue(self.case.is_flagged)

    def test_an_overdue_escalation_can_still_be_answered(self):
        escalation = self._escalate()
        self._run_at(bogota(2027, 1, 11, 9, 0))
        with freeze_time(bogota(2027, 1, 12, 9, 0)):
            escalation.with_user(self.quality_member)._esc_answer(
                "<p>Tarde, pero sí.</p>", self.env["ir.attachment"]
            )
        self.assertEqual(escalation.state, "answered")

    def test_the_escalations_of_a_closed_case_are_no_longer_followed_up(self):
        with freeze_time(TUESDAY):
            compliment = self._register(bogota(2027, 1, 4, 9, 0), type_id=self.compliment.id)
            escalation = compliment.with_user(self.service_user)._esc_escalate(
                self.quality_area, self.quality_member, "¿A quién felicitan?", date(2027, 1, 8)
            )
            compliment.with_user(self.service_user).stage_id = self.env.ref(
                "esc_pqrs_module.esc_pqrs_stage_answered"
            )
        self._run_at(bogota(2027, 1, 7, 9, 0))
        self._run_at(bogota(2027, 1, 12, 9, 0))
        self.assertFalse(self._activities(ESCALATION_DUE, escalation))
        self.assertFalse(self._activities(ESCALATION_OVERDUE, compliment))
        self.assertEqual(escalation.state, "open")

    def test_the_escalation_is_not_overdue_on_its_own_day(self):
        escalation = self._escalate()
        self._run_at(bogota(2027, 1, 8, 23, 30))
        self.assertEqual(escalation.state, "open")

    def test_one_reminder_before_the_case_is_due_for_its_owner(self):
        for hour in (9, 10):
            self._run_at(bogota(2027, 1, 15, hour, 0))  # due Monday 18 Jan
        reminder = self._activities(CASE_DUE, self.case)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.service_user)

    def test_a_case_without_owner_reminds_the_administrator(self):
        self.case.sudo().user_id = False
        self._run_at(bogota(2027, 1, 15, 9, 0))
        self.assertEqual(self._activities(CASE_DUE, self.case).user_id, self.service_admin)

    def test_an_overdue_case_is_reported_once_and_flagged(self):
        for hour in (0, 1, 2):
            self._run_at(bogota(2027, 1, 19, hour, 30))
        report = self._activities(CASE_OVERDUE, self.case)
        self.assertEqual(len(report), 1)
        self.assertEqual(report.user_id, self.service_admin)
        self.assertTrue(self.case.is_flagged)

    def test_an_extension_is_a_new_threshold_with_its_own_reminder(self):
        self._run_at(bogota(2027, 1, 15, 9, 0))
        with freeze_time(bogota(2027, 1, 15, 10, 0)):
            self.case.with_user(self.service_user)._esc_extend(
                date(2027, 1, 29), "Análisis externo"
            )
        self._run_at(bogota(2027, 1, 19, 9, 0))
        self.assertFalse(self._activities(CASE_OVERDUE, self.case))
        self._run_at(bogota(2027, 1, 28, 9, 0))
        self.assertEqual(len(self._activities(CASE_DUE, self.case)), 2)

    def test_a_suspended_term_is_not_overdue(self):
        with freeze_time(bogota(2027, 1, 5, 9, 0)):
            self.case.with_user(self.service_user)._esc_request_completion("El número de lote")
        self._run_at(bogota(2027, 1, 19, 9, 0))
        self.assertFalse(self._activities(CASE_OVERDUE, self.case))

    def test_the_report_reads_in_the_administrators_language(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        self.service_admin.lang = "es_CO"
        self._run_at(bogota(2027, 1, 19, 9, 0))  # the job runs in English
        report = self._activities(CASE_OVERDUE, self.case)
        self.assertIn("no fue respondida", report.note)
        self.assertEqual(report.summary, "El término legal pasó sin respuesta: respóndala ya")

    def test_without_a_named_administrator_every_service_administrator_is_told(self):
        self.env.company.esc_service_manager_id = False
        self._run_at(bogota(2027, 1, 19, 9, 0))
        told = self._activities(CASE_OVERDUE, self.case).user_id
        self.assertIn(self.service_admin, told)
        self.assertIn(self.env.ref("base.user_admin"), told)


@tagged("post_install", "-at_install")
class TestFollowUpJobQueries(EscPqrsEscalationCase):
    """The job's queries do not grow with the number of cases and escalations: each run below
    meets only cases it never saw, after a first run warmed Odoo's caches."""

    def _cases_with_escalations(self, count):
        cases = self.env["esc.pqrs"]
        with freeze_time(bogota(2027, 1, 4, 9, 0)):
            for _index in range(count):
                case = self._register(bogota(2027, 1, 4, 8, 0))
                case.with_user(self.service_user)._esc_escalate(
                    self.quality_area, self.quality_member, "¿Lote?", date(2027, 1, 6)
                )
                cases |= case
        self.env.flush_all()
        self.env.invalidate_all()
        return cases

    def _run_at(self, moment):
        with freeze_time(moment):
            self.env["esc.pqrs"]._cron_esc_follow_due_dates()
            self.env.flush_all()

    def _queries_of_run(self, moment):
        before = self.env.cr.sql_log_count
        self._run_at(moment)
        return self.env.cr.sql_log_count - before

    def test_reports_take_the_same_queries_for_3_and_12_overdue_escalations(self):
        overdue_day = bogota(2027, 1, 7, 9, 0)
        self._cases_with_escalations(3)
        self._run_at(overdue_day)
        few = self._cases_with_escalations(3)
        few_queries = self._queries_of_run(overdue_day)
        many = self._cases_with_escalations(12)
        with self.assertQueryCount(few_queries):
            self._run_at(overdue_day)
        self.assertEqual(set((few | many).escalation_ids.mapped("state")), {"overdue"})
        self.assertTrue(all(many.mapped("is_flagged")))

    def test_reminders_take_the_same_queries_for_3_and_12_cases_due_soon(self):
        reminder_day = bogota(2027, 1, 25, 9, 0)  # the cases are due on Tuesday 26 Jan
        with freeze_time(bogota(2027, 1, 4, 9, 0)):
            self._register(bogota(2027, 1, 4, 8, 0))
        self._run_at(reminder_day)
        with freeze_time(bogota(2027, 1, 4, 9, 0)):
            for _index in range(3):
                self._register(bogota(2027, 1, 4, 8, 0))
        few_queries = self._queries_of_run(reminder_day)
        with freeze_time(bogota(2027, 1, 4, 9, 0)):
            for _index in range(12):
                self._register(bogota(2027, 1, 4, 8, 0))
        with self.assertQueryCount(few_queries):
            self._run_at(reminder_day)
        reminders = self.env["mail.activity"].search(
            [("activity_type_id", "=", self.env.ref(CASE_DUE).id)]
        )
        self.assertEqual(len(reminders), 16)
