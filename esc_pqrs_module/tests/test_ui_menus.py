# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every menu, view and filter of the Customer Service app opens in the web client."""

from odoo.tests import HttpCase, new_test_user, tagged

CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('esc_pqrs_module.esc_pqrs_menu_root');"
)


@tagged("post_install", "-at_install")
class TestCustomerServiceMenus(HttpCase):
    allow_end_on_form = True

    def test_service_administrator_opens_every_menu_of_the_app(self):
        new_test_user(
            self.env,
            login="esc_ui_admin",
            groups="esc_pqrs_module.group_esc_service_admin",
            tz="America/Bogota",
        )
        self.browser_js(
            "/odoo",
            CLICKBOT,
            "odoo.isReady === true",
            login="esc_ui_admin",
            timeout=300,
            success_signal="clickbot test succeeded",
        )
