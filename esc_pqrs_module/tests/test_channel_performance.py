# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import bogota
from .test_pqrs_case import EscPqrsCaseCase

#: The moment the figures are taken: Tuesday 15 December 2026, 17:00 Bogotá.
NOW = "2026-12-15 22:00:00"
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


@tagged("post_install", "-at_install")
class TestChannelPerformance(EscPqrsCaseCase):
    """A hand-made November on the e-mail channel. The Gold customer's claims carry a 4-hour
    first response and a 5-day resolution; the plain customer's have no service level.

    1. Received Tue 17 Nov 9:00, replied 11:00 (2 h), answered Thu 19 Nov 10:00 (17 business
       hours): within the legal term and the SLA.
    2. Received Wed 18 Nov 9:00, answered Tue 15 Dec 10:00 (145 business hours, 8 December a
       holiday): late on both.
    3. Received Thu 19 Nov 9:00, never answered: past its legal term and its SLA.
    4. Received Mon 30 Nov 9:00 from the plain customer: still within its term, no SLA.
    Plus one phone case in November and one e-mail case in October, which do not count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Demo data files cases on the shipped channels and sends them satisfaction surveys.
        cls.env["esc.voc.campaign"].search([("state", "=", "running")]).write({"state": "closed"})
        Channel = cls.env["esc.channel"]
        cls.email = Channel.create(
            {"name": "Correo (cifras)", "code": "T-MAIL", "kind": "email", "state": "official"}
        )
        cls.phone = Channel.create(
            {"name": "Línea (cifras)", "code": "T-TEL", "kind": "phone", "state": "official"}
        )
        cls.plain_customer = cls.env["res.partner"].create(
            {"name": "Empaques del Sur", "is_company": True, "esc_segment_id": cls.plain.id}
        )
        cls.contact.email = "laura.gomez@plasticos-andinos.example"
        cls.env.company.esc_service_signature = "<p>Servicio al Cliente</p>"

    def _at(self, moment, function, *args, **kwargs):
        with freeze_time(moment):
            return function(*args, **kwargs)

    def _reply(self, case):
        case.with_user(self.service_user).message_post(
            body="Recibimos su reclamo y lo estamos revisando.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _november(self):
        register = self._register
        case1 = self._at("2026-11-17 14:05:00", register, bogota(2026, 11, 17, 9, 0))
        self._at(bogota(2026, 11, 17, 11, 0), self._reply, case1)
        self._at(bogota(2026, 11, 19, 10, 0), self._answer, case1)
        case2 = self._at("2026-11-18 14:05:00", register, bogota(2026, 11, 18, 9, 0))
        self._at(bogota(2026, 12, 15, 10, 0), self._answer, case2)
        self._at("2026-11-19 14:05:00", register, bogota(2026, 11, 19, 9, 0))
        self._at(
            "2026-11-30 14:05:00",
            register,
            bogota(2026, 11, 30, 9, 0),
            partner_id=self.plain_customer.id,
        )
        self._at(
            "2026-11-20 14:05:00", register, bogota(2026, 11, 20, 9, 0), channel_id=self.phone.id
        )
        self._at("2026-10-30 14:05:00", register, bogota(2026, 10, 30, 9, 0))
        return case1, case2

    def _figures(self, channel=None):
        with freeze_time(NOW):
            return (
                self.env["esc.channel.performance"]
                .with_user(self.service_user)
                ._esc_for_period(channel or self.email, *NOVEMBER)
            )

    def test_a_case_keeps_its_first_response_and_resolution_in_business_hours(self):
        case1, case2 = self._november()
        self.assertEqual(case1.first_response_hours, 2.0)
        self.assertEqual(case1.resolution_hours, 17.0)
        self.assertEqual(case2.first_response_hours, 145.0)
        self.assertEqual(case2.resolution_hours, 145.0)

    def test_cases_received_in_the_period_on_the_channel_are_counted(self):
        self._november()
        figures = self._figures()
        self.assertEqual(figures.received_count, 4)
        self.assertEqual(self._figures(self.phone).received_count, 1)

    def test_times_average_the_cases_that_have_them(self):
        self._november()
        figures = self._figures()
        self.assertEqual(figures.first_response_count, 2)
        self.assertEqual(figures.first_response_hours, 73.5)
        self.assertEqual(figures.resolved_count, 2)
        self.assertEqual(figures.resolution_hours, 81.0)

    def test_the_legal_term_share_counts_only_decided_cases(self):
        self._november()
        figures = self._figures()
        self.assertEqual(figures.legal_decided_count, 3)
        self.assertEqual(figures.legal_within_count, 1)
        self.assertAlmostEqual(figures.legal_within_rate, 100.0 / 3)

    def test_the_sla_share_counts_cases_with_service_levels(self):
        self._november()
        figures = self._figures()
        self.assertEqual(figures.sla_decided_count, 3)
        self.assertEqual(figures.sla_within_count, 1)

    def test_a_period_without_cases_has_no_rates(self):
        with freeze_time(NOW):
            figures = self.env["esc.channel.performance"]._esc_for_period(
                self.email, date(2026, 9, 1), date(2026, 9, 30)
            )
        self.assertEqual(figures.received_count, 0)
        self.assertEqual(figures.legal_decided_count, 0)
        self.assertEqual(figures.legal_within_rate, 0.0)

    def test_satisfaction_comes_from_the_answers_of_the_channels_cases(self):
        case1, case2 = self._november()
        survey = self.env["survey.survey"].create({"title": "Satisfacción (canales)"})
        campaign = self.env["esc.voc.campaign"].create(
            {"name": "Transaccional (canales)", "kind": "transactional", "survey_id": survey.id}
        )
        for case, csat in ((case1, 5), (case2, 2)):
            answer = self.env["survey.user_input"].create(
                {
                    "survey_id": survey.id,
                    "partner_id": case.partner_id.id,
                    "esc_voc_campaign_id": campaign.id,
                    "esc_pqrs_id": case.id,
                    "esc_channel_id": case.channel_id.id,
                    "state": "done",
                    "end_datetime": bogota(2026, 11, 25, 10, 0),
                }
            )
            answer.esc_voc_scores = {"csat": csat}
        figures = self._figures()
        self.assertEqual(figures.csat_count, 2)
        self.assertEqual(figures.csat, 50.0)

    def test_refreshing_keeps_one_record_per_channel_and_period(self):
        self._november()
        first = self._figures()
        second = self._figures()
        self.assertEqual(first, second)
        self.assertEqual(second.received_count, 4)

    def test_the_comparison_wizard_opens_the_channels_side_by_side(self):
        self._november()
        with freeze_time(NOW):
            wizard = Form(self.env["esc.channel.compare.wizard"].with_user(self.service_user))
            wizard.date_from, wizard.date_to = NOVEMBER
            wizard.channel_ids.clear()
            wizard.channel_ids.add(self.email)
            wizard.channel_ids.add(self.phone)
            action = wizard.save().action_compare()
        figures = self.env["esc.channel.performance"].search(action["domain"])
        self.assertEqual(figures.channel_id, self.email | self.phone)
        self.assertEqual(
            {record.channel_id: record.received_count for record in figures},
            {self.email: 4, self.phone: 1},
        )

    def test_nobody_writes_or_forges_a_figure(self):
        self._november()
        figures = self._figures()
        admin = new_test_user(
            self.env, login="esc_perf_admin", groups="esc_pqrs_module.group_esc_service_admin"
        )
        for user in (self.service_user, admin):
            with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
                figures.with_user(user).write({"legal_within_rate": 100.0})
            with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
                self.env["esc.channel.performance"].with_user(user).create(
                    {
                        "channel_id": self.phone.id,
                        "date_from": date(2026, 10, 1),
                        "date_to": date(2026, 10, 31),
                        "received_count": 999,
                    }
                )
        self.assertAlmostEqual(figures.legal_within_rate, 100.0 / 3)

    def test_a_case_refuses_service_times_set_by_hand(self):
        case1, _case2 = self._november()
        with self.assertRaisesRegex(AccessError, "Hours to First Response"):
            case1.with_user(self.service_user).write({"first_response_hours": 0.5})
        self.assertEqual(case1.first_response_hours, 2.0)

    def test_a_period_ending_before_it_starts_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Channel comparison"):
            self.env["esc.channel.compare.wizard"].with_user(self.service_user).create(
                {"date_from": date(2026, 11, 30), "date_to": date(2026, 11, 1)}
            )

    @freeze_time("2026-12-02 12:00:00")
    def test_the_daily_job_computes_this_and_last_month_for_channels_in_service(self):
        self.env["esc.channel.performance"]._cron_esc_refresh()
        figures = self.env["esc.channel.performance"].search(
            [("channel_id", "=", self.email.id), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(
            sorted((record.date_from, record.date_to) for record in figures),
            [(date(2026, 11, 1), date(2026, 11, 30)), (date(2026, 12, 1), date(2026, 12, 31))],
        )
        self.assertTrue(all(figures.mapped("computed_at")))
