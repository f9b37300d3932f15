# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .res_partner import STAKEHOLDER_GROUPS


class EscStakeholderGroup(models.Model):
    """A stakeholder group as something to choose several of (a mass communication's audience);
    the partner's own field stays a selection. One record per value of that selection, shipped
    as data; ``code`` is the selection's value."""

    _name = "esc.stakeholder.group"
    _description = "Stakeholder Group"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(STAKEHOLDER_GROUPS, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [("code_unique", "unique(code)", "Each stakeholder group exists once.")]
