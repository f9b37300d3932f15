# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

CASE_MODEL = "esc.pqrs"
#: ``Precedence`` values of mail written by machines, not by a customer.
MACHINE_PRECEDENCE = ("auto_reply", "bulk", "junk")


class MailThread(models.AbstractModel):
    """Where Odoo's mail gateway routes an incoming e-mail, for PQRS cases: an auto-reply files
    no case, and a reply to a closed case files a new one that follows it up (see
    ``esc_pqrs_intake``)."""

    _inherit = "mail.thread"

    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        if not any(route[0] == CASE_MODEL for route in routes):
            return routes
        machine_written = self._esc_is_machine_written(message)
        rerouted = []
        for route in routes:
            route_model, route_thread_id, _values, user_id, alias = route
            if route_model == CASE_MODEL:
                case = self.env[CASE_MODEL].sudo().browse(route_thread_id).exists()
                if not case or case.is_closed:
                    if machine_written:
                        continue
                    if case:
                        route = (CASE_MODEL, False, {"previous_id": case.id}, user_id, alias)
            rerouted.append(route)
        return rerouted

    def _esc_is_machine_written(self, message):
        """An auto-reply, a vacation notice, a mailing-list robot (RFC 3834 and usage)."""
        auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        return (
            auto_submitted != "no"
            or bool(message.get("X-Autoreply") or message.get("X-Autorespond"))
            or precedence in MACHINE_PRECEDENCE
        )
