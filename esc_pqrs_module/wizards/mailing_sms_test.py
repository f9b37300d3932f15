# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A test SMS to a customer's number is a sending to a customer: the gate applies."""

from odoo import models
from odoo.exceptions import UserError


class MailingSmsTest(models.TransientModel):
    _inherit = "mailing.sms.test"

    def action_send_sms(self):
        for wizard in self:
            wizard._esc_check_test_recipients()
        return super().action_send_sms()

    def _esc_check_test_recipients(self):
        self.ensure_one()
        numbers = {
            self.env.user._phone_format(number=line.strip())
            for line in (self.numbers or "").splitlines()
        } - {False, None}
        if self.env["res.partner"]._esc_customer_addresses(phones=numbers):
            refusal = self.mailing_id._esc_customer_refusal()
            if refusal:
                raise UserError(refusal)
