# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

DELIVERY_METHODS = [
    ("email", "E-mail"),
    ("letter", "Printed Letter"),
    ("phone", "Phone"),
]
#: Delivered by hand or by voice: Customer Service records who received it, when and how.
PROOF_METHODS = ("letter", "phone")
#: What exists only once the response does (its PDF, the message that carried it): the
#: sending fills them in once, as the system; nothing else is ever written.
SEAL_FIELDS = frozenset({"report_attachment_id", "message_id"})
SEAL_CONTEXT_KEY = "esc_pqrs_response_sealing"


class EscPqrsResponse(models.Model):
    """The official response of a case, as it was sent (policy: every PQRS has an official
    response, signed by Customer Service). Like the legal procedures it is the case's record:
    created by the sending as superuser after its checks, never changed or deleted afterwards,
    an administrator included. A correction is a new response that names the one it corrects."""

    _name = "esc.pqrs.response"
    _description = "PQRS Official Response"
    _order = "pqrs_id, sequence"

    name = fields.Char(required=True, readonly=True)
    pqrs_id = fields.Many2one(
        "esc.pqrs", string="PQRS", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="pqrs_id.company_id", store=True, index=True)
    sequence = fields.Integer(required=True, help="1 for the case's first response.")
    sent_at = fields.Datetime(string="Sent On", required=True)
    sent_on = fields.Date(
        string="Response Date", required=True, help="The sending date in the case's calendar."
    )
    user_id = fields.Many2one("res.users", string="Sent By", required=True)
    body = fields.Html(string="Answer", required=True)
    signature = fields.Html(
        help="Customer Service's signature as it closed the response when it was sent."
    )
    delivery_method = fields.Selection(DELIVERY_METHODS, required=True)
    delivered_to = fields.Char(help="Who received the printed letter or took the call.")
    delivered_at = fields.Datetime(string="Delivered On")
    delivery_notes = fields.Text(
        string="How It Was Delivered",
        help="The proof of delivery: courier and guide number, phone number called, signature "
        "received…",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "esc_pqrs_response_attachment_rel",
        "response_id",
        "attachment_id",
    )
    corrects_id = fields.Many2one(
        "esc.pqrs.response",
        ondelete="restrict",
        help="The response this one corrects: a sent response is never changed.",
    )
    report_attachment_id = fields.Many2one("ir.attachment", string="Document", readonly=True)
    message_id = fields.Many2one(
        "mail.message", string="Message Sent", readonly=True, help="The message that carried it."
    )

    _sql_constraints = [
        (
            "sequence_unique",
            "unique (pqrs_id, sequence)",
            "A case numbers its official responses once each.",
        ),
    ]

    def write(self, vals):
        if not self._esc_is_sealing(vals):
            self._esc_refuse_change()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        self._esc_refuse_change()

    def _esc_is_sealing(self, vals):
        """The sending, as the system, fills in the document and the message once."""
        return (
            self.env.su
            and self.env.context.get(SEAL_CONTEXT_KEY)
            and SEAL_FIELDS.issuperset(vals)
            and not any(response[name] for response in self for name in vals)
        )

    def _esc_refuse_change(self):
        raise UserError(
            _(
                "An official response stays as it was sent: %(responses)s cannot be changed or "
                "deleted; send a new response that corrects it.",
                responses=", ".join(self.mapped("display_name")),
            )
        )

    def action_esc_download(self):
        """The document as it was sent."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.report_attachment_id.id}?download=true",
            "target": "self",
        }
