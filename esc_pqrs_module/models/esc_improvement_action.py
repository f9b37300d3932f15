# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from .esc_improvement_plan import FOLLOWER_GROUPS

ACTION_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_ACTION_STATES = ("todo", "in_progress")
#: Days overdue at which the responsible is reminded, once each.
REMINDER_THRESHOLDS = (1, 7, 30)
#: What the responsible of an action, outside the owner area, may change: its progress.
RESPONSIBLE_FIELDS = frozenset({"state", "evidence_note", "evidence_attachment_ids"})


class EscImprovementAction(models.Model):
    """One thing an improvement plan's area does, by a date, with the evidence that it was
    done. Overdue, it reminds its responsible once per threshold (1, 7 and 30 days late)."""

    _name = "esc.improvement.action"
    _description = "Improvement Action"
    _inherit = ["esc.workflow.mixin"]
    _order = "due_date, id"

    _esc_step_fields = frozenset({"done_on", "reminded_threshold"})

    plan_id = fields.Many2one("esc.improvement.plan", required=True, ondelete="cascade", index=True)
    area_id = fields.Many2one(related="plan_id.area_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", required=True, domain=[("share", "=", False)]
    )
    due_date = fields.Date(required=True)
    state = fields.Selection(ACTION_STATES, default="todo", required=True)
    evidence_note = fields.Text(string="Evidence")
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment",
        "esc_improvement_action_ir_attachment_rel",
        "action_id",
        "attachment_id",
        string="Evidence Files",
    )
    done_on = fields.Date(readonly=True, copy=False)
    reminded_threshold = fields.Integer(
        readonly=True, copy=False, help="Days overdue of the last reminder sent."
    )

    @api.constrains("due_date", "plan_id")
    def _check_due_after_opening(self):
        for action in self:
            if action.due_date < action.plan_id.opened_on:
                raise ValidationError(
                    _(
                        "Action %(action)s of improvement plan %(plan)s: the field %(field)s "
                        "(%(due)s) is before the plan was opened (%(opened)s).",
                        action=action.name,
                        plan=action.plan_id.name,
                        field=self._fields["due_date"]._description_string(self.env),
                        due=format_date(self.env, action.due_date),
                        opened=format_date(self.env, action.plan_id.opened_on),
                    )
                )

    @api.constrains("state", "evidence_note", "evidence_attachment_ids")
    def _check_evidence_when_done(self):
        for action in self.filtered(lambda action: action.state == "done"):
            if not (action.evidence_note or "").strip() and not action.evidence_attachment_ids:
                raise ValidationError(
                    _(
                        "Action %(action)s of improvement plan %(plan)s is done without "
                        "evidence: attach a file or write the evidence.",
                        action=action.name,
                        plan=action.plan_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        actions = super().create(vals_list)
        if not self.env.su:
            actions.plan_id._esc_check_still_open()
        actions._esc_stamp_done()
        return actions

    def write(self, vals):
        self._esc_guard_write(vals)
        if not self.env.su:
            self.plan_id._esc_check_still_open()
            self._esc_check_stays_in_plan(vals)
            self._esc_check_responsible_write(vals)
        if "due_date" in vals:
            vals = {**vals, "reminded_threshold": 0}
        result = super().write(vals)
        if "state" in vals:
            self._esc_stamp_done()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_open_plans(self):
        """What a closed or cancelled plan did is its record."""
        self.plan_id._esc_check_still_open()

    def _esc_check_stays_in_plan(self, vals):
        if self._esc_changed_fields(vals, {"plan_id"}):
            raise UserError(
                _(
                    "Action %(action)s belongs to improvement plan %(plan)s and stays in it; "
                    "add a new action to the other plan instead.",
                    action=self[0].name,
                    plan=self[0].plan_id.name,
                )
            )

    def _esc_check_responsible_write(self, vals):
        """Outside Quality, Customer Service and the owner area, the responsible reports
        progress and evidence; the action itself is the area's."""
        user = self.env.user
        if user.has_groups(",".join(FOLLOWER_GROUPS)):
            return
        foreign = self.filtered(lambda action: user not in action.area_id._esc_responders())
        changed = foreign._esc_changed_fields(vals, set(vals) - RESPONSIBLE_FIELDS)
        if changed:
            raise AccessError(
                _(
                    "Action %(action)s of improvement plan %(plan)s: %(fields)s is decided by "
                    "the owner area; its responsible reports the progress and the evidence.",
                    action=foreign[0].name,
                    plan=foreign[0].plan_id.name,
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in sorted(changed)
                    ),
                )
            )

    def _esc_stamp_done(self):
        today = fields.Date.context_today(self)
        self.filtered(lambda action: action.state == "done" and not action.done_on).sudo().write(
            {"done_on": today}
        )
        self.filtered(lambda action: action.state != "done" and action.done_on).sudo().write(
            {"done_on": False}
        )

    @api.model
    def _cron_esc_remind_overdue(self):
        """Daily: remind the responsible of each overdue action of an open plan, once per
        threshold reached since the last reminder (a due date moved starts over)."""
        today = fields.Date.context_today(self)
        overdue = self.search(
            [
                ("state", "in", OPEN_ACTION_STATES),
                ("plan_id.state", "=", "open"),
                ("due_date", "<", today),
            ]
        )
        reminded = defaultdict(lambda: self.browse())
        for action in overdue:
            threshold = max(
                (days for days in REMINDER_THRESHOLDS if (today - action.due_date).days >= days),
                default=0,
            )
            if threshold > action.reminded_threshold:
                action._esc_remind(today)
                reminded[threshold] |= action
        for threshold, actions in reminded.items():
            actions.sudo().reminded_threshold = threshold

    def _esc_remind(self, today):
        plan = self.plan_id.with_context(lang=self.user_id.lang or self.env.lang)
        plan.message_post(
            body=plan.env._(
                "Action %(action)s is %(days)s days overdue (due %(due)s); %(user)s, please "
                "carry it out or agree a new date with Quality.",
                action=self.name,
                days=(today - self.due_date).days,
                due=format_date(plan.env, self.due_date),
                user=self.user_id.name,
            ),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
