# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scores read from stored answers by grouped reads: NPS = % 9-10 minus % 0-6, CSAT = % of 4-5,
CES = mean, response rate = answered / invited; no answer is "no data", never 0."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocScores(EscVocCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["esc.voc.campaign"].create(
            {"name": "Scores (test)", "kind": "annual", "survey_id": cls.survey.id}
        )
        cls.contacts = (cls.customer_a | cls.customer_b).child_ids

    def _scores(self, campaign=None):
        campaign = campaign or self.campaign
        return self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", campaign.id)], "campaign_id"
        )[campaign]

    def _answers(self, role, values):
        partners = self.env["res.partner"].create(
            [{"name": f"Respondent {n}", "email": f"r{n}@voc.example"} for n in range(len(values))]
        )
        for partner, value in zip(partners, values, strict=True):
            self._answer(self.campaign, partner, **{role: value})

    def test_nps_is_percent_promoters_minus_percent_detractors(self):
        self._answers("nps", [10, 9, 9, 8, 2])
        self.assertAlmostEqual(self._scores()["nps"], 40.0)

    def test_all_promoters_give_nps_of_100(self):
        self._answers("nps", [9, 10, 10])
        self.assertAlmostEqual(self._scores()["nps"], 100.0)

    def test_all_detractors_give_nps_of_minus_100(self):
        self._answers("nps", [0, 6, 3])
        self.assertAlmostEqual(self._scores()["nps"], -100.0)

    def test_passives_count_in_nps_as_neither(self):
        self._answers("nps", [7, 8, 10, 0])
        self.assertAlmostEqual(self._scores()["nps"], 0.0)

    def test_csat_is_the_percentage_of_fours_and_fives(self):
        self._answers("csat", [5, 4, 3, 1])
        self.assertAlmostEqual(self._scores()["csat"], 50.0)

    def test_ces_is_the_mean_effort(self):
        self._answers("ces", [2, 3, 7])
        self.assertAlmostEqual(self._scores()["ces"], 4.0)

    def test_response_rate_is_answered_over_invited(self):
        self._answer(self.campaign, self.contacts[0], nps=10)
        for contact in self.contacts[1:4]:
            self._answer(self.campaign, contact, done=False)
        scores = self._scores()
        self.assertEqual((scores["invited"], scores["answered"]), (4, 1))
        self.assertAlmostEqual(scores["response_rate"], 25.0)

    def test_a_campaign_without_answers_has_no_data_not_zero(self):
        self._answer(self.campaign, self.contacts[0], done=False)
        scores = self._scores()
        self.assertEqual((scores["nps"], scores["csat"], scores["ces"]), (None, None, None))
        self.campaign.invalidate_recordset()
        self.assertEqual(self.campaign.nps_count, 0)

    def test_a_score_not_asked_has_no_data_beside_the_others(self):
        self._answers("csat", [5])
        scores = self._scores()
        self.assertIsNone(scores["nps"])
        self.assertAlmostEqual(scores["csat"], 100.0)

    def test_an_unfinished_answer_does_not_count_in_the_scores(self):
        self._answer(self.campaign, self.contacts[0], nps=0, done=False)
        self._answer(self.campaign, self.contacts[1], nps=10)
        self.assertAlmostEqual(self._scores()["nps"], 100.0)

    def test_scores_are_grouped_by_segment_at_the_time_of_the_invitation(self):
        self._answer(self.campaign, self.customer_a.child_ids[0], nps=10)
        self._answer(self.campaign, self.customer_b.child_ids[0], nps=2)
        self.customer_b.esc_segment_id = self.key_accounts
        by_segment = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", self.campaign.id)], "segment_id"
        )
        self.assertAlmostEqual(by_segment[self.key_accounts]["nps"], 100.0)
        self.assertAlmostEqual(by_segment[self.distributors]["nps"], -100.0)

    def test_scores_are_grouped_by_market_and_period(self):
        self._answer(self.campaign, self.customer_a.child_ids[0], csat=5)
        self._answer(self.campaign, self.customer_b.child_ids[0], csat=1)
        by_market = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", self.campaign.id)], "market"
        )
        self.assertEqual(
            {m: s["csat"] for m, s in by_market.items()}, {"Packaging": 100.0, "Agro": 0.0}
        )
        by_month = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", self.campaign.id)], "date:month"
        )
        self.assertEqual([s["csat_count"] for s in by_month.values()], [2])

    def test_compliments_and_suggestions_filed_as_pqrs_are_counted_beside_the_scores(self):
        types = {
            xmlid: self.env.ref(f"esc_pqrs_module.esc_pqrs_type_{xmlid}")
            for xmlid in ("compliment", "suggestion", "petition")
        }
        contact = self.customer_a.child_ids[0]
        self.env["esc.pqrs"].create(
            [
                {"subject": f"{kind} (VoC)", "partner_id": contact.id, "type_id": kind_type.id}
                for kind, kind_type in types.items()
            ]
            + [{"subject": "Again", "partner_id": contact.id, "type_id": types["compliment"].id}]
        )
        by_segment = self.env["esc.voc.score"]._esc_scores(
            [("partner_id", "=", self.customer_a.id)], "segment_id"
        )[self.key_accounts]
        self.assertEqual((by_segment["compliments"], by_segment["suggestions"]), (2, 1))

    def test_the_campaign_shows_its_scores(self):
        self._answer(self.campaign, self.contacts[0], nps=10, csat=4, ces=3)
        self._answer(self.campaign, self.contacts[1], nps=5, csat=2, ces=5)
        campaign = self.campaign.with_user(self.service)
        self.assertEqual(
            (campaign.nps_score, campaign.csat_score, campaign.ces_score, campaign.response_rate),
            (0.0, 50.0, 4.0, 100.0),
        )

    def test_scores_of_any_grouping_are_one_query(self):
        for contact in self.contacts:
            self._answer(self.campaign, contact, nps=9, csat=4, ces=2)
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.env["esc.voc.score"]._esc_scores([], "segment_id")

    def test_a_score_outside_its_scale_is_refused_over_rpc(self):
        answer = self._answer(self.campaign, self.contacts[0], done=False)
        manager = self.service.copy({"login": "esc_voc_survey_manager"})
        manager.groups_id += self.env.ref("survey.group_survey_manager")
        with self.assertRefused(ValidationError, "11 is not on the scale from 0 to 10"):
            self.env["survey.user_input.line"].with_user(manager).create(
                {
                    "user_input_id": answer.id,
                    "question_id": self.questions["nps"].id,
                    "answer_type": "scale",
                    "value_scale": 11,
                }
            )

    def test_a_score_question_must_use_the_scale_of_its_score(self):
        with self.assertRefused(ValidationError, "is asked as a scale from 1 to 5"):
            self.env["survey.survey"].create(
                {
                    "title": "Wrong scale (test)",
                    "question_and_page_ids": [
                        Command.create(self._scale("Satisfied?", "csat", 0, 10))
                    ],
                }
            )

    def test_a_survey_asks_each_score_once(self):
        with self.assertRefused(ValidationError, "in more than one question"):
            self.survey.write(
                {
                    "question_and_page_ids": [
                        Command.create(self._scale("Recommend again?", "nps", 0, 10))
                    ]
                }
            )
