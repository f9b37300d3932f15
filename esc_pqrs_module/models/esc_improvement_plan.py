# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

PLAN_STATES = [("open", "In Progress"), ("closed", "Closed"), ("cancelled", "Cancelled")]
PLAN_SOURCES = [
    ("campaign", "Voice of the Customer Campaign"),
    ("channel_kpi", "Channel Figures"),
    ("cases", "Cases"),
    ("other", "Other"),
]
FOLLOWER_GROUPS = ("esc_pqrs_module.group_esc_quality", "esc_pqrs_module.group_esc_service_user")
#: What an area (or an action's responsible) may change on a plan: its actions; the gap, its
#: source, owner, target and measure are Quality's and Customer Service's.
AREA_FIELDS = frozenset({"action_ids"})


class EscImprovementPlan(models.Model):
    """A gap in the service and what an area does to close it (policy: Quality follows the
    improvement plans that the areas carry out). Customer Service or Quality open it from
    its source (a campaign's result, a channel's figures, a case or several); the owner area
    carries out its actions; Quality closes it with the measured result."""

    _name = "esc.improvement.plan"
    _description = "Improvement Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "esc.workflow.mixin"]
    _order = "state, opened_on desc, id desc"

    _esc_step_fields = frozenset({"name", "state", "opened_on", "closed_on", "closed_by_id"})

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    title = fields.Char(string="Gap", required=True, tracking=True)
    gap_description = fields.Html(string="Description of the Gap")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    source = fields.Selection(PLAN_SOURCES, required=True, default="cases", tracking=True)
    campaign_id = fields.Many2one("esc.voc.campaign", tracking=True)
    channel_performance_id = fields.Many2one(
        "esc.channel.performance", string="Channel Figures", tracking=True
    )
    channel_id = fields.Many2one("esc.channel", tracking=True)
    pqrs_ids = fields.Many2many("esc.pqrs", string="Cases")
    area_id = fields.Many2one(
        "esc.area", string="Owner Area", tracking=True, index=True, help="Carries the plan out."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Followed By",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    target = fields.Char(
        string="Goal", tracking=True, help="What the plan must achieve, e.g. CSAT of 85 %."
    )
    measure = fields.Char(help="How and from which figure the target is measured.")
    opened_on = fields.Date(default=fields.Date.context_today, readonly=True, copy=False)
    due_date = fields.Date(string="Target Date", tracking=True)
    action_ids = fields.One2many("esc.improvement.action", "plan_id", string="Actions")
    action_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(string="Progress (%)", compute="_compute_progress")
    result = fields.Html(help="The result measured against the target, written when closing.")
    state = fields.Selection(
        PLAN_STATES, default="open", required=True, readonly=True, tracking=True, index=True
    )
    closed_on = fields.Date(readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("action_ids.state")
    def _compute_progress(self):
        for plan in self:
            actions = plan.action_ids.filtered(lambda action: action.state != "cancelled")
            plan.action_count = len(actions)
            done = actions.filtered(lambda action: action.state == "done")
            plan.progress = 100.0 * len(done) / len(actions) if actions else 0.0

    @api.constrains("area_id")
    def _check_area(self):
        for plan in self.filtered(lambda plan: not plan.area_id):
            raise ValidationError(
                _(
                    "Improvement plan %(plan)s: the field %(field)s is required; a plan is "
                    "carried out by an area.",
                    plan=plan.title,
                    field=self._fields["area_id"]._description_string(self.env),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        plans = super().create(vals_list)
        sequence = self.env["ir.sequence"].sudo()
        for plan in plans:
            plan.sudo().name = (
                sequence.with_company(plan.company_id).next_by_code("esc.improvement.plan")
                or plan.title
            )
        return plans

    def write(self, vals):
        self._esc_guard_write(vals)
        if not self.env.su:
            self._esc_check_open(vals)
            self._esc_check_area_write(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_plans(self):
        """A closed or cancelled plan is the record of what was done: it stays."""
        self._esc_check_still_open()

    def _esc_check_open(self, vals):
        """A closed or cancelled plan is the record of what was done: nothing changes."""
        if self._esc_changed_fields(vals, set(vals)):
            self._esc_check_still_open()

    def _esc_check_still_open(self):
        for plan in self:
            plan._esc_check_state(["open"])

    def _esc_check_area_write(self, vals):
        if self.env.user.has_groups(",".join(FOLLOWER_GROUPS)):
            return
        changed = self._esc_changed_fields(vals, set(vals) - AREA_FIELDS)
        if changed:
            raise AccessError(
                _(
                    "Improvement plan %(plan)s: %(fields)s is decided by Quality or Customer "
                    "Service; the area updates the plan's actions.",
                    plan=self[:1].name,
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(changed)
                    ),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_esc_close(self):
        """Quality closes the plan once every action is done (or dropped) and the result is
        written."""
        self._esc_check_quality()
        for plan in self:
            plan._esc_check_state(["open"])
            plan._esc_check_closable()
        self.sudo().write(
            {
                "state": "closed",
                "closed_on": fields.Date.context_today(self),
                "closed_by_id": self.env.user.id,
            }
        )

    def action_esc_cancel(self):
        self._esc_check_quality()
        for plan in self:
            plan._esc_check_state(["open"])
        self.sudo().write(
            {
                "state": "cancelled",
                "closed_on": fields.Date.context_today(self),
                "closed_by_id": self.env.user.id,
            }
        )

    def _esc_check_quality(self):
        if not self.env.user.has_group("esc_pqrs_module.group_esc_quality"):
            raise AccessError(
                _(
                    "Improvement plan %(plan)s: only Quality closes or cancels a plan.",
                    plan=self[:1].name,
                )
            )

    def _esc_check_closable(self):
        pending = self.action_ids.filtered(lambda action: action.state in ("todo", "in_progress"))
        if not self.action_ids or pending:
            raise UserError(
                _(
                    "Improvement plan %(plan)s cannot be closed: %(reason)s",
                    plan=self.name,
                    reason=(
                        _("actions still open: %s", ", ".join(pending.mapped("name")))
                        if pending
                        else _("it has no action.")
                    ),
                )
            )
        if is_html_empty(self.result):
            raise UserError(
                _(
                    "Improvement plan %(plan)s cannot be closed: write the result measured "
                    "against the target (field %(field)s).",
                    plan=self.name,
                    field=self._fields["result"]._description_string(self.env),
                )
            )

    @api.model
    def _esc_new_plan_action(self, context):
        """The form of a new plan, prefilled from where it was asked for."""
        return {
            "type": "ir.actions.act_window",
            "name": _("New Improvement Plan"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": context,
        }

    @api.model
    def _esc_plan_for_cases(self, cases):
        """From a case list: a plan linked to the selected cases, owned by their one area if
        they share it."""
        areas = cases.area_ids
        return self._esc_new_plan_action(
            {
                "default_source": "cases",
                "default_pqrs_ids": cases.ids,
                "default_area_id": areas.id if len(areas) == 1 else False,
                "default_channel_id": cases.channel_id.id if len(cases.channel_id) == 1 else False,
            }
        )
