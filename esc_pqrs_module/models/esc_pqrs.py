# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PQRS case: what the customer asked, through which official channel, and by when the law
and the customer's segment require an answer."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .esc_pqrs_deadline import OPEN_STATES
from .esc_sla_rule import PRIORITIES
from .res_partner import STAKEHOLDER_GROUPS

SEQUENCE_CODE = "esc.pqrs"
SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
#: Fields whose change moves the deadlines (DESIGN.md: type, customer, priority, receipt).
DEADLINE_FIELDS = ("type_id", "partner_id", "priority", "received_at")
#: A receipt a little in the future is a clock difference between systems, not an error.
CLOCK_SKEW = timedelta(minutes=5)


class EscPqrs(models.Model):
    _name = "esc.pqrs"
    _description = "PQRS Case"
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin"]
    _order = "is_fundamental_right desc, next_deadline_at, id desc"
    _rec_names_search = ["name", "subject"]
    # Responsible areas only read a case, yet post internal notes on it.
    _mail_post_access = "read"

    name = fields.Char(
        string="Filing Number",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: _("New"),
    )
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    type_id = fields.Many2one("esc.pqrs.type", required=True, tracking=True)
    channel_id = fields.Many2one("esc.channel", tracking=True, domain=[("is_official", "=", True)])
    received_at = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, tracking=True
    )
    filing_date = fields.Date(readonly=True, copy=False, tracking=True)
    priority = fields.Selection(PRIORITIES, default="0", tracking=True)
    is_fundamental_right = fields.Boolean(
        string="Fundamental Right (art. 20)",
        tracking=True,
        help="A fundamental right or imminent harm is at stake: the case goes first in every "
        "queue. Its term does not change.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("esc_pqrs_module.group_esc_service_user").id)
        ],
    )
    area_ids = fields.Many2many("esc.area", string="Areas Involved")
    stage_id = fields.Many2one(
        "esc.pqrs.stage",
        tracking=True,
        index=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        default=lambda self: self.env["esc.pqrs.stage"].search([], limit=1),
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    segment_id = fields.Many2one("esc.segment", readonly=True)
    market = fields.Char(readonly=True)
    stakeholder_group = fields.Selection(STAKEHOLDER_GROUPS, readonly=True)
    deadline_ids = fields.One2many("esc.pqrs.deadline", "pqrs_id", string="Deadlines")
    next_deadline_id = fields.Many2one(
        "esc.pqrs.deadline", compute="_compute_next_deadline", store=True
    )
    next_deadline_at = fields.Datetime(
        related="next_deadline_id.due_at", store=True, string="Next Due"
    )
    next_deadline_state = fields.Selection(
        related="next_deadline_id.state", store=True, string="Deadline State"
    )

    @api.depends("deadline_ids.due_at", "deadline_ids.state")
    def _compute_next_deadline(self):
        for case in self:
            unmet = case.deadline_ids.filtered(lambda line: line.state in OPEN_STATES)
            case.next_deadline_id = unmet.sorted("due_at")[:1]

    @api.constrains("channel_id")
    def _check_channel_is_official(self):
        for case in self:
            if case.channel_id and not case.channel_id.is_official:
                raise ValidationError(
                    _(
                        "PQRS %(case)s: channel %(channel)s is not an official channel; PQRS are "
                        "received only through official channels.",
                        case=case.display_name,
                        channel=case.channel_id.display_name,
                    )
                )

    @api.constrains("received_at")
    def _check_received_at_not_in_future(self):
        latest = fields.Datetime.now() + CLOCK_SKEW
        for case in self:
            if case.received_at > latest:
                raise ValidationError(
                    _(
                        "PQRS %(case)s: the received date %(received)s is in the future.",
                        case=case.display_name,
                        received=case.received_at,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        # Filing data is bookkeeping, not user input: any employee who may register a case
        # gets it filed, numbered and timed, though they may write none of those fields.
        cases.sudo()._esc_file()
        unnumbered = cases.browse(
            case.id for case, vals in zip(cases, vals_list, strict=True) if not vals.get("name")
        )
        unnumbered.sudo()._esc_assign_radicado()
        return cases

    def write(self, vals):
        result = super().write(vals)
        if any(field in vals for field in DEADLINE_FIELDS):
            self.sudo()._esc_file()
        elif "stage_id" in vals:
            self.sudo().deadline_ids._esc_follow_stage()
        return result

    def message_post(self, **kwargs):
        self._esc_check_may_address_customer(kwargs)
        return super().message_post(**kwargs)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Kanban columns: every unfolded stage, and the folded ones holding cases."""
        return (stages | stages.search([("fold", "=", False)])).sorted()

    def _esc_check_may_address_customer(self, post_values):
        """Only Customer Service speaks to the customer (policy: every post-sale interaction
        carries its signature). Other staff may post internal notes addressed to staff only;
        the customers themselves (portal users) may write on their cases."""
        user = self.env.user
        if self.env.su or user.share or user.has_group(SERVICE_GROUP):
            return
        subtype = self._esc_post_subtype(post_values)
        partners = self.env["res.partner"].browse(post_values.get("partner_ids") or [])
        outsiders = partners.filtered(
            lambda partner: not partner.user_ids or partner.user_ids.filtered("share")
        )
        if subtype.internal and not outsiders:
            return
        raise AccessError(
            _(
                "PQRS %(case)s: only Customer Service writes to the customer; %(user)s may post "
                "internal notes only.",
                case=", ".join(self.mapped("display_name")),
                user=self.env.user.display_name,
            )
        )

    def _esc_post_subtype(self, post_values):
        if post_values.get("subtype_id"):
            return self.env["mail.message.subtype"].browse(post_values["subtype_id"])
        return self.env.ref(post_values.get("subtype_xmlid") or "mail.mt_note")

    def _esc_file(self):
        """Give each case its filing date, the customer's segment as it is now and its
        deadline lines; the states of all new lines are set in one batch at the end."""
        new_lines = self.env["esc.pqrs.deadline"]
        for calendar, cases in self.grouped(
            lambda case: case.company_id.esc_pqrs_calendar_id
        ).items():
            filings = calendar._esc_legal_due_dates_batch(
                [(case.received_at, case.type_id._esc_term_days()) for case in cases]
            )
            for case, (filing_date, legal_due) in zip(cases, filings, strict=True):
                case.write({**case._esc_customer_snapshot(), "filing_date": filing_date})
                new_lines |= case._esc_set_deadlines(calendar, legal_due)
        new_lines._esc_follow_stage()

    def _esc_assign_radicado(self):
        """Number each case in the yearly range of its filing date: PQRS/2026/00042."""
        for case in self:
            case.name = self.env["ir.sequence"].next_by_code(
                SEQUENCE_CODE, sequence_date=case.filing_date
            )

    def _esc_customer_snapshot(self):
        """The customer's segment, market and stakeholder group as they are now."""
        commercial = self.partner_id.commercial_partner_id
        return {
            "segment_id": commercial.esc_segment_id.id,
            "market": commercial.esc_market,
            "stakeholder_group": commercial.esc_stakeholder_group,
        }

    def _esc_set_deadlines(self, calendar, legal_due):
        """Replace the unmet deadline lines by those the case's type and segment call for;
        return the new lines (their state is the caller's to set, in batch)."""
        met_kinds = set(self.deadline_ids.filtered(lambda line: line.state == "met").mapped("kind"))
        self.deadline_ids.filtered(lambda line: line.state != "met").unlink()
        wanted = {}
        if legal_due:
            wanted["legal"] = calendar._esc_day_end(legal_due)
        rule = self.env["esc.sla.rule"]._esc_find(self.segment_id, self.type_id, self.priority)
        if rule.first_response_hours:
            wanted["sla_first_response"] = calendar._esc_business_hours_target(
                self.received_at, rule.first_response_hours
            )
        if rule.resolution_days:
            wanted["sla_resolution"] = calendar._esc_day_end(
                calendar._esc_legal_due_date(self.filing_date, rule.resolution_days)
            )
        return self.env["esc.pqrs.deadline"].create(
            [
                {"pqrs_id": self.id, "kind": kind, "due_at": due_at}
                for kind, due_at in wanted.items()
                if kind not in met_kinds
            ]
        )
