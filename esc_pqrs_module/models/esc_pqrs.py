# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PQRS case: what the customer asked, through which official channel, and by when the law
and the customer's segment require an answer."""

from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .esc_pqrs_deadline import OPEN_STATES
from .esc_sla_rule import PRIORITIES
from .res_partner import STAKEHOLDER_GROUPS

SEQUENCE_CODE = "esc.pqrs"
SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
#: Fields a customer never reads, not even of its own case (see esc_pqrs_portal.py).
STAFF_ONLY = "base.group_user"
#: Fields whose change moves the deadlines (DESIGN.md: type, customer, priority, receipt).
DEADLINE_FIELDS = ("type_id", "partner_id", "priority", "received_at")
COMPLETION_STATES = [
    ("pending", "Waiting for the Customer to Complete"),
    ("complete", "Completed"),
    ("withdrawn", "Withdrawn"),
]
#: Written only by the code that owns them (filing, the legal procedures, the SLA clocks, the
#: deadline job), always as superuser; a user's value for any of them, at creation too, is
#: refused rather than ignored, so that a caller learns at once that it did not hold.
BOOKKEEPING_FIELDS = frozenset(
    {
        "name",
        "filing_date",
        "commercial_partner_id",
        "segment_id",
        "market",
        "stakeholder_group",
        "is_closed",
        "deadline_ids",
        "next_deadline_id",
        "next_deadline_at",
        "next_deadline_state",
        "procedure_ids",
        "is_extended",
        "completion_state",
        "completion_due_date",
        "is_completion_extended",
        "completion_lapse_notified",
        "is_deemed_accepted",
        "documents_due_at",
        "sla_paused_since",
        "sla_paused_hours",
        "sla_paused_days",
        "acknowledged_at",
        "acknowledgement_queued",
        "previous_id",
        "data_consent_at",
        "data_consent_text",
        "escalation_ids",
        "is_flagged",
        "response_ids",
        "answered_at",
        "answer_business_days",
        "first_response_at",
        "first_response_hours",
        "resolved_at",
        "resolution_hours",
    }
)
#: What the legal term counts from: once a procedure is recorded on it, or the case is closed,
#: they are the record's and are no longer corrected.
FILING_INPUT_FIELDS = ("received_at", "type_id")
#: Without these a case has no term and nobody to answer: refused before anything is written.
REQUIRED_AT_FILING = ("partner_id", "type_id")
#: A receipt a little in the future is a clock difference between systems, not an error.
CLOCK_SKEW = timedelta(minutes=5)


class EscPqrs(models.Model):
    _name = "esc.pqrs"
    _description = "PQRS Case"
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin"]
    _order = "is_fundamental_right desc, next_deadline_at, id desc"
    _rec_names_search = ["name", "subject"]

    # Empty only inside ``create``, until the company's sequence numbers the case: many new
    # cases may be inserted at once, and the radicado is unique per company.
    name = fields.Char(string="Filing Number", readonly=True, copy=False, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Set when the case is registered: its radicado comes from this company's sequence.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    type_id = fields.Many2one("esc.pqrs.type", required=True, tracking=True)
    channel_id = fields.Many2one(
        "esc.channel", tracking=True, domain=[("is_official", "=", True)], groups=STAFF_ONLY
    )
    received_at = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, tracking=True
    )
    filing_date = fields.Date(readonly=True, copy=False, tracking=True)
    priority = fields.Selection(PRIORITIES, default="0", tracking=True, groups=STAFF_ONLY)
    is_fundamental_right = fields.Boolean(
        string="Fundamental Right (art. 20)",
        tracking=True,
        help="A fundamental right or imminent harm is at stake: the case goes first in every "
        "queue. Its term does not change.",
        groups=STAFF_ONLY,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index=True,
        default=lambda self: self._default_user_id(),
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("esc_pqrs_module.group_esc_service_user").id)
        ],
        groups=STAFF_ONLY,
    )
    area_ids = fields.Many2many("esc.area", string="Areas Involved", groups=STAFF_ONLY)
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
    segment_id = fields.Many2one("esc.segment", readonly=True, copy=False, groups=STAFF_ONLY)
    market = fields.Char(readonly=True, copy=False, groups=STAFF_ONLY)
    stakeholder_group = fields.Selection(
        STAKEHOLDER_GROUPS, readonly=True, copy=False, groups=STAFF_ONLY
    )
    deadline_ids = fields.One2many(
        "esc.pqrs.deadline", "pqrs_id", string="Deadlines", groups=STAFF_ONLY
    )
    next_deadline_id = fields.Many2one(
        "esc.pqrs.deadline", compute="_compute_next_deadline", store=True, groups=STAFF_ONLY
    )
    next_deadline_at = fields.Datetime(
        related="next_deadline_id.due_at", store=True, string="Next Due", groups=STAFF_ONLY
    )
    next_deadline_state = fields.Selection(
        related="next_deadline_id.state", store=True, string="Deadline State", groups=STAFF_ONLY
    )
    procedure_ids = fields.One2many(
        "esc.pqrs.procedure", "pqrs_id", string="Legal Procedures", readonly=True, groups=STAFF_ONLY
    )
    is_extended = fields.Boolean(
        string="Term Extended",
        compute="_compute_procedure_state",
        store=True,
        tracking=True,
        groups=STAFF_ONLY,
    )
    completion_state = fields.Selection(
        COMPLETION_STATES,
        string="Completion (art. 17)",
        compute="_compute_procedure_state",
        store=True,
        index=True,
        tracking=True,
    )
    completion_due_date = fields.Date(
        string="Customer Completes By",
        compute="_compute_procedure_state",
        store=True,
        tracking=True,
        help="The day by which the customer must complete the petition: one calendar month "
        "from the request, moved to the next business day (art. 17).",
    )
    is_completion_extended = fields.Boolean(
        string="Customer Given One More Month",
        compute="_compute_procedure_state",
        store=True,
        groups=STAFF_ONLY,
    )
    completion_lapse_notified = fields.Boolean(readonly=True, copy=False, groups=STAFF_ONLY)
    is_deemed_accepted = fields.Boolean(
        string="Deemed Accepted (art. 14)",
        compute="_compute_procedure_state",
        store=True,
        tracking=True,
    )
    documents_due_at = fields.Datetime(
        string="Documents Due",
        compute="_compute_procedure_state",
        store=True,
        help="A request for documents unanswered within its term is deemed accepted; the "
        "documents are due 3 business days after the term ended (art. 14 num. 1).",
    )
    sla_paused_since = fields.Datetime(
        string="SLA Paused Since", readonly=True, copy=False, groups=STAFF_ONLY
    )
    sla_paused_hours = fields.Float(
        string="SLA Business Hours Paused",
        readonly=True,
        copy=False,
        help="Business hours the service-level clocks stood still, over every pause so far.",
        groups=STAFF_ONLY,
    )
    sla_paused_days = fields.Integer(
        string="SLA Business Days Paused",
        readonly=True,
        copy=False,
        help="Business days the service-level clocks stood still, over every pause so far.",
        groups=STAFF_ONLY,
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "unique (company_id, name)",
            "A filing number (radicado) is given once per company.",
        ),
    ]

    @api.model
    def _default_user_id(self):
        """The agent who registers a case owns it; a case registered by other staff, or by
        the system itself (e-mail gateway, data files, sync), waits for Customer Service."""
        user = self.env.user
        if user._is_superuser() or not user.has_group(SERVICE_GROUP):
            return False
        return user

    @api.depends(
        "procedure_ids.kind", "procedure_ids.customer_due_after", "procedure_ids.due_after"
    )
    def _compute_procedure_state(self):
        """What the case's legal record says now, read in the order the procedures happened."""
        for case in self:
            state = {
                "is_extended": False,
                "completion_state": False,
                "completion_due_date": False,
                "is_completion_extended": False,
                "is_deemed_accepted": False,
                "documents_due_at": False,
            }
            for procedure in case.procedure_ids.sorted(lambda p: (p.done_at, p.id)):
                state.update(procedure._esc_case_state_after())
            case.update(state)

    @api.depends("deadline_ids.due_at", "deadline_ids.state")
    def _compute_next_deadline(self):
        for case in self:
            unmet = case.deadline_ids.filtered(lambda line: line.state in OPEN_STATES)
            case.next_deadline_id = unmet.sorted("due_at")[:1]

    @api.depends("name")
    def _compute_display_name(self):
        for case in self:
            case.display_name = case.name or _("New")

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
        self._esc_check_required_at_filing(vals_list)
        if not self.env.su:
            self._esc_check_user_values(vals_list)
        cases = super().create(self._esc_with_first_stage(vals_list))
        if not self.env.su:
            cases._esc_check_born_open()
        # Filing data is bookkeeping, not user input: any employee who may register a case
        # gets it filed, numbered and timed, though they may write none of those fields.
        cases.sudo()._esc_file()
        cases.sudo()._esc_follow_stage_clocks()
        cases.sudo()._esc_assign_radicado()
        for case in cases.filtered("is_closed"):
            if not case.stage_id.closing_procedure:
                case._esc_check_closable(case.stage_id)
        return cases

    @api.model
    def _esc_with_first_stage(self, vals_list):
        """The values, with the first stage for the cases given none, looked up once for the
        whole batch (the field's default would search once per case)."""
        if "default_stage_id" in self.env.context or all("stage_id" in v for v in vals_list):
            return vals_list
        first = self.env["esc.pqrs.stage"].search([], limit=1).id
        return [vals if "stage_id" in vals else {**vals, "stage_id": first} for vals in vals_list]

    @api.model
    def _esc_check_user_values(self, vals_list):
        """Refuse a user's value for bookkeeping, given directly or as a ``default_`` key of
        the context (which ``create`` would otherwise apply)."""
        defaults = {
            key[len("default_") :] for key in self.env.context if key.startswith("default_")
        }
        for vals in vals_list:
            forbidden = BOOKKEEPING_FIELDS.intersection(vals).union(
                BOOKKEEPING_FIELDS.intersection(defaults)
            )
            if forbidden:
                self._esc_refuse_bookkeeping(vals.get("subject") or _("(no subject)"), forbidden)

    def _esc_check_born_open(self):
        """A case is registered open: only answering it, or a procedure, closes it."""
        for case in self.filtered("is_closed"):
            raise UserError(
                _(
                    "PQRS %(case)s cannot be registered in the closing stage %(stage)s: a case "
                    "is closed by its answer or by the legal procedure that ends it.",
                    case=case.subject,
                    stage=case.stage_id.display_name,
                )
            )

    def _esc_refuse_bookkeeping(self, case_name, field_names):
        raise AccessError(
            _(
                "PQRS %(case)s: %(fields)s is kept by the system (filing, legal procedures, "
                "service-level clocks) and cannot be set by hand.",
                case=case_name,
                fields=self._esc_field_labels(sorted(field_names)),
            )
        )

    @api.model
    def _esc_check_required_at_filing(self, vals_list):
        """Refuse, before anything is written, a case that could not be filed: without a
        customer or a type it has neither a term nor someone to answer."""
        for vals in vals_list:
            for name in REQUIRED_AT_FILING:
                if vals.get(name) or self.env.context.get(f"default_{name}"):
                    continue
                raise ValidationError(
                    _(
                        "PQRS %(subject)s: the field %(field)s is required to file it.",
                        subject=vals.get("subject") or _("(no subject)"),
                        field=self._fields[name]._description_string(self.env),
                    )
                )

    def write(self, vals):
        if not self.env.su:
            self._esc_check_user_write(vals)
        if "stage_id" in vals:
            self._esc_check_closing_on_merits(self.env["esc.pqrs.stage"].browse(vals["stage_id"]))
        result = super().write(vals)
        if any(field in vals for field in DEADLINE_FIELDS):
            self.sudo()._esc_file()
        if "stage_id" in vals:
            self.sudo()._esc_follow_stage_clocks()
            self.sudo().deadline_ids._esc_follow_stage()
        return result

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """Kanban columns: every unfolded stage, and the folded ones holding cases."""
        return (stages | stages.search([("fold", "=", False)])).sorted()

    def unlink(self):
        """A case is filed from the moment it is registered: its radicado, legal record and
        messages are kept for good, so nobody deletes it (archive it once closed). Refused
        before ``mail.thread`` deletes the messages; only uninstalling the add-on deletes."""
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._esc_refuse_deletion()
        return super().unlink()

    def _esc_refuse_deletion(self):
        raise UserError(
            _(
                "PQRS %(cases)s is filed and cannot be deleted; archive it once it is closed.",
                cases=", ".join(self.mapped("display_name")),
            )
        )

    def _esc_check_user_write(self, vals):
        """What a user (any user: rights to write a case do not reach its record) may not
        change: bookkeeping, the company whose sequence numbered it, what the legal term
        counts from once the legal record has started, a stage only a procedure enters or
        leaves, and an open case's place among active cases."""
        forbidden = BOOKKEEPING_FIELDS.intersection(vals)
        if "company_id" in vals:
            forbidden |= {"company_id"}
        for case in self:
            if forbidden:
                self._esc_refuse_bookkeeping(case.display_name, forbidden)
            case._esc_check_filing_inputs_change(vals)
            if "stage_id" in vals:
                case._esc_check_stage_change(self.env["esc.pqrs.stage"].browse(vals["stage_id"]))
            if vals.get("active") is False and not case.is_closed:
                raise UserError(
                    _(
                        "PQRS %(case)s is open: it must be answered, not archived.",
                        case=case.display_name,
                    )
                )

    def _esc_check_filing_inputs_change(self, vals):
        """The receipt, the type and the customer's company are corrected while the legal
        record is empty; after a procedure or the closing they are what it was counted from,
        and the notices already sent belong to that customer."""
        changed = [name for name in FILING_INPUT_FIELDS if name in vals]
        if "partner_id" in vals:
            partner = self.env["res.partner"].browse(vals["partner_id"])
            if partner.commercial_partner_id != self.commercial_partner_id:
                changed.append("partner_id")
        if not changed or not (self.procedure_ids or self.response_ids or self.is_closed):
            return
        raise UserError(
            _(
                "PQRS %(case)s: %(fields)s can no longer be changed: the case is closed or has "
                "legal procedures or an official response counted from it.",
                case=self.display_name,
                fields=self._esc_field_labels(changed),
            )
        )

    def _esc_check_stage_change(self, stage):
        """Remitted and withdrawn are entered and left only through their procedure."""
        if stage == self.stage_id:
            return
        for locked in (self.stage_id | stage).filtered("closing_procedure"):
            procedures = dict(locked._fields["closing_procedure"]._description_selection(self.env))
            raise UserError(
                _(
                    "PQRS %(case)s: the stage %(stage)s is entered and left only through the "
                    "procedure %(procedure)s.",
                    case=self.display_name,
                    stage=locked.display_name,
                    procedure=procedures[locked.closing_procedure],
                )
            )

    def _esc_field_labels(self, names):
        """The labels of fields ``names``, in the reader's language, for messages."""
        return ", ".join(self._fields[name]._description_string(self.env) for name in names)

    def _esc_check_closing_on_merits(self, stage):
        """Before open cases reach a closing stage on their merits (not one a procedure alone
        enters), for every user and the system alike, let each concern refuse it."""
        if not stage.is_closed or stage.closing_procedure:
            return
        for case in self.filtered(lambda case: not case.is_closed):
            case._esc_check_closable(stage)

    def _esc_check_closable(self, stage):
        """Raise when this case may not be closed on its merits in ``stage`` yet; concerns
        that keep such a condition (the official response, a claim's root cause and outcome)
        extend it."""
        self.ensure_one()

    def _esc_file(self):
        """Give each case its filing date, the customer's segment as it is now and its
        deadline lines, in batch: one read of each calendar, one write per distinct set of
        filing values, one create of all the lines and one update of their states."""
        line_values = []
        for calendar, cases in self.grouped(
            lambda case: case.company_id.esc_pqrs_calendar_id
        ).items():
            filings = calendar._esc_legal_due_dates_batch(
                [(case.received_at, case.type_id._esc_term_days()) for case in cases]
            )
            cases._esc_write_filing([filing_date for filing_date, _due in filings])
            line_values += cases._esc_deadline_values(calendar, [due for _filed, due in filings])
        self.deadline_ids.filtered(lambda line: line.state != "met").unlink()
        self.env["esc.pqrs.deadline"].create(line_values)._esc_follow_stage()

    def _esc_write_filing(self, filing_dates):
        """Write the filing dates and customer snapshots, grouping cases that share them."""
        ids_by_values = defaultdict(list)
        for case, filing_date in zip(self, filing_dates, strict=True):
            values = {**case._esc_customer_snapshot(), "filing_date": filing_date}
            ids_by_values[tuple(sorted(values.items()))].append(case.id)
        for values, ids in ids_by_values.items():
            self.browse(ids).write(dict(values))

    def _esc_assign_radicado(self):
        """Number each case from its company's own sequence, in the yearly range of its
        filing date: PQRS/2026/00042. Cases of one company and year draw their numbers
        together, in the order they were created."""
        sequences = self.env["ir.sequence"]
        for (company, _year), cases in self.grouped(
            lambda case: (case.company_id, case.filing_date.year)
        ).items():
            sequence = sequences.search(
                [("code", "=", SEQUENCE_CODE), ("company_id", "in", [company.id, False])],
                order="company_id",
                limit=1,
            )
            names = sequence._esc_next_batch(len(cases), cases[:1].filing_date)
            for case, name in zip(cases, names, strict=True):
                case.name = name

    def _esc_customer_snapshot(self):
        """The customer's segment, market and stakeholder group as they are now."""
        commercial = self.partner_id.commercial_partner_id
        return {
            "segment_id": commercial.esc_segment_id.id,
            "market": commercial.esc_market,
            "stakeholder_group": commercial.esc_stakeholder_group,
        }

    def _esc_deadline_values(self, calendar, legal_dues):
        """Values of the deadline lines the cases' types and segments call for, but for the
        kinds already met. Service-level targets count the time already spent paused."""
        rules = self._esc_sla_rules()
        first_responses = iter(
            calendar._esc_business_hours_targets_batch(
                [
                    (case.received_at, rule.first_response_hours + case.sla_paused_hours)
                    for case, rule in zip(self, rules, strict=True)
                    if rule.first_response_hours
                ]
            )
        )
        resolutions = iter(
            calendar._esc_legal_due_dates_batch(
                [
                    (case.filing_date, rule.resolution_days + case.sla_paused_days)
                    for case, rule in zip(self, rules, strict=True)
                    if rule.resolution_days
                ]
            )
        )
        values = []
        for case, rule, legal_due in zip(self, rules, legal_dues, strict=True):
            wanted = {}
            if legal_due:
                wanted["legal"] = case._esc_moved_legal_due() or calendar._esc_day_end(legal_due)
            if case.documents_due_at:
                wanted["documents"] = case.documents_due_at
            if rule.first_response_hours:
                wanted["sla_first_response"] = next(first_responses)
            if rule.resolution_days:
                wanted["sla_resolution"] = calendar._esc_day_end(next(resolutions)[1])
            met_kinds = set(
                case.deadline_ids.filtered(lambda line: line.state == "met").mapped("kind")
            )
            values += [
                {"pqrs_id": case.id, "kind": kind, "due_at": due_at}
                for kind, due_at in wanted.items()
                if kind not in met_kinds
            ]
        return values

    def _esc_sla_rules(self):
        """The service-level rule of each case, in order; cases alike share one lookup."""
        found = {}
        for case in self:
            key = (case.segment_id, case.type_id, case.priority)
            if key not in found:
                found[key] = self.env["esc.sla.rule"]._esc_find(*key)
        return [found[(case.segment_id, case.type_id, case.priority)] for case in self]
