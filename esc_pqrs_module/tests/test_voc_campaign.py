# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A campaign invites its target through the survey module's own invitations, signed by Customer
Service, once per customer; opted-out contacts are skipped and counted; a low score comes back to
Customer Service as an activity."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocCampaign(EscVocCase):
    def _invitations(self, partners):
        return self.env["mail.mail"].sudo().search([("recipient_ids", "in", partners.ids)])

    def test_launching_invites_every_contact_of_the_target_with_a_personal_link(self):
        campaign = self._running(segment_ids=[(6, 0, self.key_accounts.ids)])
        contacts = self.customer_a.child_ids
        answers = campaign.answer_ids
        self.assertEqual(answers.partner_id, contacts)
        self.assertEqual(campaign.invited_count, 2)
        for answer in answers:
            mail = self._invitations(answer.partner_id)
            self.assertEqual(len(mail), 1)
            self.assertIn(answer.access_token, mail.body_html)

    def test_the_invitation_is_signed_by_customer_service(self):
        self.env.company.esc_service_signature = "<p>Servicio al Cliente ESENTTIA (firma)</p>"
        self._running(segment_ids=[(6, 0, self.key_accounts.ids)])
        mail = self._invitations(self.customer_a.child_ids[:1])
        self.assertIn("Servicio al Cliente ESENTTIA (firma)", mail.body_html)

    def test_the_answers_carry_the_segment_and_market_of_their_customer(self):
        campaign = self._running()
        answer = campaign.answer_ids.filtered(lambda a: a.partner_id.parent_id == self.customer_b)[
            :1
        ]
        self.assertEqual((answer.esc_segment_id, answer.esc_market), (self.distributors, "Agro"))

    def test_blacklisted_and_opted_out_contacts_are_skipped_and_counted(self):
        blacklisted, opted_out = self.customer_a.child_ids
        self.env["mail.blacklist"].sudo()._add(blacklisted.email)
        opted_out.esc_survey_opt_out = True
        self.customer_b.child_ids[0].email = False
        campaign = self._running()
        self.assertEqual(campaign.answer_ids.partner_id, self.customer_b.child_ids[1])
        self.assertEqual((campaign.skipped_opt_out_count, campaign.skipped_no_email_count), (2, 1))
        self.assertFalse(self._invitations(blacklisted | opted_out))

    def test_a_company_that_opted_out_covers_its_contacts(self):
        self.customer_b.esc_survey_opt_out = True
        campaign = self._running()
        self.assertEqual(campaign.answer_ids.partner_id, self.customer_a.child_ids)

    def test_a_company_is_asked_itself_only_when_it_has_no_contacts(self):
        self.customer_b.child_ids.unlink()
        self.customer_b.email = "compras@sur.example"
        campaign = self._running()
        self.assertEqual(
            campaign.answer_ids.partner_id, self.customer_a.child_ids | self.customer_b
        )

    def test_suppliers_are_not_asked(self):
        self.customer_b.esc_stakeholder_group = "supplier"
        campaign = self._running()
        self.assertEqual(campaign.answer_ids.partner_id, self.customer_a.child_ids)

    def test_a_campaign_without_a_target_is_refused(self):
        campaign = self._campaign(segment_ids=[(5, 0, 0)])
        with self.assertRefused(ValidationError, "has no target"):
            campaign.action_launch()
        self.assertEqual(campaign.state, "draft")

    def test_an_nps_campaign_whose_survey_has_no_nps_question_is_refused(self):
        self.questions["nps"].esc_voc_role = False
        campaign = self._campaign()
        with self.assertRefused(ValidationError, "has no question with that score"):
            campaign.action_launch()

    def test_a_survey_that_needs_a_login_is_refused(self):
        self.survey.users_login_required = True
        with self.assertRefused(ValidationError, "without a login"):
            self._campaign().action_launch()

    def test_launching_twice_is_refused(self):
        campaign = self._running()
        with self.assertRefused(UserError, "this step does not apply"):
            campaign.action_launch()
        self.assertEqual(len(campaign.answer_ids), 4)

    def test_inviting_a_customer_twice_to_a_campaign_is_refused(self):
        campaign = self._running()
        contact = self.customer_a.child_ids[0]
        with self.assertRefused(UserError, "was already invited"):
            campaign.sudo()._esc_invite(contact)
        self.assertEqual(len(self._invitations(contact)), 1)

    @mute_logger("odoo.models.unlink", "odoo.addons.base.models.ir_model")
    def test_only_customer_service_launches(self):
        campaign = self._campaign()
        with self.assertRefused(AccessError, "Only Customer Service may launch"):
            campaign.with_user(self.quality).action_launch()
        self.assertFalse(campaign.answer_ids)

    def test_the_state_and_counts_are_not_written_by_hand(self):
        campaign = self._campaign()
        with self.assertRefused(AccessError, "cannot be set by hand"):
            campaign.write({"state": "running"})
        with self.assertRefused(AccessError, "cannot be set by hand"):
            self._campaign(name="Forged", invited_count=500)

    def test_what_an_answer_counts_for_is_not_written_by_hand(self):
        campaign = self._running()
        other = self._campaign(name="Other (test)")
        answer = campaign.answer_ids[0].with_user(self.service)
        with self.assertRefused(AccessError, "cannot be set by hand"):
            answer.write({"esc_voc_campaign_id": other.id})
        with self.assertRefused(AccessError, "cannot be set by hand"):
            self.env["survey.user_input"].with_user(self.service).create(
                {"survey_id": self.survey.id, "esc_voc_campaign_id": campaign.id}
            )

    def test_the_survey_share_wizard_cannot_invite_on_a_campaigns_behalf(self):
        campaign = self._running(segment_ids=[(6, 0, self.key_accounts.ids)])
        outsider = self.customer_b.child_ids[0]
        invite = (
            self.env["survey.invite"]
            .with_user(self.service)
            .create(
                {
                    "survey_id": self.survey.id,
                    "partner_ids": [(6, 0, outsider.ids)],
                    "existing_mode": "new",
                    "esc_voc_campaign_id": campaign.id,
                }
            )
        )
        with self.assertRefused(AccessError, "cannot be set by hand"):
            invite.action_invite()
        self.assertNotIn(outsider, campaign.answer_ids.partner_id)

    def test_two_running_transactional_campaigns_are_refused(self):
        self._running("transactional", segment_ids=[(5, 0, 0)])
        with self.assertRefused(ValidationError, "is already running"):
            self._running("transactional", name="Second", segment_ids=[(5, 0, 0)])

    def test_a_running_campaign_is_closed_not_deleted(self):
        campaign = self._running()
        with self.assertRefused(UserError, "close it instead of deleting it"):
            campaign.unlink()
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")

    def test_a_detractor_creates_an_activity_for_the_campaign_owner(self):
        campaign = self._running()
        answer = campaign.answer_ids[0].sudo()
        answer._save_lines(self.questions["nps"], "3")
        answer._mark_done()
        activity = answer.activity_ids
        self.assertEqual(activity.user_id, self.service)
        self.assertIn("NPS 3", activity.summary)

    def test_an_unsatisfied_customer_creates_an_activity(self):
        campaign = self._running()
        answer = campaign.answer_ids[0].sudo()
        answer._save_lines(self.questions["nps"], "8")
        answer._save_lines(self.questions["csat"], "2")
        answer._mark_done()
        self.assertEqual(len(answer.activity_ids), 1)

    def test_a_satisfied_customer_creates_no_activity(self):
        campaign = self._running()
        answer = campaign.answer_ids[0].sudo()
        answer._save_lines(self.questions["nps"], "9")
        answer._save_lines(self.questions["csat"], "3")
        answer._mark_done()
        self.assertFalse(answer.activity_ids)
