# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EscChannelCompareWizard(models.TransientModel):
    """The figures of several channels for one period, computed now, side by side."""

    _name = "esc.channel.compare.wizard"
    _description = "Compare Channels"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - timedelta(days=1)
        ).replace(day=1),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1) - timedelta(days=1),
    )
    channel_ids = fields.Many2many(
        "esc.channel",
        string="Channels",
        required=True,
        default=lambda self: self._default_channels(),
    )

    @api.model
    def _default_channels(self):
        active_ids = self.env.context.get("active_model") == "esc.channel" and self.env.context.get(
            "active_ids"
        )
        if active_ids:
            return self.env["esc.channel"].browse(active_ids)
        return self.env["esc.channel"].search([("state", "in", ("pilot", "official"))])

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    _(
                        "Channel comparison: the field %(to_field)s (%(to)s) is before the "
                        "field %(from_field)s (%(from)s).",
                        to_field=self._fields["date_to"]._description_string(self.env),
                        to=wizard.date_to,
                        from_field=self._fields["date_from"]._description_string(self.env),
                        **{"from": wizard.date_from},
                    )
                )

    def action_compare(self):
        self.ensure_one()
        figures = self.env["esc.channel.performance"]._esc_for_period(
            self.channel_ids, self.date_from, self.date_to
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "esc_pqrs_module.esc_channel_performance_action"
        )
        action.update(
            name=_("Channels, %(start)s to %(end)s", start=self.date_from, end=self.date_to),
            domain=[("id", "in", figures.ids)],
            context={},
        )
        return action
