# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A test of a mailing goes to the addresses typed in: to colleagues freely, to a customer only
as any sending to customers does (approved content, sent by Customer Service)."""

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, email_split


class MailingMailingTest(models.TransientModel):
    _inherit = "mailing.mailing.test"

    def send_mail_test(self):
        for wizard in self:
            wizard._esc_check_test_recipients()
        return super().send_mail_test()

    def _esc_check_test_recipients(self):
        self.ensure_one()
        emails = {
            email_normalize(address)
            for line in (self.email_to or "").splitlines()
            for address in email_split(line)
        } - {False}
        if self.env["res.partner"]._esc_customer_addresses(emails=emails):
            refusal = self.mass_mailing_id._esc_customer_refusal()
            if refusal:
                raise UserError(refusal)
