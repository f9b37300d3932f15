# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

ESCALATION_MODEL = "esc.pqrs.escalation"


class MailMail(models.Model):
    """E-mails about a case written without a message the customer would see (the
    composer in mass mode, ``mail.template.send_mail``) meet the same rule as messages; those
    about an escalation reach staff only."""

    _inherit = "mail.mail"

    @api.model_create_multi
    def create(self, vals_list):
        mails = super().create(vals_list)
        on_cases = mails.filtered(lambda mail: mail.sudo().model == "esc.pqrs" and mail.res_id)
        if on_cases:
            self.env["esc.pqrs"]._esc_check_new_mails(on_cases)
        on_escalations = mails.filtered(lambda mail: mail.sudo().model == ESCALATION_MODEL)
        if on_escalations:
            self.env[ESCALATION_MODEL]._esc_check_new_mails(on_escalations)
        return mails
