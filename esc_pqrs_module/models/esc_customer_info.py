# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Relevant customer information: every employee reports it, Customer Service validates and
applies it (policy ESE-SC-POL-001, "Información Relevante").

A report names the customer, the category and what changed, with structured proposed values
checked as the sync checks them (NIT with its check digit, phones in E.164, e-mail). Applying a
validated report writes those values to the partner, creates the contacts it proposes and leaves
a note in the partner's chatter linking the report. Fields the ERP owns (``tools/erp_fields.py``)
are applied too, and flagged for correction at the source.
"""

from markupsafe import Markup
from stdnum.co import nit as co_nit
from stdnum.exceptions import ValidationError as NumberError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize
from odoo.tools.mail import single_email_re

from ..tools.erp_fields import ERP_OWNED_FIELDS
from .res_partner import STAKEHOLDER_GROUPS

SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
CREDIT_GROUP = "esc_pqrs_module.group_esc_credit"
SERVICE_ADMIN_GROUP = "esc_pqrs_module.group_esc_service_admin"
INTEGRATION_GROUP = "esc_pqrs_module.group_esc_integration"
#: Report field → the partner field it proposes a value for.
PROPOSED_FIELDS = {
    "proposed_street": "street",
    "proposed_street2": "street2",
    "proposed_city": "city",
    "proposed_zip": "zip",
    "proposed_state_id": "state_id",
    "proposed_country_id": "country_id",
    "proposed_email": "email",
    "proposed_phone": "phone",
    "proposed_mobile": "mobile",
    "proposed_vat": "vat",
    "proposed_segment_id": "esc_segment_id",
    "proposed_market": "esc_market",
    "proposed_stakeholder_group": "esc_stakeholder_group",
}
PHONE_FIELDS = ("proposed_phone", "proposed_mobile")
#: The proposed values normalised on the way in (the phones are read in the customer's country).
NORMALISED_FIELDS = frozenset({"proposed_vat", "proposed_email", *PHONE_FIELDS, "partner_id"})
#: Written by the report's own steps (as superuser); refused from anybody else.
WORKFLOW_FIELDS = frozenset(
    {
        "name",
        "confidential",
        "state",
        "reject_reason",
        "validated_by_id",
        "validated_at",
        "applied_by_id",
        "applied_at",
        "erp_field_names",
        "erp_correction_state",
    }
)


class EscCustomerInfo(models.Model):
    _name = "esc.customer.info"
    _description = "Relevant Customer Information"
    _inherit = ["mail.thread", "mail.activity.mixin", "esc.workflow.mixin"]
    _order = "reported_at desc, id desc"

    name = fields.Char(string="Reference", readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    category_id = fields.Many2one("esc.customer.info.category", required=True, tracking=True)
    confidential = fields.Boolean(related="category_id.confidential", store=True, index=True)
    description = fields.Text(help="What the reporter learned, in their words.")
    pqrs_id = fields.Many2one("esc.pqrs", string="PQRS", index=True, help="Learned on this case.")
    # Who, how, when
    reported_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    reported_via = fields.Selection(
        [
            ("odoo", "In Odoo"),
            ("service", "Told to Customer Service"),
            ("sync", "From Another System"),
        ],
        string="Reported Through",
        required=True,
        default="odoo",
    )
    reported_at = fields.Datetime(required=True, default=fields.Datetime.now)
    source_system = fields.Char(help="The system it came from, through the sync.")
    source_key = fields.Char(help="Its key in that system.")
    # Proposed values
    proposed_street = fields.Char(string="Street")
    proposed_street2 = fields.Char(string="Street 2")
    proposed_city = fields.Char(string="City")
    proposed_zip = fields.Char(string="ZIP")
    proposed_state_id = fields.Many2one("res.country.state", string="Department")
    proposed_country_id = fields.Many2one("res.country", string="Country")
    proposed_email = fields.Char(string="E-mail")
    proposed_phone = fields.Char(string="Phone")
    proposed_mobile = fields.Char(string="Mobile")
    proposed_vat = fields.Char(string="NIT")
    proposed_segment_id = fields.Many2one("esc.segment", string="Segment")
    proposed_market = fields.Char(string="Market")
    proposed_stakeholder_group = fields.Selection(STAKEHOLDER_GROUPS, string="Stakeholder Group")
    contact_ids = fields.One2many("esc.customer.info.contact", "info_id", string="New Contacts")
    # Decision
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("validated", "Validated"),
            ("applied", "Applied"),
            ("rejected", "Rejected"),
        ],
        string="Status",
        default="reported",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    reject_reason = fields.Text(readonly=True, tracking=True, copy=False)
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    validated_at = fields.Datetime(readonly=True, copy=False)
    applied_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    applied_at = fields.Datetime(readonly=True, copy=False)
    erp_field_names = fields.Char(
        string="Fields to Correct in the ERP",
        readonly=True,
        copy=False,
        help="Fields the ERP owns that this report changed on a partner loaded from the ERP.",
    )
    erp_correction_state = fields.Selection(
        [("pending", "To Correct in the ERP"), ("done", "Corrected in the ERP")],
        string="ERP Correction",
        readonly=True,
        copy=False,
        tracking=True,
        help="The customers sync reads the pending corrections and leaves those fields alone "
        "until the ERP has them (README, 'Who owns a customer field').",
    )

    _sql_constraints = [
        (
            "source_key_unique",
            "unique(company_id, source_system, source_key)",
            "Another report already has this source system and key.",
        )
    ]

    @api.constrains("reported_via", "source_system", "source_key")
    def _check_source(self):
        for report in self:
            if report.reported_via == "sync" and not (report.source_system and report.source_key):
                raise ValidationError(
                    _(
                        "Report %(report)s came from another system: its source system and key "
                        "are required.",
                        report=report.display_name,
                    )
                )

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not self.env.su:
                self._esc_check_user_values(vals)
            self._esc_check_required(vals)
            self._esc_check_has_content(vals)
            self._esc_normalise_proposed(vals, vals.get("partner_id"))
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            vals["name"] = sequence.next_by_code("esc.customer.info") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._esc_refuse_workflow_fields(self._esc_changed_fields(vals, WORKFLOW_FIELDS))
            if set(vals) - {"message_main_attachment_id"}:
                self._esc_check_editable()
            if "reported_by_id" in vals:
                self._esc_check_reporter(vals["reported_by_id"])
        if not NORMALISED_FIELDS & set(vals):
            return super().write(vals)
        for report in self:
            values = dict(vals)
            self._esc_normalise_proposed(values, values.get("partner_id", report.partner_id.id))
            super(EscCustomerInfo, report).write(values)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_only_reported(self):
        """The register keeps what was decided."""
        for report in self.filtered(lambda r: r.state != "reported"):
            raise UserError(
                _(
                    "Report %(report)s is %(state)s: it stays in the register.",
                    report=report.display_name,
                    state=report._esc_state_label(),
                )
            )

    @api.depends("name", "partner_id", "category_id")
    def _compute_display_name(self):
        for report in self:
            report.display_name = " · ".join(
                part
                for part in (report.name, report.partner_id.name, report.category_id.name)
                if part
            )

    # Actions

    def action_validate(self):
        """Customer Service (or Credit, for confidential information) confirms it is true."""
        for report in self:
            report._esc_check_may_decide(_("validate"))
            report._esc_check_state(("reported",))
        self.sudo().write(
            {
                "state": "validated",
                "validated_by_id": self.env.uid,
                "validated_at": fields.Datetime.now(),
            }
        )
        return True

    def action_apply(self):
        """Write the proposed values to the customer, create the proposed contacts and leave a
        trace in the customer's chatter."""
        for report in self:
            report._esc_check_may_decide(_("apply"))
            report._esc_check_state(("validated",))
            report._esc_apply()
        return True

    def action_reject(self):
        for report in self:
            report._esc_check_may_decide(_("reject"))
            report._esc_check_state(("reported", "validated"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject the Report"),
            "res_model": "esc.customer.info.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_info_ids": self.ids},
        }

    def _esc_erp_field_list(self):
        """The ERP-owned field names this report changed (``erp_field_names``)."""
        self.ensure_one()
        return [name.strip() for name in (self.erp_field_names or "").split(",") if name.strip()]

    def action_erp_corrected(self):
        """The ERP now holds what was applied here (the sync, or Customer Service, says so)."""
        user = self.env.user
        if not (user.has_group(SERVICE_GROUP) or user.has_group(INTEGRATION_GROUP)):
            raise AccessError(
                _(
                    "Report %(report)s: only Customer Service or the integration user records "
                    "that the ERP was corrected.",
                    report=", ".join(self.mapped("display_name")),
                )
            )
        for report in self:
            if report.erp_correction_state != "pending":
                raise UserError(
                    _(
                        "Report %(report)s has no correction pending in the ERP.",
                        report=report.display_name,
                    )
                )
        self.sudo().write({"erp_correction_state": "done"})
        return True

    @api.model
    def _esc_report_action(self, partner, case=None):
        """The form to report information about ``partner``, learned on ``case``."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Report Relevant Information"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": partner.id,
                "default_pqrs_id": case.id if case else False,
            },
        }

    # Applying

    def _esc_apply(self):
        self.ensure_one()
        changed, erp_fields = [], set()
        for partner, values in self._esc_values_by_partner().items():
            before = {name: partner[name] for name in values}
            partner.write(values)
            partner_changed = [name for name in values if partner[name] != before[name]]
            changed += partner_changed
            if partner._esc_from_erp():
                erp_fields |= ERP_OWNED_FIELDS.intersection(partner_changed)
        contacts = self._esc_create_contacts()
        self.sudo().write(
            {
                "state": "applied",
                "applied_by_id": self.env.uid,
                "applied_at": fields.Datetime.now(),
                "erp_field_names": ", ".join(sorted(erp_fields)) or False,
                "erp_correction_state": erp_fields and "pending" or False,
            }
        )
        self._esc_trace_on_partner(changed, contacts)

    def _esc_values_by_partner(self):
        """The proposed values, each for the partner that holds it: a company's fields (NIT,
        segment, market, stakeholder group) on the contact's company, which passes them on to
        all its contacts; the others on the contact itself."""
        partner = self.partner_id.sudo()
        commercial = set(partner._commercial_fields())
        by_partner = {}
        for name, value in self._esc_partner_values().items():
            holder = partner.commercial_partner_id if name in commercial else partner
            by_partner.setdefault(holder, {})[name] = value
        return by_partner

    def _esc_partner_values(self):
        values = {}
        for name, partner_field in PROPOSED_FIELDS.items():
            value = self[name]
            if value:
                values[partner_field] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _esc_create_contacts(self):
        company = self.partner_id.commercial_partner_id
        contacts = self.env["res.partner"]
        for line in self.contact_ids.sudo().filtered(lambda c: not c.partner_id):
            contact = contacts.sudo().create(
                {
                    "parent_id": company.id,
                    "type": "contact",
                    "name": line.name,
                    "function": line.function,
                    "email": line.email,
                    "phone": line.phone,
                }
            )
            line.partner_id = contact
            contacts |= contact
        return contacts

    def _esc_trace_on_partner(self, changed, contacts):
        """A note on the customer naming the report; a confidential report's values stay in
        the report, which only its groups read."""
        labels = self.env["res.partner"]._fields
        if self.confidential:
            body = Markup("<p>%s</p>") % _(
                "Confidential information applied from report %(report)s.",
                report=self._get_html_link(self.name),
            )
        else:
            details = [labels[name]._description_string(self.env) for name in changed]
            details += [
                self.env._("new contact %(name)s", name=contact.name) for contact in contacts
            ]
            body = Markup("<p>%s</p>") % _(
                "Relevant information applied from report %(report)s (%(category)s): %(details)s.",
                report=self._get_html_link(self.name),
                category=self.category_id.name,
                details=", ".join(details) or _("nothing to change"),
            )
        self.partner_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")

    # Proposed values: checked as the sync checks them

    @api.model
    def _esc_normalise_proposed(self, vals, partner_id):
        """Normalise the proposed NIT, e-mail and phones in ``vals``, or refuse them naming the
        report, the field and the reason."""
        report_name = self._esc_name_for_message(vals, partner_id)
        if vals.get("proposed_vat"):
            vals["proposed_vat"] = self._esc_normalise_nit(report_name, vals["proposed_vat"])
        if vals.get("proposed_email"):
            vals["proposed_email"] = self._esc_normalise_email(
                report_name, "proposed_email", vals["proposed_email"]
            )
        country = self._esc_phone_country(vals, partner_id)
        for name in PHONE_FIELDS:
            if vals.get(name):
                vals[name] = self._esc_normalise_phone(report_name, name, vals[name], country)

    @api.model
    def _esc_normalise_nit(self, report_name, value):
        """Dots and spaces are ignored; after a dash comes the check digit, which must verify;
        without one the whole value is the number. Stored as ``NNNNNNNNN-D``."""
        number, dash, check = (part.strip() for part in str(value).partition("-"))
        number = number.replace(".", "").replace(" ", "")
        reason = None
        if not number.isdigit() or not 7 <= len(number) <= 15:
            reason = _("is not a NIT: 7 to 15 digits, then a dash and the check digit")
        elif dash:
            try:
                co_nit.validate(number + check)
            except NumberError:
                reason = _(
                    "has a wrong check digit: it should be %(digit)s",
                    digit=co_nit.calc_check_digit(number),
                )
        if reason:
            raise ValidationError(self._esc_field_error(report_name, "proposed_vat", value, reason))
        return f"{number}-{co_nit.calc_check_digit(number)}"

    @api.model
    def _esc_normalise_email(self, report_name, field_name, value):
        """One address, as Odoo's own pattern reads it (``email_normalize`` alone is lenient: it
        makes ``@sur`` of ``compras@@sur``)."""
        normalised = email_normalize(value, strict=True)
        if not normalised or not single_email_re.match(normalised):
            raise ValidationError(
                self._esc_field_error(
                    report_name, field_name, value, _("is not a valid e-mail address")
                )
            )
        return normalised

    @api.model
    def _esc_normalise_phone(self, report_name, field_name, value, country):
        try:
            return self._phone_format(
                number=value, country=country, force_format="E164", raise_exception=True
            )
        except UserError as error:
            raise ValidationError(
                self._esc_field_error(
                    report_name,
                    field_name,
                    value,
                    _(
                        "is not a valid phone number in %(country)s (%(reason)s)",
                        country=country.name,
                        reason=error.args[0],
                    ),
                )
            ) from error

    @api.model
    def _esc_phone_country(self, vals, partner_id):
        if vals.get("proposed_country_id"):
            return self.env["res.country"].browse(vals["proposed_country_id"])
        partner = self.env["res.partner"].sudo().browse(partner_id) if partner_id else None
        return (partner and partner.country_id) or self.env.ref("base.co")

    @api.model
    def _esc_field_error(self, report_name, field_name, value, reason):
        return _(
            "Report %(report)s: the field %(field)s '%(value)s' %(reason)s.",
            report=report_name,
            field=self._fields[field_name]._description_string(self.env),
            value=value,
            reason=reason,
        )

    @api.model
    def _esc_name_for_message(self, vals, partner_id):
        if vals.get("name"):
            return vals["name"]
        partner = self.env["res.partner"].sudo().browse(partner_id).exists() if partner_id else None
        return _("on %(customer)s", customer=partner.name) if partner else _("(new)")

    # Checks

    @api.model
    def _esc_check_required(self, vals):
        """Information about nobody, or of no kind, cannot be routed to whoever decides it."""
        for name in ("partner_id", "category_id"):
            if not (vals.get(name) or self.env.context.get(f"default_{name}")):
                raise ValidationError(
                    _(
                        "Report %(report)s: the field %(field)s is required.",
                        report=self._esc_name_for_message(vals, vals.get("partner_id")),
                        field=self._fields[name]._description_string(self.env),
                    )
                )

    @api.model
    def _esc_check_has_content(self, vals):
        proposed = any(vals.get(name) for name in PROPOSED_FIELDS)
        if not (vals.get("description") or proposed or vals.get("contact_ids")):
            raise ValidationError(
                _(
                    "Report %(report)s says nothing: write what you learned, or propose values.",
                    report=self._esc_name_for_message(vals, vals.get("partner_id")),
                )
            )

    @api.model
    def _esc_check_user_values(self, vals):
        self._esc_refuse_workflow_fields(self._esc_set_at_creation(vals, WORKFLOW_FIELDS))
        if vals.get("reported_by_id"):
            self._esc_check_reporter(vals["reported_by_id"])

    def _esc_refuse_workflow_fields(self, names):
        if not names:
            return
        raise AccessError(
            _(
                "Report %(report)s: %(fields)s is kept by the register's workflow and cannot be "
                "set by hand.",
                report=", ".join(self.mapped("display_name")) or _("(new)"),
                fields=", ".join(
                    self._fields[name]._description_string(self.env) for name in sorted(names)
                ),
            )
        )

    @api.model
    def _esc_check_reporter(self, user_id):
        """One reports as oneself; Customer Service and the integration user register what
        someone else told them."""
        user = self.env.user
        if user_id == user.id or user.has_group(SERVICE_GROUP) or user.has_group(INTEGRATION_GROUP):
            return
        raise AccessError(
            _(
                "%(user)s reports relevant information as themselves; only Customer Service "
                "registers it on behalf of someone else.",
                user=user.name,
            )
        )

    def _esc_check_editable(self):
        """What was reported is changed only until Customer Service decides on it."""
        if self.env.su:
            return
        for report in self.filtered(lambda r: r.state != "reported"):
            raise UserError(
                _(
                    "Report %(report)s is %(state)s: what was decided is no longer changed.",
                    report=report.display_name,
                    state=report._esc_state_label(),
                )
            )

    def _esc_check_may_decide(self, step):
        """Customer Service decides; confidential information is decided by those who may read
        it (Credit, Customer Service administrators)."""
        self.ensure_one()
        user = self.env.user
        allowed = (
            user.has_group(CREDIT_GROUP) or user.has_group(SERVICE_ADMIN_GROUP)
            if self.confidential
            else user.has_group(SERVICE_GROUP)
        )
        if not allowed:
            raise AccessError(
                _(
                    "Report %(report)s: %(user)s may not %(step)s it; Customer Service decides "
                    "on relevant information, and Credit or a Customer Service administrator on "
                    "confidential information.",
                    report=self.display_name,
                    user=user.name,
                    step=step,
                )
            )
