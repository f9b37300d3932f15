# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EscPqrsExtensionWizard(models.TransientModel):
    """Extend a case's response term once (art. 14 parágrafo): the reasons and the new date,
    told to the customer before the current term ends."""

    _name = "esc.pqrs.extension.wizard"
    _description = "Extend a PQRS Response Term"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, readonly=True, ondelete="cascade")
    current_due_date = fields.Date(compute="_compute_limits")
    latest_date = fields.Date(string="Latest Allowed Date", compute="_compute_limits")
    new_date = fields.Date(string="New Due Date", required=True)
    reasons = fields.Text(required=True, help="Sent to the customer with the new date.")

    @api.depends("pqrs_id")
    def _compute_limits(self):
        for wizard in self:
            case = wizard.pqrs_id
            legal = case._esc_legal_line()
            calendar = case.company_id.esc_pqrs_calendar_id
            wizard.current_due_date = legal and calendar._esc_local_date(legal.due_at)
            wizard.latest_date = legal and case._esc_extension_limit()

    def action_extend(self):
        self.ensure_one()
        self.pqrs_id._esc_extend(self.new_date, self.reasons)
        return {"type": "ir.actions.act_window_close"}
