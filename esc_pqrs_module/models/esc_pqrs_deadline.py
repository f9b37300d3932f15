# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

DEADLINE_KINDS = [
    ("legal", "Legal Term"),
    ("sla_first_response", "SLA First Response"),
    ("sla_resolution", "SLA Resolution"),
]
DEADLINE_STATES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
    ("met", "Met"),
    ("paused", "Paused"),
]
#: States of a deadline still to be met.
OPEN_STATES = ("on_track", "at_risk", "breached", "paused")


class EscPqrsDeadline(models.Model):
    """One date by which a case must be answered: the legal term or a service level of the
    customer's segment. Each line keeps its own state."""

    _name = "esc.pqrs.deadline"
    _description = "PQRS Deadline"
    _order = "due_at, id"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, ondelete="cascade", index=True)
    kind = fields.Selection(DEADLINE_KINDS, required=True)
    due_at = fields.Datetime(string="Due", required=True)
    state = fields.Selection(DEADLINE_STATES, required=True, default="on_track", index=True)
    met_at = fields.Datetime(string="Met On")

    _sql_constraints = [
        ("kind_unique", "unique (pqrs_id, kind)", "A case has one deadline of each kind."),
    ]

    @api.model
    def _esc_state_at(self, due_at, now, risk_from):
        """The state of an unmet, running deadline at ``now``: breached once ``due_at`` has
        passed, at risk from ``risk_from`` on."""
        if now > due_at:
            return "breached"
        if risk_from and now >= risk_from:
            return "at_risk"
        return "on_track"

    def _esc_follow_stage(self):
        """Pause the service-level lines of cases in a stage that pauses SLA; the legal line
        always runs. Met lines stay met. Lines are derived data that nobody edits: callers
        run this as superuser."""
        now = fields.Datetime.now()
        for line in self.filtered(lambda line: line.state != "met"):
            if line.kind != "legal" and line.pqrs_id.stage_id.pauses_sla:
                line.state = "paused"
            else:
                line.state = self._esc_state_at(line.due_at, now, None)
