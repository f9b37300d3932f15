# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscSegment(models.Model):
    """A customer segment and the service it is promised (its value proposition)."""

    _name = "esc.segment"
    _description = "Customer Segment"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    value_proposition = fields.Html(
        help="What the company promises customers of this segment; its service levels are "
        "the SLA rules."
    )
    sla_rule_ids = fields.One2many("esc.sla.rule", "segment_id", string="SLA Rules")

    _sql_constraints = (("code_unique", "unique (code)", "Another segment already has this code."),)
