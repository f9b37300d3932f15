"""Which partner fields the ERP owns, and so which ones a validated report may not simply change.

``esc-sync push customers`` writes these fields of every partner it loads (``sync/mapping.py``
builds its load columns from them; a fast test keeps the two lists equal). On a partner that
came from the ERP (it has an external id in the sync's ``esc_sync`` namespace) they are the
ERP's: a report of relevant information that changes one of them is applied in Odoo **and**
flagged for correction at the source, so that the ERP is corrected and its next push does not
undo the change. Every other field, and every field of a partner that did not come from the ERP,
is Odoo's own and changes only through validated reports or by hand.
"""

#: The partner fields ``esc-sync push customers`` writes.
ERP_OWNED_FIELDS = frozenset(
    {
        "name",
        "vat",
        "is_company",
        "active",
        "parent_id",
        "street",
        "city",
        "state_id",
        "country_id",
        "email",
        "phone",
        "mobile",
        "esc_segment_id",
        "esc_market",
        "esc_stakeholder_group",
        "user_id",
    }
)
#: The module of the external ids the sync gives the partners it loads.
SYNC_XMLID_MODULE = "esc_sync"
