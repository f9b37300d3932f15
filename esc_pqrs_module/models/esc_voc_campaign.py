# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Voice-of-the-Customer campaign: one survey of Odoo's ``survey`` module, asked of customers
for one purpose and period (policy "EVALUAR LA SATISFACCIÓN DEL CLIENTE").

The survey module keeps the questions, the invitations and their tokens, the pages and the
answers; a campaign says whom it asks and why, sends the invitations through the survey's own
invitation wizard, and reads its scores from ``esc.voc.score``. Annual satisfaction and supplier
evaluation campaigns are *launched* to an audience; transactional and visit campaigns, while
running, invite one customer each time a case is answered or a visit recorded.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
CAMPAIGN_KINDS = [
    ("annual", "Annual Satisfaction Survey"),
    ("transactional", "Transactional Service Survey"),
    ("supplier", "Evaluation as Supplier"),
    ("commercial_visit", "Commercial Visit"),
    ("technical_visit", "Technical Visit"),
]
#: Kinds that invite one customer per event (an answered case, a recorded visit), not at launch.
EVENT_KINDS = ("transactional", "commercial_visit", "technical_visit")
#: The scores each kind measures unless its owner says otherwise.
DEFAULT_MEASURES = {
    "annual": ("nps", "csat"),
    "transactional": ("csat", "ces"),
    "supplier": ("nps",),
    "commercial_visit": ("csat",),
    "technical_visit": ("csat",),
}


class EscVocCampaign(models.Model):
    _name = "esc.voc.campaign"
    _description = "Voice of the Customer Campaign"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "esc.workflow.mixin",
        "esc.audience.mixin",
    ]
    _order = "date_start desc, id desc"
    _esc_step_fields = frozenset(
        {"state", "invited_count", "skipped_opt_out_count", "skipped_no_email_count"}
    )

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(CAMPAIGN_KINDS, required=True, default="annual", tracking=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        ondelete="restrict",
        tracking=True,
        help="The survey of the Surveys app the customers answer.",
    )
    date_start = fields.Date(
        string="Period Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="Period End", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        tracking=True,
        help="Customer Service owner: low scores of customers without a case agent go to them.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    measures_nps = fields.Boolean(
        string="Measures NPS", compute="_compute_measures", store=True, readonly=False
    )
    measures_csat = fields.Boolean(
        string="Measures CSAT", compute="_compute_measures", store=True, readonly=False
    )
    measures_ces = fields.Boolean(
        string="Measures CES", compute="_compute_measures", store=True, readonly=False
    )
    invited_count = fields.Integer(string="Invited at Launch", readonly=True, copy=False)
    skipped_opt_out_count = fields.Integer(
        string="Skipped (Opted Out)",
        readonly=True,
        copy=False,
        help="Contacts of the audience not invited because their e-mail is blacklisted or they "
        "asked not to receive surveys.",
    )
    skipped_no_email_count = fields.Integer(string="Skipped (No E-mail)", readonly=True, copy=False)
    answer_ids = fields.One2many("survey.user_input", "esc_voc_campaign_id", string="Answers")
    answer_count = fields.Integer(string="Invitations", compute="_compute_scores")
    answered_count = fields.Integer(string="Answered", compute="_compute_scores")
    response_rate = fields.Float(compute="_compute_scores", digits=(5, 1))
    nps_score = fields.Float(string="NPS", compute="_compute_scores", digits=(5, 1))
    nps_count = fields.Integer(string="NPS Answers", compute="_compute_scores")
    csat_score = fields.Float(string="CSAT (%)", compute="_compute_scores", digits=(5, 1))
    csat_count = fields.Integer(string="CSAT Answers", compute="_compute_scores")
    ces_score = fields.Float(string="CES", compute="_compute_scores", digits=(5, 2))
    ces_count = fields.Integer(string="CES Answers", compute="_compute_scores")

    @api.depends("kind")
    def _compute_measures(self):
        for campaign in self:
            measures = DEFAULT_MEASURES.get(campaign.kind, ())
            campaign.measures_nps = "nps" in measures
            campaign.measures_csat = "csat" in measures
            campaign.measures_ces = "ces" in measures

    def _compute_scores(self):
        scores = self.env["esc.voc.score"]._esc_scores(
            [("campaign_id", "in", self.ids)], "campaign_id"
        )
        for campaign in self:
            score = scores.get(campaign, {})
            campaign.answer_count = score.get("invited", 0)
            campaign.answered_count = score.get("answered", 0)
            campaign.response_rate = score.get("response_rate") or 0.0
            for role in ("nps", "csat", "ces"):
                campaign[f"{role}_score"] = score.get(role) or 0.0
                campaign[f"{role}_count"] = score.get(f"{role}_count", 0)

    @api.constrains("date_start", "date_end")
    def _check_period(self):
        for campaign in self:
            if campaign.date_end and campaign.date_end < campaign.date_start:
                raise ValidationError(
                    _(
                        "Campaign %(campaign)s: its period ends before it starts.",
                        campaign=campaign.name,
                    )
                )

    @api.constrains("state", "kind", "company_id")
    def _check_one_running_event_campaign(self):
        """A case answered or a visit recorded must find one campaign to invite to."""
        for campaign in self.filtered(lambda c: c.state == "running" and c.kind in EVENT_KINDS):
            other = self.search(
                [
                    ("id", "!=", campaign.id),
                    ("state", "=", "running"),
                    ("kind", "=", campaign.kind),
                    ("company_id", "=", campaign.company_id.id),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    _(
                        "Campaign %(campaign)s: %(other)s is already running for the same kind "
                        "of survey; close it first.",
                        campaign=campaign.name,
                        other=other.name,
                    )
                )

    @api.constrains("state", "survey_id", "measures_nps", "measures_csat", "measures_ces")
    def _check_survey_measures(self):
        for campaign in self.filtered(lambda c: c.state == "running"):
            campaign._esc_check_survey_asks_measures()

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._esc_guard_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for campaign in self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _(
                    "Campaign %(campaign)s is %(state)s: its answers count in the scores; close "
                    "it instead of deleting it.",
                    campaign=campaign.name,
                    state=campaign._esc_state_label(),
                )
            )

    # Actions

    def action_launch(self):
        """Start it: an annual or supplier campaign invites its audience now; a transactional
        or visit campaign invites as cases are answered and visits recorded."""
        self._esc_check_service(_("launch"))
        for campaign in self:
            campaign._esc_check_state(("draft",))
            campaign._esc_check_launchable()
            campaign.sudo().state = "running"
            if campaign.kind not in EVENT_KINDS:
                campaign._esc_invite_audience()
        return True

    def action_close(self):
        self._esc_check_service(_("close"))
        for campaign in self:
            campaign._esc_check_state(("running",))
        self.sudo().write({"state": "closed"})
        return True

    def action_esc_create_improvement_plan(self):
        """A plan answering this campaign's result."""
        self.ensure_one()
        return self.env["esc.improvement.plan"]._esc_new_plan_action(
            {"default_source": "campaign", "default_campaign_id": self.id}
        )

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            {
                "domain": [("esc_voc_campaign_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

    def action_view_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "esc_pqrs_module.esc_voc_score_action"
        )
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    # Invitations

    def _esc_invite(self, partners, case=None, visit=None):
        """Invite ``partners`` through the survey's own wizard, signed by Customer Service;
        those who opted out or have no e-mail are left out. Returns the answers created and the
        partners left out, by reason."""
        self.ensure_one()
        reachable, skipped = self._esc_split_reachable(partners)
        answers = self.env["survey.user_input"]
        if not reachable:
            return answers, skipped
        template = self.env.ref("esc_pqrs_module.mail_template_esc_voc_invite")
        invite = (
            self.env["survey.invite"]
            .sudo()
            .with_context(default_email_layout_xmlid="mail.mail_notification_light")
            .create(
                {
                    "survey_id": self.survey_id.id,
                    "partner_ids": [Command.set(reachable.ids)],
                    "template_id": template.id,
                    "existing_mode": "new",
                    "author_id": self.company_id.partner_id.id,
                    "esc_voc_campaign_id": self.id,
                    "esc_pqrs_id": case.id if case else False,
                    "esc_visit_id": visit.id if visit else False,
                }
            )
        )
        invite.action_invite()
        domain = [("esc_voc_campaign_id", "=", self.id), ("partner_id", "in", reachable.ids)]
        if case:
            domain.append(("esc_pqrs_id", "=", case.id))
        if visit:
            domain.append(("esc_visit_id", "=", visit.id))
        return answers.sudo().search(domain), skipped

    @api.model
    def _esc_split_reachable(self, partners):
        """The partners an invitation can reach, and the others by reason: opted out (their
        e-mail is in ``mail.blacklist``, or they or their company asked for no surveys) or
        without an e-mail."""
        opted_out = partners.filtered(
            lambda p: (
                p.is_blacklisted
                or p.esc_survey_opt_out
                or p.commercial_partner_id.esc_survey_opt_out
            )
        )
        no_email = (partners - opted_out).filtered(lambda p: not p.email_normalized)
        return partners - opted_out - no_email, {"opt_out": opted_out, "no_email": no_email}

    def _esc_invite_audience(self):
        self.ensure_one()
        partners = self.env["res.partner"].search(self._esc_audience_domain())
        answers, skipped = self._esc_invite(partners)
        self.sudo().write(
            {
                "invited_count": len(answers),
                "skipped_opt_out_count": len(skipped["opt_out"]),
                "skipped_no_email_count": len(skipped["no_email"]),
            }
        )
        self.message_post(
            body=_(
                "Launched: %(invited)s customers invited; %(opted_out)s left out because they "
                "opted out, %(no_email)s because they have no e-mail.",
                invited=len(answers),
                opted_out=len(skipped["opt_out"]),
                no_email=len(skipped["no_email"]),
            )
        )

    def _esc_target_domain(self):
        """The customers the campaign asks about: those of its traits (policy: the Voice of
        the Customer is the customers')."""
        return self._esc_trait_domain() + self.env["res.partner"]._esc_customer_domain()

    def _esc_audience_domain(self):
        """The people a launch invites: the target's contacts, and a company itself only when
        it has no contacts, who would answer for it."""
        return self._esc_target_domain() + [
            "|",
            ("is_company", "=", False),
            ("child_ids", "=", False),
        ]

    def _esc_accepts(self, partner):
        """Whether an event campaign asks this case's or visit's customer."""
        self.ensure_one()
        return bool(partner.filtered_domain(self._esc_target_domain()))

    def _esc_invite_event(self, partner, case=None, visit=None):
        """Invite the customer of one case or visit; a failure to send (no sender address, a
        survey closed meanwhile) is reported, never allowed to undo the answer or the visit.
        Returns the answer and why there is none."""
        self.ensure_one()
        if not self._esc_accepts(partner):
            return self.env["survey.user_input"], _(
                "The customer is outside the campaign's target."
            )
        try:
            with self.env.cr.savepoint():
                answers, skipped = self._esc_invite(partner, case=case, visit=visit)
        except UserError as error:
            return self.env["survey.user_input"], _(
                "The survey could not be sent: %(reason)s", reason=error.args[0]
            )
        if skipped["opt_out"]:
            return answers, _("The customer opted out of surveys.")
        if skipped["no_email"]:
            return answers, _("The customer has no e-mail address.")
        return answers, False

    @api.model
    def _esc_running(self, kind, company):
        return self.sudo().search(
            [("state", "=", "running"), ("kind", "=", kind), ("company_id", "=", company.id)],
            limit=1,
        )

    # Checks

    def _esc_check_launchable(self):
        self.ensure_one()
        if self.kind not in EVENT_KINDS and not self._esc_has_partner_filters():
            raise ValidationError(
                _(
                    "Campaign %(campaign)s has no target: choose the segments, markets, "
                    "stakeholder groups or a contacts filter of the customers it asks.",
                    campaign=self.name,
                )
            )
        if self.survey_id.users_login_required or self.survey_id.access_mode != "token":
            raise ValidationError(
                _(
                    "Campaign %(campaign)s: customers answer survey %(survey)s from the link "
                    "they receive, so it must be open to invited people only, without a login.",
                    campaign=self.name,
                    survey=self.survey_id.title,
                )
            )
        self.survey_id.check_validity()
        self._esc_check_survey_asks_measures()

    def _esc_check_survey_asks_measures(self):
        self.ensure_one()
        roles = set(self.survey_id.question_ids.mapped("esc_voc_role"))
        labels = dict(
            self.env["survey.question"]._fields["esc_voc_role"]._description_selection(self.env)
        )
        missing = [
            labels[role]
            for role in ("nps", "csat", "ces")
            if self[f"measures_{role}"] and role not in roles
        ]
        if missing:
            raise ValidationError(
                _(
                    "Campaign %(campaign)s measures %(missing)s, but survey %(survey)s has no "
                    "question with that score: set it on a question of the survey.",
                    campaign=self.name,
                    missing=", ".join(missing),
                    survey=self.survey_id.title,
                )
            )

    def _esc_check_service(self, step):
        if not self.env.user.has_group(SERVICE_GROUP):
            raise AccessError(
                _(
                    "Only Customer Service may %(step)s a Voice-of-the-Customer campaign "
                    "(%(campaigns)s), and %(user)s is not in Customer Service.",
                    step=step,
                    campaigns=", ".join(self.mapped("name")),
                    user=self.env.user.name,
                )
            )
