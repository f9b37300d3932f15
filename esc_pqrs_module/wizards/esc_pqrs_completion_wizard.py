# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

STEPS = [
    ("request", "Ask the Customer to Complete"),
    ("extend", "One More Month to Complete"),
    ("confirm", "Petition Complete"),
    ("withdraw", "Withdrawal"),
]


class EscPqrsCompletionWizard(models.TransientModel):
    """The steps of an incomplete petition (art. 17), one wizard for the four of them: each
    asks the agent for one text and shows the dates the step will set."""

    _name = "esc.pqrs.completion.wizard"
    _description = "Complete a PQRS Petition"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, readonly=True, ondelete="cascade")
    step = fields.Selection(STEPS, required=True, readonly=True)
    request_deadline = fields.Date(
        string="Request By", compute="_compute_dates", help="10 business days after filing."
    )
    customer_due_date = fields.Date(string="Customer Completes By", compute="_compute_dates")
    new_customer_due_date = fields.Date(string="New Date to Complete", compute="_compute_dates")
    new_due_date = fields.Date(string="New Response Date", compute="_compute_dates")
    notes = fields.Text(required=True)

    @api.depends("pqrs_id", "step")
    def _compute_dates(self):
        for wizard in self:
            case = wizard.pqrs_id
            dates = dict.fromkeys(
                ("request_deadline", "customer_due_date", "new_customer_due_date", "new_due_date"),
                False,
            )
            if case.filing_date:
                dates.update(case._esc_completion_preview(wizard.step))
            wizard.update(dates)

    def action_apply(self):
        self.ensure_one()
        case = self.pqrs_id
        {
            "request": case._esc_request_completion,
            "extend": case._esc_extend_completion,
            "confirm": case._esc_confirm_completion,
            "withdraw": case._esc_withdraw,
        }[self.step](self.notes)
        return {"type": "ir.actions.act_window_close"}
