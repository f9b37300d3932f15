# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mass SMS (a list's "Send SMS" on many records, in mass or comment mode, or many typed numbers)
reaches customers only as the SMS mailing of an approved request."""

from odoo import _, models
from odoo.exceptions import UserError

from ..models.esc_mass_communication import SERVICE_GROUP
from ..tools import mass_content


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _action_send_sms(self):
        for composer in self:
            if composer._esc_is_mass():
                composer._esc_check_mass_send()
        return super()._action_send_sms()

    def _esc_is_mass(self):
        """Many recipients at once: the mass mode, a message posted on several records, or
        several typed numbers."""
        if self.composition_mode == "mass":
            return True
        if self.composition_mode == "numbers":
            return len([n for n in (self.sanitized_numbers or "").split(",") if n]) > 1
        records = self._get_records()
        return records is not None and len(records) > 1

    def _esc_check_mass_send(self):
        self.ensure_one()
        if not self._esc_reaches_customers():
            return
        mailing = self.mailing_id
        user = self.env.user
        if mailing and (user._is_superuser() or user.has_group(SERVICE_GROUP)):
            refusal = mailing._esc_approval_refusal()
            if refusal:
                raise UserError(refusal)
            content = mass_content.text_content(self.body)
            if mass_content.fingerprint(content) == mailing.esc_mass_communication_id.sudo(
            ).content_hash:  # fmt: skip
                return
        raise UserError(
            _(
                "This SMS goes to many recipients and reaches customers: a mass communication "
                "to customers goes out only from Email Marketing, as the SMS mailing of a "
                "request approved by Customer Service, with exactly the approved text."
            )
        )

    def _esc_reaches_customers(self):
        partners = self.env["res.partner"]
        if self.composition_mode == "numbers":
            numbers = [n for n in (self.sanitized_numbers or "").split(",") if n]
            return bool(partners._esc_customer_addresses(phones=numbers))
        records = self._get_records()
        if not records:
            return False
        return partners._esc_reaches_customers(records._name, [("id", "in", records.ids)])
