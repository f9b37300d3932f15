# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import bogota
from .test_channel_lifecycle import EscChannelCase


@tagged("post_install", "-at_install")
class TestChannelAvailability(EscChannelCase):
    """Service hours of the shipped calendar: Monday to Friday, 8-12 and 13-17 Bogotá; the week
    of 16 November 2026 starts with a public holiday, so it has 4 days of 8 hours."""

    WEEK = (bogota(2026, 11, 16, 0, 0), bogota(2026, 11, 21, 0, 0))

    def _incident(self, start, end, cause="Caída del proveedor"):
        return (
            self.env["esc.channel.incident"]
            .with_user(self.service_user)
            .create(
                {
                    "channel_id": self.channel.id,
                    "started_at": start,
                    "ended_at": end,
                    "cause": cause,
                }
            )
        )

    def test_a_week_without_incidents_is_fully_available(self):
        figures = self.channel._esc_availability(*self.WEEK)
        self.assertEqual(figures["service_hours"], 32.0)
        self.assertEqual(figures["down_hours"], 0.0)
        self.assertEqual(figures["availability"], 100.0)

    def test_an_incident_on_a_holiday_costs_no_service_time(self):
        self._incident(bogota(2026, 11, 16, 9, 0), bogota(2026, 11, 16, 11, 0))
        figures = self.channel._esc_availability(*self.WEEK)
        self.assertEqual(figures["down_hours"], 0.0)
        self.assertEqual(figures["incident_count"], 1)

    def test_overlapping_incidents_are_counted_once(self):
        self._incident(bogota(2026, 11, 17, 9, 0), bogota(2026, 11, 17, 11, 0))
        self._incident(bogota(2026, 11, 17, 10, 0), bogota(2026, 11, 17, 12, 30), "Sin red")
        figures = self.channel._esc_availability(*self.WEEK)
        # 9:00 to 12:30 is down, but 12:00 to 13:00 is lunch: 3 service hours lost.
        self.assertEqual(figures["down_hours"], 3.0)
        self.assertEqual(figures["incident_count"], 2)

    def test_an_incident_overnight_counts_only_service_hours(self):
        self._incident(bogota(2026, 11, 18, 16, 0), bogota(2026, 11, 19, 9, 0))
        self.assertEqual(self.channel._esc_availability(*self.WEEK)["down_hours"], 2.0)

    def test_availability_is_the_share_of_service_hours_up(self):
        self._incident(bogota(2026, 11, 16, 9, 0), bogota(2026, 11, 16, 11, 0))
        self._incident(bogota(2026, 11, 17, 9, 0), bogota(2026, 11, 17, 11, 0))
        self._incident(bogota(2026, 11, 17, 10, 0), bogota(2026, 11, 17, 12, 30))
        self._incident(bogota(2026, 11, 18, 16, 0), bogota(2026, 11, 19, 9, 0))
        figures = self.channel._esc_availability(*self.WEEK)
        self.assertEqual(figures["down_hours"], 5.0)
        self.assertAlmostEqual(figures["availability"], 100.0 * 27 / 32)

    def test_an_incident_reaching_outside_the_period_counts_only_inside(self):
        self._incident(bogota(2026, 11, 13, 16, 0), bogota(2026, 11, 17, 10, 0))
        self.assertEqual(self.channel._esc_availability(*self.WEEK)["down_hours"], 2.0)

    @freeze_time("2026-11-20 15:00:00")
    def test_an_ongoing_incident_counts_until_now(self):
        self._incident(bogota(2026, 11, 20, 8, 0), False)
        # Now is 10:00 in Bogotá: two hours down so far, none after.
        self.assertEqual(self.channel._esc_availability(*self.WEEK)["down_hours"], 2.0)

    def test_a_channel_with_no_service_hours_has_no_availability(self):
        sunday = (bogota(2026, 11, 22, 0, 0), bogota(2026, 11, 23, 0, 0))
        figures = self.channel._esc_availability(*sunday)
        self.assertEqual(figures["service_hours"], 0.0)
        self.assertIsNone(figures["availability"])

    def test_an_incident_ending_before_it_starts_is_refused_with_its_fields(self):
        with self.assertRaises(ValidationError) as refusal:
            self._incident(bogota(2026, 11, 17, 11, 0), bogota(2026, 11, 17, 9, 0))
        self.assertRegex(str(refusal.exception), r"WhatsApp de Servicio.*\bEnd\b.*\bStart\b")
        self.assertFalse(
            self.env["esc.channel.incident"].search([("channel_id", "=", self.channel.id)])
        )

    def test_the_refusal_is_in_spanish_for_spanish_staff(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.service_user.lang = "es_CO"
        with self.assertRaisesRegex(ValidationError, "debe ser posterior"):
            self._incident(bogota(2026, 11, 17, 11, 0), bogota(2026, 11, 17, 9, 0))
