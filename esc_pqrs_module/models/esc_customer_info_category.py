# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscCustomerInfoCategory(models.Model):
    """What kind of relevant customer information a report holds (policy's list: contacts,
    addresses, phones, sector and market information, credit information, change of owner,
    change of property, financial information). A confidential category makes its reports
    readable only by the groups that may see them."""

    _name = "esc.customer.info.category"
    _description = "Customer Information Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="How other systems name the category (esc-sync push info): short, never translated."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    confidential = fields.Boolean(
        help="Credit and financial information: its reports are read only by the Credit group "
        "and Customer Service administrators, and by whoever reported them.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another category already has this code."),
    ]
