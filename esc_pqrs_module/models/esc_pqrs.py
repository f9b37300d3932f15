# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PQRS case: what the customer asked, through which official channel, and by when the law
and the customer's segment require an answer."""

from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .esc_pqrs_deadline import DEADLINE_KINDS, OPEN_STATES
from .esc_sla_rule import PRIORITIES
from .res_partner import STAKEHOLDER_GROUPS

SEQUENCE_CODE = "esc.pqrs"
SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
#: Fields whose change moves the deadlines (DESIGN.md: type, customer, priority, receipt).
DEADLINE_FIELDS = ("type_id", "partner_id", "priority", "received_at")
#: Channels whose petitions are verbal: remitted at once, not within 5 business days (art. 21).
VERBAL_CHANNEL_KINDS = ("phone", "visit")
REMISSION_DAYS = 5
#: Art. 17: completion may be requested within 10 business days of filing; the customer has
#: one calendar month, and one more when asked for before it ends.
COMPLETION_REQUEST_DAYS = 10
COMPLETION_MONTHS = 1
#: Art. 14 num. 1: documents deemed accepted are delivered within 3 business days more.
DOCUMENTS_DELIVERY_DAYS = 3
#: Procedures that set the legal due date; the latest of them holds.
LEGAL_DUE_SETTING_KINDS = ("extension", "completion")
COMPLETION_STATES = [
    ("pending", "Waiting for the Customer to Complete"),
    ("complete", "Completed"),
    ("withdrawn", "Withdrawn"),
]
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
        default=lambda self: self._default_user_id(),
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
    procedure_ids = fields.One2many(
        "esc.pqrs.procedure", "pqrs_id", string="Legal Procedures", readonly=True
    )
    is_extended = fields.Boolean(
        string="Term Extended", compute="_compute_procedure_state", store=True, tracking=True
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
        string="Customer Given One More Month", compute="_compute_procedure_state", store=True
    )
    completion_lapse_notified = fields.Boolean(readonly=True, copy=False)
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
    sla_paused_since = fields.Datetime(string="SLA Paused Since", readonly=True, copy=False)
    sla_paused_hours = fields.Float(
        string="SLA Business Hours Paused",
        readonly=True,
        copy=False,
        help="Business hours the service-level clocks stood still, over every pause so far.",
    )
    sla_paused_days = fields.Integer(
        string="SLA Business Days Paused",
        readonly=True,
        copy=False,
        help="Business days the service-level clocks stood still, over every pause so far.",
    )

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

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/pqrs/{case.id}"

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
        cases = super().create(vals_list)
        # Filing data is bookkeeping, not user input: any employee who may register a case
        # gets it filed, numbered and timed, though they may write none of those fields.
        cases.sudo()._esc_file()
        cases.sudo()._esc_follow_stage_clocks()
        unnumbered = cases.browse(
            case.id for case, vals in zip(cases, vals_list, strict=True) if not vals.get("name")
        )
        unnumbered.sudo()._esc_assign_radicado()
        return cases

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
        result = super().write(vals)
        if any(field in vals for field in DEADLINE_FIELDS):
            self.sudo()._esc_file()
        if "stage_id" in vals:
            self.sudo()._esc_follow_stage_clocks()
            self.sudo().deadline_ids._esc_follow_stage()
        return result

    def message_post(self, **kwargs):
        self._esc_check_may_address_customer(kwargs)
        message = super().message_post(**kwargs)
        if self._esc_is_staff_reply(message):
            self.sudo()._esc_mark_met(["sla_first_response"], message.date)
        elif self._esc_is_customer_message(message):
            self.sudo()._esc_inform_of_customer_reply(message)
        return message

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

    @api.model
    def _esc_is_staff_reply(self, message):
        """A message the customer sees, written by a member of staff: it answers the case
        for the first-response service level."""
        return (
            message.message_type == "comment"
            and not message.subtype_id.internal
            and bool(message.author_id.user_ids.filtered(lambda user: not user.share))
        )

    def _esc_is_customer_message(self, message):
        """A message from the customer: someone of the customer's company writing on the
        portal or by e-mail, or an unknown sender replying by e-mail. Staff, the company's
        own address and the system are not the customer."""
        if message.message_type not in ("comment", "email") or message.subtype_id.internal:
            return False
        author = message.author_id
        return not author or author.commercial_partner_id == self.partner_id.commercial_partner_id

    def _esc_post_subtype(self, post_values):
        if post_values.get("subtype_id"):
            return self.env["mail.message.subtype"].browse(post_values["subtype_id"])
        return self.env.ref(post_values.get("subtype_xmlid") or "mail.mt_note")

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

    def _esc_follow_stage_clocks(self):
        """Start or end the service-level pause the stage calls for, and mark every deadline
        met when the case reaches a closing stage (until the official-response wizard exists,
        reaching it is how the answer is recorded). A reopened case keeps its met lines:
        they were met when the answer went out."""
        now = fields.Datetime.now()
        for case in self:
            if case.stage_id.pauses_sla and not case.sla_paused_since:
                case.sla_paused_since = now
            elif not case.stage_id.pauses_sla and case.sla_paused_since:
                case._esc_resume_sla(now)
        self.filtered("is_closed")._esc_mark_met([kind for kind, _label in DEADLINE_KINDS], now)

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

    # ------------------------------------------------------------------
    # Legal procedures
    # ------------------------------------------------------------------

    def action_esc_extend(self):
        """Open the extension wizard (art. 14 parágrafo)."""
        return self._esc_procedure_wizard(
            "esc.pqrs.extension.wizard", _("Extend the Response Term")
        )

    def _esc_procedure_wizard(self, wizard_model, title):
        """The action opening a procedure's wizard on this case, for Customer Service only."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": wizard_model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_pqrs_id": self.id},
        }

    def _esc_check_may_run_procedures(self):
        if self.env.su or self.env.user.has_group(SERVICE_GROUP):
            return
        raise AccessError(
            _(
                "PQRS %(case)s: only Customer Service runs the legal procedures; %(user)s may not.",
                case=", ".join(self.mapped("display_name")),
                user=self.env.user.display_name,
            )
        )

    def _esc_legal_line(self):
        return self.deadline_ids.filtered(lambda line: line.kind == "legal")

    def _esc_moved_legal_due(self):
        """The legal due moment the latest extension or completion set, if any: rebuilt
        lines keep it."""
        return self._esc_last_procedure(*LEGAL_DUE_SETTING_KINDS).due_after

    def _esc_last_procedure(self, *kinds):
        """The latest procedure of one of ``kinds`` on the case's record, or none."""
        done = self.procedure_ids.filtered(lambda procedure: procedure.kind in kinds)
        return done.sorted(lambda procedure: (procedure.done_at, procedure.id))[-1:]

    def _esc_term_start(self):
        """The day the legal term counts from: the filing date, or the day the customer's
        completion was confirmed, which starts a full new term (art. 17)."""
        completion = self._esc_last_procedure("completion")
        if not completion:
            return self.filing_date
        return self._esc_local_day(completion.done_at)

    def _esc_extension_limit(self):
        """The latest date an extension may set: the start of the term plus twice the term."""
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_max_extension_date(
            self._esc_term_start(), self.type_id._esc_term_days()
        )

    def _esc_extend(self, new_date, reasons):
        """Move the legal line to the end of ``new_date``, record the extension and send the
        customer its notice. SLA lines do not move."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        legal = self._esc_legal_line()
        self._esc_check_extension(legal, new_date, reasons)
        calendar = self.company_id.esc_pqrs_calendar_id
        due_before = legal.due_at
        legal.sudo().due_at = calendar._esc_day_end(new_date)
        legal.sudo()._esc_update_states(fields.Datetime.now())
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_extension",
            esc_reasons=reasons,
            esc_due_before=calendar._esc_local_date(due_before),
            esc_due_after=new_date,
        )
        return self._esc_record_procedure(
            "extension", reasons, notice, due_before=due_before, due_after=legal.due_at
        )

    def _esc_check_extension(self, legal, new_date, reasons):
        """Refuse an extension the law does not allow, saying which rule and which date."""
        calendar = self.company_id.esc_pqrs_calendar_id
        refusal = None
        if not legal or legal.state == "met":
            refusal = _("it has no running legal term to extend")
        elif self.completion_state == "pending":
            refusal = _("its legal term is suspended while the customer completes the petition")
        elif self.is_extended:
            refusal = _("its term was already extended once; the law allows one extension")
        elif fields.Datetime.now() > legal.due_at:
            refusal = _(
                "its legal term ended on %(due)s; a term can only be extended before it ends",
                due=self._esc_format_date(calendar._esc_local_date(legal.due_at)),
            )
        elif not (reasons or "").strip():
            refusal = _("the reasons for the extension are required")
        elif new_date <= (due := calendar._esc_local_date(legal.due_at)):
            refusal = _(
                "the new date %(new)s is not after the current due date %(due)s",
                new=self._esc_format_date(new_date),
                due=self._esc_format_date(due),
            )
        elif new_date > (limit := self._esc_extension_limit()):
            refusal = _(
                "the new date %(new)s passes %(limit)s, the filing date plus twice the term",
                new=self._esc_format_date(new_date),
                limit=self._esc_format_date(limit),
            )
        elif not calendar._esc_business_days(new_date, new_date):
            refusal = _(
                "the new date %(new)s is not a business day", new=self._esc_format_date(new_date)
            )
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be extended: %(reason)s."))

    def action_esc_remit(self):
        """Open the remission wizard (art. 21)."""
        return self._esc_procedure_wizard(
            "esc.pqrs.remission.wizard", _("Remit to the Competent Party")
        )

    def _esc_remit(self, competent_partner, reasons):
        """Send the petition to the party competent to answer it, with a copy to the
        customer, and close the case as remitted."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_remission(competent_partner, reasons)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_remission",
            esc_reasons=reasons,
            esc_competent_id=competent_partner.id,
            esc_competent_name=competent_partner.display_name,
        )
        procedure = self._esc_record_procedure(
            "remission", reasons, notice, competent_partner_id=competent_partner.id
        )
        self.stage_id = self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted")
        return procedure

    def _esc_remission_deadline(self):
        """The last day a remission may be sent: the filing day itself for a verbal petition,
        five business days after it for a written one."""
        if self.channel_id.kind in VERBAL_CHANNEL_KINDS:
            return self.filing_date
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_legal_due_date(self.filing_date, REMISSION_DAYS)

    def _esc_check_remission(self, competent_partner, reasons):
        calendar = self.company_id.esc_pqrs_calendar_id
        today = calendar._esc_local_date(fields.Datetime.now())
        refusal = None
        if self.is_closed:
            refusal = _("it is closed")
        elif not competent_partner:
            refusal = _("the competent party is required")
        elif not (reasons or "").strip():
            refusal = _("the reasons for the remission are required")
        elif today > self._esc_remission_deadline():
            refusal = _(
                "the remission had to be sent by %(deadline)s (at once for a verbal petition, "
                "within 5 business days for a written one)",
                deadline=self._esc_format_date(self._esc_remission_deadline()),
            )
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be remitted: %(reason)s."))

    # Incomplete petition (art. 17)

    def action_esc_request_completion(self):
        """Open the wizard asking the customer to complete the petition (art. 17)."""
        return self._esc_completion_wizard("request", _("Ask the Customer to Complete"))

    def action_esc_extend_completion(self):
        """Open the wizard giving the customer one more month, at their request."""
        return self._esc_completion_wizard("extend", _("One More Month to Complete"))

    def action_esc_confirm_completion(self):
        """Open the wizard confirming the petition is complete."""
        return self._esc_completion_wizard("confirm", _("Petition Complete"))

    def action_esc_withdraw(self):
        """Open the wizard declaring the withdrawal (desistimiento)."""
        return self._esc_completion_wizard("withdraw", _("Withdrawal"))

    def _esc_completion_wizard(self, step, title):
        action = self._esc_procedure_wizard("esc.pqrs.completion.wizard", title)
        action["context"]["default_step"] = step
        return action

    def _esc_completion_preview(self, step):
        """The dates a step of the incomplete petition would show or set, today."""
        self.ensure_one()
        today = self._esc_today()
        if step == "request":
            return {
                "request_deadline": self._esc_completion_request_deadline(),
                "new_customer_due_date": self._esc_customer_deadline(today, COMPLETION_MONTHS),
            }
        if step == "confirm":
            calendar = self.company_id.esc_pqrs_calendar_id
            return {
                "new_due_date": calendar._esc_legal_due_date(today, self.type_id._esc_term_days())
            }
        preview = {"customer_due_date": self.completion_due_date}
        if step == "extend" and self._esc_completion_request():
            preview["new_customer_due_date"] = self._esc_extended_customer_deadline()
        return preview

    def _esc_completion_request_deadline(self):
        """The last day completion may be requested: 10 business days after filing."""
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_legal_due_date(self.filing_date, COMPLETION_REQUEST_DAYS)

    def _esc_customer_deadline(self, requested_on, months):
        """``months`` calendar months after the request, moved to the next business day."""
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_business_day_from(requested_on + relativedelta(months=months))

    def _esc_completion_request(self):
        """The request the customer is completing now."""
        return self._esc_last_procedure("completion_request")

    def _esc_request_completion(self, missing):
        """Ask the customer for what is missing: the legal term stands still from now, the
        customer has one calendar month, and the case waits for the customer."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        today = self._esc_today()
        self._esc_check_completion_request(missing, today)
        customer_due = self._esc_customer_deadline(today, COMPLETION_MONTHS)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion_request",
            esc_reasons=missing,
            esc_customer_due=customer_due,
        )
        procedure = self._esc_record_procedure(
            "completion_request",
            missing,
            notice,
            due_before=self._esc_legal_line().due_at,
            customer_due_after=customer_due,
        )
        self.sudo().completion_lapse_notified = False
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_waiting_customer")
        self.sudo().deadline_ids._esc_follow_stage()
        return procedure

    def _esc_check_completion_request(self, missing, today):
        legal = self._esc_legal_line()
        refusal = None
        if self.is_closed:
            refusal = _("it is closed")
        elif not legal or legal.state == "met":
            refusal = _("it has no running legal term")
        elif self.completion_state == "pending":
            refusal = _(
                "the customer is already completing it, until %(due)s",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (missing or "").strip():
            refusal = _("say what the customer must complete")
        elif today > (deadline := self._esc_completion_request_deadline()):
            refusal = _(
                "completion may be requested only within 10 business days of filing, that is "
                "until %(deadline)s",
                deadline=self._esc_format_date(deadline),
            )
        self._esc_refuse(
            refusal, _("PQRS %(case)s cannot be returned to the customer to complete: %(reason)s.")
        )

    def _esc_extend_completion(self, reasons):
        """Give the customer one more month, asked for before the first one ended: two
        calendar months from the request, moved to the next business day."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_completion_extension(reasons)
        due_before = self.completion_due_date
        customer_due = self._esc_extended_customer_deadline()
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion_extension",
            esc_reasons=reasons,
            esc_customer_due_before=due_before,
            esc_customer_due=customer_due,
        )
        procedure = self._esc_record_procedure(
            "completion_extension",
            reasons,
            notice,
            customer_due_before=due_before,
            customer_due_after=customer_due,
        )
        self.sudo().completion_lapse_notified = False
        return procedure

    def _esc_extended_customer_deadline(self):
        """Two calendar months from the request, moved to the next business day: the one
        more month counts from the end of the first, before that end was moved."""
        requested_on = self._esc_local_day(self._esc_completion_request().done_at)
        return self._esc_customer_deadline(requested_on, 2 * COMPLETION_MONTHS)

    def _esc_check_completion_extension(self, reasons):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif self.is_completion_extended:
            refusal = _("the customer already has the one more month the law allows")
        elif self._esc_today() > self.completion_due_date:
            refusal = _(
                "the customer's month ended on %(due)s; one more month must be asked for "
                "before it ends",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (reasons or "").strip():
            refusal = _("say when and how the customer asked for more time")
        self._esc_refuse(
            refusal, _("PQRS %(case)s cannot give the customer more time: %(reason)s.")
        )

    def _esc_confirm_completion(self, notes):
        """The customer completed the petition: a full new legal term starts the business
        day after today, and the case is worked again."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_completion(notes)
        calendar = self.company_id.esc_pqrs_calendar_id
        today = self._esc_today()
        legal = self._esc_legal_line()
        due_before = legal.due_at
        new_due = calendar._esc_day_end(
            calendar._esc_legal_due_date(today, self.type_id._esc_term_days())
        )
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_completion",
            esc_reasons=notes,
            esc_due_after=calendar._esc_local_date(new_due),
        )
        procedure = self._esc_record_procedure(
            "completion", notes, notice, due_before=due_before, due_after=new_due
        )
        legal.sudo().due_at = new_due
        self._esc_close_lapse_activities(_("The customer completed the petition."))
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_in_progress")
        self.sudo().deadline_ids._esc_follow_stage()
        return procedure

    def _esc_check_completion(self, notes):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif not (notes or "").strip():
            refusal = _("say what the customer provided")
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be confirmed complete: %(reason)s."))

    def _esc_withdraw(self, reasons):
        """The customer did not complete the petition in time: the agent declares the
        withdrawal with a reasoned notice, and the case closes. Never automatic."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        self._esc_check_withdrawal(reasons)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_withdrawal",
            esc_reasons=reasons,
            esc_customer_due=self.completion_due_date,
        )
        procedure = self._esc_record_procedure("withdrawal", reasons, notice)
        self._esc_close_lapse_activities(_("Withdrawal declared."))
        self._esc_move_to_stage("esc_pqrs_module.esc_pqrs_stage_withdrawn")
        return procedure

    def _esc_check_withdrawal(self, reasons):
        refusal = None
        if self.completion_state != "pending":
            refusal = self._esc_no_pending_request()
        elif self._esc_today() <= self.completion_due_date:
            refusal = _(
                "the customer has until %(due)s to complete the petition",
                due=self._esc_format_date(self.completion_due_date),
            )
        elif not (reasons or "").strip():
            refusal = _("the reasons for the withdrawal are required")
        self._esc_refuse(refusal, _("PQRS %(case)s cannot be closed as withdrawn: %(reason)s."))

    def _esc_no_pending_request(self):
        return _("no request to complete it is pending")

    def _esc_close_lapse_activities(self, feedback):
        self.sudo().activity_feedback(
            [
                "esc_pqrs_module.mail_activity_esc_completion_lapsed",
                "esc_pqrs_module.mail_activity_esc_completion_reply",
            ],
            feedback=feedback,
        )

    def _esc_completion_agent(self):
        """Who decides on the completion: the owner, else who asked the customer."""
        return self.user_id or self._esc_completion_request().user_id

    def _esc_inform_of_customer_reply(self, message):
        """A customer's message while a completion request is pending tells the agent to
        look at it; it completes nothing by itself: the agent confirms or not."""
        waiting = self.filtered(
            lambda case: (
                case.completion_state == "pending"
                and not case.activity_ids.filtered(
                    lambda activity: (
                        activity.activity_type_id
                        == self.env.ref("esc_pqrs_module.mail_activity_esc_completion_reply")
                    )
                )
            )
        )
        for case in waiting.sudo():
            case.activity_schedule(
                "esc_pqrs_module.mail_activity_esc_completion_reply",
                user_id=case._esc_completion_agent().id,
                note=_(
                    "%(author)s answered the request to complete the petition. Confirm it "
                    "complete if it is; the legal term stays suspended until then.",
                    author=message.author_id.display_name or message.email_from,
                ),
            )

    @api.model
    def _cron_esc_follow_legal_time(self):
        """The legal consequences of time passing: completion months that ended, and
        documents requests left unanswered."""
        self._esc_notify_lapsed_completions()
        self._esc_deem_unanswered_documents_accepted()

    @api.model
    def _esc_notify_lapsed_completions(self):
        """Tell the agent, by an activity, that the customer's month ended without the
        petition completed: the withdrawal is theirs to decide, never automatic."""
        candidates = self.search(
            [
                ("completion_state", "=", "pending"),
                ("completion_lapse_notified", "=", False),
                ("completion_due_date", "<", fields.Date.today() + timedelta(days=1)),
            ]
        )
        lapsed = candidates.filtered(lambda case: case._esc_today() > case.completion_due_date)
        for case in lapsed:
            case.activity_schedule(
                "esc_pqrs_module.mail_activity_esc_completion_lapsed",
                user_id=case._esc_completion_agent().id,
                note=_(
                    "The customer's term to complete the petition ended on %(due)s. Confirm it "
                    "complete if the customer did so, or declare the withdrawal with its "
                    "reasons.",
                    due=case._esc_format_date(case.completion_due_date),
                ),
            )
        lapsed.completion_lapse_notified = True

    # Documents request deemed accepted (art. 14 num. 1)

    @api.model
    def _esc_deem_unanswered_documents_accepted(self):
        """A documents request whose legal term ended unanswered is deemed accepted: record
        it, tell the customer and give the case the documents' delivery date."""
        now = fields.Datetime.now()
        lines = self.env["esc.pqrs.deadline"].search(
            [
                ("kind", "=", "legal"),
                ("state", "in", ("on_track", "at_risk", "breached")),
                ("due_at", "<", now),
                ("pqrs_id.is_closed", "=", False),
                ("pqrs_id.is_deemed_accepted", "=", False),
                ("pqrs_id.type_id.is_deemed_accepted_unanswered", "=", True),
            ]
        )
        for line in lines:
            line.pqrs_id._esc_deem_accepted(line)

    def _esc_deem_accepted(self, legal):
        calendar = self.company_id.esc_pqrs_calendar_id
        documents_day = calendar._esc_legal_due_date(
            calendar._esc_local_date(legal.due_at), DOCUMENTS_DELIVERY_DAYS
        )
        documents_due = calendar._esc_day_end(documents_day)
        notice = self._esc_send_notice(
            "esc_pqrs_module.mail_template_esc_pqrs_deemed_acceptance",
            esc_due_before=calendar._esc_local_date(legal.due_at),
            esc_due_after=documents_day,
        )
        procedure = self._esc_record_procedure(
            "deemed_acceptance",
            _(
                "Not answered within the legal term: the request is deemed accepted and the "
                "documents are due within %(days)s business days (art. 14 num. 1).",
                days=DOCUMENTS_DELIVERY_DAYS,
            ),
            notice,
            due_before=legal.due_at,
            due_after=documents_due,
        )
        documents = self.env["esc.pqrs.deadline"].create(
            {"pqrs_id": self.id, "kind": "documents", "due_at": documents_due}
        )
        documents._esc_follow_stage()
        return procedure

    # Shared by the procedures

    def _esc_record_procedure(self, kind, reasons, notice, **values):
        """Enter the procedure in the case's legal record, as done now by the current user."""
        return (
            self.env["esc.pqrs.procedure"]
            .sudo()
            .create(
                {
                    "pqrs_id": self.id,
                    "kind": kind,
                    "user_id": self.env.user.id,
                    "reasons": reasons,
                    "notice_id": notice.id,
                    **values,
                }
            )
        )

    def _esc_refuse(self, refusal, message):
        """Raise ``message`` (translated, naming ``case`` and ``reason``) when a rule refuses
        the procedure."""
        if refusal:
            raise UserError(message % {"case": self.name, "reason": refusal})

    def _esc_format_date(self, day):
        """A date as the reader's language writes it, for messages."""
        return format_date(self.env, day)

    def _esc_today(self):
        return self._esc_local_day(fields.Datetime.now())

    def _esc_local_day(self, moment):
        return self.company_id.esc_pqrs_calendar_id._esc_local_date(moment)

    def _esc_move_to_stage(self, stage_xmlid):
        """Move an open case to the stage a procedure leads to, when that stage exists."""
        stage = self.env.ref(stage_xmlid, raise_if_not_found=False)
        if stage and not self.is_closed and self.stage_id != stage:
            self.stage_id = stage

    def _esc_send_notice(self, template_xmlid, **values):
        """Post a notice to the customer from a mail template, rendered in the customer's
        language with ``values`` in its ``ctx``; return the message."""
        template = self.env.ref(template_xmlid)
        messages = self.with_context(**values).message_post_with_source(
            template, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return messages[:1]
