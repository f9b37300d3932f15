# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError


class EscWorkflowMixin(models.AbstractModel):
    """What the add-on's decided records share (a mass communication request, a report of
    relevant information): a ``state`` moved only by their own steps, and the workflow's fields
    that a user's ``write`` may send unchanged (a form saving them) but never change."""

    _name = "esc.workflow.mixin"
    _description = "Customer Service Workflow"

    #: Fields moved only by the record's own steps (as superuser); a model that lists them here
    #: and calls the guards below refuses them from users' ``create`` and ``write``.
    _esc_step_fields = frozenset()

    def _esc_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _esc_check_state(self, allowed):
        self.ensure_one()
        if self.state not in allowed:
            raise UserError(
                _(
                    "%(kind)s %(record)s is %(state)s: this step does not apply.",
                    kind=self.env["ir.model"].sudo()._get(self._name).name,
                    record=self.display_name,
                    state=self._esc_state_label(),
                )
            )

    def _esc_changed_fields(self, vals, names):
        """The fields among ``names`` that ``vals`` would change on any of these records."""
        changed = set()
        for name in names.intersection(vals):
            field = self._fields[name]
            for record in self:
                if (field.convert_to_write(record[name], record) or False) != (vals[name] or False):
                    changed.add(name)
        return changed

    @api.model
    def _esc_set_at_creation(self, vals, names):
        """The fields among ``names`` that a creation with ``vals`` would set to something other
        than their default, given directly or as a ``default_`` key of the context (which
        ``create`` would otherwise apply)."""
        given = {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_")
        }
        given.update(vals)
        changed = set()
        for name in names.intersection(given):
            field = self._fields[name]
            default = field.default(self) if field.default else False
            if (given[name] or False) != (default or False):
                changed.add(name)
        return changed

    @api.model
    def _esc_guard_creation(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._esc_refuse_hand_set(self._esc_set_at_creation(vals, self._esc_step_fields))

    def _esc_guard_write(self, vals):
        if not self.env.su:
            self._esc_refuse_hand_set(self._esc_changed_fields(vals, self._esc_step_fields))

    def _esc_refuse_hand_set(self, fields_given):
        if not fields_given:
            return
        raise AccessError(
            _(
                "%(kind)s %(records)s: %(fields)s is set by its own steps and cannot be set by "
                "hand.",
                kind=self.env["ir.model"].sudo()._get(self._name).name,
                records=", ".join(self.mapped("display_name")) or _("(new)"),
                fields=", ".join(
                    self._fields[name]._description_string(self.env)
                    for name in sorted(fields_given)
                ),
            )
        )
