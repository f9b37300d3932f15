# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EscArea(models.Model):
    """An area that solves the PQRS Customer Service escalates to it."""

    _name = "esc.area"
    _description = "Responsible Area"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    manager_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    member_ids = fields.Many2many(
        "res.users",
        "esc_area_res_users_rel",
        "area_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    escalation_days = fields.Integer(
        string="Days to Answer (business days)",
        default=3,
        help="Business days the area has, by default, to answer what Customer Service "
        "escalates to it; never later than the case allows.",
    )

    @api.constrains("escalation_days")
    def _check_escalation_days(self):
        for area in self:
            if area.escalation_days < 1:
                raise ValidationError(
                    _(
                        "Area %(area)s: the days to answer an escalation must be at least 1 "
                        "business day (it is %(days)s).",
                        area=area.display_name,
                        days=area.escalation_days,
                    )
                )

    def _esc_responders(self):
        """The users who may answer for this area: its members and its manager."""
        self.ensure_one()
        return self.member_ids | self.manager_id
