# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a question measures for the Voice of the Customer, and the scale it must use."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: The scale of each score: Net Promoter (0-10), satisfaction (1-5), customer effort (1-7).
SCORE_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
SCORE_ROLES = [
    ("nps", "Net Promoter Score (0-10)"),
    ("csat", "Satisfaction, CSAT (1-5)"),
    ("ces", "Customer Effort, CES (1-7)"),
    ("comment", "Comment"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    esc_voc_role = fields.Selection(
        SCORE_ROLES,
        string="Voice of the Customer Score",
        help="What this question measures in the Voice of the Customer dashboard. A score is "
        "asked on a scale question with exactly its range; a comment on a text question. A "
        "survey asks each score at most once.",
    )

    @api.constrains("esc_voc_role", "question_type", "scale_min", "scale_max")
    def _check_esc_voc_role_scale(self):
        for question in self.filtered("esc_voc_role"):
            if question.esc_voc_role == "comment":
                if question.question_type not in ("text_box", "char_box"):
                    raise ValidationError(
                        _(
                            "Question %(question)s: a comment is asked as free text "
                            "(multiple lines or single line text).",
                            question=question.title,
                        )
                    )
                continue
            low, high = SCORE_SCALES[question.esc_voc_role]
            if (question.question_type, question.scale_min, question.scale_max) != (
                "scale",
                low,
                high,
            ):
                raise ValidationError(
                    _(
                        "Question %(question)s: %(role)s is asked as a scale from %(low)s to "
                        "%(high)s.",
                        question=question.title,
                        role=question._esc_voc_role_label(),
                        low=low,
                        high=high,
                    )
                )

    @api.constrains("esc_voc_role", "survey_id")
    def _check_esc_voc_role_once(self):
        for question in self.filtered(lambda q: q.esc_voc_role and q.survey_id):
            twins = question.survey_id.question_ids.filtered(
                lambda q, role=question.esc_voc_role: q.esc_voc_role == role
            )
            if len(twins) > 1:
                raise ValidationError(
                    _(
                        "Survey %(survey)s asks %(role)s in more than one question "
                        "(%(questions)s): one answer gives one score.",
                        survey=question.survey_id.title,
                        role=question._esc_voc_role_label(),
                        questions=", ".join(twins.mapped("title")),
                    )
                )

    def _esc_voc_role_label(self):
        self.ensure_one()
        return dict(self._fields["esc_voc_role"]._description_selection(self.env))[
            self.esc_voc_role
        ]
