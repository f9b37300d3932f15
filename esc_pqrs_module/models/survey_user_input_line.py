# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import ValidationError

from .survey_question import SCORE_SCALES


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.constrains("value_scale", "answer_type", "question_id", "skipped")
    def _check_esc_voc_score_range(self):
        """The survey's pages keep a scale answer in range, but a line created over RPC is not
        checked by the survey module: a score out of its scale would bend every average."""
        for line in self.filtered(lambda l: l.question_id.esc_voc_role in SCORE_SCALES):
            if line.skipped:
                continue
            low, high = SCORE_SCALES[line.question_id.esc_voc_role]
            if line.answer_type != "scale" or not low <= line.value_scale <= high:
                raise ValidationError(
                    _(
                        "Answer of %(participant)s to %(question)s: %(value)s is not on the "
                        "scale from %(low)s to %(high)s.",
                        participant=line.user_input_id.partner_id.display_name
                        or line.user_input_id.email
                        or _("an anonymous participant"),
                        question=line.question_id.title,
                        value=line.value_scale
                        if line.answer_type == "scale"
                        else line.display_name,
                        low=low,
                        high=high,
                    )
                )
