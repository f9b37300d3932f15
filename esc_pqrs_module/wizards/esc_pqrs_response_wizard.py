# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.esc_pqrs_response import DELIVERY_METHODS


class EscPqrsResponseWizard(models.TransientModel):
    """Write and send a case's official response: the answer starts from its type's
    template; a customer without e-mail is answered by printed letter or phone, with the
    proof of delivery recorded instead of an e-mail."""

    _name = "esc.pqrs.response.wizard"
    _description = "Send the Official Response of a PQRS"

    pqrs_id = fields.Many2one("esc.pqrs", required=True, readonly=True, ondelete="cascade")
    corrects_id = fields.Many2one("esc.pqrs.response", compute="_compute_corrects_id")
    body = fields.Html(string="Answer", compute="_compute_body", store=True, readonly=False)
    delivery_method = fields.Selection(
        DELIVERY_METHODS, compute="_compute_delivery_method", store=True, readonly=False
    )
    delivered_to = fields.Char(help="Who received the printed letter or took the call.")
    delivered_at = fields.Datetime(string="Delivered On")
    delivery_notes = fields.Text(
        string="How It Was Delivered",
        help="The proof of delivery: courier and guide number, phone number called…",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    @api.depends("pqrs_id")
    def _compute_corrects_id(self):
        for wizard in self:
            wizard.corrects_id = wizard.pqrs_id._esc_sent_responses()[-1:]

    @api.depends("pqrs_id")
    def _compute_body(self):
        for wizard in self:
            wizard.body = wizard.pqrs_id and wizard.pqrs_id._esc_draft_answer()

    @api.depends("pqrs_id")
    def _compute_delivery_method(self):
        for wizard in self:
            has_email = wizard.pqrs_id.partner_id.email_normalized
            wizard.delivery_method = "email" if has_email else "letter"

    def action_send(self):
        self.ensure_one()
        self.pqrs_id._esc_send_official_response(
            self.body,
            self.delivery_method,
            attachments=self.attachment_ids,
            delivered_to=self.delivered_to,
            delivered_at=self.delivered_at,
            delivery_notes=self.delivery_notes,
        )
        return {"type": "ir.actions.act_window_close"}
