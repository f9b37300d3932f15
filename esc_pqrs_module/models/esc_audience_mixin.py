# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers chosen by their traits: shared by mass communications and survey campaigns."""

from ast import literal_eval

from odoo import _, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class EscAudienceMixin(models.AbstractModel):
    _name = "esc.audience.mixin"
    _description = "Customers Chosen by Segment, Market, Stakeholder Group or Filter"

    segment_ids = fields.Many2many("esc.segment", string="Segments")
    market_names = fields.Char(
        string="Markets",
        help="Markets as written on the customers, separated by commas.",
    )
    stakeholder_group_ids = fields.Many2many("esc.stakeholder.group", string="Stakeholder Groups")
    partner_domain = fields.Char(string="Contacts Filter", default="[]")

    def _esc_has_partner_filters(self):
        self.ensure_one()
        return bool(
            self.segment_ids
            or (self.market_names or "").strip()
            or self.stakeholder_group_ids
            or self._esc_custom_domain()
        )

    def _esc_custom_domain(self):
        self.ensure_one()
        try:
            domain = literal_eval(self.partner_domain or "[]")
        except (ValueError, SyntaxError) as error:
            raise ValidationError(
                _(
                    "%(record)s: the contacts filter is not a valid domain (%(error)s).",
                    record=self._esc_audience_owner_name(),
                    error=error,
                )
            ) from error
        if not isinstance(domain, list):
            raise ValidationError(
                _(
                    "%(record)s: the contacts filter must be a list of conditions.",
                    record=self._esc_audience_owner_name(),
                )
            )
        return domain

    def _esc_trait_domain(self):
        """The contacts it reaches, as a domain: every trait given must hold."""
        self.ensure_one()
        domain = []
        if self.segment_ids:
            domain = expression.AND([domain, [("esc_segment_id", "in", self.segment_ids.ids)]])
        markets = [m.strip() for m in (self.market_names or "").split(",") if m.strip()]
        if markets:
            domain = expression.AND(
                [domain, expression.OR([[("esc_market", "=ilike", m)] for m in markets])]
            )
        if self.stakeholder_group_ids:
            groups = self.stakeholder_group_ids.mapped("code")
            domain = expression.AND([domain, [("esc_stakeholder_group", "in", groups)]])
        custom = self._esc_custom_domain()
        if custom:
            domain = expression.AND([domain, custom])
        try:
            self.env["res.partner"].search_count(domain, limit=1)
        except (ValueError, KeyError, TypeError) as error:
            raise ValidationError(
                _(
                    "%(record)s: the contacts filter cannot be applied (%(error)s).",
                    record=self._esc_audience_owner_name(),
                    error=error,
                )
            ) from error
        return domain

    def _esc_audience_owner_name(self):
        """How an error names the record: its kind and its name."""
        return f"{self._description} {self.display_name}"
