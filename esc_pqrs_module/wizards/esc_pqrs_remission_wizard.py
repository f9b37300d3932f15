# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EscPqrsRemissionWizard(models.TransientModel):
    """Send a petition that is not ours to the competent party, with a copy to the customer
    (art. 21), and close the case as remitted."""

    _name = "esc.pqrs.remission.wizard"
    _description = "Remit a PQRS to the Competent Party"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, readonly=True, ondelete="cascade")
    deadline = fields.Date(string="Remit By", compute="_compute_deadline")
    competent_partner_id = fields.Many2one("res.partner", string="Competent Party", required=True)
    reasons = fields.Text(required=True, help="Why the petition is the competent party's.")

    @api.depends("pqrs_id")
    def _compute_deadline(self):
        for wizard in self:
            wizard.deadline = wizard.pqrs_id._esc_remission_deadline()

    def action_remit(self):
        self.ensure_one()
        self.pqrs_id._esc_remit(self.competent_partner_id, self.reasons)
        return {"type": "ir.actions.act_window_close"}
