# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow-up of due dates (policy: Customer Service follows up what it escalated): a reminder
some business days before each escalation's and each case's due date, and, once one passes,
the Customer Service administrator told and the case flagged.

Each threshold is crossed once per record: the reminder and the report are stamped on the
escalation or on the case's legal line, and a line whose due date moves (an extension) is
stamped anew. The job reads, writes and schedules in batch, like the deadline job, so that its
queries stay flat as cases grow."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import format_date

from ..tools.business_day_index import BusinessDayIndex

#: Legal lines whose term runs: a paused line (art. 17) is not due while it stands still.
RUNNING_STATES = ("on_track", "at_risk", "breached")


class EscPqrsFollowUp(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_esc_follow_due_dates(self):
        now = fields.Datetime.now()
        escalations = self.env["esc.pqrs.escalation"]
        escalations._esc_report_overdue(now)
        escalations._esc_remind_due_soon(now)
        self._esc_report_overdue_cases(now)
        self._esc_remind_cases_due_soon(now)

    @api.model
    def _esc_remind_cases_due_soon(self, now):
        """Remind the owner of each case whose legal due date is near, once per due date."""
        lines = self._esc_legal_lines_to_follow(
            [
                ("state", "in", ("on_track", "at_risk")),
                ("reminded_at", "=", False),
                ("due_at", ">=", now),
            ]
        )
        due_soon = lines.filtered_domain([("id", "in", self._esc_due_soon_ids(lines, now))])
        self._esc_tell_about_lines(
            due_soon,
            "esc_pqrs_module.mail_activity_esc_case_due",
            lambda case: case.user_id or case.company_id._esc_service_managers(),
            lambda env, case, due: env._(
                "PQRS %(case)s must be answered by %(due)s.", case=case, due=due
            ),
        )
        due_soon.write({"reminded_at": now})

    @api.model
    def _esc_report_overdue_cases(self, now):
        """Tell the Customer Service administrator of each case whose legal due date passed
        unanswered, once per due date, and flag the case."""
        lines = self._esc_legal_lines_to_follow(
            [
                ("state", "in", RUNNING_STATES),
                ("breach_reported_at", "=", False),
                ("due_at", "<", now),
            ]
        )
        self._esc_tell_about_lines(
            lines,
            "esc_pqrs_module.mail_activity_esc_case_overdue",
            lambda case: case.company_id._esc_service_managers(),
            lambda env, case, due: env._(
                "PQRS %(case)s was due on %(due)s and was not answered.", case=case, due=due
            ),
        )
        lines.write({"breach_reported_at": now})
        lines.pqrs_id._esc_flag()

    @api.model
    def _esc_legal_lines_to_follow(self, domain):
        """The legal lines of open cases matching ``domain``, with what the job reads."""
        return self.env["esc.pqrs.deadline"].search_fetch(
            [("kind", "=", "legal"), ("pqrs_id.is_closed", "=", False), *domain],
            ["company_id", "due_at", "pqrs_id"],
        )

    @api.model
    def _esc_tell_about_lines(self, lines, activity_xmlid, users_of, note_of):
        """One activity per line's case and user ``users_of(case)``, due on the line's day,
        saying ``note_of(env, case name, due day)`` in the user's language; all created at
        once."""
        if not lines:
            return
        activity_type = self.env.ref(activity_xmlid)
        activities = []
        for line in lines:
            case = line.pqrs_id
            due_day = case._esc_local_day(line.due_at)
            activities += [
                self._esc_activity_values(
                    case,
                    activity_type,
                    user,
                    lambda env, case=case, day=due_day: note_of(
                        env, case.display_name, format_date(env, day)
                    ),
                    due_day,
                )
                for user in users_of(case)
            ]
        self._esc_create_activities(activities)

    @api.model
    def _esc_due_soon_ids(self, records, now, due_field="due_at"):
        """The ids of ``records`` (lines or escalations) whose due day is at most the
        company's reminder days away, in business days: one business-day index per company."""
        found = []
        for company, group in records.grouped("company_id").items():
            calendar = company.esc_pqrs_calendar_id
            today = calendar._esc_local_date(now)
            due_days = defaultdict(list)
            for record in group:
                due = record[due_field]
                due_day = due if due_field == "due_date" else calendar._esc_local_date(due)
                due_days[due_day].append(record.id)
            index = BusinessDayIndex(calendar._esc_business_days, today, max([today, *due_days]))
            for due_day, ids in due_days.items():
                if (
                    due_day >= today
                    and index.count_between(today, due_day) <= company.esc_reminder_days
                ):
                    found += ids
        return found

    def _esc_flag(self):
        """Flag the cases whose due date, or an escalation's, passed unanswered."""
        self.filtered(lambda case: not case.is_flagged).sudo().with_context(
            tracking_disable=True
        ).write({"is_flagged": True})

    @api.model
    def _esc_activity_values(self, record, activity_type, user, note_of, deadline_day):
        """Values of an activity of ``activity_type`` on ``record`` (a case or an
        escalation) for ``user``, its summary and ``note_of(env)`` in the user's language:
        the job runs in the scheduler's."""
        env = self.with_context(lang=user.lang or self.env.lang).env
        return {
            "res_model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "activity_type_id": activity_type.id,
            "summary": activity_type.with_env(env).summary,
            "note": note_of(env),
            "user_id": user.id,
            "date_deadline": deadline_day,
        }

    @api.model
    def _esc_create_activities(self, values):
        """Create the follow-up activities at once, without one e-mail each: they show in
        each user's activities."""
        if values:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                values
            )
