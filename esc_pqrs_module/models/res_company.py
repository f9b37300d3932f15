# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

PQRS_CALENDAR_XMLID = "esc_pqrs_module.resource_calendar_esc_pqrs"
PQRS_SEQUENCE_XMLID = "esc_pqrs_module.ir_sequence_esc_pqrs"
PQRS_SEQUENCE_CODE = "esc.pqrs"


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
    esc_pqrs_alias_id = fields.Many2one(
        "mail.alias",
        string="PQRS E-mail Alias",
        ondelete="set null",
        help="E-mails to this address file a PQRS case of this company.",
    )
    esc_pqrs_alias_name = fields.Char(
        related="esc_pqrs_alias_id.alias_name", string="PQRS Alias", readonly=False
    )
    esc_pqrs_alias_domain_id = fields.Many2one(
        related="esc_pqrs_alias_id.alias_domain_id", string="PQRS Alias Domain", readonly=False
    )
    esc_risk_days = fields.Integer(
        string="At-Risk Threshold (business days)",
        default=2,
        help="A PQRS deadline is at risk when this many business days or fewer remain.",
    )

    esc_answer_margin_days = fields.Integer(
        string="Days Kept to Answer (business days)",
        default=2,
        help="Business days Customer Service keeps, before a case's due date, to write the "
        "official response: an area's answer is due at the latest that many business days "
        "before the case's.",
    )
    esc_reminder_days = fields.Integer(
        string="Reminder Before Due (business days)",
        default=1,
        help="The responder of an escalation and the owner of a case are reminded once when "
        "this many business days or fewer remain before its due date.",
    )
    esc_service_manager_id = fields.Many2one(
        "res.users",
        string="Customer Service Administrator",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("esc_pqrs_module.group_esc_service_admin").id)
        ],
        help="Told, by an activity, of every case and escalation of this company whose due "
        "date passed. Unset: every Customer Service administrator of the company is told.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._esc_create_pqrs_sequence()
        self._esc_open_radicado_years()
        return companies

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

    @api.constrains("esc_answer_margin_days", "esc_reminder_days")
    def _check_esc_follow_up_days(self):
        for company in self:
            if company.esc_answer_margin_days < 0 or company.esc_reminder_days < 0:
                raise ValidationError(
                    _(
                        "Company %(company)s: the days kept to answer and the reminder days "
                        "cannot be negative.",
                        company=company.display_name,
                    )
                )

    def _esc_service_managers(self):
        """Who is told of this company's breaches: its Customer Service administrator, else
        every active Customer Service administrator who works for it."""
        self.ensure_one()
        if self.esc_service_manager_id:
            return self.esc_service_manager_id
        group = self.env.ref("esc_pqrs_module.group_esc_service_admin")
        return group.sudo().users.filtered(
            lambda user: not user.share and not user._is_superuser() and self in user.company_ids
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

    @api.model
    def _esc_install_pqrs_sequences(self):
        """Give every company its own radicado sequence (run at install and update). The
        shipped sequence becomes the main company's; companies that shared it before go on
        from its yearly counters, so that no radicado repeats in any company."""
        shipped = self.env.ref(PQRS_SEQUENCE_XMLID).sudo()
        # Every company, archived ones too: they are few.
        companies = self.sudo().with_context(active_test=False).search([])  # pylint: disable=no-search-all
        if not shipped.company_id:
            main = self.env.ref("base.main_company", raise_if_not_found=False) or companies[:1]
            (companies - main)._esc_create_pqrs_sequence(continue_from=shipped)
            shipped.company_id = main
        companies._esc_create_pqrs_sequence()
        self._esc_open_radicado_years()

    @api.model
    def _esc_open_radicado_years(self):
        """This year's and next year's radicado ranges on every company's sequence (see
        ``ir.sequence._esc_open_years``)."""
        this_year = fields.Date.context_today(self).year
        sequences = self.env["ir.sequence"].sudo().search([("code", "=", PQRS_SEQUENCE_CODE)])
        sequences._esc_open_years([this_year, this_year + 1])

    def _esc_create_pqrs_sequence(self, continue_from=None):
        """A yearly radicado sequence for each company without one, counting on from
        ``continue_from``'s yearly ranges when given."""
        sequences = self.env["ir.sequence"].sudo()
        numbered = sequences.search(
            [("code", "=", PQRS_SEQUENCE_CODE), ("company_id", "in", self.ids)]
        ).company_id
        ranges = [
            Command.create(
                {
                    "date_from": date_range.date_from,
                    "date_to": date_range.date_to,
                    "number_next": date_range.number_next_actual,
                }
            )
            for date_range in (continue_from.date_range_ids if continue_from else [])
        ]
        sequences.create(
            [
                {
                    "name": self.env._("PQRS filing number (%(company)s)", company=company.name),
                    "code": PQRS_SEQUENCE_CODE,
                    "prefix": "PQRS/%(range_year)s/",
                    "padding": 5,
                    "use_date_range": True,
                    "company_id": company.id,
                    "date_range_ids": ranges,
                }
                for company in self - numbered
            ]
        )

    @api.model
    def _esc_install_pqrs_alias(self):
        """The shipped PQRS alias receives the main company's e-mail (run at install and
        update; a company whose alias was set keeps it)."""
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        alias = self.env.ref("esc_pqrs_module.mail_alias_esc_pqrs", raise_if_not_found=False)
        if main and alias and not main.esc_pqrs_alias_id:
            main.esc_pqrs_alias_id = alias
            if not alias.alias_domain_id:
                alias.alias_domain_id = main.alias_domain_id

    def _esc_signature(self):
        """What closes whatever Customer Service sends on the company's behalf: its signature,
        or its name and the company's when none is set."""
        self.ensure_one()
        if is_html_empty(self.esc_service_signature):
            return _("Customer Service, %(company)s", company=self.name)
        return self.esc_service_signature
