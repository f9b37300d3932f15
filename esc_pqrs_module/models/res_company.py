# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PQRS_CALENDAR_XMLID = "esc_pqrs_module.resource_calendar_esc_pqrs"


class ResCompany(models.Model):
    _inherit = "res.company"

    esc_pqrs_calendar_id = fields.Many2one(
        "resource.calendar",
        string="PQRS Calendar",
        default=lambda self: self.env.ref(PQRS_CALENDAR_XMLID, raise_if_not_found=False),
        ondelete="restrict",
        help="Working time and public holidays on which the legal and service-level terms "
        "of this company's PQRS are counted, in business days.",
    )

    esc_service_signature = fields.Html(
        string="Customer Service Signature",
        help="Closes every notice Customer Service sends a customer about a PQRS "
        "(policy: post-sale interactions carry Customer Service's signature).",
    )
    esc_risk_days = fields.Integer(
        string="At-Risk Threshold (business days)",
        default=2,
        help="A PQRS deadline is at risk when this many business days or fewer remain.",
    )

    @api.constrains("esc_risk_days")
    def _check_esc_risk_days(self):
        for company in self:
            if company.esc_risk_days < 0:
                raise ValidationError(
                    _(
                        "Company %(company)s: the at-risk threshold cannot be negative.",
                        company=company.display_name,
                    )
                )

    @api.model
    def _esc_install_pqrs_calendar(self):
        """Give every company without one the shipped PQRS calendar, then load this year's
        and next year's public holidays on it (run at install; harmless when run again)."""
        calendar = self.env.ref(PQRS_CALENDAR_XMLID)
        self.with_context(active_test=False).search(
            [("esc_pqrs_calendar_id", "=", False)]
        ).esc_pqrs_calendar_id = calendar
        self.env["resource.calendar"]._cron_esc_load_holidays()
