# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service-level clocks stop while a case waits for the customer and resume where they
stopped; an answer marks its deadlines met."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_case import EscPqrsCaseCase

# Received 23 Dec 2026 10:00; the gold claim rule gives 4 business hours and 5 business days.
FIRST_RESPONSE_DUE = bogota(2026, 12, 23, 15, 0)
RESOLUTION_DUE = datetime(2027, 1, 1, 4, 59, 59)  # 31 Dec 23:59:59 Bogotá
LEGAL_DUE = datetime(2027, 1, 19, 4, 59, 59)  # 18 Jan 23:59:59 Bogotá


@tagged("post_install", "-at_install")
class EscPqrsClockCase(EscPqrsCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.waiting = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_waiting_customer")
        cls.in_progress = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")
        cls.answered = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        # A claim that says why and how it was settled, so that it may be answered.
        settled = {
            "root_cause_id": cls.env.ref("esc_pqrs_module.esc_claim_root_cause_production").id,
            "claim_outcome": "replacement",
        }
        with freeze_time(bogota(2026, 12, 23, 10, 30)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0), **settled)
        cls.agent_case = cls.case.with_user(cls.service_user)

    def _move_at(self, moment, stage):
        with freeze_time(moment):
            self.agent_case.stage_id = stage

    def _due(self, kind):
        return self._lines(self.case)[kind].due_at


@tagged("post_install", "-at_install")
class TestSlaPause(EscPqrsClockCase):
    def test_resuming_moves_first_response_on_by_the_business_hours_paused(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 28, 11, 0), self.in_progress)
        # 16 business hours paused (holiday and weekend skipped): 3 hours were left.
        self.assertEqual(self._due("sla_first_response"), bogota(2026, 12, 28, 15, 0))

    def test_resuming_moves_resolution_on_by_the_business_days_paused(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 28, 11, 0), self.in_progress)
        # Paused over 24 and 28 Dec: 31 Dec moves two business days, past 1 Jan, to 5 Jan.
        self.assertEqual(self._due("sla_resolution"), datetime(2027, 1, 6, 4, 59, 59))

    def test_pause_within_one_day_moves_resolution_by_no_day(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 23, 14, 0), self.in_progress)
        self.assertEqual(self._due("sla_first_response"), bogota(2026, 12, 23, 17, 0))
        self.assertEqual(self._due("sla_resolution"), RESOLUTION_DUE)

    def test_pause_never_moves_the_legal_line(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 28, 11, 0), self.in_progress)
        self.assertEqual(self._due("legal"), LEGAL_DUE)

    def test_resumed_lines_run_again_from_their_new_due_dates(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 28, 11, 0), self.in_progress)
        states = {kind: line.state for kind, line in self._lines(self.case).items()}
        self.assertEqual(states["sla_first_response"], "at_risk")
        self.assertFalse(self.case.sla_paused_since)

    def test_lines_rebuilt_after_a_pause_keep_the_time_paused(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._move_at(bogota(2026, 12, 28, 11, 0), self.in_progress)
        with freeze_time(bogota(2026, 12, 28, 11, 30)):
            self.agent_case.priority = "1"
        self.assertEqual(self._due("sla_first_response"), bogota(2026, 12, 28, 15, 0))
        self.assertEqual(self._due("sla_resolution"), datetime(2027, 1, 6, 4, 59, 59))

    def test_moving_between_two_running_stages_moves_nothing(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.in_progress)
        self.assertEqual(self._due("sla_first_response"), FIRST_RESPONSE_DUE)
        self.assertEqual(self._due("sla_resolution"), RESOLUTION_DUE)


@tagged("post_install", "-at_install")
class TestDeadlinesMet(EscPqrsClockCase):
    def _post_at(self, moment, **values):
        with freeze_time(moment):
            return self.agent_case.message_post(
                body="Recibimos su reclamo.", message_type="comment", **values
            )

    def test_agent_reply_to_the_customer_meets_the_first_response(self):
        self._post_at(bogota(2026, 12, 23, 11, 0), subtype_xmlid="mail.mt_comment")
        line = self._lines(self.case)["sla_first_response"]
        self.assertEqual((line.state, line.met_at), ("met", bogota(2026, 12, 23, 11, 0)))

    def test_agent_reply_leaves_resolution_and_legal_lines_open(self):
        self._post_at(bogota(2026, 12, 23, 11, 0), subtype_xmlid="mail.mt_comment")
        lines = self._lines(self.case)
        self.assertNotEqual(lines["legal"].state, "met")
        self.assertNotEqual(lines["sla_resolution"].state, "met")
        self.assertEqual(self.case.next_deadline_id, lines["sla_resolution"])

    def test_internal_note_does_not_meet_the_first_response(self):
        self._post_at(bogota(2026, 12, 23, 11, 0), subtype_xmlid="mail.mt_note")
        self.assertNotEqual(self._lines(self.case)["sla_first_response"].state, "met")

    def test_customer_message_does_not_meet_the_first_response(self):
        self.contact.email = "laura.gomez@plasticos-andinos.example"
        # As Odoo's mail gateway posts a customer's e-mail: the system, on the sender's behalf.
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            self.case.with_user(self.env.ref("base.user_root")).message_post(
                body="¿Tienen novedades?",
                author_id=self.contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertNotEqual(self._lines(self.case)["sla_first_response"].state, "met")

    def _answer_at(self, moment):
        with freeze_time(moment):
            return self._answer(self.case)

    def test_official_response_meets_every_open_deadline(self):
        self._answer_at(bogota(2026, 12, 29, 9, 0))
        lines = self.case.deadline_ids
        self.assertEqual(set(lines.mapped("state")), {"met"})
        self.assertEqual(set(lines.mapped("met_at")), {bogota(2026, 12, 29, 9, 0)})
        self.assertFalse(self.case.next_deadline_id)

    def test_answer_after_the_due_date_is_met_late(self):
        self._answer_at(bogota(2026, 12, 29, 9, 0))
        lines = self._lines(self.case)
        self.assertTrue(lines["sla_first_response"].is_met_late)
        self.assertFalse(lines["legal"].is_met_late)

    def test_answer_while_paused_meets_the_paused_lines(self):
        self._move_at(bogota(2026, 12, 23, 11, 0), self.waiting)
        self._answer_at(bogota(2026, 12, 24, 9, 0))
        self.assertEqual(set(self.case.deadline_ids.mapped("state")), {"met"})
        self.assertFalse(self.case.sla_paused_since)

    def test_reopened_case_keeps_its_met_deadlines(self):
        self._answer_at(bogota(2026, 12, 29, 9, 0))
        self._move_at(bogota(2026, 12, 30, 9, 0), self.in_progress)
        self.assertEqual(set(self.case.deadline_ids.mapped("state")), {"met"})
