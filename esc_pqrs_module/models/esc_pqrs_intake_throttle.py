# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

#: Requests allowed per kind, per address and per e-mail, in ``WINDOW``.
LIMITS = {
    "filing": {"ip": 5, "email": 3},
    "consult": {"ip": 10, "email": 5},
    "acknowledgement": {"ip": 0, "email": 3},
}
WINDOW = timedelta(minutes=10)
KEPT = timedelta(days=1)


class EscPqrsIntakeThrottle(models.Model):
    """The requests made to the public PQRS forms (by address and e-mail) and the
    acknowledgements of e-mailed PQRS (by e-mail), counted so that nobody uses them to send
    acknowledgements to strangers or to guess filing numbers. Every request counts, refused ones
    too, so a flood stays refused until it stops."""

    _name = "esc.pqrs.intake.throttle"
    _description = "PQRS Web Form Request"
    _order = "requested_at desc, id desc"

    kind = fields.Selection(
        [
            ("filing", "Filing"),
            ("consult", "Consultation"),
            ("acknowledgement", "E-mail Acknowledgement"),
        ],
        required=True,
    )
    ip = fields.Char(string="Address", index=True)
    email = fields.Char(index=True)
    requested_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _esc_admit(self, kind, ip, email=None):
        """Record this request; True when it is within the limits of its kind."""
        since = fields.Datetime.now() - WINDOW
        limits = LIMITS[kind]
        recent = [("kind", "=", kind), ("requested_at", ">=", since)]
        admitted = (not ip or self.search_count([*recent, ("ip", "=", ip)]) < limits["ip"]) and (
            not email or self.search_count([*recent, ("email", "=", email)]) < limits["email"]
        )
        self.create({"kind": kind, "ip": ip, "email": email or False})
        return admitted

    @api.autovacuum
    def _gc_old_requests(self):
        self.search([("requested_at", "<", fields.Datetime.now() - KEPT)]).unlink()
