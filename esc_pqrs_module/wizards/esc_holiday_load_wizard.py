# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: The years the ``holidays`` package knows Colombian holidays for, with room to spare.
FIRST_YEAR = 2000
LAST_YEAR = 2100


class EscHolidayLoadWizard(models.TransientModel):
    """Lets an administrator load the public holidays of any year on a PQRS calendar."""

    _name = "esc.holiday.load.wizard"
    _description = "Load Colombian Public Holidays"

    calendar_id = fields.Many2one(
        "resource.calendar",
        required=True,
        default=lambda self: self.env.company.esc_pqrs_calendar_id,
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not FIRST_YEAR <= wizard.year <= LAST_YEAR:
                raise ValidationError(
                    _(
                        "Year %(year)s is out of range: public holidays can be loaded for the "
                        "years %(first)s to %(last)s.",
                        year=wizard.year,
                        first=FIRST_YEAR,
                        last=LAST_YEAR,
                    )
                )

    def action_load(self):
        self.ensure_one()
        leaves = self.calendar_id._esc_load_holidays([self.year])
        return self.calendar_id._esc_holidays_loaded_notification(leaves)
