# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
