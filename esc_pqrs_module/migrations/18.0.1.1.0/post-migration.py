# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records shipped with noupdate that 18.0.1.1.0 changes: the employee rules (followers, no
longer the customer's salesperson) and the stages only a procedure enters."""

from odoo import SUPERUSER_ID, api

EMPLOYEE_RULES = {
    "esc_pqrs_rule_employee": "['|', ('create_uid', '=', user.id), "
    "('message_partner_ids', 'in', [user.partner_id.id])]",
    "esc_pqrs_deadline_rule_employee": "['|', ('pqrs_id.create_uid', '=', user.id), "
    "('pqrs_id.message_partner_ids', 'in', [user.partner_id.id])]",
    "esc_pqrs_procedure_rule_employee": "['|', ('pqrs_id.create_uid', '=', user.id), "
    "('pqrs_id.message_partner_ids', 'in', [user.partner_id.id])]",
}
CLOSING_PROCEDURES = {
    "esc_pqrs_stage_remitted": "remission",
    "esc_pqrs_stage_withdrawn": "withdrawal",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, domain in EMPLOYEE_RULES.items():
        env.ref(f"esc_pqrs_module.{xmlid}").domain_force = domain
    for xmlid, procedure in CLOSING_PROCEDURES.items():
        stage = env.ref(f"esc_pqrs_module.{xmlid}", raise_if_not_found=False)
        if stage:
            stage.closing_procedure = procedure
