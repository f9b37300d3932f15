# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscClaimRootCause(models.Model):
    """Why a product failed its warranty, as Quality classifies it. A configurable list rather
    than free text, so that claims can be counted by cause and improvement plans aimed at
    the causes that repeat."""

    _name = "esc.claim.root.cause"
    _description = "Claim Root Cause"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("name_unique", "unique (name)", "Another claim root cause already has this name."),
    ]
