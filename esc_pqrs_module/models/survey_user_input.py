# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Voice-of-the-Customer invitation is a survey answer: the survey module keeps its token,
its pages and its lines; this add-on records what it is about (campaign, case, visit) and a
snapshot of the customer's segment, market and channel when it was sent, so that a customer who
changes segment does not rewrite past scores."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
QUALITY_GROUP = "esc_pqrs_module.group_esc_quality"
#: Below these an answer is a low score that Customer Service follows up with the customer.
DETRACTOR_NPS_MAX = 6
LOW_CSAT_MAX = 2


class SurveyUserInput(models.Model):
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "esc.workflow.mixin"]
    #: Set when an invitation is created (as superuser, by its campaign, case or visit), never
    #: by hand: they decide what a score counts for.
    _esc_step_fields = frozenset(
        {
            "esc_voc_campaign_id",
            "esc_pqrs_id",
            "esc_visit_id",
            "esc_channel_id",
            "esc_segment_id",
            "esc_market",
            "esc_invitation_key",
            "esc_voc_scores",
        }
    )

    esc_voc_campaign_id = fields.Many2one(
        "esc.voc.campaign", string="Voice of the Customer Campaign", index="btree_not_null",
        readonly=True, ondelete="restrict",
    )  # fmt: skip
    esc_pqrs_id = fields.Many2one(
        "esc.pqrs", string="PQRS", index="btree_not_null", readonly=True, ondelete="set null"
    )
    esc_visit_id = fields.Many2one(
        "esc.voc.visit", string="Visit", index="btree_not_null", readonly=True, ondelete="set null"
    )
    esc_channel_id = fields.Many2one("esc.channel", string="Channel", readonly=True)
    esc_segment_id = fields.Many2one("esc.segment", string="Segment", readonly=True)
    esc_market = fields.Char(string="Market", readonly=True)
    esc_invitation_key = fields.Char(
        string="Invitation Key",
        readonly=True,
        copy=False,
        help="What this invitation is for (a campaign's customer, a case, a visit): one "
        "invitation each.",
    )
    esc_voc_scores = fields.Json(
        string="Scores",
        compute="_compute_esc_voc_scores",
        store=True,
        compute_sudo=True,
        help="The answer's Voice-of-the-Customer scores by role, e.g. {'nps': 9, 'csat': 4, "
        "'ces': 2, 'comment': '...'}: kept on the answer so that the dashboard groups answers, "
        "not their lines.",
    )
    esc_voc_visible = fields.Boolean(
        string="Readable by Me",
        compute="_compute_esc_voc_visible",
        search="_search_esc_voc_visible",
        help="Whether the current user may read this Voice-of-the-Customer answer.",
    )
    esc_voc_managed = fields.Boolean(
        string="Changeable by Me",
        compute="_compute_esc_voc_visible",
        search="_search_esc_voc_managed",
        help="Whether the current user may change this Voice-of-the-Customer answer.",
    )
    esc_voc_signature = fields.Html(
        string="Customer Service Signature",
        compute="_compute_esc_voc_signature",
        sanitize=False,
        help="Customer Service's signature, which closes the invitation (policy).",
    )

    _sql_constraints = [
        (
            "esc_invitation_key_unique",
            "unique (esc_invitation_key)",
            "This customer was already invited to this survey.",
        )
    ]

    @api.depends(
        "esc_voc_campaign_id",
        "user_input_line_ids.value_scale",
        "user_input_line_ids.value_text_box",
        "user_input_line_ids.value_char_box",
        "user_input_line_ids.skipped",
        "user_input_line_ids.question_id.esc_voc_role",
    )
    def _compute_esc_voc_scores(self):
        for answer in self:
            scores = {}
            if answer.esc_voc_campaign_id:
                for line in answer.user_input_line_ids:
                    role = line.question_id.esc_voc_role
                    if not role or line.skipped:
                        continue
                    if role == "comment":
                        scores[role] = line.value_text_box or line.value_char_box or None
                    elif line.answer_type == "scale":
                        scores[role] = line.value_scale
            answer.esc_voc_scores = scores or False

    def _compute_esc_voc_visible(self):
        visible = self.filtered_domain(self._esc_voc_visible_domain())
        managed = self.env.user.has_group(SERVICE_GROUP)
        for answer in self:
            answer.esc_voc_visible = answer in visible
            answer.esc_voc_managed = managed

    def _search_esc_voc_visible(self, operator, value):
        return self._esc_boolean_search(operator, value, self._esc_voc_visible_domain())

    def _search_esc_voc_managed(self, operator, value):
        managed = self.env.user.has_group(SERVICE_GROUP)
        return self._esc_boolean_search(operator, value, [] if managed else [(0, "=", 1)])

    @api.model
    def _esc_voc_visible_domain(self):
        """Customer Service and Quality read every Voice-of-the-Customer answer (they report
        on them); a salesperson those of the customers they own; anybody their own."""
        user = self.env.user
        if user.has_group(SERVICE_GROUP) or user.has_group(QUALITY_GROUP):
            return []
        return [
            "|",
            "|",
            ("partner_id", "=", user.partner_id.id),
            ("partner_id.user_id", "=", user.id),
            ("partner_id.commercial_partner_id.user_id", "=", user.id),
        ]

    @api.model
    def _esc_boolean_search(self, operator, value, domain):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("This field is searched only for true or false."))
        if (operator == "=") == value:
            return domain or [(1, "=", 1)]
        return ["!", *domain] if domain else [(0, "=", 1)]

    def _compute_esc_voc_signature(self):
        for answer in self:
            company = answer.esc_voc_campaign_id.company_id or self.env.company
            answer.esc_voc_signature = company._esc_signature()

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        invitations = [vals for vals in vals_list if vals.get("esc_voc_campaign_id")]
        # Read the cases and customers of the batch together, not one by one.
        cases = self.env["esc.pqrs"].browse(
            {vals["esc_pqrs_id"] for vals in invitations if vals.get("esc_pqrs_id")}
        )
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in invitations if vals.get("partner_id")}
        )
        cases_by_id = {case.id: case for case in cases.exists()}
        partners_by_id = {partner.id: partner for partner in partners.exists()}
        for vals in invitations:
            vals.update(
                self._esc_voc_snapshot(
                    vals,
                    cases_by_id.get(vals.get("esc_pqrs_id"), cases.browse()),
                    partners_by_id.get(vals.get("partner_id"), partners.browse()),
                )
            )
        self._esc_check_not_invited(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._esc_guard_write(vals)
        return super().write(vals)

    @api.model
    def _esc_voc_snapshot(self, vals, case, partner):
        """The customer's segment and market, and the case's channel, as they are now."""
        partner = partner.commercial_partner_id
        snapshot = {
            "esc_segment_id": (case.segment_id or partner.esc_segment_id).id,
            "esc_market": partner.esc_market,
            "esc_channel_id": case.channel_id.id,
        }
        if case:
            snapshot["esc_invitation_key"] = f"pqrs:{case.id}"
        elif vals.get("esc_visit_id"):
            snapshot["esc_invitation_key"] = f"visit:{vals['esc_visit_id']}"
        else:
            recipient = vals.get("partner_id") or vals.get("email")
            snapshot["esc_invitation_key"] = f"campaign:{vals['esc_voc_campaign_id']}:{recipient}"
        return snapshot

    @api.model
    def _esc_check_not_invited(self, vals_list):
        """Never twice: a case, a visit, or a campaign's customer is invited once."""
        keys = [vals["esc_invitation_key"] for vals in vals_list if vals.get("esc_invitation_key")]
        if not keys:
            return
        existing = self.sudo().search([("esc_invitation_key", "in", keys)], limit=1)
        if existing or len(keys) != len(set(keys)):
            raise UserError(
                _(
                    "%(recipient)s was already invited to this survey for %(what)s: a customer "
                    "answers once for each campaign, case or visit.",
                    recipient=existing.partner_id.display_name or existing.email or _("A customer"),
                    what=existing.esc_pqrs_id.display_name
                    or existing.esc_visit_id.display_name
                    or existing.esc_voc_campaign_id.display_name
                    or _("the same reason"),
                )
            )

    def _mark_done(self):
        result = super()._mark_done()
        self.filtered("esc_voc_campaign_id")._esc_voc_follow_up_low_scores()
        return result

    def _esc_voc_follow_up_low_scores(self):
        """A detractor (NPS 0-6) or an unsatisfied customer (CSAT 1-2) gets a call back: the
        activity goes to whoever owns the customer in Customer Service (the case's agent, or
        the campaign's owner)."""
        activity_type = self.env.ref(
            "esc_pqrs_module.mail_activity_esc_voc_low_score", raise_if_not_found=False
        )
        for answer in self:
            scores = answer.esc_voc_scores or {}
            nps, csat = scores.get("nps"), scores.get("csat")
            if not (
                (nps is not None and nps <= DETRACTOR_NPS_MAX)
                or (csat is not None and csat <= LOW_CSAT_MAX)
            ):
                continue
            owner = answer.esc_pqrs_id.user_id or answer.esc_voc_campaign_id.user_id
            answer.sudo().activity_schedule(
                activity_type_id=activity_type.id if activity_type else None,
                summary=_(
                    "Call %(customer)s back: NPS %(nps)s, CSAT %(csat)s",
                    customer=answer.partner_id.display_name or answer.email,
                    nps="-" if nps is None else nps,
                    csat="-" if csat is None else csat,
                ),
                user_id=(owner or self.env.ref("base.user_admin")).id,
            )
