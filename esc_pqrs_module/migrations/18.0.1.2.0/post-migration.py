# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Records shipped with noupdate that 18.0.1.2.0 changes: the shipped claim type (reclamo)
records the claim's product, root cause and outcome. An administrator who has since
archived or deleted it keeps that choice."""

from odoo import SUPERUSER_ID, api

CLAIM_TYPES = ("esc_pqrs_type_claim",)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    for xmlid in CLAIM_TYPES:
        claim_type = env.ref(f"esc_pqrs_module.{xmlid}", raise_if_not_found=False)
        if claim_type:
            claim_type.is_claim = True
