# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The transactional survey: a case that reaches *Answered* asks its customer how the service
went, once, through the running transactional campaign."""

from odoo import _, fields, models

from .esc_pqrs_official_response import ANSWERED_STAGE_XMLID

#: A compliment needs no satisfaction survey: the customer has just said it.
NO_SURVEY_TYPE_XMLIDS = ("esc_pqrs_module.esc_pqrs_type_compliment",)


class EscPqrs(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    esc_survey_answer_ids = fields.One2many(
        "survey.user_input",
        "esc_pqrs_id",
        string="Satisfaction Survey",
        groups="base.group_user",
        readonly=True,
    )

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            answered = self.env.ref(ANSWERED_STAGE_XMLID, raise_if_not_found=False)
            self.filtered(
                lambda case: answered and case.stage_id == answered
            ).sudo()._esc_send_satisfaction_survey()
        return result

    def _esc_send_satisfaction_survey(self):
        """Invite each case's customer to the running transactional campaign, at most once per
        case; the case's chatter says what was done and why not when it was not."""
        excluded = [
            self.env.ref(xmlid, raise_if_not_found=False) for xmlid in NO_SURVEY_TYPE_XMLIDS
        ]
        campaigns = self.env["esc.voc.campaign"]
        running = {
            company: campaigns._esc_running("transactional", company) for company in self.company_id
        }
        invited = (
            self.env["survey.user_input"]
            .search_fetch([("esc_pqrs_id", "in", self.ids)], ["esc_pqrs_id"])
            .esc_pqrs_id
        )
        for case in self - invited:
            if case.type_id in excluded or not case.partner_id:
                continue
            campaign = running[case.company_id]
            if not campaign:
                continue
            answers, reason = campaign._esc_invite_event(case.partner_id, case=case)
            if answers:
                note = _(
                    "Satisfaction survey %(survey)s sent to %(customer)s.",
                    survey=campaign.survey_id.title,
                    customer=case.partner_id.display_name,
                )
            else:
                note = _("No satisfaction survey: %(reason)s", reason=reason)
            case.message_post(body=note, subtype_xmlid="mail.mt_note")
