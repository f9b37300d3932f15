# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims (reclamos): a product whose warranty is not honoured. The case records which product,
lot and quantity, the sale order or invoice, why it failed and how it was settled; a claim is
not closed on its merits without its root cause and its outcome."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .esc_pqrs import STAFF_ONLY

CLAIM_OUTCOMES = [
    ("credit_note", "Credit Note"),
    ("replacement", "Replacement"),
    ("repair", "Repair"),
    ("rejected", "Rejected"),
]
#: What a claim must hold to be closed on its merits (and to stay closed); a rejection's
#: reason is required by a constraint whenever the claim is rejected.
CLAIM_CLOSING_FIELDS = ("root_cause_id", "claim_outcome")


class EscPqrsClaim(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    is_claim = fields.Boolean(related="type_id.is_claim", groups=STAFF_ONLY)
    product_id = fields.Many2one(
        "product.product",
        tracking=True,
        index="btree_not_null",
        groups=STAFF_ONLY,
    )
    lot_reference = fields.Char(
        string="Lot / Reference",
        tracking=True,
        help="The lot, batch or reference printed on the product the customer claims for.",
        groups=STAFF_ONLY,
    )
    quantity_affected = fields.Float(
        digits="Product Unit of Measure", tracking=True, groups=STAFF_ONLY
    )
    product_uom_id = fields.Many2one(
        related="product_id.uom_id", string="Unit of Measure", groups=STAFF_ONLY
    )
    order_reference = fields.Char(
        string="Sale Order / Invoice",
        tracking=True,
        help="The sale order or invoice number the claimed product was sold under.",
        groups=STAFF_ONLY,
    )
    root_cause_id = fields.Many2one(
        "esc.claim.root.cause", ondelete="restrict", tracking=True, groups=STAFF_ONLY
    )
    corrective_action = fields.Text(
        help="What was done so that the cause does not repeat.", groups=STAFF_ONLY
    )
    claim_outcome = fields.Selection(
        CLAIM_OUTCOMES, string="Outcome", tracking=True, groups=STAFF_ONLY
    )
    claim_outcome_reason = fields.Text(
        string="Reason for Rejection",
        help="Why the warranty does not cover the claim; required when it is rejected.",
        groups=STAFF_ONLY,
    )

    @api.constrains("claim_outcome", "claim_outcome_reason")
    def _check_rejection_reason(self):
        for case in self:
            if case.claim_outcome == "rejected" and not (case.claim_outcome_reason or "").strip():
                raise ValidationError(
                    _(
                        "PQRS %(case)s: the field %(field)s is required when the claim is "
                        "rejected; the customer is owed the reason.",
                        case=case.display_name,
                        field=self._fields["claim_outcome_reason"]._description_string(self.env),
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if any(name in vals for name in CLAIM_CLOSING_FIELDS):
            self._esc_check_closed_claims_keep_their_record()
        return result

    def _esc_check_closable(self, stage):
        """A claim closes on its merits only once it says why the product failed and how the
        claim was settled (and, when rejected, why)."""
        missing = self._esc_claim_missing_fields()
        if missing:
            raise UserError(
                _(
                    "PQRS %(case)s is a claim and cannot be closed without %(fields)s: record "
                    "on its Claim tab why the product failed and how the claim was settled.",
                    case=self.display_name,
                    fields=self._esc_field_labels(missing),
                )
            )
        return super()._esc_check_closable(stage)

    def _esc_check_closed_claims_keep_their_record(self):
        """What a closed claim was closed with cannot be taken away afterwards."""
        for case in self.filtered("is_closed"):
            missing = case._esc_claim_missing_fields()
            if missing:
                raise UserError(
                    _(
                        "PQRS %(case)s is a closed claim: %(fields)s cannot be emptied, it is "
                        "what the claim was closed with.",
                        case=case.display_name,
                        fields=self._esc_field_labels(missing),
                    )
                )

    def _esc_claim_missing_fields(self):
        """The closing fields this claim lacks; none for a case that is not a claim."""
        self.ensure_one()
        if not self.type_id.is_claim:
            return []
        return [name for name in CLAIM_CLOSING_FIELDS if not self[name]]
