# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who reads and changes Voice-of-the-Customer answers: Customer Service and Quality read all,
a salesperson their customers', a colleague none (although the survey module lets every survey
user read every answer of an open survey); only Customer Service changes them."""

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import EscVocCase


@tagged("post_install", "-at_install")
class TestVocAccess(EscVocCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["esc.voc.campaign"].create(
            {"name": "Access (test)", "kind": "annual", "survey_id": cls.survey.id}
        )
        cls.answer_a = cls._answer(cls, cls.campaign, cls.customer_a.child_ids[0], nps=2)
        cls.answer_b = cls._answer(cls, cls.campaign, cls.customer_b.child_ids[0], nps=10)

    def _answers_seen_by(self, user):
        return (
            self.env["survey.user_input"]
            .with_user(user)
            .search([("esc_voc_campaign_id", "=", self.campaign.id)])
        )

    def test_customer_service_and_quality_read_every_answer(self):
        for user in (self.service, self.quality):
            self.assertEqual(self._answers_seen_by(user), self.answer_a | self.answer_b)

    def test_a_salesperson_reads_the_answers_of_their_customers_only(self):
        self.assertEqual(self._answers_seen_by(self.salesperson), self.answer_a)

    def test_a_salesperson_reads_the_scores_of_their_customers_only(self):
        scores = self.env["esc.voc.score"].with_user(self.salesperson).search([])
        self.assertEqual(scores.user_input_id, self.answer_a)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_a_colleague_reads_no_answer_nor_its_lines(self):
        self.assertFalse(self._answers_seen_by(self.colleague))
        lines = self.env["survey.user_input.line"].with_user(self.colleague)
        self.assertFalse(lines.search([("user_input_id", "in", self.answer_a.ids)]))
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.colleague).read(["state"])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_a_salesperson_cannot_change_an_answer_of_their_customer(self):
        with self.assertRaises(AccessError):
            self.answer_a.with_user(self.salesperson).write({"state": "new"})
        with self.assertRaises(AccessError):
            self.answer_a.with_user(self.salesperson).unlink()
        self.assertEqual(self.answer_a.state, "done")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_a_survey_administrator_outside_customer_service_cannot_change_a_score(self):
        manager = self.colleague
        manager.groups_id += self.env.ref("survey.group_survey_manager")
        line = self.answer_a.user_input_line_ids.filtered(
            lambda line: line.question_id == self.questions["nps"]
        )
        with self.assertRaises(AccessError):
            line.with_user(manager).write({"value_scale": 10})
        self.assertEqual(line.value_scale, 2)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_a_colleague_reads_and_writes_nothing_through_the_chatter(self):
        message = self.answer_b.sudo().message_post(
            body="Cliente muy satisfecho", message_type="comment"
        )
        Message = self.env["mail.message"].with_user(self.colleague)
        self.assertFalse(Message.search([("id", "=", message.id)]))
        with self.assertRaises(AccessError):
            Message.create(
                {
                    "model": "survey.user_input",
                    "res_id": self.answer_b.id,
                    "body": "Cambiamos la nota",
                    "message_type": "comment",
                }
            )
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.colleague).message_post(body="Nota")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_a_portal_customer_reads_no_answer_over_rpc(self):
        with self.assertRaises(AccessError):
            self.env["survey.user_input"].with_user(self.portal).search_read([], ["state"])
        with self.assertRaises(AccessError):
            self.env["esc.voc.score"].with_user(self.portal).search_read([], ["nps"])

    def test_the_campaign_dashboard_of_a_salesperson_counts_their_customers_only(self):
        scores = (
            self.env["esc.voc.score"]
            .with_user(self.salesperson)
            ._esc_scores([("campaign_id", "=", self.campaign.id)], "campaign_id")
        )
        self.assertAlmostEqual(scores[self.campaign]["nps"], -100.0)
