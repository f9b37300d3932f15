# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who speaks to the customer on a case, and what a message means for its deadlines.

Policy: every post-sale interaction carries Customer Service's signature, so only Customer
Service reaches a customer, or any partner who is not staff, from a case. The rule is checked
where every path ends, the creation of a case's ``mail.message`` and ``mail.mail``, and for
the user who acts (``sudo`` keeps it): ``message_post`` and ``message_notify``, templates
(``message_post_with_source``, ``message_mail_with_source``, ``mail.template.send_mail``), the
composer in every mode, the chatter's routes and direct RPC calls all meet it.

``_mail_post_access`` stays ``read``: responsible areas and Quality only read a case yet post
internal notes on it, and customers post on their own cases. What each of them may post is
decided here, on the message itself, not by the access mode.
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize_all

from .esc_pqrs import SERVICE_GROUP

#: What a message says and to whom: only the system changes it once the message exists.
MESSAGE_CONTENT_FIELDS = frozenset(
    {
        "attachment_ids",
        "author_guest_id",
        "author_id",
        "body",
        "date",
        "email_from",
        "is_internal",
        "message_type",
        "model",
        "parent_id",
        "partner_ids",
        "res_id",
        "subject",
        "subtype_id",
    }
)


class EscPqrsMessaging(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited
    _mail_post_access = "read"

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if self._esc_is_staff_reply(message):
            self.sudo()._esc_mark_met(["sla_first_response"], message.date)
        elif self._esc_is_customer_message(message):
            self.sudo()._esc_inform_of_customer_reply(message)
        return message

    def _message_update_content(
        self, message, body, attachment_ids=None, partner_ids=None, **kwargs
    ):
        """Editing (or, from the chatter, emptying) a message after the fact: never a legal
        notice, never what the customer already received, and never to add outsiders."""
        self._esc_check_message_edit(message, partner_ids or [])
        return super()._message_update_content(
            message, body, attachment_ids=attachment_ids, partner_ids=partner_ids, **kwargs
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

    # Checks, called by mail.message and mail.mail for the messages and mails of cases

    @api.model
    def _esc_is_system(self):
        """The superuser (scheduled actions, data files, e-mail fetched by Odoo) and Settings
        administrators (who may run any code, and whose login Odoo's mail gateway script
        uses) write on behalf of others; nobody else does."""
        user = self.env.user
        return user._is_superuser() or user._is_system()

    @api.model
    def _esc_check_new_messages(self, messages, explicit_values):
        """Refuse, before anything is notified, a case message the acting user may not
        write. ``explicit_values`` are the values the caller gave (context defaults
        included): only they tell a chosen author or date from a default one."""
        if self._esc_is_system():
            return
        for message, values in zip(messages.sudo(), explicit_values, strict=True):
            case = self.sudo().browse(message.res_id)
            refusal = case._esc_message_refusal(message, values)
            if refusal:
                raise AccessError(
                    _(
                        "This message cannot be written on PQRS %(case)s: %(reason)s",
                        case=case.display_name,
                        reason=refusal,
                    )
                )

    def _esc_message_refusal(self, message, values):
        """Why the current user may not write ``message`` on this case, or None."""
        user = self.env.user
        if values.get("date") and abs(
            fields.Datetime.to_datetime(values["date"]) - fields.Datetime.now()
        ) > timedelta(minutes=1):
            return _(
                "a message is dated when it is written; %(user)s may not date it.", user=user.name
            )
        author_id = values.get("author_id")
        if (
            author_id
            and author_id != user.partner_id.id
            and not self._esc_is_customer_side(self.env["res.partner"].browse(author_id), user)
        ):
            return _(
                "%(user)s may not write on behalf of %(author)s.",
                user=user.name,
                author=message.author_id.display_name,
            )
        if user.share:
            strangers = message.partner_ids.filtered(
                lambda partner: (
                    self._esc_is_outsider(partner)
                    and partner.commercial_partner_id != self.commercial_partner_id
                )
            )
            if strangers:
                return _(
                    "%(user)s may address only Customer Service and their own company.",
                    user=user.name,
                )
            return None
        if user.has_group(SERVICE_GROUP):
            return None
        if self._esc_is_customer_visible(message) or message.partner_ids.filtered(
            self._esc_is_outsider
        ):
            return self._esc_not_service_refusal()
        return None

    @api.model
    def _esc_check_new_mails(self, mails):
        """Refuse an e-mail about a case, to anyone but staff, sent by staff other than
        Customer Service: the composer in mass mode and ``mail.template.send_mail`` write
        e-mails without posting a message the customer would see."""
        user = self.env.user
        if self._esc_is_system() or user.share or user.has_group(SERVICE_GROUP):
            return
        for mail in mails.sudo():
            if self._esc_mail_reaches_outsiders(mail):
                raise AccessError(
                    _(
                        "This e-mail cannot be sent from PQRS %(case)s: %(reason)s",
                        case=self.sudo().browse(mail.res_id).display_name,
                        reason=self._esc_not_service_refusal(),
                    )
                )

    def _esc_check_message_edit(self, message, partner_ids):
        """A legal notice and what the customer received stay as they were sent."""
        message = message.sudo()
        refusal = None
        if self._esc_notices(message):
            refusal = self._esc_notice_refusal()
        elif self._esc_is_system():
            return
        elif self._esc_is_customer_visible(message):
            refusal = _("the customer received this message; it stays as it was sent.")
        elif not self.env.user.has_group(SERVICE_GROUP) and self.env["res.partner"].browse(
            partner_ids
        ).filtered(self._esc_is_outsider):
            refusal = self._esc_not_service_refusal()
        if refusal:
            self.sudo()._esc_refuse_message_change(refusal)

    @api.model
    def _esc_check_message_change(self, messages, vals):
        """Messages of a case are changed by the system alone, and a legal notice by
        nobody: Odoo's own code changes them as superuser, users edit through the chatter."""
        notices = self._esc_notices(messages)
        if notices and MESSAGE_CONTENT_FIELDS.intersection(vals):
            notices[:1]._esc_refuse_message_change(self._esc_notice_refusal())
        if not self.env.su and not self._esc_is_system():
            raise AccessError(
                _(
                    "PQRS messages are changed only through the chatter; %(user)s may not "
                    "change them directly.",
                    user=self.env.user.name,
                )
            )

    @api.model
    def _esc_check_message_deletion(self, messages):
        """Deleting a case's message: a legal notice never, the others only by the system."""
        if self._esc_notices(messages) or not (self.env.su or self._esc_is_system()):
            cases = self.sudo().browse(messages.sudo().mapped("res_id"))
            raise UserError(
                _(
                    "The messages of a PQRS are part of its record and cannot be deleted: "
                    "%(cases)s.",
                    cases=", ".join(cases.mapped("display_name")),
                )
            )

    # Helpers

    @api.model
    def _esc_notices(self, messages):
        """The cases whose legal notices are among ``messages``: the notices of their legal
        procedures and the messages that carried their official responses."""
        procedures = (
            self.env["esc.pqrs.procedure"].sudo().search([("notice_id", "in", messages.ids)])
        )
        responses = (
            self.env["esc.pqrs.response"].sudo().search([("message_id", "in", messages.ids)])
        )
        return procedures.pqrs_id | responses.pqrs_id

    @api.model
    def _esc_notice_refusal(self):
        return _(
            "this message is the notice of a legal procedure or an official response and stays "
            "as it was sent."
        )

    def _esc_refuse_message_change(self, refusal):
        raise UserError(
            _(
                "This message of PQRS %(case)s cannot be changed: %(reason)s",
                case=self.display_name,
                reason=refusal,
            )
        )

    def _esc_not_service_refusal(self):
        return _(
            "only Customer Service writes to the customer; %(user)s may post internal notes only.",
            user=self.env.user.name,
        )

    @api.model
    def _esc_is_customer_visible(self, message):
        """What a customer sees on the portal: Odoo's own rule for share users."""
        return (
            not message.is_internal and bool(message.subtype_id) and not message.subtype_id.internal
        )

    @api.model
    def _esc_is_outsider(self, partner):
        """A partner who is not staff: no internal user of this database."""
        users = partner.sudo().with_context(active_test=False).user_ids
        return not users.filtered(lambda user: not user.share)

    @api.model
    def _esc_mail_reaches_outsiders(self, mail):
        """Whether ``mail`` goes to a partner or an address that is not staff."""
        addresses = email_normalize_all(f"{mail.email_to or ''},{mail.email_cc or ''}")
        return bool(
            mail.recipient_ids.filtered(self._esc_is_outsider)
            or self._esc_outside_addresses(addresses)
        )

    @api.model
    def _esc_outside_addresses(self, addresses):
        """The e-mail addresses that belong to no internal user."""
        if not addresses:
            return []
        staff = (
            self.env["res.users"]
            .sudo()
            .search([("share", "=", False), ("email_normalized", "in", addresses)])
        )
        return sorted(set(addresses) - set(staff.mapped("email_normalized")))

    def _esc_is_customer_side(self, partner, user):
        """The customer's own people write as themselves; Odoo's portal also posts as the
        case's contact for a visitor holding the case's access token."""
        return user.share and partner.commercial_partner_id == self.commercial_partner_id
