# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The scheduled job moves deadlines to at risk and breached, in batch."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_case import EscPqrsCaseCase


@tagged("post_install", "-at_install")
class TestDeadlineStates(EscPqrsCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.esc_segment_id = cls.plain  # legal line only
        cls.env.company.esc_risk_days = 2
        with freeze_time("2026-12-23 16:00:00"):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))  # due 2027-01-18
        cls.legal = cls.case.deadline_ids.sudo()  # derived data: nobody edits lines

    def _run_cron_at(self, moment):
        with freeze_time(moment):
            self.env["esc.pqrs.deadline"]._cron_esc_update_states()

    def test_line_with_more_business_days_left_than_the_threshold_is_on_track(self):
        self._run_cron_at(bogota(2027, 1, 13, 9, 0))  # 3 business days left
        self.assertEqual(self.legal.state, "on_track")

    def test_line_with_threshold_business_days_left_is_at_risk(self):
        self._run_cron_at(bogota(2027, 1, 14, 9, 0))  # 2 left: 15 and 18 (weekend between)
        self.assertEqual(self.legal.state, "at_risk")

    def test_line_on_its_due_day_is_at_risk_until_midnight(self):
        self._run_cron_at(bogota(2027, 1, 18, 23, 59))
        self.assertEqual(self.legal.state, "at_risk")

    def test_line_past_2359_bogota_of_its_due_day_is_breached(self):
        self._run_cron_at(bogota(2027, 1, 19, 0, 0, 1))
        self.assertEqual(self.legal.state, "breached")
        self.assertEqual(self.case.next_deadline_state, "breached")

    def test_threshold_zero_puts_a_line_at_risk_on_its_due_day_only(self):
        self.env.company.esc_risk_days = 0
        self._run_cron_at(bogota(2027, 1, 15, 9, 0))
        self.assertEqual(self.legal.state, "on_track")
        self._run_cron_at(bogota(2027, 1, 18, 9, 0))
        self.assertEqual(self.legal.state, "at_risk")

    def test_paused_and_met_lines_are_left_alone(self):
        self.legal.write({"state": "met", "met_at": bogota(2027, 1, 4, 9, 0)})
        self._run_cron_at(bogota(2027, 2, 1, 9, 0))
        self.assertEqual(self.legal.state, "met")

    def _queries_of_cron_at(self, moment):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._run_cron_at(moment)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_cron_queries_do_not_grow_with_the_cases(self):
        moment = bogota(2027, 1, 14, 9, 0)
        self._run_cron_at(moment)  # settle every other line of the database first
        self.legal.state = "on_track"
        one_case = self._queries_of_cron_at(moment)
        with freeze_time("2026-12-23 16:00:00"):
            more = self.env["esc.pqrs"].browse()
            for offset in range(30):
                more |= self._register(bogota(2026, 12, 23, 10, 0) - timedelta(minutes=offset))
        self.legal.state = "on_track"
        thirty_one_cases = self._queries_of_cron_at(moment)
        self.assertEqual(set((more.deadline_ids | self.legal).mapped("state")), {"at_risk"})
        self.assertEqual(one_case, thirty_one_cases)
