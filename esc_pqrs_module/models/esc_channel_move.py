# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .esc_channel import CHANNEL_STATES


class EscChannelMove(models.Model):
    """One step of a channel's lifecycle: who moved it, when, from where to where and why.
    Written only by the move itself (as superuser); nobody edits or deletes it."""

    _name = "esc.channel.move"
    _description = "Channel Lifecycle Step"
    _order = "moved_at desc, id desc"

    channel_id = fields.Many2one("esc.channel", required=True, ondelete="cascade", index=True)
    from_state = fields.Selection(CHANNEL_STATES, string="From", required=True)
    to_state = fields.Selection(CHANNEL_STATES, string="To", required=True)
    user_id = fields.Many2one("res.users", string="Moved By", required=True)
    moved_at = fields.Datetime(string="Moved On", required=True, default=fields.Datetime.now)
    reason = fields.Text(required=True)
