# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

PROCEDURE_KINDS = [
    ("extension", "Extension (art. 14)"),
    ("completion_request", "Completion Requested (art. 17)"),
    ("completion_extension", "One More Month to Complete (art. 17)"),
    ("completion", "Petition Completed (art. 17)"),
    ("withdrawal", "Withdrawal (art. 17)"),
    ("remission", "Remission (art. 21)"),
    ("deemed_acceptance", "Deemed Accepted (art. 14)"),
]


class EscPqrsProcedure(models.Model):
    """What a legal procedure did to a case: who, when, why, and the due dates before and
    after. It is the case's legal record, so nobody may change or delete it afterwards, an
    administrator included; the procedures create it as superuser after their own checks."""

    _name = "esc.pqrs.procedure"
    _description = "PQRS Legal Procedure"
    _order = "done_at, id"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True, index=True)
    kind = fields.Selection(PROCEDURE_KINDS, required=True)
    done_at = fields.Datetime(string="Done On", required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Done By", required=True)
    reasons = fields.Text(required=True)
    due_before = fields.Datetime(string="Legal Due Before")
    due_after = fields.Datetime(string="Legal Due After")
    customer_due_before = fields.Date(string="Customer's Deadline Before")
    customer_due_after = fields.Date(
        string="Customer's Deadline After",
        help="The day by which the customer must complete the petition (art. 17).",
    )
    competent_partner_id = fields.Many2one("res.partner", string="Competent Party")
    notice_id = fields.Many2one("mail.message", string="Notice Sent", readonly=True)

    def _esc_case_state_after(self):
        """The case fields this procedure sets (see ``esc.pqrs._compute_procedure_state``)."""
        self.ensure_one()
        return {
            "extension": {"is_extended": True},
            "completion_request": {
                "completion_state": "pending",
                "completion_due_date": self.customer_due_after,
                "is_completion_extended": False,
            },
            "completion_extension": {
                "completion_due_date": self.customer_due_after,
                "is_completion_extended": True,
            },
            "completion": {"completion_state": "complete", "completion_due_date": False},
            "withdrawal": {"completion_state": "withdrawn", "completion_due_date": False},
            "deemed_acceptance": {"is_deemed_accepted": True, "documents_due_at": self.due_after},
        }.get(self.kind, {})

    def write(self, vals):
        self._esc_refuse_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        self._esc_refuse_change()

    def _esc_refuse_change(self):
        raise UserError(
            _(
                "The legal procedures of a PQRS are its record: %(procedures)s cannot be changed "
                "or deleted.",
                procedures=", ".join(self.mapped("display_name")),
            )
        )
