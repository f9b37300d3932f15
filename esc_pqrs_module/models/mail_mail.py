# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MailMail(models.Model):
    """E-mails about a case written without a message the customer would see (the
    composer in mass mode, ``mail.template.send_mail``) meet the same rule as messages."""

    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        on_cases = mails.filtered(lambda mail: mail.sudo().model == "esc.pqrs" and mail.res_id)
        if on_cases:
            self.env["esc.pqrs"]._esc_check_new_mails(on_cases)
        return mails
