# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class EscMassCommunicationRejectWizard(models.TransientModel):
    """Customer Service turns a request down, saying why: the requester reads the reason."""

    _name = "esc.mass.communication.reject.wizard"
    _description = "Reject a Mass Communication Request"

    request_ids = fields.Many2many("esc.mass.communication", string="Requests", required=True)
    reason = fields.Text(required=True)

    def action_reject(self):
        self.ensure_one()
        requests = self.request_ids
        requests._esc_check_service(self.env._("reject"))
        for request in requests:
            request._esc_check_state(("submitted", "approved"))
        requests.sudo().write(
            {
                "state": "rejected",
                "reject_reason": self.reason,
                "approved_by_id": False,
                "approved_at": False,
                "content_hash": False,
            }
        )
        return {"type": "ir.actions.act_window_close"}
