# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What every legal procedure of a case shares: who may run it, its wizard, its record, its
signed notice to the customer, and the dates it reads."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .esc_pqrs import SERVICE_GROUP

#: Procedures that set the legal due date; the latest of them holds.
LEGAL_DUE_SETTING_KINDS = ("extension", "completion")


class EscPqrsLegal(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

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

    @api.model
    def _cron_esc_follow_legal_time(self):
        """The legal consequences of time passing: completion months that ended, and
        documents requests left unanswered."""
        self._esc_notify_lapsed_completions()
        self._esc_deem_unanswered_documents_accepted()

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
        """Move an open case to the stage a procedure leads to, when that stage exists: as
        the system, since users may not enter the stages only procedures enter."""
        stage = self.env.ref(stage_xmlid, raise_if_not_found=False)
        if stage and not self.is_closed and self.stage_id != stage:
            self.sudo().stage_id = stage

    def _esc_send_notice(self, template_xmlid, attachment_ids=None, **values):
        """Post a notice to the customer from a mail template, rendered in the customer's
        language with ``values`` in its ``ctx`` and the files ``attachment_ids``; return the
        message."""
        template = self.env.ref(template_xmlid)
        messages = self.with_context(**values).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachment_ids or [],
        )
        return messages[:1]
