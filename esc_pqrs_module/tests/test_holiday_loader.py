# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Colombian public holidays come from the ``holidays`` package, loaded idempotently."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import EscPqrsCalendarCase


@tagged("post_install", "-at_install")
class TestHolidayLoader(EscPqrsCalendarCase):
    def test_loader_adds_the_new_july_13_2026_holiday(self):
        self.assertIn(date(2026, 7, 13), self._holiday_days(self.calendar, 2026))

    def test_loader_adds_easter_based_holidays(self):
        days = self._holiday_days(self.calendar, 2027)
        self.assertIn(date(2027, 3, 25), days)  # Maundy Thursday
        self.assertIn(date(2027, 3, 26), days)  # Good Friday
        self.assertIn(date(2027, 5, 10), days)  # Ascension, moved to Monday

    def test_holiday_names_are_spanish(self):
        self.assertEqual(self._holiday_days(self.calendar, 2026)[date(2026, 1, 1)], "Año Nuevo")

    def test_holiday_leave_covers_the_whole_bogota_day(self):
        leave = self.env["resource.calendar.leaves"].search(
            [("calendar_id", "=", self.calendar.id), ("date_from", "=", datetime(2026, 12, 25, 5))]
        )
        self.assertEqual(len(leave), 1)
        self.assertEqual(leave.date_to, datetime(2026, 12, 26, 4, 59, 59))
        self.assertFalse(leave.company_id, "a shared calendar's holiday belongs to no company")

    def test_loading_a_year_twice_adds_nothing(self):
        before = self.env["resource.calendar.leaves"].search_count([])
        added = self.calendar._esc_load_holidays([2026, 2027])
        self.assertFalse(added)
        self.assertEqual(self.env["resource.calendar.leaves"].search_count([]), before)

    def test_day_already_closed_for_every_calendar_is_not_added_again(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Cierre general",
                "calendar_id": False,
                "date_from": datetime(2030, 1, 1, 5),
                "date_to": datetime(2030, 1, 2, 4, 59, 59),
            }
        )
        added = self.calendar._esc_load_holidays([2030])
        added_days = {self.calendar._esc_local_date(day) for day in added.mapped("date_from")}
        self.assertNotIn(date(2030, 1, 1), added_days)
        self.assertIn(date(2030, 1, 7), added_days)  # Epiphany, moved to Monday

    def test_administrator_loads_any_year(self):
        added = self.calendar.with_user(self.service_admin)._esc_load_holidays([2031])
        self.assertEqual(len(added), len(self._holiday_days(self.calendar, 2031)))
        self.assertGreaterEqual(len(added), 17)

    def test_customer_service_user_may_not_load_holidays(self):
        with self.assertRaises(AccessError):
            self.agent_calendar._esc_load_holidays([2032])

    def test_cron_loads_this_year_and_next_for_the_company_calendar(self):
        with freeze_time("2033-06-01"):
            self.env["resource.calendar"]._cron_esc_load_holidays()
        self.assertIn(date(2033, 12, 25), self._holiday_days(self.calendar, 2033))
        self.assertIn(date(2034, 12, 25), self._holiday_days(self.calendar, 2034))


@tagged("post_install", "-at_install")
class TestHolidayLoadWizard(EscPqrsCalendarCase):
    def test_wizard_loads_the_chosen_year_for_an_administrator(self):
        wizard = (
            self.env["esc.holiday.load.wizard"]
            .with_user(self.service_admin)
            .create({"calendar_id": self.calendar.id, "year": 2035})
        )
        action = wizard.action_load()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(date(2035, 7, 20), self._holiday_days(self.calendar, 2035))

    def test_wizard_refuses_a_year_out_of_range(self):
        with self.assertRaisesRegex(ValidationError, "1850"):
            self.env["esc.holiday.load.wizard"].with_user(self.service_admin).create(
                {"calendar_id": self.calendar.id, "year": 1850}
            )

    def test_wizard_is_closed_to_customer_service_users(self):
        with self.assertRaises(AccessError):
            self.env["esc.holiday.load.wizard"].with_user(self.service_user).create(
                {"calendar_id": self.calendar.id, "year": 2036}
            )
