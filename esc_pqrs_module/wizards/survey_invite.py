# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SurveyInvite(models.TransientModel):
    """The survey module's own invitation, told what the answers are for: a campaign, and the
    case or the visit the customer is asked about."""

    _inherit = "survey.invite"

    esc_voc_campaign_id = fields.Many2one("esc.voc.campaign", string="Campaign", readonly=True)
    esc_pqrs_id = fields.Many2one("esc.pqrs", string="PQRS", readonly=True)
    esc_visit_id = fields.Many2one("esc.voc.visit", string="Visit", readonly=True)

    def _get_answers_values(self):
        values = super()._get_answers_values()
        if self.esc_voc_campaign_id:
            values.update(
                esc_voc_campaign_id=self.esc_voc_campaign_id.id,
                esc_pqrs_id=self.esc_pqrs_id.id,
                esc_visit_id=self.esc_visit_id.id,
            )
        return values
