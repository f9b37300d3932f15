# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service-level clocks of a case: they stop in a stage that pauses SLA, move on by the
business time paused when the case leaves it, and are met by a staff reply, the official
response, or a closing that needs no answer."""

from odoo import fields, models

from .esc_pqrs_deadline import ALL_DEADLINE_KINDS


class EscPqrsSla(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    def _esc_follow_stage_clocks(self):
        """Start or end the service-level pause the stage calls for. A case closed without
        an official response (a type that needs no answer, or a legal procedure that ends
        the case: remission, withdrawal) meets its open lines as it closes; a case that
        needs an answer had them met by its response (``_esc_record_answer``), which alone
        lets it close. A reopened case keeps its met lines."""
        now = fields.Datetime.now()
        for case in self:
            if case.stage_id.pauses_sla and not case.sla_paused_since:
                case.sla_paused_since = now
            elif not case.stage_id.pauses_sla and case.sla_paused_since:
                case._esc_resume_sla(now)
        self.filtered(
            lambda case: case.is_closed and not case._esc_closed_by_response()
        )._esc_mark_met(ALL_DEADLINE_KINDS, now)

    def _esc_closed_by_response(self):
        """Whether this case's closing stage is reached only through its official response."""
        return self.type_id.answer_required and not self.stage_id.closing_procedure

    def _esc_resume_sla(self, now):
        """Move the service-level due dates on by the business time the pause lasted: hours
        for the first response (counted in hours), business days for the resolution (counted
        in days; a pause within one day moves it by none)."""
        calendar = self.company_id.esc_pqrs_calendar_id
        paused_hours = calendar._esc_business_hours_between(self.sla_paused_since, now)
        paused_days = calendar._esc_business_days_between(
            calendar._esc_local_date(self.sla_paused_since), calendar._esc_local_date(now)
        )
        sla_lines = self.deadline_ids.filtered(lambda line: line.kind.startswith("sla_"))
        for line in sla_lines.filtered(lambda line: line.state == "paused"):
            line.due_at = line._esc_shifted_due(calendar, paused_hours, paused_days)
        self.write(
            {
                "sla_paused_since": False,
                "sla_paused_hours": self.sla_paused_hours + paused_hours,
                "sla_paused_days": self.sla_paused_days + paused_days,
            }
        )

    def _esc_mark_met(self, kinds, moment):
        """Record the deadlines of ``kinds`` still open as met at ``moment``."""
        self.deadline_ids.filtered(lambda line: line.kind in kinds and line.state != "met").write(
            {"state": "met", "met_at": moment}
        )
