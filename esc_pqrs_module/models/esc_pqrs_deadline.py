# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.business_day_index import BusinessDayIndex

DEADLINE_KINDS = [
    ("legal", "Legal Term"),
    ("sla_first_response", "SLA First Response"),
    ("sla_resolution", "SLA Resolution"),
    ("documents", "Documents Delivery (art. 14)"),
]
ALL_DEADLINE_KINDS = [kind for kind, _label in DEADLINE_KINDS]
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
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True, index=True)
    kind = fields.Selection(DEADLINE_KINDS, required=True)
    due_at = fields.Datetime(string="Due", required=True)
    state = fields.Selection(DEADLINE_STATES, required=True, default="on_track", index=True)
    met_at = fields.Datetime(string="Met On")
    is_met_late = fields.Boolean(
        string="Met Late", compute="_compute_is_met_late", store=True, index=True
    )

    reminded_at = fields.Datetime(
        string="Reminder Sent On", help="The reminder before this due date was sent."
    )
    breach_reported_at = fields.Datetime(
        string="Breach Reported On",
        help="The Customer Service administrator was told this due date passed.",
    )

    _sql_constraints = [
        ("kind_unique", "unique (pqrs_id, kind)", "A case has one deadline of each kind."),
    ]

    @api.depends("met_at", "due_at")
    def _compute_is_met_late(self):
        for line in self:
            line.is_met_late = bool(line.met_at) and line.met_at > line.due_at

    def write(self, vals):
        """A moved due date is a new threshold: its reminder and report are sent anew."""
        if "due_at" in vals:
            vals = {"reminded_at": False, "breach_reported_at": False, **vals}
        return super().write(vals)

    @api.model
    def _cron_esc_update_states(self):
        """Move running deadlines to at risk or breached as time passes."""
        running = self.search_fetch(
            [("state", "in", ("on_track", "at_risk"))], ["company_id", "due_at", "state"]
        )
        running._esc_update_states(fields.Datetime.now())

    def _esc_follow_stage(self):
        """Pause the service-level lines of cases in a stage that pauses SLA, and the legal
        line while the customer completes the petition (art. 17): nothing else stops it. Met
        lines stay met. Lines are derived data that nobody edits: callers run this as
        superuser."""
        running = self.browse()
        for line in self.filtered(lambda line: line.state != "met"):
            if line._esc_stands_still():
                line.state = "paused"
            else:
                running |= line
        running._esc_update_states(fields.Datetime.now())

    def _esc_stands_still(self):
        case = self.pqrs_id
        if self.kind == "legal":
            return case.completion_state == "pending"
        return self.kind.startswith("sla_") and case.stage_id.pauses_sla

    def _esc_shifted_due(self, calendar, paused_hours, paused_days):
        """This line's due date moved on by a pause of the service-level clocks."""
        self.ensure_one()
        if self.kind == "sla_first_response":
            if not paused_hours:
                return self.due_at
            return calendar._esc_business_hours_target(self.due_at, paused_hours)
        if not paused_days:
            return self.due_at
        due_day = calendar._esc_local_date(self.due_at)
        return calendar._esc_day_end(calendar._esc_legal_due_date(due_day, paused_days))

    def _esc_update_states(self, now):
        """Set each running line's state at ``now``, in batch: one business-day index per
        company and one statement per state, whatever the number of cases."""
        ids_by_state = defaultdict(list)
        for company, lines in self.grouped("company_id").items():
            calendar = company.esc_pqrs_calendar_id
            today = calendar._esc_local_date(now)
            due_days = {line: calendar._esc_local_date(line.due_at) for line in lines}
            index = BusinessDayIndex(
                calendar._esc_business_days, today, max([today, *due_days.values()])
            )
            for line, due_day in due_days.items():
                if now > line.due_at:
                    state = "breached"
                elif index.count_between(today, due_day) <= company.esc_risk_days:
                    state = "at_risk"
                else:
                    state = "on_track"
                if line.state != state:
                    ids_by_state[state].append(line.id)
        self._esc_write_running_states(ids_by_state)

    def _esc_write_running_states(self, ids_by_state):
        """Write states that move between running states (on track, at risk, breached,
        paused) in one UPDATE each, and copy them to the cases showing those lines.

        The ORM would send one statement per hundred lines and recompute every case's
        earliest unmet line; a move between running states cannot change which line that
        is, so only the copied state needs writing."""
        if not ids_by_state:
            return
        line_ids = [line_id for ids in ids_by_state.values() for line_id in ids]
        self.env["esc.pqrs"].flush_model(["next_deadline_id", "next_deadline_state"])
        self.flush_model(["state"])
        for state, ids in ids_by_state.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE esc_pqrs_deadline SET state = %s, write_uid = %s, "
                    "write_date = (now() at time zone 'UTC') WHERE id = ANY(%s)",
                    state,
                    self.env.uid,
                    ids,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE esc_pqrs SET next_deadline_state = line.state "
                "FROM esc_pqrs_deadline line "
                "WHERE line.id = ANY(%s) AND esc_pqrs.id = line.pqrs_id "
                "AND esc_pqrs.next_deadline_id = line.id "
                "AND esc_pqrs.next_deadline_state IS DISTINCT FROM line.state "
                "RETURNING esc_pqrs.id",
                line_ids,
            )
        )
        case_ids = [case_id for (case_id,) in self.env.cr.fetchall()]
        self.browse(line_ids).invalidate_recordset(["state", "write_uid", "write_date"])
        self.env["esc.pqrs"].browse(case_ids).invalidate_recordset(["next_deadline_state"])
