# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .esc_pqrs_procedure import PROCEDURE_KINDS


class EscPqrsStage(models.Model):
    """A step of a case's life. A stage that pauses SLA stops the service-level clocks only;
    the legal term is stopped by the art. 17 procedure alone."""

    _name = "esc.pqrs.stage"
    _description = "PQRS Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(string="Closing Stage", help="Cases in this stage are closed.")
    pauses_sla = fields.Boolean(
        string="Pauses SLA",
        help="While a case stays in this stage its service-level clocks stop. The legal term "
        "keeps running.",
    )
    description = fields.Text(translate=True)
    closing_procedure = fields.Selection(
        PROCEDURE_KINDS,
        string="Entered Only by Procedure",
        help="Cases enter and leave this stage only through this legal procedure, never by "
        "a change of stage.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any("closing_procedure" in vals for vals in vals_list):
            self._esc_check_procedure_flag()
        return super().create(vals_list)

    def write(self, vals):
        if "closing_procedure" in vals:
            self._esc_check_procedure_flag()
        return super().write(vals)

    def _esc_check_procedure_flag(self):
        """Which stage a procedure closes into is the add-on's, not configuration: moved, it
        would let a stage change reopen a remitted or withdrawn case."""
        if not self.env.su:
            raise AccessError(
                _("The procedure that alone enters a PQRS stage is set by the add-on, not by hand.")
            )
