# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A request for documents left unanswered within its term is deemed accepted (art. 14 num. 1):
the documents are due 3 business days after the term ended."""

from odoo import _, api, fields, models

#: Art. 14 num. 1: documents deemed accepted are delivered within 3 business days more.
DOCUMENTS_DELIVERY_DAYS = 3


class EscPqrsDeemedAcceptance(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

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
