# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Filing many cases at once costs the queries of filing one, give or take a constant."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import bogota
from .test_pqrs_case import EscPqrsCaseCase

#: Queries fifty cases may cost beyond one case (a few more prefetch chunks, not one per case).
MARGIN = 6


@tagged("post_install", "-at_install")
class TestBatchFiling(EscPqrsCaseCase):
    def _values(self, count):
        return [
            {
                "subject": f"Lote {number}",
                "partner_id": self.contact.id,
                "type_id": self.claim.id,
                "channel_id": self.email.id,
                "received_at": bogota(2026, 12, 23, 9, number % 60),
            }
            for number in range(count)
        ]

    def _queries_to_file(self, count):
        cases = self.env["esc.pqrs"].with_user(self.service_user)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        filed = cases.create(self._values(count))
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, filed

    @freeze_time("2026-12-23 16:00:00")
    def test_filing_fifty_cases_costs_the_queries_of_one_plus_a_constant(self):
        self._queries_to_file(1)  # the yearly range of the sequence is made once
        one, _case = self._queries_to_file(1)
        with self.assertQueryCount(one + MARGIN):
            self.env["esc.pqrs"].with_user(self.service_user).create(self._values(50))

    @freeze_time("2026-12-23 16:00:00")
    def test_a_batch_numbers_its_cases_in_order_without_gaps(self):
        _queries, cases = self._queries_to_file(5)
        numbers = [int(case.name.rsplit("/", 1)[1]) for case in cases]
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 5)))
        self.assertTrue(all(case.name.startswith("PQRS/2026/") for case in cases))
