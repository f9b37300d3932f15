# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mass e-mail of any list (Contacts' "Send email" on many records) reaches customers only as
the mailing of an approved request: no mass communication goes around the gate."""

from odoo import _, models
from odoo.exceptions import UserError

from ..models.esc_mass_communication import SERVICE_GROUP
from ..tools import mass_content


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        for composer in self:
            if composer._esc_is_mass():
                composer._esc_check_mass_send()
        return super()._action_send_mail(auto_commit=auto_commit)

    def _esc_is_mass(self):
        """One message to several records. Odoo also uses the mass mode for one record (a
        template sent with ``message_mail_with_source``): that is a message, not a mass
        communication, and the case's own rules govern it."""
        if not self.model or not (self.composition_mode == "mass_mail" or self.composition_batch):
            return False
        records = self.env[self.model].sudo().with_context(active_test=False)
        return records.search_count(self._esc_records_domain(), limit=2) > 1

    def _esc_check_mass_send(self):
        """Refuse a message to many records that reaches a customer, unless it is the approved
        mailing sending itself (by Customer Service, or by the queue job)."""
        self.ensure_one()
        if not self._esc_reaches_customers():
            return
        mailing = self.mass_mailing_id
        if mailing and self._esc_sent_by_service_or_queue():
            refusal = mailing._esc_approval_refusal()
            if refusal:
                raise UserError(refusal)
            if self._esc_fingerprint() == mailing.esc_mass_communication_id.sudo().content_hash:
                return
        raise UserError(
            _(
                "This message goes to many %(model)s records and reaches customers: a mass "
                "communication to customers goes out only from Email Marketing, as the mailing "
                "of a request approved by Customer Service, with exactly the approved content.",
                model=self.env["ir.model"]._get(self.model).display_name,
            )
        )

    def _esc_sent_by_service_or_queue(self):
        user = self.env.user
        return user._is_superuser() or user.has_group(SERVICE_GROUP)

    def _esc_records_domain(self):
        if self.res_domain:
            return self._evaluate_res_domain()
        return [("id", "in", self._evaluate_res_ids())]

    def _esc_reaches_customers(self):
        if not self.model:
            return False
        partners = self.env["res.partner"]
        domain = self._esc_records_domain()
        if self.composition_mode == "mass_mail" and partners._esc_reaches_customers(
            self.model, domain
        ):
            return True
        # Comment mode notifies the records' followers and the partners added to the message.
        records = self.env[self.model].sudo().search(domain)
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", self.model), ("res_id", "in", records.ids)])
        )
        recipients = self.partner_ids | followers.partner_id
        return bool(
            recipients
            and partners.sudo()
            .with_context(active_test=False)
            .search_count(partners._esc_customer_domain() + [("id", "in", recipients.ids)], limit=1)
        )

    def _esc_fingerprint(self):
        content = mass_content.html_content(
            self.subject,
            self.body,
            self.attachment_ids.sudo().mapped("checksum"),
            self.env["esc.mass.communication"]._esc_resolve_tracked_link,
        )
        return mass_content.fingerprint(content)
