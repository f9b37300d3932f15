# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError

#: What a file is and where it belongs; its access token and the like stay Odoo's to set.
DOCUMENT_CONTENT_FIELDS = frozenset(
    {
        "datas",
        "raw",
        "db_datas",
        "store_fname",
        "name",
        "mimetype",
        "type",
        "url",
        "res_model",
        "res_id",
        "res_field",
    }
)


class IrAttachment(models.Model):
    """The PDF of an official response and the files sent with it are what the customer
    received: like the response itself, nobody changes or deletes them, an administrator
    included (Odoo's attachment rights would let anyone who may change the case do so)."""

    _inherit = "ir.attachment"

    def write(self, vals):
        if DOCUMENT_CONTENT_FIELDS.intersection(vals):
            self._esc_check_not_response_document()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_response_document(self):
        self._esc_check_not_response_document()

    def _esc_check_not_response_document(self):
        on_cases = self.sudo().filtered(lambda attachment: attachment.res_model == "esc.pqrs")
        if not on_cases:
            return
        responses = (
            self.env["esc.pqrs.response"]
            .sudo()
            .search(
                [
                    "|",
                    ("report_attachment_id", "in", on_cases.ids),
                    ("attachment_ids", "in", on_cases.ids),
                ]
            )
        )
        if responses:
            raise UserError(
                _(
                    "The files of official response %(responses)s are kept as they were sent "
                    "and cannot be changed or deleted.",
                    responses=", ".join(responses.mapped("display_name")),
                )
            )
