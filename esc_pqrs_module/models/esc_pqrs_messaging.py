# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who speaks to the customer on a case, and what a message means for its deadlines."""

from odoo import _, api, models
from odoo.exceptions import AccessError

from .esc_pqrs import SERVICE_GROUP


class EscPqrsMessaging(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    def message_post(self, **kwargs):
        self._esc_check_may_address_customer(kwargs)
        message = super().message_post(**kwargs)
        if self._esc_is_staff_reply(message):
            self.sudo()._esc_mark_met(["sla_first_response"], message.date)
        elif self._esc_is_customer_message(message):
            self.sudo()._esc_inform_of_customer_reply(message)
        return message

    def _esc_check_may_address_customer(self, post_values):
        """Only Customer Service speaks to the customer (policy: every post-sale interaction
        carries its signature). Other staff may post internal notes addressed to staff only;
        the customers themselves (portal users) may write on their cases."""
        user = self.env.user
        if self.env.su or user.share or user.has_group(SERVICE_GROUP):
            return
        subtype = self._esc_post_subtype(post_values)
        partners = self.env["res.partner"].browse(post_values.get("partner_ids") or [])
        outsiders = partners.filtered(
            lambda partner: not partner.user_ids or partner.user_ids.filtered("share")
        )
        if subtype.internal and not outsiders:
            return
        raise AccessError(
            _(
                "PQRS %(case)s: only Customer Service writes to the customer; %(user)s may post "
                "internal notes only.",
                case=", ".join(self.mapped("display_name")),
                user=self.env.user.display_name,
            )
        )

    @api.model
    def _esc_is_staff_reply(self, message):
        """A message the customer sees, written by a member of staff: it answers the case
        for the first-response service level."""
        return (
            message.message_type == "comment"
            and not message.subtype_id.internal
            and bool(message.author_id.user_ids.filtered(lambda user: not user.share))
        )

    def _esc_is_customer_message(self, message):
        """A message from the customer: someone of the customer's company writing on the
        portal or by e-mail, or an unknown sender replying by e-mail. Staff, the company's
        own address and the system are not the customer."""
        if message.message_type not in ("comment", "email") or message.subtype_id.internal:
            return False
        author = message.author_id
        return not author or author.commercial_partner_id == self.partner_id.commercial_partner_id

    def _esc_post_subtype(self, post_values):
        if post_values.get("subtype_id"):
            return self.env["mail.message.subtype"].browse(post_values["subtype_id"])
        return self.env.ref(post_values.get("subtype_xmlid") or "mail.mt_note")
