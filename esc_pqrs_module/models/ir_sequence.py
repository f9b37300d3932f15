# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _esc_next_batch(self, count, sequence_date):
        """``count`` numbers of this sequence for ``sequence_date``, as ``next_by_id`` would
        give them one by one, in one query: a bulk filing must not cost a query per case.

        Only the drawing of the numbers is batched (``nextval`` over a series of the date
        range's own PostgreSQL sequence); the date range and the formatting are Odoo's. A
        sequence without gaps (``no_gap``) locks a row per number, so it is drawn one by one.
        """
        self.ensure_one()
        if self.implementation != "standard" or not self.use_date_range:
            return [self._next(sequence_date=sequence_date) for _number in range(count)]
        date_range = self.env["ir.sequence.date_range"].search(
            [
                ("sequence_id", "=", self.id),
                ("date_from", "<=", sequence_date),
                ("date_to", ">=", sequence_date),
            ],
            limit=1,
        ) or self._create_date_range_seq(sequence_date)
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{self.id:03d}_{date_range.id:03d}",
                count,
            )
        )
        numbers = [number for (number,) in self.env.cr.fetchall()]
        formatter = self.with_context(ir_sequence_date_range=date_range.date_from)
        return [formatter.get_next_char(number) for number in numbers]

    def _esc_open_years(self, years):
        """Make the yearly ranges of ``years`` ahead of the first filing. Odoo makes a range
        when a number is first drawn in it, inside that filing's transaction: two filings of a
        new year at once (the sync loads batches in parallel) would each make one, both would
        number from 1, and one would fail on the radicado's uniqueness. Made here, at install,
        with every new company and by the yearly job, the ranges exist before anyone files."""
        for sequence in self.filtered("use_date_range"):
            for year in years:
                first_day = date(year, 1, 1)
                if not self.env["ir.sequence.date_range"].search_count(
                    [
                        ("sequence_id", "=", sequence.id),
                        ("date_from", "<=", first_day),
                        ("date_to", ">=", first_day),
                    ],
                    limit=1,
                ):
                    sequence._create_date_range_seq(first_day)
