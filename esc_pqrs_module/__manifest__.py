# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "ESC PQRS",
    "summary": "PQRS cases with Colombian legal response terms, per policy ESE-SC-POL-001",
    "version": "18.0.1.0.0",
    "category": "Services/Customer Service",
    "website": "https://github.com/esc-pqrs/esc-pqrs",
    "author": "ESC PQRS",
    "maintainers": ["esc-pqrs"],
    "license": "LGPL-3",
    "application": True,
    "depends": ["mail", "resource"],
    "external_dependencies": {"python": ["holidays"]},
    "data": [
        "security/esc_pqrs_security.xml",
        "security/ir.model.access.csv",
        "security/esc_pqrs_rules.xml",
        "data/resource_calendar_data.xml",
        "data/ir_cron_data.xml",
        "wizards/esc_holiday_load_wizard_views.xml",
        "views/resource_calendar_views.xml",
        "views/res_company_views.xml",
        "views/esc_pqrs_menus.xml",
    ],
    "demo": ["demo/res_users_demo.xml"],
}
