# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Art. 20: a fundamental right or imminent harm puts a case first in every queue, without
changing its term."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_case import EscPqrsCaseCase


@tagged("post_install", "-at_install")
class TestFundamentalRightPriority(EscPqrsCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.older = cls._register(cls, bogota(2026, 12, 14, 9, 0), subject="Lote rayado")
            cls.urgent = cls._register(
                cls, bogota(2026, 12, 23, 10, 0), subject="Sin insumo para sueros"
            )
        cls.cases = cls.older | cls.urgent

    def _queue(self, domain=()):
        """The agent's list, or a kanban column: the cases in the views' default order."""
        records = (
            self.env["esc.pqrs"]
            .with_user(self.service_user)
            .web_search_read([("id", "in", self.cases.ids), *domain], {"name": {}})["records"]
        )
        return [record["id"] for record in records]

    def test_without_the_flag_the_earliest_deadline_comes_first(self):
        self.assertEqual(self._queue(), [self.older.id, self.urgent.id])

    def test_fundamental_right_case_comes_first_though_due_later(self):
        self.urgent.with_user(self.service_user).is_fundamental_right = True
        self.assertEqual(self._queue(), [self.urgent.id, self.older.id])

    def test_fundamental_right_case_comes_first_in_its_kanban_column(self):
        self.urgent.with_user(self.service_user).is_fundamental_right = True
        new = self.env.ref("esc_pqrs_module.esc_pqrs_stage_new")
        self.assertEqual(self._queue([("stage_id", "=", new.id)]), [self.urgent.id, self.older.id])

    def test_flagging_a_fundamental_right_changes_no_term(self):
        before = {line.kind: line.due_at for line in self.urgent.deadline_ids}
        with freeze_time(bogota(2026, 12, 23, 12, 0)):
            self.urgent.with_user(self.service_user).is_fundamental_right = True
        self.assertEqual({line.kind: line.due_at for line in self.urgent.deadline_ids}, before)
