# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Incomplete petition (art. 17): the request to complete, the customer's month (and one more),
the completion that starts a full new term, and the withdrawal the agent declares."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

#: Art. 17: completion may be requested within 10 business days of filing; the customer has
#: one calendar month, and one more when asked for before it ends.
COMPLETION_REQUEST_DAYS = 10
COMPLETION_MONTHS = 1


class EscPqrsCompletion(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    def action_esc_request_completion(self):
        """Open the wizard asking the customer to complete the petition (art. 17)."""
        return self._esc_completion_wizard("request", _("Ask the Customer to Complete"))

    def action_esc_extend_completion(self):
        """Open the wizard giving the customer one more month, at their request."""
        return self._esc_completion_wizard("extend", _("One More Month to Complete"))

    def action_esc_confirm_completion(self):
        """Open the wizard confirming the petition is complete."""
        return self._esc_completion_wizard("confirm", _("Petition Complete"))

    def action_esc_withdraw(self):
        """Open the wizard declaring the withdrawal (desistimiento)."""
        return self._esc_completion_wizard("withdraw", _("Withdrawal"))

    def _esc_completion_wizard(self, step, title):
        action = self._esc_procedure_wizard("esc.pqrs.completion.wizard", title)
        action["context"]["default_step"] = step
        return action

    def _esc_completion_preview(self, step):
        """The dates a step of the incomplete petition would show or set, today."""
        self.ensure_one()
        today = self._esc_today()
        if step == "request":
            return {
                "request_deadline": self._esc_completion_request_deadline(),
                "new_customer_due_date": self._esc_customer_deadline(today, COMPLETION_MONTHS),
            }
        if step == "confirm":
            calendar = self.company_id.esc_pqrs_calendar_id
            return {
                "new_due_date": calendar._esc_legal_due_date(today, self.type_id._esc_term_days())
            }
        preview = {"customer_due_date": self.completion_due_date}
        if step == "extend" and self._esc_completion_request():
            preview["new_customer_due_date"] = self._esc_extended_customer_deadline()
        return preview

    def _esc_completion_request_deadline(self):
        """The last day completion may be requested: 10 business days after filing."""
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_legal_due_date(self.filing_date, COMPLETION_REQUEST_DAYS)

    def _esc_customer_deadline(self, requested_on, months):
        """``months`` calendar months after the request, moved to the next business day."""
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_business_day_from(requested_on + relativedelta(months=months))

    def _esc_completion_request(self):
        """The request the customer is completing now."""
        return self._esc_last_procedure("completion_request")

    def _esc_request_completion(self, missing):
        """Ask the customer for what is missing: the legal term stands still from now, the
        customer has one calendar month, and the case waits for the customer."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        today = self._esc_today()
        self._esc_check_completion_request(missing, today)
        customer_due = self._esc_customer_deadline(today, COMPLETION_MONTHS)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion_request",
            esc_reasons=missing,
            esc_customer_due=customer_due,
        )
        procedure = self._esc_record_procedure(
            "completion_request",
            missing,
            notice,
            due_before=self._esc_legal_line().due_at,
            customer_due_after=customer_due,
        )
        self.sudo().completion_lapse_notified = False
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_waiting_customer")
        self.sudo().deadline_ids._esc_follow_stage()
        return procedure

    def _esc_check_completion_request(self, missing, today):
        legal = self._esc_legal_line()
        refusal = None
        if self.is_closed:
            refusal = _("it is closed")
        elif not legal or legal.state == "met":
            refusal = _("it has no running legal term")
        elif self.completion_state == "pending":
            refusal = _(
                "the customer is already completing it, until %(due)s",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (missing or "").strip():
            refusal = _("say what the customer must complete")
        elif today > (deadline := self._esc_completion_request_deadline()):
            refusal = _(
                "completion may be requested only within 10 business days of filing, that is "
                "until %(deadline)s",
                deadline=self._esc_format_date(deadline),
            )
        self._esc_refuse(
            refusal, _("PQRS %(case)s cannot be returned to the customer to complete: %(reason)s.")
        )

    def _esc_extend_completion(self, reasons):
        """Give the customer one more month, asked for before the first one ended: two
        calendar months from the request, moved to the next business day."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_completion_extension(reasons)
        due_before = self.completion_due_date
        customer_due = self._esc_extended_customer_deadline()
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion_extension",
            esc_reasons=reasons,
            esc_customer_due_before=due_before,
            esc_customer_due=customer_due,
        )
        procedure = self._esc_record_procedure(
            "completion_extension",
            reasons,
            notice,
            customer_due_before=due_before,
            customer_due_after=customer_due,
        )
        self.sudo().completion_lapse_notified = False
        return procedure

    def _esc_extended_customer_deadline(self):
        """Two calendar months from the request, moved to the next business day: the one
        more month counts from the end of the first, before that end was moved."""
        requested_on = self._esc_local_day(self._esc_completion_request().done_at)
        return self._esc_customer_deadline(requested_on, 2 * COMPLETION_MONTHS)

    def _esc_check_completion_extension(self, reasons):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif self.is_completion_extended:
            refusal = _("the customer already has the one more month the law allows")
        elif self._esc_today() > self.completion_due_date:
            refusal = _(
                "the customer's month ended on %(due)s; one more month must be asked for "
                "before it ends",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (reasons or "").strip():
            refusal = _("say when and how the customer asked for more time")
        self._esc_refuse(
            refusal, _("PQRS %(case)s cannot give the customer more time: %(reason)s.")
        )

    def _esc_confirm_completion(self, notes):
        """The customer completed the petition: a full new legal term starts the business
        day after today, and the case is worked again."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_completion(notes)
        calendar = self.company_id.esc_pqrs_calendar_id
        today = self._esc_today()
        legal = self._esc_legal_line()
        due_before = legal.due_at
        new_due = calendar._esc_day_end(
            calendar._esc_legal_due_date(today, self.type_id._esc_term_days())
        )
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion",
            esc_reasons=notes,
            esc_due_after=calendar._esc_local_date(new_due),
        )
        procedure = self._esc_record_procedure(
            "completion", notes, notice, due_before=due_before, due_after=new_due
        )
        legal.sudo().due_at = new_due
        self._esc_close_lapse_activities(_("The customer completed the petition."))
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_in_progress")
        self.sudo().deadline_ids._esc_follow_stage()
        return procedure

    def _esc_check_completion(self, notes):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif not (notes or "").strip():
            refusal = _("say what the customer provided")
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be confirmed complete: %(reason)s."))

    def _esc_withdraw(self, reasons):
        """The customer did not complete the petition in time: the agent declares the
        withdrawal with a reasoned notice, and the case closes. Never automatic."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_withdrawal(reasons)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_withdrawal",
            esc_reasons=reasons,
            esc_customer_due=self.completion_due_date,
        )
        procedure = self._esc_record_procedure("withdrawal", reasons, notice)
        self._esc_close_lapse_activities(_("Withdrawal declared."))
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_withdrawn")
        return procedure

    def _esc_check_withdrawal(self, reasons):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif self._esc_today() <= self.completion_due_date:
            refusal = _(
                "the customer has until %(due)s to complete the petition",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (reasons or "").strip():
            refusal = _("the reasons for the withdrawal are required")
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be closed as withdrawn: %(reason)s."))

    def _esc_no_pending_request(self):
        return _("no request to complete it is pending")

    def _esc_close_lapse_activities(self, feedback):
        self.sudo().activity_feedback(
            [
                "esc_pqrs_module.mail_activity_esc_completion_lapsed",
                "esc_pqrs_module.mail_activity_esc_completion_reply",
            ],
            feedback=feedback,
        )

    def _esc_completion_agent(self):
        """Who decides on the completion: the owner, else who asked the customer."""
        return self.user_id or self._esc_completion_request().user_id

    def _esc_inform_of_customer_reply(self, message):
        """A customer's message while a completion request is pending tells the agent to
        look at it; it completes nothing by itself: the agent confirms or not."""
        waiting = self.filtered(
            lambda case: (
                case.completion_state == "pending"
                and not case.activity_ids.filtered(
                    lambda activity: (
                        activity.activity_type_id
                        == self.env.ref("esc_pqrs_module.mail_activity_esc_completion_reply")
                    )
                )
            )
        )
        for case in waiting.sudo():
            case.activity_schedule(
                "esc_pqrs_module.mail_activity_esc_completion_reply",
                user_id=case._esc_completion_agent().id,
                note=_(
                    "%(author)s answered the request to complete the petition. Confirm it "
                    "complete if it is; the legal term stays suspended until then.",
                    author=message.author_id.display_name or message.email_from,
                ),
            )

    @api.model
    def _esc_notify_lapsed_completions(self):
        """Tell the agent, by an activity, that the customer's month ended without the
        petition completed: the withdrawal is theirs to decide, never automatic."""
        candidates = self.search(
            [
                ("completion_state", "=", "pending"),
                ("completion_lapse_notified", "=", False),
                ("completion_due_date", "<", fields.Date.today() + timedelta(days=1)),
            ]
        )
        lapsed = candidates.filtered(lambda case: case._esc_today() > case.completion_due_date)
        for case in lapsed:
            case.activity_schedule(
                "esc_pqrs_module.mail_activity_esc_completion_lapsed",
                user_id=case._esc_completion_agent().id,
                note=_(
                    "The customer's term to complete the petition ended on %(due)s. Confirm it "
                    "complete if the customer did so, or declare the withdrawal with its "
                    "reasons.",
                    due=case._esc_format_date(case.completion_due_date),
                ),
            )
        lapsed.completion_lapse_notified = True
