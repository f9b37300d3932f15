# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: Priority of a case; an SLA rule may target one of them.
PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]


class EscSlaRule(models.Model):
    """A service level promised to a segment for a type of PQRS, optionally for one
    priority. The rule that names the case's priority wins over the one that does not."""

    _name = "esc.sla.rule"
    _description = "PQRS Service Level Rule"
    _order = "segment_id, type_id, priority"

    segment_id = fields.Many2one("esc.segment", required=True, ondelete="cascade", index=True)
    type_id = fields.Many2one("esc.pqrs.type", required=True, ondelete="cascade", index=True)
    priority = fields.Selection(
        PRIORITIES, help="Leave empty for a rule that holds for every priority."
    )
    first_response_hours = fields.Float(
        string="First Response (business hours)",
        help="Business hours from receipt to the first answer to the customer; 0 for none.",
    )
    resolution_days = fields.Integer(
        string="Resolution (business days)",
        help="Business days from filing to the official response; 0 for none.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("first_response_hours", "resolution_days")
    def _check_targets(self):
        for rule in self:
            if rule.first_response_hours < 0 or rule.resolution_days < 0:
                raise ValidationError(
                    _(
                        "SLA rule %(rule)s: the targets cannot be negative.",
                        rule=rule.display_name,
                    )
                )

    @api.constrains("segment_id", "type_id", "priority", "active")
    def _check_scope_is_unique(self):
        for rule in self.filtered("active"):
            twin = self.search(
                [
                    ("id", "!=", rule.id),
                    ("segment_id", "=", rule.segment_id.id),
                    ("type_id", "=", rule.type_id.id),
                    ("priority", "=", rule.priority),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    _(
                        "SLA rule %(rule)s covers the same segment, type and priority as %(twin)s.",
                        rule=rule.display_name,
                        twin=twin.display_name,
                    )
                )

    @api.depends("segment_id", "type_id", "priority")
    def _compute_display_name(self):
        priorities = dict(self._fields["priority"]._description_selection(self.env))
        for rule in self:
            parts = [rule.segment_id.name or "", rule.type_id.name or ""]
            parts.append(priorities.get(rule.priority, _("any priority")))
            rule.display_name = " / ".join(parts)

    @api.model
    def _esc_find(self, segment, pqrs_type, priority):
        """The rule for a case: the one naming its priority, else the one for every
        priority, else an empty recordset (no SLA lines)."""
        rules = self.search(
            [
                ("segment_id", "=", segment.id),
                ("type_id", "=", pqrs_type.id),
                ("priority", "in", [priority, False]),
            ]
        )
        return rules.sorted(lambda rule: not rule.priority)[:1]
