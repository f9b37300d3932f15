# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscCustomerInfoRejectWizard(models.TransientModel):
    """Customer Service turns a report down, saying why: the reporter reads the reason."""

    _name = "esc.customer.info.reject.wizard"
    _description = "Reject a Relevant Information Report"

    info_ids = fields.Many2many("esc.customer.info", string="Reports", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        for report in self.info_ids:
            report._esc_check_may_decide(self.env._("reject"))
            report._esc_check_state(("reported", "validated"))
        self.info_ids.sudo().write({"state": "rejected", "reject_reason": self.reason})
        return {"type": "ir.actions.act_window_close"}
