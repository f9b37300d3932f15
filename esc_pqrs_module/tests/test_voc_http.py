# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer answers from the e-mail link, without logging in, and the answer lands in the
scores; a customer logged in to the portal reads their own answers, never another's."""

import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocOverHttp(EscVocCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey.questions_layout = "one_page"
        cls.other_portal = cls.env["res.users"].create(
            {
                "name": "Portal Sur",
                "login": "esc_voc_portal_b",
                "password": "esc_voc_portal_b",
                "partner_id": cls.customer_b.child_ids[0].id,
                "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        campaign = (
            cls.env["esc.voc.campaign"]
            .with_user(cls.service)
            .create(
                {
                    "name": "Annual over HTTP (test)",
                    "kind": "annual",
                    "survey_id": cls.survey.id,
                    "segment_ids": [(6, 0, cls.key_accounts.ids)],
                }
            )
        )
        campaign.action_launch()
        cls.campaign = campaign
        cls.answer = campaign.answer_ids.sudo().filtered(
            lambda a: a.partner_id == cls.portal.partner_id
        )

    def _answer_over_http(self, answer, values):
        survey = answer.survey_id
        page = self.url_open(
            f"/survey/start/{survey.access_token}?answer_token={answer.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        page = self.url_open(f"/survey/{survey.access_token}/{answer.access_token}")
        csrf = re.search(r'csrf_token.+value="([a-f0-9]{40}o[0-9]*)"', page.text).group(1)
        begin = self.opener.post(
            f"{survey.get_base_url()}/survey/begin/{survey.access_token}/{answer.access_token}",
            json={},
        )
        self.assertEqual(begin.status_code, 200)
        post = {str(self.questions[role].id): value for role, value in values.items()}
        post.update(csrf_token=csrf, token=answer.access_token, button_submit="next")
        return self.opener.post(
            f"{survey.get_base_url()}/survey/submit/{survey.access_token}/{answer.access_token}",
            json={"params": post},
        ).json()

    def _answered_over_http(self, answer, values):
        result = self._answer_over_http(answer, values)
        self.assertNotIn("error", result)

    def _print(self, answer):
        return self.url_open(
            f"/survey/print/{answer.survey_id.access_token}?answer_token={answer.access_token}"
        )

    def test_a_customer_answers_from_the_email_link_and_the_scores_count_it(self):
        self._answered_over_http(
            self.answer, {"nps": "9", "csat": "5", "ces": "2", "comment": "Entregas puntuales"}
        )
        self.answer.invalidate_recordset()
        self.assertEqual(self.answer.state, "done")
        scores = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "=", self.campaign.id)], "campaign_id"
        )[self.campaign]
        self.assertEqual((scores["nps"], scores["csat"], scores["ces"]), (100.0, 100.0, 2.0))

    def test_a_score_outside_its_scale_posted_to_the_survey_page_is_refused(self):
        with mute_logger("odoo.http"):
            result = self._answer_over_http(self.answer, {"nps": "42", "csat": "5"})
        self.assertIn("42 is not on the scale from 0 to 10", result["error"]["data"]["message"])
        self.answer.invalidate_recordset()
        self.assertNotEqual(self.answer.state, "done")
        self.assertFalse(self.answer.user_input_line_ids)

    def test_a_portal_customer_reads_their_own_answers(self):
        self._answered_over_http(self.answer, {"nps": "3", "comment": "Demoras en despacho"})
        self.authenticate("esc_voc_portal", "esc_voc_portal")
        self.assertIn("Demoras en despacho", self._print(self.answer).text)

    @mute_logger("odoo.http")
    def test_a_portal_customer_never_reads_another_customers_answers(self):
        self._answered_over_http(self.answer, {"nps": "3", "comment": "Demoras en despacho"})
        self.authenticate("esc_voc_portal_b", "esc_voc_portal_b")
        self.assertNotIn("Demoras en despacho", self._print(self.answer).text)
        page = self.url_open(
            f"/survey/start/{self.survey.access_token}?answer_token={self.answer.access_token}"
        )
        self.assertNotIn("Demoras en despacho", page.text)
