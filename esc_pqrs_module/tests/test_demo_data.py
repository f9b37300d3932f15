# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo cases show an agent every stage and every deadline state."""

from unittest import SkipTest

from odoo.tests import TransactionCase, tagged

from ..models.esc_pqrs_deadline import DEADLINE_STATES


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo_ids = cls.env["ir.model.data"].search(
            [("module", "=", "esc_pqrs_module"), ("model", "=", "esc.pqrs")]
        )
        if not demo_ids:
            raise SkipTest("the database was installed without demo data")
        cls.demo_cases = cls.env["esc.pqrs"].browse(demo_ids.mapped("res_id"))

    def test_demo_cases_cover_every_stage(self):
        self.assertEqual(self.demo_cases.stage_id, self.env["esc.pqrs.stage"].search([]))

    def test_demo_cases_cover_every_deadline_state(self):
        states = set(self.demo_cases.deadline_ids.mapped("state"))
        self.assertEqual(states, {state for state, _label in DEADLINE_STATES})

    def test_the_demo_voice_of_the_customer_has_scores_to_read(self):
        campaign = self.env.ref("esc_pqrs_module.esc_voc_campaign_annual_demo")
        scores = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", campaign.id)], "campaign_id"
        )[campaign]
        self.assertEqual((scores["nps"], scores["csat"], scores["invited"]), (0.0, 50.0, 3))
        detractor = self.env.ref("esc_pqrs_module.esc_voc_answer_annual_2_demo")
        self.assertEqual(detractor.activity_ids.user_id, self.env.ref("base.user_demo"))

    def test_the_demo_visit_sent_its_survey(self):
        visit = self.env.ref("esc_pqrs_module.esc_voc_visit_demo")
        self.assertEqual(visit.answer_id.esc_visit_id, visit)
