# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscPqrsEscalationAnswerWizard(models.TransientModel):
    """The area's answer to an escalation, or its word that the case is not theirs."""

    _name = "esc.pqrs.escalation.answer.wizard"
    _description = "Answer a PQRS Escalation"

    escalation_id = fields.Many2one(
        "esc.pqrs.escalation", required=True, readonly=True, ondelete="cascade"
    )
    question = fields.Text(related="escalation_id.question")
    answer = fields.Html(help="Reaches Customer Service only, never the customer.")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    is_not_ours = fields.Boolean(string="Not Our Area")
    rejection_reason = fields.Text(string="Why Not Ours")
    redirect_area_id = fields.Many2one("esc.area", string="Ask Instead")

    def action_answer(self):
        self.ensure_one()
        if self.is_not_ours:
            self.escalation_id._esc_reject(self.rejection_reason, self.redirect_area_id)
        else:
            self.escalation_id._esc_answer(self.answer, self.attachment_ids)
        return {"type": "ir.actions.act_window_close"}
