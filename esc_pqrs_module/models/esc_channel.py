# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CHANNEL_KINDS = [
    ("email", "E-mail"),
    ("portal", "Customer Portal"),
    ("web_form", "Web Form"),
    ("phone", "Phone"),
    ("messaging", "Instant Messaging"),
    ("visit", "Visit"),
    ("letter", "Letter"),
    ("other", "Other"),
]


class EscChannel(models.Model):
    """A relationship channel. Only official ones may receive PQRS (policy, GESTIONAR PQRS
    2)."""

    _name = "esc.channel"
    _description = "Relationship Channel"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(CHANNEL_KINDS, required=True, default="email")
    is_official = fields.Boolean(
        string="Official",
        default=True,
        help="Customer Service approved it as an official channel of attention.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = (("code_unique", "unique (code)", "Another channel already has this code."),)
