# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate: a mailing that reaches customers goes out only as Customer Service approved it.

Who is a customer is ``res.partner._esc_customer_domain`` (the README says it in words). A
mailing none of whose recipients is a customer (an internal mailing to employees, a supplier
list) is not gated. One that reaches a customer is tested to customers, queued, scheduled or
sent only when it is linked to an approved request whose approved fingerprint is the mailing's
fingerprint now, and the approver is in Customer Service; a person who launches, schedules,
tests to customers or sends it must be in Customer Service too. The queue job sends as OdooBot,
so at send time the approval and its approver are checked, not the user.

Every path of Odoo 18 that sends ends in one of the checks below: the actions (refused early
with a clear message), ``write`` of the state or the schedule (what the actions and RPC do),
``_action_send_mail`` (the queue job and "Send now"), and the composers and test wizards, which
have their own files.
"""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import mass_content
from .esc_mass_communication import SERVICE_GROUP

#: States in which the queue job sends a mailing.
SENDING_STATES = ("in_queue", "sending")
#: Writing any of these on a queued mailing passes the gate again (RPC included).
GATED_FIELDS = frozenset(
    {
        "schedule_date",
        "esc_mass_communication_id",
        "mailing_model_id",
        "mailing_domain",
        "contact_list_ids",
    }
)
#: The fields whose change is a change of what the reader gets.
MAILING_CONTENT_FIELDS = frozenset(
    {"subject", "preview", "body_html", "body_arch", "body_plaintext", "attachment_ids"}
)


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    esc_mass_communication_id = fields.Many2one(
        "esc.mass.communication",
        string="Mass Communication Request",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The request Customer Service approved; a mailing that reaches customers is sent "
        "only while its content is the approved one.",
    )
    esc_reaches_customers = fields.Boolean(
        string="Reaches Customers",
        compute="_compute_esc_reaches_customers",
        help="At least one recipient is a customer: only an approved request lets it go out.",
    )
    esc_sending_refusal = fields.Char(
        string="Why It Cannot Be Sent", compute="_compute_esc_reaches_customers"
    )

    @api.depends(
        "mailing_model_real", "mailing_domain", "contact_list_ids", "esc_mass_communication_id",
        "subject", "preview", "body_html", "body_plaintext", "attachment_ids",
    )  # fmt: skip
    def _compute_esc_reaches_customers(self):
        for mailing in self:
            reaches = bool(mailing.id) and mailing._esc_reaches_customers()
            mailing.esc_reaches_customers = reaches
            mailing.esc_sending_refusal = reaches and mailing._esc_approval_refusal() or False

    # ORM
    # An edit of a linked mailing's content becomes its request's content when the editor may
    # change that request (its requester, Customer Service); anyone else's edit only makes the
    # mailing unsendable, and leaves the request as it was.

    @api.model_create_multi
    def create(self, vals_list):
        mailings = super().create(vals_list)
        mailings.filtered(lambda m: m.state in SENDING_STATES)._esc_check_sending(
            check_user=not self.env.user._is_superuser()
        )
        return mailings

    def write(self, vals):
        edited = self.browse()
        if MAILING_CONTENT_FIELDS & set(vals) and not self.env.context.get("esc_from_request"):
            edited = self.filtered(lambda m: m.esc_mass_communication_id.has_access("write"))
        before = {mailing: mailing._esc_fingerprint() for mailing in edited}
        result = super().write(vals)
        for mailing in edited:
            if mailing._esc_fingerprint() != before[mailing]:
                mailing.esc_mass_communication_id._esc_take_mailing_content(mailing)
        if vals.get("state") in SENDING_STATES or GATED_FIELDS & set(vals):
            self.filtered(lambda m: m.state in SENDING_STATES)._esc_check_sending(
                check_user=not self.env.user._is_superuser()
            )
        if vals.get("state") == "done":
            self.esc_mass_communication_id.sudo()._esc_record_sent()
        return result

    # Actions: each refuses early, before Odoo's own code opens a dialog or copies a mailing.

    def action_launch(self):
        self._esc_check_sending()
        return super().action_launch()

    def action_schedule(self):
        self._esc_check_sending()
        return super().action_schedule()

    def action_put_in_queue(self):
        self._esc_check_sending()
        return super().action_put_in_queue()

    def action_retry_failed(self):
        self._esc_check_sending()
        return super().action_retry_failed()

    def action_send_winner_mailing(self):
        self._esc_check_sending()
        return super().action_send_winner_mailing()

    def action_select_as_winner(self):
        self._esc_check_sending()
        return super().action_select_as_winner()

    def action_send_mail(self, res_ids=None):
        self._esc_check_sending(res_ids=res_ids)
        return super().action_send_mail(res_ids=res_ids)

    def action_send_sms(self, res_ids=None):
        self._esc_check_sending(check_user=not self.env.user._is_superuser(), res_ids=res_ids)
        return super().action_send_sms(res_ids=res_ids)

    def _action_send_mail(self, res_ids=None):
        """What the queue job and "Send now" end in: the approval and its approver decide."""
        self._esc_check_sending(check_user=False, res_ids=res_ids)
        return super()._action_send_mail(res_ids=res_ids)

    @api.model
    def _process_mass_mailing_queue(self):
        """The queue skips a mailing it may not send: back to draft, with the reason on it and
        on its request, and the other mailings go on."""
        due = self.search(
            [
                ("state", "in", SENDING_STATES),
                "|",
                ("schedule_date", "<", fields.Datetime.now()),
                ("schedule_date", "=", False),
            ]
        )
        for mailing in due:
            refusal = mailing._esc_sending_refusal(check_user=False)
            if refusal:
                mailing._esc_skip(refusal)
        return super()._process_mass_mailing_queue()

    # The gate

    def _esc_check_sending(self, check_user=True, res_ids=None):
        """``res_ids``: the records a caller asks to send to instead of the audience (a public
        argument of ``action_send_mail``: they are checked as the audience is)."""
        for mailing in self:
            refusal = mailing._esc_sending_refusal(check_user=check_user, res_ids=res_ids)
            if refusal:
                raise UserError(refusal)

    def _esc_sending_refusal(self, check_user=True, res_ids=None):
        """Why this mailing may not go out now, or ``False``."""
        self.ensure_one()
        if not self._esc_reaches_customers(res_ids):
            return False
        return self._esc_customer_refusal(check_user=check_user)

    def _esc_customer_refusal(self, check_user=True):
        """Why this mailing may not reach a customer (its audience, or a test address), or
        ``False``."""
        self.ensure_one()
        refusal = self._esc_approval_refusal()
        if refusal or not check_user or self.env.user.has_group(SERVICE_GROUP):
            return refusal
        return _(
            "The mailing %(mailing)s reaches customers: only Customer Service sends it, and "
            "%(user)s is not in Customer Service.",
            mailing=self.display_name,
            user=self.env.user.name,
        )

    def _esc_approval_refusal(self):
        """Why the mailing's content is not approved for customers, or ``False``."""
        self.ensure_one()
        request = self.esc_mass_communication_id.sudo()
        if not request:
            return _(
                "The mailing %(mailing)s reaches customers: it may go out only from a mass "
                "communication request approved by Customer Service, and it is linked to none.",
                mailing=self.display_name,
            )
        if request.state not in ("approved", "sent"):
            return _(
                "The mailing %(mailing)s reaches customers and its request %(request)s is "
                "%(state)s, not approved by Customer Service.",
                mailing=self.display_name,
                request=request.display_name,
                state=request._esc_state_label(),
            )
        if not request.approved_by_id.has_group(SERVICE_GROUP):
            return _(
                "The mailing %(mailing)s: its request %(request)s was approved by "
                "%(approver)s, who is not in Customer Service.",
                mailing=self.display_name,
                request=request.display_name,
                approver=request.approved_by_id.name,
            )
        if self._esc_fingerprint() != request.content_hash:
            return _(
                "The mailing %(mailing)s: its content is not the one Customer Service approved "
                "in request %(request)s (it changed after the approval); the request must be "
                "approved again.",
                mailing=self.display_name,
                request=request.display_name,
            )
        return False

    def _esc_reaches_customers(self, res_ids=None):
        self.ensure_one()
        domain = [("id", "in", list(res_ids))] if res_ids else self._get_recipients_domain()
        return self.env["res.partner"]._esc_reaches_customers(self.mailing_model_real, domain)

    def _esc_fingerprint(self):
        """The fingerprint of what this mailing's reader gets, as its request computes it."""
        self.ensure_one()
        if self.mailing_type == "sms":
            content = mass_content.text_content(self.body_plaintext)
        else:
            content = mass_content.html_content(
                self.subject,
                self._prepend_preview(self.body_html or "", self.preview),
                self.attachment_ids.sudo().mapped("checksum"),
                self.env["esc.mass.communication"]._esc_resolve_tracked_link,
            )
        return mass_content.fingerprint(content)

    def _esc_skip(self, refusal):
        self.sudo().write({"state": "draft"})
        body = Markup("<p>%s</p>") % _(
            "The sending queue did not send this mailing: %(reason)s", reason=refusal
        )
        self.sudo().message_post(
            body=body, subtype_xmlid="mail.mt_note", partner_ids=self.user_id.partner_id.ids
        )
        if self.esc_mass_communication_id:
            self.esc_mass_communication_id.sudo().message_post(
                body=body, subtype_xmlid="mail.mt_note"
            )
