# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_datetime


class EscChannelIncident(models.Model):
    """A time the channel was down or degraded. Availability counts it within the channel's
    service hours; one still open (no end) counts until now."""

    _name = "esc.channel.incident"
    _description = "Channel Incident"
    _inherit = ["mail.thread"]
    _order = "started_at desc, id desc"

    channel_id = fields.Many2one(
        "esc.channel", required=True, ondelete="restrict", index=True, tracking=True
    )
    started_at = fields.Datetime(string="Start", required=True, tracking=True)
    ended_at = fields.Datetime(string="End", tracking=True, help="Empty while it lasts.")
    cause = fields.Char(required=True, tracking=True)
    effect = fields.Text(help="What customers could not do, and what was done meanwhile.")
    reported_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    @api.depends("channel_id", "started_at")
    def _compute_display_name(self):
        for incident in self:
            started = format_datetime(self.env, incident.started_at) if incident.started_at else ""
            incident.display_name = f"{incident.channel_id.display_name or ''} {started}".strip()

    @api.constrains("started_at", "ended_at")
    def _check_end_after_start(self):
        for incident in self:
            if incident.ended_at and incident.ended_at <= incident.started_at:
                raise ValidationError(
                    _(
                        "Incident of channel %(channel)s (%(cause)s): the field %(end)s "
                        "(%(ended)s) must be after the field %(start)s (%(started)s).",
                        channel=incident.channel_id.display_name,
                        cause=incident.cause,
                        end=self._fields["ended_at"]._description_string(self.env),
                        ended=format_datetime(self.env, incident.ended_at),
                        start=self._fields["started_at"]._description_string(self.env),
                        started=format_datetime(self.env, incident.started_at),
                    )
                )
