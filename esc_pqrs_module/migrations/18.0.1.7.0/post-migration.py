# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.7.0 opens the add-on to the sync's jobs.

* The shipped categories of relevant information get the codes other systems name them by
  (their data is loaded once, so an update does not set them); a category an administrator
  already gave a code keeps it.
* This year's and next year's radicado ranges are made on every company's sequence (the
  update's data call does it too; harmless twice)."""

from odoo import SUPERUSER_ID, api

CODES = {
    "contacts": "CONTACTS",
    "addresses": "ADDRESSES",
    "phones": "PHONES",
    "market": "MARKET",
    "credit": "CREDIT",
    "owner": "OWNER",
    "property": "PROPERTY",
    "financial": "FINANCIAL",
    "other": "OTHER",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Category = env["esc.customer.info.category"]
    for suffix, code in CODES.items():
        category = env.ref(f"esc_pqrs_module.esc_customer_info_category_{suffix}", False)
        if category and not category.code and not Category.search_count([("code", "=", code)]):
            category.code = code
    env["res.company"]._esc_open_radicado_years()
