# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

CASE_MODEL = "esc.pqrs"


class MailMessage(models.Model):
    """Every path that writes on a case's thread ends here: the rules of who speaks to the
    customer and who may change the record are checked by ``esc.pqrs`` on the message as
    it was created or is about to change."""

    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        defaults = {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_")
        }
        on_cases = [
            (message, {**defaults, **vals})
            for message, vals in zip(messages, vals_list, strict=True)
            if message.sudo().model == CASE_MODEL and message.sudo().res_id
        ]
        if on_cases:
            self.env[CASE_MODEL]._esc_check_new_messages(
                self.browse(message.id for message, _vals in on_cases),
                [vals for _message, vals in on_cases],
            )
        return messages

    def write(self, vals):
        on_cases = self._esc_on_cases()
        if on_cases or vals.get("model") == CASE_MODEL:
            self.env[CASE_MODEL]._esc_check_message_change(on_cases, vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_case_record(self):
        on_cases = self._esc_on_cases()
        if on_cases:
            self.env[CASE_MODEL]._esc_check_message_deletion(on_cases)

    def _esc_on_cases(self):
        return self.filtered(lambda message: message.sudo().model == CASE_MODEL)
