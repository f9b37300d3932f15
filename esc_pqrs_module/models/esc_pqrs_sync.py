# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a case filed by another system (``esc-sync push pqrs``) keeps of where it came from,
and what that system reads back (``esc-sync pull pqrs``).

Decisions:
- The sending system and its key are given at filing by the integration user only, and never
  change afterwards: they are how the sender finds its case again, and a second case under the
  same key of the same system is refused (the sync's external id makes it idempotent; this
  keeps anyone else from taking a key the sync will send).
- The legal due date is read, not stored: it is the legal deadline line's due moment as a
  Bogotá date, which the procedures (extension, completion) move.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .esc_pqrs import STAFF_ONLY
from .esc_pqrs_intake import INTEGRATION_GROUP

SOURCE_FIELDS = ("source_system", "source_key")


class EscPqrsSync(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    source_system = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=STAFF_ONLY,
        help="The system that filed the case through the sync (call centre, ERP…).",
    )
    source_key = fields.Char(
        readonly=True, copy=False, groups=STAFF_ONLY, help="The case's key in that system."
    )
    legal_due_date = fields.Date(
        compute="_compute_legal_due_date",
        groups=STAFF_ONLY,
        help="The day the law requires the answer by (Bogotá), after any extension.",
    )

    _sql_constraints = [
        (
            "source_key_unique",
            "unique(company_id, source_system, source_key)",
            "Another case already has this source system and key.",
        )
    ]

    @api.depends("deadline_ids.due_at", "deadline_ids.kind")
    def _compute_legal_due_date(self):
        for case in self:
            case.legal_due_date = case._esc_legal_due_date()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(INTEGRATION_GROUP):
            for vals in vals_list:
                if any(vals.get(name) for name in SOURCE_FIELDS):
                    raise AccessError(
                        _(
                            "PQRS %(case)s: only the integration user files a case under "
                            "another system's key (Source System, Source Key).",
                            case=vals.get("subject") or _("(no subject)"),
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(name in vals for name in SOURCE_FIELDS):
            for case in self:
                if any(
                    (vals.get(name, case[name]) or False) != case[name] for name in SOURCE_FIELDS
                ):
                    raise UserError(
                        _(
                            "PQRS %(case)s: the system it came from and its key there never "
                            "change (Source System, Source Key).",
                            case=case.display_name,
                        )
                    )
        return super().write(vals)
