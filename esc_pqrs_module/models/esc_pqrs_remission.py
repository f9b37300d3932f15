# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Remission to the competent party (art. 21): at once for a verbal petition, within 5 business
days for a written one; the case closes as remitted."""

from odoo import _, fields, models

#: Channels whose petitions are verbal: remitted at once, not within 5 business days (art. 21).
VERBAL_CHANNEL_KINDS = ("phone", "visit")
REMISSION_DAYS = 5


class EscPqrsRemission(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

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
        self.sudo().stage_id = self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted")
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
