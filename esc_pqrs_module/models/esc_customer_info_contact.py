# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class EscCustomerInfoContact(models.Model):
    """A contact a report asks to add to the customer; created when the report is applied."""

    _name = "esc.customer.info.contact"
    _description = "Proposed Customer Contact"

    info_id = fields.Many2one(
        "esc.customer.info", string="Report", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True)
    function = fields.Char(string="Job Position")
    email = fields.Char()
    phone = fields.Char()
    partner_id = fields.Many2one("res.partner", string="Created Contact", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("partner_id") for vals in vals_list):
            self._esc_refuse_partner()
        lines = super().create(vals_list)
        lines.info_id._esc_check_editable()
        for line, vals in zip(lines, vals_list, strict=True):
            line._esc_normalise(vals)
        return lines

    def write(self, vals):
        if not self.env.su and "partner_id" in vals:
            self._esc_refuse_partner()
        self.info_id._esc_check_editable()
        result = super().write(vals)
        for line in self:
            line._esc_normalise(vals)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_while_reported(self):
        """A proposed contact is part of what was decided on."""
        self.info_id._esc_check_editable()

    def _esc_normalise(self, vals):
        """The contact's e-mail and phone, checked as the report's own values are."""
        info = self.info_id
        values = {}
        if vals.get("email"):
            values["email"] = info._esc_normalise_email(
                info.display_name, "contact_ids", self.email
            )
        if vals.get("phone"):
            country = info._esc_phone_country({}, info.partner_id.id)
            values["phone"] = info._esc_normalise_phone(
                info.display_name, "contact_ids", self.phone, country
            )
        if values:
            super().write(values)
        return values

    def _esc_refuse_partner(self):
        raise AccessError(
            _("The contact a report created is recorded when the report is applied, not by hand.")
        )
