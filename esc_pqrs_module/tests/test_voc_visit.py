# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A salesperson or technician records a visit; the customer gets that visit's short survey and
the answer links back to the visit."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocVisit(EscVocCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.customer_a.child_ids[0]

    def _visit(self, user=None, **values):
        return (
            self.env["esc.voc.visit"]
            .with_user(user or self.salesperson)
            .create({"partner_id": self.contact.id, "kind": "commercial", **values})
        )

    def _visit_campaign(self, kind="commercial_visit"):
        return self._running(kind, name=f"{kind} (test)", segment_ids=[(5, 0, 0)])

    def test_a_recorded_visit_sends_its_survey_linked_to_the_visit(self):
        campaign = self._visit_campaign()
        visit = self._visit(notes="<p>Revisamos la extrusora 3.</p>")
        self.assertEqual(visit.campaign_id, campaign)
        self.assertEqual(visit.answer_id.partner_id, self.contact)
        self.assertEqual(visit.answer_id.sudo().esc_visit_id, visit)

    def test_a_technical_visit_uses_the_technical_campaign(self):
        self._visit_campaign()
        technical = self._visit_campaign("technical_visit")
        visit = self._visit(kind="technical")
        self.assertEqual(visit.campaign_id, technical)

    def test_a_visit_without_a_running_campaign_is_kept_and_says_why(self):
        visit = self._visit()
        self.assertFalse(visit.answer_id)
        self.assertIn("No visit survey campaign", visit.survey_note)
        self._visit_campaign()
        visit.action_send_survey()
        self.assertTrue(visit.answer_id)

    def test_a_visit_is_surveyed_once(self):
        self._visit_campaign()
        visit = self._visit()
        visit.action_send_survey()
        self.assertEqual(len(visit.sudo().campaign_id.answer_ids), 1)
        with self.assertRefused(UserError, "was already invited"):
            visit.campaign_id.sudo()._esc_invite(self.contact, visit=visit.sudo())

    def test_a_customer_who_opted_out_gets_no_visit_survey(self):
        self._visit_campaign()
        self.contact.esc_survey_opt_out = True
        visit = self._visit()
        self.assertFalse(visit.answer_id)
        self.assertIn("opted out", visit.survey_note)

    def test_the_visit_survey_answer_is_not_set_by_hand(self):
        campaign = self._running()
        with self.assertRefused(AccessError, "cannot be set by hand"):
            self._visit(answer_id=campaign.answer_ids[0].id)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_an_employee_reads_only_their_own_visits(self):
        visit = self._visit()
        self.assertFalse(self.env["esc.voc.visit"].with_user(self.colleague).search([]))
        self.assertIn(visit, self.env["esc.voc.visit"].with_user(self.quality).search([]))
