# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the legal-compliance report reads from each case and cannot compute in SQL: the
business days the customer waited for the answer."""

from odoo import api, fields, models
from odoo.tools import groupby

from ..tools.business_day_index import BusinessDayIndex
from .esc_pqrs import STAFF_ONLY


class EscPqrsCompliance(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    answer_business_days = fields.Integer(
        string="Business Days to Answer",
        compute="_compute_answer_business_days",
        store=True,
        help="Business days from the filing date to the day the legal term was met (the "
        "answer went out), counted on the company's PQRS calendar: the days the customer "
        "waited, suspensions and extensions included. Zero while unanswered.",
        groups=STAFF_ONLY,
    )

    @api.depends("filing_date", "company_id", "deadline_ids.kind", "deadline_ids.met_at")
    def _compute_answer_business_days(self):
        """Stored when the legal line is met, so that the report averages it in SQL. Read
        from the legal line, not the stage: the answer is what meets the legal term. Cases
        are counted per calendar from one read of its business days."""
        met_at = {}
        for case in self:
            case.answer_business_days = 0
            legal = case._esc_legal_line()
            if legal.met_at and case.filing_date:
                met_at[case] = legal.met_at
        for calendar, cases in groupby(met_at, lambda case: case.company_id.esc_pqrs_calendar_id):
            answer_days = {case: calendar._esc_local_date(met_at[case]) for case in cases}
            first = min(case.filing_date for case in cases)
            index = BusinessDayIndex(
                calendar._esc_business_days, first, max([first, *answer_days.values()])
            )
            for case, answer_day in answer_days.items():
                case.answer_business_days = index.count_between(case.filing_date, answer_day)
