# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.erp_fields import SYNC_XMLID_MODULE

STAKEHOLDER_GROUPS = [
    ("customer", "Customer"),
    ("distributor", "Distributor"),
    ("supplier", "Supplier"),
    ("employee", "Employee"),
    ("shareholder", "Shareholder"),
    ("community", "Community"),
    ("authority", "Authority"),
]
#: The stakeholder groups that buy from the company: a mass communication to any of them is a
#: communication to customers (policy: only Customer Service sends those).
CUSTOMER_GROUPS = ("customer", "distributor")
#: The fields by which a recipient that is not a partner (a mailing contact, a lead) is the same
#: person as a partner: the same normalised e-mail, the same sanitised phone number.
MATCHING_FIELDS = ("email_normalized", "phone_sanitized")


class ResPartner(models.Model):
    _inherit = "res.partner"

    esc_segment_id = fields.Many2one(
        "esc.segment",
        string="Segment",
        index=True,
        help="Customer segment; set on the company, it holds for all its contacts.",
    )
    esc_market = fields.Char(string="Market", help="Market or industry the customer serves.")
    esc_stakeholder_group = fields.Selection(
        STAKEHOLDER_GROUPS, string="Stakeholder Group", default="customer"
    )
    esc_customer_info_ids = fields.One2many(
        "esc.customer.info",
        "partner_id",
        string="Relevant Information",
        groups="base.group_user",
        help="The reports of relevant information about this contact that you may read.",
    )
    esc_customer_info_count = fields.Integer(
        compute="_compute_esc_customer_info_count",
        string="Information Reports",
        groups="base.group_user",
    )
    esc_survey_opt_out = fields.Boolean(
        string="No Surveys",
        help="The customer asked not to receive satisfaction surveys; set on a company, it holds "
        "for all its contacts. A blacklisted e-mail is not surveyed either.",
    )
    esc_needs_review = fields.Boolean(
        string="Needs Review",
        help="Created by a PQRS from an e-mail or web form sender the company did not know: "
        "Customer Service checks it and attaches it to its company.",
    )

    esc_erp_held_fields = fields.Char(
        string="Held for the ERP",
        compute="_compute_esc_erp_held_fields",
        search="_search_esc_erp_held_fields",
        help="Fields the ERP owns that a validated report changed here and the ERP has not "
        "corrected yet: the customers sync leaves them alone until it has.",
    )

    def signup_prepare(self, signup_type="signup"):
        """Odoo writes the signup type on every notification that carries a portal link (a
        case's acknowledgement), though it rarely changes; each write takes the customer's row.
        Written only when it changes, two cases of one customer filed at once (the sync loads
        batches in parallel) no longer fail each other on that row."""
        changing = self.filtered(lambda partner: partner.sudo().signup_type != signup_type)
        if changing:
            return super(ResPartner, changing).signup_prepare(signup_type=signup_type)
        return True

    def _compute_esc_erp_held_fields(self):
        """The fields of the reports pending correction about the partner, or about a contact of
        it (a contact's report writes the company's fields on the company). Read as the system:
        a confidential report's field names are not its content."""
        held = {partner.id: set() for partner in self}
        for report in self._esc_pending_corrections(self.ids):
            for partner in report.partner_id | report.partner_id.commercial_partner_id:
                if partner.id in held:
                    held[partner.id].update(report._esc_erp_field_list())
        for partner in self:
            partner.esc_erp_held_fields = ",".join(sorted(held[partner.id])) or False

    def _search_esc_erp_held_fields(self, operator, value):
        if operator not in ("!=", "=") or value not in (False, None, ""):
            raise UserError(_("Held for the ERP is searched only as set or not set."))
        reports = self._esc_pending_corrections()
        held = (reports.partner_id | reports.partner_id.commercial_partner_id).ids
        return [("id", "in" if operator == "!=" else "not in", held)]

    @api.model
    def _esc_pending_corrections(self, partner_ids=None):
        domain = [("erp_correction_state", "=", "pending")]
        if partner_ids is not None:
            domain += [
                "|",
                ("partner_id", "in", partner_ids),
                ("partner_id.commercial_partner_id", "in", partner_ids),
            ]
        return self.env["esc.customer.info"].sudo().search(domain)

    def _compute_esc_customer_info_count(self):
        """Counted under the reader's own rules: confidential reports count for those who may
        read them."""
        counts = dict(
            self.env["esc.customer.info"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.esc_customer_info_count = counts.get(partner, 0)

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "esc_segment_id",
            "esc_market",
            "esc_stakeholder_group",
        ]

    @api.model
    def _esc_customer_domain(self):
        """Who is a customer, for the mass-communication gate: a partner whose company (or who,
        when it has none) is in a customer stakeholder group or in none at all (unknown is not
        proof of the contrary), unless it is a user of this database or one of its companies
        (``partner_share`` is false for those)."""
        return [
            ("partner_share", "=", True),
            "|",
            ("commercial_partner_id.esc_stakeholder_group", "in", CUSTOMER_GROUPS),
            ("commercial_partner_id.esc_stakeholder_group", "=", False),
        ]

    @api.model
    def _esc_customer_reach_domain(self, model_name):
        """The records of ``model_name`` through which a message reaches a customer: the
        customers themselves; the records linked to one (a lead's partner); the records whose
        e-mail or phone is a customer's (a mailing contact). ``None`` when the model has no way
        to tell, and then every record of it counts (the gate fails closed)."""
        customers = self._esc_customer_domain()
        if model_name == "res.partner":
            return customers
        model = self.env[model_name]
        alternatives = [
            [(name, "any", customers)]
            for name in model._mail_get_partner_fields(introspect_fields=True)
        ]
        for name in MATCHING_FIELDS:
            if name in model._fields:
                query = self.with_context(active_test=False)._search(
                    customers + [(name, "!=", False)]
                )
                alternatives.append(
                    [(name, "in", query.subselect(SQL.identifier(query.table, name)))]
                )
        if not alternatives:
            return None
        domain = alternatives[0]
        for alternative in alternatives[1:]:
            domain = ["|", *domain, *alternative]
        return domain

    @api.model
    def _esc_reaches_customers(self, model_name, domain):
        """Whether any record of ``model_name`` in ``domain`` reaches a customer."""
        reach = self._esc_customer_reach_domain(model_name)
        records = self.env[model_name].sudo().with_context(active_test=False)
        return bool(records.search_count(expression.AND([domain, reach or []]), limit=1))

    @api.model
    def _esc_customer_addresses(self, emails=(), phones=()):
        """The e-mail addresses and numbers, among those given, that are customers'."""
        partners = self.sudo().with_context(active_test=False)
        customers = self._esc_customer_domain()
        found = set()
        if emails:
            found.update(
                partners.search(customers + [("email_normalized", "in", list(emails))]).mapped(
                    "email_normalized"
                )
            )
        if phones:
            found.update(
                partners.search(customers + [("phone_sanitized", "in", list(phones))]).mapped(
                    "phone_sanitized"
                )
            )
        return found

    def _esc_from_erp(self):
        """Loaded by the ERP's customers sync (it has an external id in the sync's namespace)."""
        self.ensure_one()
        return bool(
            self.env["ir.model.data"]
            .sudo()
            .search_count(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "=", self.id),
                    ("module", "=", SYNC_XMLID_MODULE),
                ],
                limit=1,
            )
        )

    def action_esc_report_customer_info(self):
        """Any employee reports what they learned about this customer (policy)."""
        self.ensure_one()
        return self.env["esc.customer.info"]._esc_report_action(self)

    def action_esc_view_customer_info(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "esc_pqrs_module.esc_customer_info_action"
        )
        action.update(
            {
                "domain": [("partner_id", "=", self.id)],
                "context": {"default_partner_id": self.id},
            }
        )
        return action
