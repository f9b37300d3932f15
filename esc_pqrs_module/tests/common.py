# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from pytz import timezone, utc

from odoo.tests import TransactionCase, new_test_user

BOGOTA = timezone("America/Bogota")


def bogota(*args):
    """A Bogotá wall-clock time as the naive UTC datetime Odoo stores."""
    return BOGOTA.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


class EscPqrsCalendarCase(TransactionCase):
    """The shipped PQRS calendar with the 2026 and 2027 holidays loaded by the loader itself,
    and a Customer Service user and administrator who are not superusers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("esc_pqrs_module.resource_calendar_esc_pqrs")
        cls.calendar._esc_load_holidays([2026, 2027])
        cls.service_user = new_test_user(
            cls.env,
            login="esc_service_user",
            groups="esc_pqrs_module.group_esc_service_user",
        )
        cls.service_admin = new_test_user(
            cls.env,
            login="esc_service_admin",
            groups="esc_pqrs_module.group_esc_service_admin",
        )
        cls.agent_calendar = cls.calendar.with_user(cls.service_user)

    def _holiday_days(self, calendar, year):
        """The days of ``year`` closed by a whole-calendar leave, with the leave's name."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", calendar.id),
                ("resource_id", "=", False),
                ("date_from", ">=", datetime(year, 1, 1)),
                ("date_from", "<", datetime(year + 1, 1, 1)),
            ]
        )
        return {calendar._esc_local_date(leave.date_from): leave.name for leave in leaves}
