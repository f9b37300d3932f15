# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalation of a case to the areas that can solve it (policy: Customer Service escalates
and follows up). Each area gets the question, a responder and an internal due date that leaves
Customer Service its margin to write the official response before the case's due date."""

from odoo import Command, _, api, fields, models

from .esc_pqrs import STAFF_ONLY
from .esc_pqrs_escalation import WAITING_STATES

ESCALATED_STAGE = "esc_pqrs_module.esc_pqrs_stage_escalated"
IN_PROGRESS_STAGE = "esc_pqrs_module.esc_pqrs_stage_in_progress"
#: The stages an escalation moves a case out of, to the escalated stage.
OPEN_WORK_STAGES = ("esc_pqrs_module.esc_pqrs_stage_new", IN_PROGRESS_STAGE)


class EscPqrsEscalate(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    escalation_ids = fields.One2many(
        "esc.pqrs.escalation", "pqrs_id", string="Escalations", readonly=True, groups=STAFF_ONLY
    )
    waiting_escalation_count = fields.Integer(
        string="Escalations Waiting", compute="_compute_waiting_escalation_count", groups=STAFF_ONLY
    )
    is_flagged = fields.Boolean(
        string="Due Date Passed",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="The case's legal due date or one of its escalations' due dates passed before it "
        "was answered; the Customer Service administrator was told.",
        groups=STAFF_ONLY,
    )

    @api.depends("escalation_ids.state")
    def _compute_waiting_escalation_count(self):
        for case in self:
            case.waiting_escalation_count = len(
                case.escalation_ids.filtered(lambda escalation: escalation.state in WAITING_STATES)
            )

    def action_esc_escalate(self):
        """Open the escalation wizard (Customer Service only)."""
        return self._esc_procedure_wizard("esc.pqrs.escalation.wizard", _("Escalate to Area"))

    def action_esc_view_escalations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Escalations"),
            "res_model": "esc.pqrs.escalation",
            "view_mode": "list,form",
            "domain": [("pqrs_id", "=", self.id)],
            "context": {"create": False},
        }

    def _esc_escalate(self, area, responder, question, due_date):
        """Ask ``area`` (its ``responder``) ``question``, to be answered by ``due_date``: the
        escalation, the responder's activity and e-mail, the area's access to the case."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_escalation(area, responder, question, due_date)
        escalation = (
            self.env["esc.pqrs.escalation"]
            .sudo()
            .create(
                {
                    "pqrs_id": self.id,
                    "area_id": area.id,
                    "responder_id": responder.id,
                    "question": question.strip(),
                    "due_date": due_date,
                }
            )
        )
        self.sudo().area_ids = [Command.link(area.id)]
        escalation._esc_send_request()
        if self.stage_id in self._esc_stages(OPEN_WORK_STAGES):
            self._esc_move_to_stage(ESCALATED_STAGE)
        return escalation

    def _esc_check_escalation(self, area, responder, question, due_date):
        """Refuse an escalation that cannot be answered in time or by the person named."""
        refusal = None
        today = self._esc_today()
        if self.is_closed:
            refusal = _("it is closed (%(stage)s)", stage=self.stage_id.display_name)
        elif not area or not responder:
            refusal = _("the fields Area and Responder are required")
        elif responder not in area._esc_responders():
            refusal = _(
                "%(user)s is neither a member nor the manager of area %(area)s",
                user=responder.display_name,
                area=area.display_name,
            )
        elif not (question or "").strip():
            refusal = _("the field Question is empty; say what the area must answer")
        elif self.escalation_ids.filtered(
            lambda escalation: escalation.area_id == area and escalation.state in WAITING_STATES
        ):
            refusal = _("area %(area)s has not answered its escalation yet", area=area.display_name)
        elif not due_date or due_date < today:
            refusal = _("the field Answer By must be a date from today on")
        else:
            refusal = self._esc_due_date_refusal(due_date)
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be escalated: %(reason)s."))

    def _esc_due_date_refusal(self, due_date):
        """Why ``due_date`` cannot be an escalation's due date, or None."""
        calendar = self.company_id.esc_pqrs_calendar_id
        latest, case_due = self._esc_escalation_due_limit()
        margin = self.company_id.esc_answer_margin_days
        if latest is False:
            return _(
                "no date is left for the area: the case is due on %(due)s and Customer Service "
                "keeps %(margin)s business days to answer; answer it directly or extend its term",
                due=self._esc_format_date(case_due),
                margin=margin,
            )
        if latest and due_date > latest:
            return _(
                "the date %(date)s is after %(latest)s: the case is due on %(due)s and Customer "
                "Service keeps %(margin)s business days to answer",
                date=self._esc_format_date(due_date),
                latest=self._esc_format_date(latest),
                due=self._esc_format_date(case_due),
                margin=margin,
            )
        if not calendar._esc_business_days(due_date, due_date):
            return _(
                "the date %(date)s is not a business day", date=self._esc_format_date(due_date)
            )
        return None

    def _esc_case_due_day(self):
        """The day the case must be answered by: its legal term, else its nearest service
        level; none for a case that has neither."""
        calendar = self.company_id.esc_pqrs_calendar_id
        legal = self._esc_legal_line().filtered(lambda line: line.state != "met")
        due_at = legal.due_at or self.next_deadline_at
        return due_at and calendar._esc_local_date(due_at)

    def _esc_escalation_due_limit(self):
        """The latest day an escalation may be due, with the case's due day: the business day
        the company's margin before the case's due day; ``False`` when that day has passed,
        ``None`` when the case has no due day."""
        case_due = self._esc_case_due_day()
        if not case_due:
            return None, None
        calendar = self.company_id.esc_pqrs_calendar_id
        days_left = calendar._esc_business_days(self._esc_today(), case_due)
        margin = self.company_id.esc_answer_margin_days
        if len(days_left) <= margin:
            return False, case_due
        return days_left[-1 - margin], case_due

    def _esc_default_escalation_due(self, area):
        """The area's usual number of business days from today, within the case's limit."""
        calendar = self.company_id.esc_pqrs_calendar_id
        usual = calendar._esc_legal_due_date(self._esc_today(), area.escalation_days or 1)
        latest, _case_due = self._esc_escalation_due_limit()
        if latest is False:
            return False
        return min(usual, latest) if latest else usual

    def _esc_follow_escalations(self):
        """Back to work in progress once every area answered an escalated case."""
        escalated = self._esc_stages([ESCALATED_STAGE])
        for case in self.filtered(lambda case: case.stage_id in escalated):
            if not case.waiting_escalation_count:
                case._esc_move_to_stage(IN_PROGRESS_STAGE)

    def _esc_schedule_for_owner(self, activity_xmlid, note):
        """An activity for the case's owner, or for Customer Service's administrators when the
        case has none yet."""
        for case in self:
            users = case.user_id or case.company_id._esc_service_managers()
            for user in users:
                case.sudo().with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_xmlid, user_id=user.id, note=note
                )

    def _esc_stages(self, xmlids):
        stages = self.env["esc.pqrs.stage"]
        for xmlid in xmlids:
            stages |= self.env.ref(xmlid, raise_if_not_found=False) or stages
        return stages
