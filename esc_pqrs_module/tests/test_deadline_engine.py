# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The legal dates of DESIGN.md, one receipt at a time, as a Customer Service user."""

from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EscPqrsCalendarCase, bogota


@tagged("post_install", "-at_install")
class TestFilingDate(EscPqrsCalendarCase):
    def test_receipt_on_a_business_day_is_filed_that_day(self):
        filed = self.agent_calendar._esc_filing_date(bogota(2026, 12, 23, 10, 0))
        self.assertEqual(filed, date(2026, 12, 23))

    def test_receipt_on_saturday_is_filed_next_monday(self):
        filed = self.agent_calendar._esc_filing_date(bogota(2026, 12, 26, 11, 0))
        self.assertEqual(filed, date(2026, 12, 28))

    def test_receipt_on_a_public_holiday_is_filed_next_business_day(self):
        # 8 December 2026, Immaculate Conception, is a Tuesday.
        filed = self.agent_calendar._esc_filing_date(bogota(2026, 12, 8, 9, 0))
        self.assertEqual(filed, date(2026, 12, 9))

    def test_receipt_on_the_new_july_13_holiday_is_filed_next_day(self):
        filed = self.agent_calendar._esc_filing_date(bogota(2026, 7, 13, 9, 0))
        self.assertEqual(filed, date(2026, 7, 14))

    def test_receipt_at_2330_bogota_counts_that_local_day_not_the_utc_one(self):
        received_at = bogota(2026, 12, 23, 23, 30)
        self.assertEqual(received_at, datetime(2026, 12, 24, 4, 30))
        self.assertEqual(self.agent_calendar._esc_filing_date(received_at), date(2026, 12, 23))

    def test_receipt_after_office_hours_on_friday_is_filed_that_friday(self):
        filed = self.agent_calendar._esc_filing_date(bogota(2026, 12, 18, 23, 30))
        self.assertEqual(filed, date(2026, 12, 18))


@tagged("post_install", "-at_install")
class TestLegalDueDate(EscPqrsCalendarCase):
    def _due(self, received_at, term):
        filed = self.agent_calendar._esc_filing_date(received_at)
        return self.agent_calendar._esc_legal_due_date(filed, term)

    def test_fifteen_days_from_december_23_end_january_18(self):
        self.assertEqual(self._due(bogota(2026, 12, 23, 9, 0), 15), date(2027, 1, 18))

    def test_fifteen_days_from_march_27_skip_holy_week(self):
        self.assertEqual(self._due(bogota(2026, 3, 27, 9, 0), 15), date(2026, 4, 21))

    def test_ten_days_from_december_30_end_january_15(self):
        self.assertEqual(self._due(bogota(2026, 12, 30, 9, 0), 10), date(2027, 1, 15))

    def test_saturday_receipt_counts_from_the_monday_filing(self):
        self.assertEqual(self._due(bogota(2026, 12, 26, 9, 0), 15), date(2027, 1, 20))

    def test_late_evening_receipt_counts_from_its_local_day(self):
        self.assertEqual(self._due(bogota(2026, 12, 23, 23, 30), 15), date(2027, 1, 18))

    def test_thirty_day_consultation_term(self):
        self.assertEqual(self._due(bogota(2026, 12, 23, 9, 0), 30), date(2027, 2, 8))

    def test_due_date_ends_at_235959_bogota(self):
        self.assertEqual(
            self.agent_calendar._esc_day_end(date(2027, 1, 18)), datetime(2027, 1, 19, 4, 59, 59)
        )

    def test_term_must_be_a_positive_whole_number(self):
        with self.assertRaises(ValueError):
            self.agent_calendar._esc_legal_due_date(date(2026, 12, 23), 0)

    def test_calendar_without_working_time_is_refused_with_its_name(self):
        empty = self.env["resource.calendar"].create(
            {"name": "Sin horario", "tz": "America/Bogota", "attendance_ids": [(5, 0, 0)]}
        )
        with self.assertRaisesRegex(UserError, "Sin horario"):
            empty._esc_legal_due_date(date(2026, 12, 23), 15)


@tagged("post_install", "-at_install")
class TestExtensionLimit(EscPqrsCalendarCase):
    def test_latest_extension_for_december_23_is_february_8(self):
        latest = self.agent_calendar._esc_max_extension_date(date(2026, 12, 23), 15)
        self.assertEqual(latest, date(2027, 2, 8))


@tagged("post_install", "-at_install")
class TestBusinessDaysBetween(EscPqrsCalendarCase):
    def test_a_term_spans_its_number_of_business_days(self):
        days = self.agent_calendar._esc_business_days_between(date(2026, 12, 23), date(2027, 1, 18))
        self.assertEqual(days, 15)

    def test_the_start_day_itself_never_counts(self):
        days = self.agent_calendar._esc_business_days_between(
            date(2026, 12, 23), date(2026, 12, 24)
        )
        self.assertEqual(days, 1)

    def test_holidays_and_weekends_do_not_count(self):
        # Thursday 24 Dec to Monday 28 Dec 2026: Christmas and the weekend in between.
        days = self.agent_calendar._esc_business_days_between(
            date(2026, 12, 24), date(2026, 12, 28)
        )
        self.assertEqual(days, 1)

    def test_a_range_ending_before_it_starts_is_empty(self):
        days = self.agent_calendar._esc_business_days_between(
            date(2026, 12, 28), date(2026, 12, 23)
        )
        self.assertEqual(days, 0)


@tagged("post_install", "-at_install")
class TestBusinessHoursTarget(EscPqrsCalendarCase):
    def test_hours_left_on_friday_carry_over_the_weekend(self):
        target = self.agent_calendar._esc_business_hours_target(bogota(2026, 12, 18, 16, 0), 4)
        self.assertEqual(target, bogota(2026, 12, 21, 11, 0))

    def test_hours_skip_a_public_holiday(self):
        target = self.agent_calendar._esc_business_hours_target(bogota(2026, 12, 24, 16, 0), 2)
        self.assertEqual(target, bogota(2026, 12, 28, 9, 0))

    def test_hours_skip_the_lunch_break(self):
        target = self.agent_calendar._esc_business_hours_target(bogota(2026, 12, 23, 11, 0), 2)
        self.assertEqual(target, bogota(2026, 12, 23, 14, 0))
