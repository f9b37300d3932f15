# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The batch form of the deadline engine gives the one-at-a-time answers, in one read."""

from datetime import date, timedelta

from odoo.tests import tagged

from .common import EscPqrsCalendarCase, bogota

TERMS = (10, 15, 30)


def receipts_over(first_day, days, hours=(0, 9, 17, 23)):
    """Receipts on every day from ``first_day``, at several Bogotá hours, with every term."""
    return [
        (bogota(day.year, day.month, day.day, hour, 30), TERMS[(offset + hour) % len(TERMS)])
        for offset in range(days)
        for day in [first_day + timedelta(days=offset)]
        for hour in hours
    ]


@tagged("post_install", "-at_install")
class TestDeadlineBatch(EscPqrsCalendarCase):
    def test_batch_answers_equal_one_by_one_answers(self):
        receipts = receipts_over(date(2026, 12, 1), 45) + receipts_over(date(2026, 3, 20), 20)
        batch = self.agent_calendar._esc_legal_due_dates_batch(receipts)
        for (received_at, term), (filed, due) in zip(receipts, batch, strict=True):
            expected_filed = self.agent_calendar._esc_filing_date(received_at)
            expected_due = self.agent_calendar._esc_legal_due_date(expected_filed, term)
            self.assertEqual((filed, due), (expected_filed, expected_due), received_at)

    def test_batch_keeps_the_order_of_the_receipts(self):
        receipts = [(bogota(2026, 12, 26, 9, 0), 15), (bogota(2026, 12, 23, 9, 0), 15)]
        self.assertEqual(
            self.agent_calendar._esc_legal_due_dates_batch(receipts),
            [(date(2026, 12, 28), date(2027, 1, 20)), (date(2026, 12, 23), date(2027, 1, 18))],
        )

    def test_batch_gives_no_due_date_for_a_term_of_zero(self):
        receipts = [(bogota(2026, 12, 26, 9, 0), 0)]
        self.assertEqual(
            self.agent_calendar._esc_legal_due_dates_batch(receipts), [(date(2026, 12, 28), None)]
        )

    def test_empty_batch_reads_nothing(self):
        with self.assertQueryCount(0):
            self.assertEqual(self.agent_calendar._esc_legal_due_dates_batch([]), [])

    def test_batch_reads_the_calendar_once_whatever_its_size(self):
        year = receipts_over(date(2026, 1, 1), 365)
        # The first and last receipts with the longest term span the same days as the year.
        first_and_last = [(year[0][0], max(TERMS)), (year[-1][0], max(TERMS))]
        self.agent_calendar._esc_legal_due_dates_batch(first_and_last)  # warm the ORM caches
        for receipts in (first_and_last, year):
            with self.assertQueryCount(2):  # one search of attendances, one of leaves
                self.agent_calendar._esc_legal_due_dates_batch(receipts)

    def test_batch_hour_targets_equal_plan_hours_targets(self):
        durations = (0.5, 2, 4, 8, 9, 24, 40)
        receipts = receipts_over(date(2026, 12, 18), 20, hours=(0, 7, 10, 12, 17, 21))
        receipts += receipts_over(date(2026, 3, 26), 6)
        starts = [
            (received_at, durations[position % len(durations)])
            for position, (received_at, _term) in enumerate(receipts)
        ]
        batch = self.agent_calendar._esc_business_hours_targets_batch(starts)
        for (start, hours), target in zip(starts, batch, strict=True):
            expected = self.agent_calendar._esc_business_hours_target(start, hours)
            self.assertEqual(target, expected, (start, hours))

    def test_batch_hour_targets_read_the_calendar_once(self):
        starts = [(received_at, 4) for received_at, _term in receipts_over(date(2026, 1, 1), 90)]
        first_and_last = [starts[0], starts[-1]]  # the same window of days as all of them
        self.agent_calendar._esc_business_hours_targets_batch(first_and_last)  # warm the caches
        with self.assertQueryCount(2):  # one search of attendances, one of leaves
            self.agent_calendar._esc_business_hours_targets_batch(starts)
