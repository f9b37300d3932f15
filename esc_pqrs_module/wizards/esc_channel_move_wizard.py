# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.esc_channel import CHANNEL_STATES


class EscChannelMoveWizard(models.TransientModel):
    """A Customer Service administrator moves a channel forward, saying why."""

    _name = "esc.channel.move.wizard"
    _description = "Move a Channel Through Its Lifecycle"

    channel_id = fields.Many2one("esc.channel", required=True)
    from_state = fields.Selection(related="channel_id.state", string="From")
    to_state = fields.Selection(CHANNEL_STATES, string="To", required=True)
    reason = fields.Text(required=True)

    def action_move(self):
        self.ensure_one()
        self.channel_id._esc_move(self.to_state, self.reason)
        return {"type": "ir.actions.act_window_close"}
