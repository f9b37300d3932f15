# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class EscPqrsType(models.Model):
    """A kind of PQRS and its legal response term (Ley 1755 de 2015, art. 14)."""

    _name = "esc.pqrs.type"
    _description = "PQRS Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used by other systems and reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    answer_required = fields.Boolean(
        default=True,
        help="An official response is due within the legal term. A compliment is only "
        "acknowledged.",
    )
    term_days = fields.Integer(
        string="Legal Term (business days)",
        default=15,
        help="Business days to answer, counted from the business day after filing.",
    )
    is_deemed_accepted_unanswered = fields.Boolean(
        string="Deemed Accepted When Unanswered",
        help="Art. 14 num. 1: a request for documents not answered within its term is deemed "
        "accepted, and the documents are due 3 business days later.",
    )
    is_claim = fields.Boolean(
        string="Claim (Product Warranty)",
        help="Cases of this type record the product, lot and quantity claimed, the root cause "
        "and the outcome; they are not closed on their merits without root cause and outcome.",
    )
    description = fields.Text(translate=True)
    response_template_id = fields.Many2one(
        "mail.template",
        string="Answer Template",
        domain=[("model", "=", "esc.pqrs")],
        help="Its body starts the official response of this type's cases, rendered for the "
        "case in the customer's language; Customer Service completes it before sending.",
    )

    _sql_constraints = [
        ("code_unique", "unique (code)", "Another PQRS type already has this code."),
    ]

    @api.constrains("answer_required", "term_days")
    def _check_term_days(self):
        for pqrs_type in self:
            if pqrs_type.answer_required and pqrs_type.term_days < 1:
                raise ValidationError(
                    _(
                        "PQRS type %(type)s requires an answer, so its legal term must be at "
                        "least 1 business day (it is %(days)s).",
                        type=pqrs_type.display_name,
                        days=pqrs_type.term_days,
                    )
                )
            if pqrs_type.term_days < 0:
                raise ValidationError(
                    _(
                        "The legal term of PQRS type %(type)s cannot be negative.",
                        type=pqrs_type.display_name,
                    )
                )

    def _esc_term_days(self):
        """The term the deadline engine counts: none for a type that needs no answer."""
        self.ensure_one()
        return self.term_days if self.answer_required else 0
