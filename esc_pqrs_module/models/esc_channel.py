# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pytz import utc

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.resource.models.utils import Intervals

CHANNEL_KINDS = [
    ("email", "E-mail"),
    ("portal", "Customer Portal"),
    ("web_form", "Web Form"),
    ("phone", "Phone"),
    ("whatsapp", "WhatsApp"),
    ("messaging", "Instant Messaging"),
    ("visit", "Visit"),
    ("commercial_visit", "Commercial Visit"),
    ("technical_visit", "Technical Visit"),
    ("letter", "Letter"),
    ("system_sync", "System Sync"),
    ("other", "Other"),
]
#: The lifecycle, in the only order a channel moves through it.
CHANNEL_STATES = [
    ("proposed", "Proposed"),
    ("pilot", "Pilot"),
    ("official", "Official"),
    ("retired", "Retired"),
]
STATE_ORDER = [state for state, _label in CHANNEL_STATES]


class EscChannel(models.Model):
    """A relationship channel (policy, GESTIONAR CANALES): Customer Service evaluates and
    introduces it, sets the guidelines for the area that runs it, and manages its performance
    and availability. Only official channels take new PQRS (GESTIONAR PQRS 2); a retired one
    keeps its cases, incidents and figures."""

    _name = "esc.channel"
    _description = "Relationship Channel"
    _inherit = ["mail.thread", "esc.workflow.mixin"]
    _order = "sequence, name"

    _esc_step_fields = frozenset({"state", "is_official"})

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CHANNEL_KINDS, required=True, default="email", tracking=True)
    state = fields.Selection(
        CHANNEL_STATES,
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
        help="Moved forward only, by a Customer Service administrator, with the reason.",
    )
    is_official = fields.Boolean(
        string="Official",
        compute="_compute_is_official",
        store=True,
        help="Customer Service approved it as an official channel of attention.",
    )
    area_id = fields.Many2one(
        "esc.area", string="Owning Area", tracking=True, help="The area that runs the channel."
    )
    guidelines = fields.Html(help="How the owning area must run the channel.")
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Service Hours",
        default=lambda self: self.env.company.esc_pqrs_calendar_id,
        help="When the channel must be available; its leaves (public holidays) are not service "
        "time. Availability is measured against it.",
    )
    move_ids = fields.One2many("esc.channel.move", "channel_id", string="Lifecycle")
    incident_ids = fields.One2many("esc.channel.incident", "channel_id", string="Incidents")
    performance_ids = fields.One2many("esc.channel.performance", "channel_id")
    active = fields.Boolean(default=True)

    _sql_constraints = (("code_unique", "unique (code)", "Another channel already has this code."),)

    @api.depends("state")
    def _compute_is_official(self):
        for channel in self:
            channel.is_official = channel.state == "official"

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._esc_guard_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unused_proposals(self):
        """A channel that went past a proposal has a history; it is retired, never deleted."""
        used = self.filtered(lambda channel: channel.state != "proposed")
        if used:
            raise UserError(
                _(
                    "Channel %(channel)s is %(state)s: it keeps its history and cannot be "
                    "deleted; retire it instead.",
                    channel=used[0].display_name,
                    state=used[0]._esc_state_label(),
                )
            )

    def action_esc_move(self):
        """Open the wizard that moves the channel to the state of the button, with the why."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Move Channel"),
            "res_model": "esc.channel.move.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_channel_id": self.id,
                "default_to_state": self.env.context.get("esc_to_state"),
            },
        }

    def _esc_move(self, to_state, reason):
        """Move the channel forward to ``to_state`` and record who, when and why."""
        self.ensure_one()
        self._esc_check_move(to_state, reason)
        move = (
            self.env["esc.channel.move"]
            .sudo()
            .create(
                {
                    "channel_id": self.id,
                    "from_state": self.state,
                    "to_state": to_state,
                    "user_id": self.env.user.id,
                    "reason": reason.strip(),
                }
            )
        )
        self.sudo().state = to_state
        self.message_post(
            body=_(
                "Moved to %(state)s: %(reason)s",
                state=self._esc_state_label(),
                reason=move.reason,
            )
        )
        return move

    def _esc_check_move(self, to_state, reason):
        if not self.env.user.has_group("esc_pqrs_module.group_esc_service_admin"):
            raise AccessError(
                _(
                    "Channel %(channel)s: only a Customer Service administrator moves a channel "
                    "through its lifecycle.",
                    channel=self.display_name,
                )
            )
        if to_state not in STATE_ORDER or STATE_ORDER.index(to_state) <= STATE_ORDER.index(
            self.state
        ):
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Channel %(channel)s is %(state)s and cannot move to %(target)s: a channel "
                    "only moves forward (proposed, pilot, official, retired).",
                    channel=self.display_name,
                    state=self._esc_state_label(),
                    target=labels.get(to_state, to_state),
                )
            )
        if not (reason or "").strip():
            raise UserError(
                _(
                    "Channel %(channel)s: say why it moves (field Reason).",
                    channel=self.display_name,
                )
            )

    def _esc_availability(self, start_at, end_at):
        """Incidents, service hours, hours down and availability (%) from ``start_at`` to ``end_at``
        (naive UTC): incidents count only within service hours, overlapping incidents once,
        an incident still open until ``end_at`` (or now, if earlier). Availability is
        ``None`` when the channel has no service hours in the period."""
        self.ensure_one()
        service = self._esc_service_intervals(start_at, end_at)
        incidents = self._esc_incident_intervals(start_at, end_at)
        service_hours = _hours(service)
        down_hours = _hours(service & incidents)
        return {
            "incident_count": len(
                self.env["esc.channel.incident"].union(
                    *(records for _start, _stop, records in incidents)
                )
            ),
            "service_hours": service_hours,
            "down_hours": down_hours,
            "availability": (
                100.0 * (service_hours - down_hours) / service_hours if service_hours else None
            ),
        }

    def _esc_service_intervals(self, start_at, end_at):
        calendar = self.calendar_id or self.env.company.esc_pqrs_calendar_id
        if not calendar:
            return Intervals()
        return calendar._work_intervals_batch(
            utc.localize(start_at), utc.localize(end_at), compute_leaves=True
        )[False]

    def _esc_incident_intervals(self, start_at, end_at):
        """The incidents clipped to the period (an open one lasting until now)."""
        until = min(end_at, fields.Datetime.now())
        spans = (
            (max(incident.started_at, start_at), min(incident.ended_at or until, end_at), incident)
            for incident in self.incident_ids
        )
        return Intervals(
            (utc.localize(begin), utc.localize(stop), incident)
            for begin, stop, incident in spans
            if begin < stop
        )


def _hours(intervals):
    return sum((stop - start).total_seconds() for start, stop, _records in intervals) / 3600.0
