# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

STAKEHOLDER_GROUPS = [
    ("customer", "Customer"),
    ("distributor", "Distributor"),
    ("supplier", "Supplier"),
    ("employee", "Employee"),
    ("shareholder", "Shareholder"),
    ("community", "Community"),
    ("authority", "Authority"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    esc_segment_id = fields.Many2one(
        "esc.segment",
        string="Segment",
        index=True,
        help="Customer segment; set on the company, it holds for all its contacts.",
    )
    esc_market = fields.Char(string="Market", help="Market or industry the customer serves.")
    esc_stakeholder_group = fields.Selection(
        STAKEHOLDER_GROUPS, string="Stakeholder Group", default="customer"
    )
    esc_needs_review = fields.Boolean(
        string="Needs Review",
        help="Created by a PQRS from an e-mail or web form sender the company did not know: "
        "Customer Service checks it and attaches it to its company.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "esc_segment_id",
            "esc_market",
            "esc_stakeholder_group",
        ]
