# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How long a case waited for its first response and for its resolution, in business hours of
the company's PQRS calendar (holidays excluded): the figures a channel's performance averages.
Each is taken once, when it happens, and kept: a reopened case keeps its first times."""

from odoo import fields, models

from .esc_pqrs import STAFF_ONLY


class EscPqrsServiceTimes(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    first_response_at = fields.Datetime(
        string="First Response On",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        help="The first reply of staff the customer saw, or the official response if earlier.",
    )
    first_response_hours = fields.Float(
        string="Hours to First Response",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        aggregator=None,
        help="Business hours from receipt to the first response.",
    )
    resolved_at = fields.Datetime(
        string="Resolved On",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        help="When the legal term was met: the official response, or the closing of a case "
        "that needs none (or that a legal procedure ends).",
    )
    resolution_hours = fields.Float(
        string="Hours to Resolution",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        aggregator=None,
        help="Business hours from receipt to the resolution.",
    )

    def _esc_mark_met(self, kinds, moment):
        result = super()._esc_mark_met(kinds, moment)
        self._esc_record_service_times(moment, resolved="legal" in kinds)
        return result

    def _esc_record_service_times(self, moment, resolved):
        """Take the first response (any met line is answered) and, when the legal term is met,
        the resolution, unless the case already has them."""
        for case in self.filtered("received_at"):
            calendar = case.company_id.esc_pqrs_calendar_id
            values = {}
            if not case.first_response_at:
                values["first_response_at"] = moment
                values["first_response_hours"] = calendar._esc_business_hours_between(
                    case.received_at, moment
                )
            if resolved and not case.resolved_at:
                values["resolved_at"] = moment
                values["resolution_hours"] = calendar._esc_business_hours_between(
                    case.received_at, moment
                )
            if values:
                case.sudo().write(values)
