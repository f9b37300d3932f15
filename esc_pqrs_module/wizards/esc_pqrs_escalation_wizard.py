# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class EscPqrsEscalationWizard(models.TransientModel):
    """Escalate a case to an area: the question, who answers, and by when; the latest date
    leaves Customer Service its margin to write the official response."""

    _name = "esc.pqrs.escalation.wizard"
    _description = "Escalate a PQRS to an Area"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, readonly=True, ondelete="cascade")
    area_id = fields.Many2one("esc.area", required=True)
    responder_candidate_ids = fields.Many2many("res.users", compute="_compute_responder_candidates")
    # Required in the view, not in the table: a stored computed field gets its value after
    # the row is inserted. The escalation refuses a missing responder with its own message.
    responder_id = fields.Many2one(
        "res.users",
        compute="_compute_responder_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', responder_candidate_ids)]",
    )
    question = fields.Text(
        required=True, help="What the area must answer; the customer never sees it."
    )
    latest_date = fields.Date(string="Latest Allowed Date", compute="_compute_latest_date")
    due_date = fields.Date(
        string="Answer By", compute="_compute_due_date", store=True, readonly=False
    )

    @api.depends("area_id")
    def _compute_responder_candidates(self):
        for wizard in self:
            wizard.responder_candidate_ids = (
                wizard.area_id._esc_responders() if wizard.area_id else False
            )

    @api.depends("area_id")
    def _compute_responder_id(self):
        for wizard in self:
            wizard.responder_id = wizard.area_id.manager_id or wizard.area_id.member_ids[:1]

    @api.depends("pqrs_id")
    def _compute_latest_date(self):
        for wizard in self:
            wizard.latest_date = (
                wizard.pqrs_id._esc_escalation_due_limit()[0] if wizard.pqrs_id else False
            )

    @api.depends("pqrs_id", "area_id")
    def _compute_due_date(self):
        for wizard in self:
            wizard.due_date = (
                wizard.pqrs_id._esc_default_escalation_due(wizard.area_id)
                if wizard.pqrs_id and wizard.area_id
                else False
            )

    def action_escalate(self):
        self.ensure_one()
        self.pqrs_id._esc_escalate(self.area_id, self.responder_id, self.question, self.due_date)
        return {"type": "ir.actions.act_window_close"}
