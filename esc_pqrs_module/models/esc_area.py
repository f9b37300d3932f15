# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
