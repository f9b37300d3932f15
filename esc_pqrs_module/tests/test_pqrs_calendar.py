# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shipped PQRS calendar: given to every company, office hours in Bogotá."""

from odoo.tests import tagged

from .common import EscPqrsCalendarCase


@tagged("post_install", "-at_install")
class TestPqrsCalendar(EscPqrsCalendarCase):
    def test_install_gave_the_company_the_pqrs_calendar(self):
        self.assertEqual(self.env.company.esc_pqrs_calendar_id, self.calendar)

    def test_new_company_gets_the_pqrs_calendar(self):
        company = self.env["res.company"].create({"name": "Filial Barranquilla"})
        self.assertEqual(company.esc_pqrs_calendar_id, self.calendar)

    def test_calendar_is_monday_to_friday_office_hours_in_bogota(self):
        self.assertEqual(self.calendar.tz, "America/Bogota")
        self.assertEqual(set(self.calendar.attendance_ids.mapped("dayofweek")), set("01234"))
        self.assertEqual(self.calendar.hours_per_day, 8)

    def test_calendar_is_shared_by_every_company(self):
        self.assertFalse(self.calendar.company_id)

    def test_used_for_pqrs_filter_finds_the_company_calendar_only(self):
        other = self.env["resource.calendar"].create({"name": "Planta 24/7"})
        found = self.env["resource.calendar"].search([("esc_is_pqrs_calendar", "=", True)])
        self.assertIn(self.calendar, found)
        self.assertNotIn(other, found)
        self.assertTrue(self.calendar.esc_is_pqrs_calendar)
        self.assertFalse(other.esc_is_pqrs_calendar)

    def test_not_used_for_pqrs_filter_finds_the_others(self):
        other = self.env["resource.calendar"].create({"name": "Planta 24/7"})
        found = self.env["resource.calendar"].search([("esc_is_pqrs_calendar", "!=", True)])
        self.assertIn(other, found)
        self.assertNotIn(self.calendar, found)

    def test_calendar_is_a_forty_hour_week(self):
        self.assertEqual(self.calendar.full_time_required_hours, 40)
