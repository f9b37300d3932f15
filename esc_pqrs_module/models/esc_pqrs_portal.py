# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a customer sees of a case: its portal page, and over RPC no more than that page shows.

Service levels, the segment, the owner and the clocks are the company's internal business: a
portal user reads the case's own fields its page shows (``PORTAL_FIELDS``), those of the
mixins Odoo's portal and chatter need, and nothing else, whatever it asks of the ORM. Every
other field of the add-on is declared for staff only (``groups``), the way Odoo hides a field
from a group, so that it is neither read nor prefetched for a customer; an Odoo test checks
that no field of the case escapes that rule."""

from odoo import api, models

#: The case's own fields a customer may read: what the portal page shows or is built from.
PORTAL_FIELDS = frozenset(
    {
        "id",
        "active",
        "display_name",
        "name",
        "subject",
        "description",
        "company_id",
        "partner_id",
        "commercial_partner_id",
        "type_id",
        "stage_id",
        "is_closed",
        "received_at",
        "filing_date",
        "completion_state",
        "completion_due_date",
        "is_deemed_accepted",
        "documents_due_at",
    }
)
#: A customer's searches are sorted by what it may read, not by the internal next deadline.
PORTAL_ORDER = "received_at desc, id desc"


class EscPqrsPortal(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/pqrs/{case.id}"

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        if not order and self.env.user.share and not self.env.su:
            order = PORTAL_ORDER
        return super().search_fetch(domain, field_names, offset=offset, limit=limit, order=order)
