# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0 gives channels a lifecycle and cases their service times.

* A channel that was official is *official*; one that was not had never been approved, so it
  is *proposed*. No lifecycle step is invented for them: their history starts now.
* A case already answered takes its first response and resolution from its deadline lines:
  the first line met is the first response (an SLA first-response line met by a staff reply
  or any line met by the official response), the legal line met is the resolution."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    cr.execute(
        "UPDATE esc_channel SET state = CASE WHEN is_official THEN 'official' ELSE 'proposed' END"
    )
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    cases = env["esc.pqrs"].search([("deadline_ids.met_at", "!=", False)])
    for case in cases:
        met = case.deadline_ids.filtered("met_at")
        case._esc_record_service_times(min(met.mapped("met_at")), resolved=False)
        legal = met.filtered(lambda line: line.kind == "legal")
        if legal:
            case._esc_record_service_times(legal.met_at, resolved=True)
