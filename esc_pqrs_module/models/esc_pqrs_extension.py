# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Extension of the legal term (Ley 1755 de 2015, art. 14 parágrafo): once, before the term ends,
to no later than the start of the term plus twice the term."""

from odoo import _, fields, models


class EscPqrsExtension(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    def action_esc_extend(self):
        """Open the extension wizard (art. 14 parágrafo)."""
        return self._esc_procedure_wizard(
            "esc.pqrs.extension.wizard", _("Extend the Response Term")
        )

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
