# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class EscPqrs(models.Model):
    """Relevant information a customer gave on a case is reported from the case."""

    _inherit = "esc.pqrs"

    def action_esc_report_customer_info(self):
        self.ensure_one()
        return self.env["esc.customer.info"]._esc_report_action(self.partner_id, self)
