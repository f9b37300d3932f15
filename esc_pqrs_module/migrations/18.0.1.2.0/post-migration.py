# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records shipped with noupdate that 18.0.1.2.0 changes: each shipped PQRS type gets its
answer template for the official response, unless an administrator already chose one; the
shipped claim type (reclamo) records the claim's product, root cause and outcome. An
administrator who has since archived or deleted a type keeps that choice."""

from odoo import SUPERUSER_ID, api

ANSWER_TEMPLATES = {
    "esc_pqrs_type_petition": "mail_template_esc_pqrs_answer_petition",
    "esc_pqrs_type_complaint": "mail_template_esc_pqrs_answer_complaint",
    "esc_pqrs_type_claim": "mail_template_esc_pqrs_answer_claim",
    "esc_pqrs_type_suggestion": "mail_template_esc_pqrs_answer_suggestion",
    "esc_pqrs_type_compliment": "mail_template_esc_pqrs_answer_compliment",
    "esc_pqrs_type_information": "mail_template_esc_pqrs_answer_information",
    "esc_pqrs_type_consultation": "mail_template_esc_pqrs_answer_consultation",
}
CLAIM_TYPES = ("esc_pqrs_type_claim",)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    for type_xmlid, template_xmlid in ANSWER_TEMPLATES.items():
        pqrs_type = env.ref(f"esc_pqrs_module.{type_xmlid}", raise_if_not_found=False)
        if pqrs_type and not pqrs_type.response_template_id:
            pqrs_type.response_template_id = env.ref(f"esc_pqrs_module.{template_xmlid}")
    for xmlid in CLAIM_TYPES:
        claim_type = env.ref(f"esc_pqrs_module.{xmlid}", raise_if_not_found=False)
        if claim_type:
            claim_type.is_claim = True
