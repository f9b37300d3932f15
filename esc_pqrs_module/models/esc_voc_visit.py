# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A commercial or technical visit to a customer, and the short survey it earns (policy: visits
are part of the Voice of the Customer)."""

from odoo import _, api, fields, models

VISIT_KINDS = [("commercial", "Commercial Visit"), ("technical", "Technical Visit")]


class EscVocVisit(models.Model):
    _name = "esc.voc.visit"
    _description = "Customer Visit"
    _inherit = ["mail.thread", "mail.activity.mixin", "esc.workflow.mixin"]
    _order = "date desc, id desc"
    _esc_step_fields = frozenset({"campaign_id", "answer_id", "survey_note"})

    partner_id = fields.Many2one(
        "res.partner", string="Customer Contact", required=True, tracking=True, index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    kind = fields.Selection(VISIT_KINDS, required=True, default="commercial", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Visited by",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    notes = fields.Html()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    campaign_id = fields.Many2one("esc.voc.campaign", readonly=True, copy=False)
    answer_id = fields.Many2one(
        "survey.user_input", string="Survey Answer", readonly=True, copy=False
    )
    survey_state = fields.Selection(related="answer_id.state", string="Survey")
    survey_note = fields.Char(
        readonly=True, copy=False, help="Why the customer was not asked about this visit."
    )

    @api.depends("partner_id", "date", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for visit in self:
            visit.display_name = _(
                "%(kind)s to %(customer)s on %(date)s",
                kind=kinds.get(visit.kind),
                customer=visit.partner_id.display_name,
                date=visit.date,
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._esc_guard_creation(vals_list)
        visits = super().create(vals_list)
        visits._esc_send_survey()
        return visits

    def write(self, vals):
        self._esc_guard_write(vals)
        return super().write(vals)

    def action_send_survey(self):
        """Ask again for a visit whose survey could not be sent (no running campaign then)."""
        self._esc_send_survey()
        return True

    def _esc_send_survey(self):
        """Invite the customer to the running visit campaign of its kind, once per visit."""
        campaigns = self.env["esc.voc.campaign"]
        for visit in self.filtered(lambda v: not v.answer_id):
            campaign = campaigns._esc_running(f"{visit.kind}_visit", visit.company_id)
            answers = self.env["survey.user_input"]
            if campaign:
                answers, note = campaign._esc_invite_event(visit.partner_id, visit=visit.sudo())
            else:
                note = _("No visit survey campaign of this kind is running.")
            visit.sudo().write(
                {
                    "campaign_id": campaign.id,
                    "answer_id": answers[:1].id,
                    "survey_note": note,
                }
            )
