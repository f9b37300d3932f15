# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The transactional survey: an answered case asks its customer once how the service went; not
for a compliment, not to a customer who opted out; the answer counts for the case's channel and
segment."""

from odoo.tests import tagged

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocTransactional(EscVocCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.customer_a.child_ids[0]
        cls.phone = cls.env.ref("esc_pqrs_module.esc_channel_phone")
        cls.answered = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_answered")
        cls.in_progress = cls.env.ref("esc_pqrs_module.esc_pqrs_stage_in_progress")

    def _case(self, kind="petition", partner=None):
        return (
            self.env["esc.pqrs"]
            .with_user(self.service)
            .create(
                {
                    "subject": "Certificado de calidad del lote 4471",
                    "partner_id": (partner or self.contact).id,
                    "type_id": self.env.ref(f"esc_pqrs_module.esc_pqrs_type_{kind}").id,
                    "channel_id": self.phone.id,
                }
            )
        )

    def _answer_case(self, case):
        case.with_user(self.service)._esc_send_official_response(
            "<p>Adjuntamos el certificado solicitado.</p>"
        )

    def _transactional(self):
        return self._running("transactional", segment_ids=[(5, 0, 0)])

    def test_an_answered_case_invites_its_customer(self):
        self._transactional()
        case = self._case()
        self._answer_case(case)
        self.assertEqual(case.stage_id, self.answered)
        self.assertEqual(case.sudo().esc_survey_answer_ids.partner_id, self.contact)

    def test_a_case_answered_again_does_not_invite_twice(self):
        self._transactional()
        case = self._case()
        self._answer_case(case)
        case.sudo().stage_id = self.in_progress
        case.sudo().stage_id = self.answered
        self.assertEqual(len(case.sudo().esc_survey_answer_ids), 1)

    def test_the_answer_counts_for_the_case_its_channel_and_its_segment(self):
        campaign = self._transactional()
        case = self._case()
        self._answer_case(case)
        answer = campaign.answer_ids
        self.assertEqual(
            (answer.esc_pqrs_id, answer.esc_channel_id, answer.esc_segment_id),
            (case, self.phone, self.key_accounts),
        )

    def test_a_compliment_is_not_surveyed(self):
        campaign = self._transactional()
        case = self._case("compliment")
        case.sudo().stage_id = self.answered
        self.assertFalse(campaign.answer_ids)

    def test_a_customer_who_opted_out_is_not_surveyed_and_the_case_says_so(self):
        campaign = self._transactional()
        self.contact.esc_survey_opt_out = True
        case = self._case()
        self._answer_case(case)
        self.assertFalse(campaign.answer_ids)
        self.assertIn("opted out", case.sudo().message_ids[0].body)

    def test_no_survey_is_sent_without_a_running_transactional_campaign(self):
        campaign = self._transactional()
        campaign.action_close()
        case = self._case()
        self._answer_case(case)
        self.assertFalse(case.sudo().esc_survey_answer_ids)

    def test_a_transactional_campaign_with_a_target_asks_only_its_customers(self):
        campaign = self._running("transactional", segment_ids=[(6, 0, self.distributors.ids)])
        self._answer_case(self._case())
        self.assertFalse(campaign.answer_ids)
        self._answer_case(self._case(partner=self.customer_b.child_ids[0]))
        self.assertEqual(campaign.answer_ids.partner_id, self.customer_b.child_ids[0])

    def test_a_survey_that_cannot_be_sent_does_not_undo_the_answer(self):
        campaign = self._transactional()
        self.survey.active = False
        case = self._case()
        self._answer_case(case)
        self.assertEqual(case.stage_id, self.answered)
        self.assertFalse(campaign.answer_ids)
        self.assertIn("could not be sent", case.sudo().message_ids[0].body)

    def test_a_low_score_goes_to_the_agent_of_the_case(self):
        campaign = self._transactional()
        case = self._case()
        case.sudo().user_id = self.service
        self._answer_case(case)
        answer = campaign.answer_ids.sudo()
        answer._save_lines(self.questions["csat"], "1")
        answer._mark_done()
        self.assertEqual(answer.activity_ids.user_id, self.service)
