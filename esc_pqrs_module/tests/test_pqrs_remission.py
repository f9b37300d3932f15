# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Remission of a petition that is not ours (art. 21): to the competent party with a copy to
the customer, at once when verbal, within 5 business days when written; the case closes."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

REASONS = "La garantía del montacargas la responde su fabricante."


@tagged("post_install", "-at_install")
class TestPqrsRemission(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.competent = cls.env["res.partner"].create(
            {"name": "Montacargas del Norte S.A.S.", "email": "garantias@montacargas.example"}
        )
        cls.phone = cls.env.ref("esc_pqrs_module.esc_channel_phone")
        # Filed Wednesday 23 Dec 2026; five business days after it end on Thursday 31 Dec.
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.written = cls._register(cls, bogota(2026, 12, 23, 10, 0))
            cls.verbal = cls._register(cls, bogota(2026, 12, 23, 10, 0), channel_id=cls.phone.id)

    def _remit_at(self, moment, case, competent=None, reasons=REASONS, user=None):
        with freeze_time(moment):
            return case.with_user(user or self.service_user)._esc_remit(
                competent if competent is not None else self.competent, reasons
            )

    def test_written_petition_may_be_remitted_on_the_fifth_business_day(self):
        self._remit_at(bogota(2026, 12, 31, 23, 0), self.written)
        self.assertEqual(
            self.written.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted")
        )

    def test_written_petition_is_refused_on_the_sixth_business_day(self):
        with self.assertRaisesRegex(UserError, "by 12/31/2026"):
            self._remit_at(bogota(2027, 1, 4, 8, 0), self.written)

    def test_verbal_petition_may_be_remitted_on_its_filing_day(self):
        self._remit_at(bogota(2026, 12, 23, 17, 0), self.verbal)
        self.assertTrue(self.verbal.is_closed)

    def test_verbal_petition_is_refused_the_next_day(self):
        with self.assertRaisesRegex(UserError, "by 12/23/2026"):
            self._remit_at(bogota(2026, 12, 24, 8, 0), self.verbal)

    def test_remission_without_competent_party_is_refused_and_changes_nothing(self):
        with self.assertRaisesRegex(UserError, "competent party is required"):
            self._remit_at(
                bogota(2026, 12, 24, 9, 0), self.written, competent=self.env["res.partner"]
            )
        self.assertFalse(self.written.is_closed or self.written.procedure_ids)

    def test_remission_closes_the_case_with_its_deadlines_met(self):
        self._remit_at(bogota(2026, 12, 24, 9, 0), self.written)
        self.assertEqual(set(self.written.deadline_ids.mapped("state")), {"met"})

    def test_remission_is_recorded_with_the_competent_party(self):
        procedure = self._remit_at(bogota(2026, 12, 24, 9, 0), self.written)
        self.assertRecordValues(
            procedure,
            [{"kind": "remission", "competent_partner_id": self.competent.id, "reasons": REASONS}],
        )

    def test_notice_goes_to_the_competent_party_with_a_copy_to_the_customer(self):
        notice = self._remit_at(bogota(2026, 12, 24, 9, 0), self.written).notice_id
        self.assertEqual(set(notice.partner_ids), {self.contact, self.competent})
        for expected in (self.written.name, "Montacargas del Norte", REASONS, "Plásticos ESC"):
            self.assertIn(expected, notice.body)

    def test_closed_case_cannot_be_remitted(self):
        self._remit_at(bogota(2026, 12, 24, 9, 0), self.written)
        with self.assertRaisesRegex(UserError, "closed"):
            self._remit_at(bogota(2026, 12, 24, 10, 0), self.written)

    def test_area_user_may_not_remit(self):
        area_user = new_test_user(
            self.env, login="esc_rem_area", groups="esc_pqrs_module.group_esc_area"
        )
        with self.assertRaises(AccessError):
            self._remit_at(bogota(2026, 12, 24, 9, 0), self.written, user=area_user)
