# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What Customer Service asks an area about a case, by when, and what the area said.

The area speaks to Customer Service, never to the customer: an escalation's messages reach
staff only, whoever posts them, and its answer lands on the case as an internal note. Every
field is written by the code that owns it (the escalation wizard, the answer wizard, an e-mail
reply, the reminder job), as superuser after its own checks: nobody edits an escalation.
"""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, is_html_empty

ESCALATION_STATES = [
    ("open", "Open"),
    ("overdue", "Overdue"),
    ("answered", "Answered"),
    ("rejected", "Not Ours"),
]
ANSWER_WIZARD = "esc.pqrs.escalation.answer.wizard"
#: States of an escalation still waiting for the area.
WAITING_STATES = ("open", "overdue")


class EscPqrsEscalation(models.Model):
    _name = "esc.pqrs.escalation"
    _description = "PQRS Escalation to an Area"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "due_date, id"
    _mail_post_access = "read"

    pqrs_id = fields.Many2one(
        "esc.pqrs", string="PQRS", required=True, readonly=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True, index=True)
    case_subject = fields.Char(related="pqrs_id.subject", string="Case Subject")
    area_id = fields.Many2one("esc.area", required=True, readonly=True, index=True)
    responder_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    question = fields.Text(required=True, readonly=True)
    due_date = fields.Date(string="Answer By", required=True, readonly=True, tracking=True)
    state = fields.Selection(
        ESCALATION_STATES, required=True, default="open", readonly=True, index=True, tracking=True
    )
    answer = fields.Html(readonly=True, sanitize=True)
    answer_attachment_ids = fields.Many2many(
        "ir.attachment", string="Answer Attachments", readonly=True
    )
    answered_at = fields.Datetime(string="Answered On", readonly=True)
    answered_by_id = fields.Many2one("res.partner", readonly=True)
    rejection_reason = fields.Text(string="Why Not Ours", readonly=True)
    redirect_area_id = fields.Many2one("esc.area", string="Ask Instead", readonly=True)
    reminded_at = fields.Datetime(string="Reminder Sent On", readonly=True)
    breach_notified_at = fields.Datetime(string="Breach Reported On", readonly=True)

    @api.depends("pqrs_id.name", "area_id.name")
    def _compute_display_name(self):
        for escalation in self:
            escalation.display_name = (
                f"{escalation.pqrs_id.display_name} → {escalation.area_id.name}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._esc_refuse_edit()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._esc_refuse_edit()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        """An escalation belongs to the case's record, like the case itself."""
        raise UserError(
            _(
                "Escalation %(escalations)s belongs to the record of its PQRS and cannot be "
                "deleted.",
                escalations=", ".join(self.mapped("display_name")),
            )
        )

    def action_esc_answer(self):
        """Open the answer wizard: the area answers or says the case is not theirs."""
        self.ensure_one()
        self._esc_check_may_answer(self.env.user.partner_id)
        return {
            "type": "ir.actions.act_window",
            "name": _("Answer the Escalation"),
            "res_model": ANSWER_WIZARD,
            "view_mode": "form",
            "target": "new",
            "context": {"default_escalation_id": self.id},
        }

    # Mail: staff only

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if self.env.su and message.message_type == "email" and self.state in WAITING_STATES:
            self._esc_record_email_answer(message)
        return message

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """Only staff is notified of an escalation, whoever wrote or addressed the message;
        the responder gets the request by e-mail too, so that they can answer by replying
        to it without opening Odoo."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        # ``uid`` and ``ushare``: the partner has a user, and all its users are portal ones.
        staff = [
            recipient for recipient in recipients if recipient["uid"] and not recipient["ushare"]
        ]
        responders = self.responder_id.partner_id.ids
        for recipient in staff:
            if recipient["id"] in responders:
                recipient["notif"] = "email"
        return staff

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        outsiders = (
            self.env["res.partner"]
            .browse(partner_ids)
            .filtered(self.env["esc.pqrs"]._esc_is_outsider)
        )
        if outsiders:
            raise AccessError(
                _(
                    "Escalation %(escalation)s is followed by staff only; %(partners)s may not "
                    "follow it.",
                    escalation=", ".join(self.mapped("display_name")),
                    partners=", ".join(outsiders.mapped("display_name")),
                )
            )
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.model
    def _esc_check_new_mails(self, mails):
        """Refuse an e-mail about an escalation to anyone but staff, whoever writes it: the
        composer in mass mode and ``mail.template.send_mail`` skip the notification above."""
        cases = self.env["esc.pqrs"]
        if cases._esc_is_system():
            return
        for mail in mails.sudo():
            if cases._esc_mail_reaches_outsiders(mail):
                raise AccessError(
                    _(
                        "Escalation %(escalation)s reaches staff only; %(user)s may not e-mail "
                        "anyone else from it.",
                        escalation=self.sudo().browse(mail.res_id).display_name,
                        user=self.env.user.name,
                    )
                )

    # The request

    def _esc_send_request(self):
        """As superuser, after the checks: the responder's activity, due on the escalation's
        date, and the request by e-mail, whose reply is the area's answer."""
        self.ensure_one()
        self.with_context(mail_activity_quick_update=True).activity_schedule(
            "esc_pqrs_module.mail_activity_esc_escalation",
            date_deadline=self.due_date,
            user_id=self.responder_id.id,
            summary=self.pqrs_id.subject,
        )
        self.message_post_with_source(
            "esc_pqrs_module.mail_template_esc_escalation_request",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # Follow-up (see esc_pqrs_follow_up.py)

    @api.model
    def _esc_remind_due_soon(self, now):
        """Remind each responder whose answer is due within the company's reminder days,
        once per escalation."""
        waiting = self.search_fetch(
            [
                ("state", "=", "open"),
                ("reminded_at", "=", False),
                ("pqrs_id.is_closed", "=", False),
            ],
            ["company_id", "due_date", "responder_id", "pqrs_id", "area_id"],
        )
        cases = self.env["esc.pqrs"]
        activity_type = self.env.ref("esc_pqrs_module.mail_activity_esc_escalation_due")
        due_soon = waiting.filtered_domain(
            [("id", "in", cases._esc_due_soon_ids(waiting, now, due_field="due_date"))]
        )
        if not due_soon:
            return
        cases._esc_create_activities(
            [
                cases._esc_activity_values(
                    escalation,
                    activity_type,
                    escalation.responder_id,
                    lambda env, escalation=escalation: env._(
                        "Customer Service needs area %(area)s's answer by %(due)s.",
                        area=escalation.area_id.name,
                        due=format_date(env, escalation.due_date),
                    ),
                    escalation.due_date,
                )
                for escalation in due_soon
            ]
        )
        due_soon.write({"reminded_at": now})

    @api.model
    def _esc_report_overdue(self, now):
        """An escalation not answered by its day is overdue: the Customer Service
        administrator is told on the case, which is flagged. Once the case is closed its
        unanswered escalations are no longer followed up."""
        candidates = self.search_fetch(
            [
                ("state", "=", "open"),
                ("due_date", "<", fields.Date.to_date(now)),
                ("pqrs_id.is_closed", "=", False),
            ],
            ["company_id", "due_date", "pqrs_id", "area_id"],
        )
        overdue = candidates.filtered(
            lambda escalation: (
                escalation.due_date
                < escalation.company_id.esc_pqrs_calendar_id._esc_local_date(now)
            )
        )
        if not overdue:
            return
        cases = self.env["esc.pqrs"]
        activity_type = self.env.ref("esc_pqrs_module.mail_activity_esc_escalation_overdue")
        activities = []
        for escalation in overdue:
            case = escalation.pqrs_id

            def note_of(env, escalation=escalation):
                return env._(
                    "Area %(area)s did not answer the escalation of PQRS %(case)s due on %(due)s.",
                    area=escalation.area_id.name,
                    case=escalation.pqrs_id.display_name,
                    due=format_date(env, escalation.due_date),
                )

            activities += [
                cases._esc_activity_values(
                    case, activity_type, user, note_of, case._esc_local_day(now)
                )
                for user in case.company_id._esc_service_managers()
            ]
        cases._esc_create_activities(activities)
        overdue.with_context(tracking_disable=True).write(
            {"state": "overdue", "breach_notified_at": now}
        )
        overdue.pqrs_id._esc_flag()

    # The answer

    def _esc_check_may_answer(self, author):
        """The responder, the area's members and its manager answer for the area, while the
        escalation waits for it."""
        self.ensure_one()
        if self.state not in WAITING_STATES:
            raise UserError(
                _(
                    "Escalation %(escalation)s was already closed (%(state)s); it cannot be "
                    "answered again.",
                    escalation=self.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        if author not in self._esc_answerers():
            raise AccessError(
                _(
                    "Escalation %(escalation)s: only the responder and the members of area "
                    "%(area)s answer it; %(author)s may not.",
                    escalation=self.display_name,
                    area=self.area_id.display_name,
                    author=author.display_name,
                )
            )

    def _esc_answerers(self):
        """The partners who answer for the area: the responder, its members and manager."""
        return (self.responder_id | self.area_id._esc_responders()).partner_id

    def _esc_answer(self, answer, attachments):
        """Record the area's answer (by the current user) and pass it on to the case."""
        self.ensure_one()
        author = self.env.user.partner_id
        self._esc_check_may_answer(author)
        if is_html_empty(answer):
            raise UserError(
                _(
                    "Escalation %(escalation)s: the field Answer is empty; write what the area "
                    "found or decided.",
                    escalation=self.display_name,
                )
            )
        self._esc_check_own_uploads(attachments)
        self.sudo()._esc_record_answer(answer, attachments.sudo(), author)

    def _esc_check_own_uploads(self, attachments):
        """The answer carries files the user just uploaded, never another record's."""
        foreign = attachments.sudo().filtered(
            lambda attachment: (
                attachment.create_uid != self.env.user
                or (attachment.res_id and attachment.res_model != ANSWER_WIZARD)
            )
        )
        if foreign:
            raise AccessError(
                _(
                    "Escalation %(escalation)s: the attachments %(files)s were not uploaded "
                    "with this answer.",
                    escalation=self.display_name,
                    files=", ".join(foreign.mapped("name")),
                )
            )

    def _esc_reject(self, reason, redirect_area):
        """Record that the case is not the area's, why, and whom to ask instead."""
        self.ensure_one()
        author = self.env.user.partner_id
        self._esc_check_may_answer(author)
        if not (reason or "").strip():
            raise UserError(
                _(
                    "Escalation %(escalation)s: the field Why Not Ours is empty; say why the "
                    "case is not the area's.",
                    escalation=self.display_name,
                )
            )
        self.sudo()._esc_record_rejection(reason, redirect_area, author)

    def _esc_record_email_answer(self, message):
        """An e-mail reply from the responder (or another member of the area) is the area's
        answer; any other sender's mail stays a message of the escalation."""
        if message.author_id not in self._esc_answerers() or is_html_empty(message.body):
            return
        self._esc_record_answer(message.body, message.attachment_ids, message.author_id)

    def _esc_record_answer(self, answer, attachments, author):
        """As superuser, after the checks: the answer on the escalation and, as an internal
        note the owner is told of, on the case."""
        attachments.write({"res_model": self._name, "res_id": self.id})
        self.write(
            {
                "state": "answered",
                "answer": answer,
                "answer_attachment_ids": [fields.Command.set(attachments.ids)],
                "answered_at": fields.Datetime.now(),
                "answered_by_id": author.id,
            }
        )
        self._esc_close_request_activities(_("Answered"))
        intro = self._esc_for_owner()._(
            "Area %(area)s answered the escalation:", area=self.area_id.name
        )
        self._esc_post_on_case(Markup("<p>%s</p>%s") % (intro, self.answer), author, attachments)
        self.pqrs_id._esc_follow_escalations()

    def _esc_record_rejection(self, reason, redirect_area, author):
        self.write(
            {
                "state": "rejected",
                "rejection_reason": reason,
                "redirect_area_id": redirect_area.id,
                "answered_at": fields.Datetime.now(),
                "answered_by_id": author.id,
            }
        )
        self._esc_close_request_activities(_("Not ours"))
        owner_env = self._esc_for_owner()
        if redirect_area:
            summary = owner_env._(
                "Area %(area)s says the case is not theirs: %(reason)s. Ask %(other)s instead.",
                area=self.area_id.name,
                reason=reason,
                other=redirect_area.name,
            )
        else:
            summary = owner_env._(
                "Area %(area)s says the case is not theirs: %(reason)s.",
                area=self.area_id.name,
                reason=reason,
            )
        self._esc_post_on_case(summary, author, self.env["ir.attachment"])
        self.pqrs_id._esc_schedule_for_owner(
            "esc_pqrs_module.mail_activity_esc_escalation_rejected", summary
        )
        self.pqrs_id._esc_follow_escalations()

    def _esc_for_owner(self):
        """The environment that writes to the case's owner in their language: whoever
        answers, a member of the area or the mail gateway, speaks their own."""
        owner = self.pqrs_id.user_id
        return self.with_context(lang=owner.lang or self.env.lang).env

    def _esc_post_on_case(self, body, author, attachments):
        """An internal note on the case, by the area, that the case's owner is told of; the
        files are copied to the case so that Customer Service can attach them to the answer."""
        case = self.pqrs_id
        copies = (
            attachments.copy({"res_model": case._name, "res_id": case.id})
            if attachments
            else attachments
        )
        # The area answers once; it does not follow the case's discussion with the customer.
        case.with_context(mail_create_nosubscribe=True).message_post(
            body=body,
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=case.user_id.partner_id.ids,
            attachment_ids=copies.ids,
        )

    def _esc_close_request_activities(self, feedback):
        self.activity_feedback(
            [
                "esc_pqrs_module.mail_activity_esc_escalation",
                "esc_pqrs_module.mail_activity_esc_escalation_due",
            ],
            feedback=feedback,
        )

    @api.model
    def _esc_refuse_edit(self):
        raise AccessError(
            _(
                "Escalations are written by escalating a PQRS and by answering it; %(user)s "
                "may not create or change them directly.",
                user=self.env.user.name,
            )
        )
