# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Colombian business-day deadlines (Ley 1437 de 2011 as replaced by Ley 1755 de 2015).

Every date here is a *local* date of the calendar's time zone (America/Bogota for the shipped
PQRS calendar); every datetime taken or returned is naive UTC, as Odoo stores them.

The one-at-a-time methods go through ``plan_days`` / ``plan_hours`` with
``compute_leaves=True`` (without it public holidays are ignored). The batch method reads the
calendar's work intervals once into a :class:`BusinessDayIndex` and answers every receipt of
the batch from it; the tests prove both give the same dates.
"""

import math
from datetime import datetime, time, timedelta

from pytz import timezone, utc

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.business_day_index import BusinessDayIndex, NoBusinessDayError
from ..tools.working_hours import WorkingHours

try:
    import holidays
except ImportError:  # pragma: no cover - declared in external_dependencies
    holidays = None

HOLIDAY_COUNTRY = "CO"
HOLIDAY_LANGUAGE = "es"
ADMIN_GROUP = "esc_pqrs_module.group_esc_service_admin"
#: Calendar days read ahead of the last receipt of a batch: enough for any term and its
#: extension in one read (a term of N business days never spans more than ~7/5 N days plus
#: the holidays inside), the index reads further by itself if ever needed.
BATCH_MARGIN_DAYS = 45


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    esc_is_pqrs_calendar = fields.Boolean(
        string="Used for PQRS",
        compute="_compute_esc_is_pqrs_calendar",
        search="_search_esc_is_pqrs_calendar",
        help="A company counts its PQRS terms on this calendar.",
    )

    def _compute_esc_is_pqrs_calendar(self):
        pqrs_calendars = self._esc_pqrs_calendars()
        for calendar in self:
            calendar.esc_is_pqrs_calendar = calendar in pqrs_calendars

    def _search_esc_is_pqrs_calendar(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Unsupported search on PQRS calendars: %s", operator))
        wanted = (operator == "=") == bool(value)
        return [("id", "in" if wanted else "not in", self._esc_pqrs_calendars().ids)]

    def _esc_pqrs_calendars(self):
        companies = self.env["res.company"].sudo().search([("esc_pqrs_calendar_id", "!=", False)])
        return companies.esc_pqrs_calendar_id

    # ------------------------------------------------------------------
    # Deadlines, one at a time (plan_days / plan_hours)
    # ------------------------------------------------------------------

    def _esc_filing_date(self, received_at):
        """The filing date of a receipt: its local date, or the next business day when that
        date is not one. A receipt late in the evening of a business day counts that day."""
        self.ensure_one()
        received_day = self._esc_local_date(received_at)
        first_interval_end = self.plan_days(
            1, self._esc_local_midnight(received_day), compute_leaves=True
        )
        return self._esc_planned_date(first_interval_end, received_day)

    def _esc_legal_due_date(self, filing_date, term_days):
        """The last day of a term of ``term_days`` business days counted from the business
        day after ``filing_date``. Starting at the next local midnight keeps ``plan_days``
        from counting the filing day itself as day one."""
        self.ensure_one()
        self._esc_check_term(term_days)
        next_midnight = self._esc_local_midnight(filing_date + timedelta(days=1))
        term_end = self.plan_days(term_days, next_midnight, compute_leaves=True)
        return self._esc_planned_date(term_end, filing_date)

    def _esc_business_day_from(self, day):
        """``day`` when it is a business day, else the next business day."""
        return self._esc_filing_date(self._esc_day_start(day))

    def _esc_max_extension_date(self, filing_date, term_days):
        """The latest date an extension may set (art. 14 parágrafo): twice the term, counted
        the same way as the term itself."""
        return self._esc_legal_due_date(filing_date, 2 * term_days)

    def _esc_business_days_between(self, date_from, date_to):
        """How many business days fall after ``date_from`` and on or before ``date_to``."""
        self.ensure_one()
        if date_to <= date_from:
            return 0
        return len(self._esc_business_days(date_from + timedelta(days=1), date_to))

    def _esc_business_hours_target(self, start_at, hours):
        """The moment ``hours`` working hours after ``start_at``, holidays excluded."""
        self.ensure_one()
        target = self.plan_hours(hours, start_at, compute_leaves=True)
        if not target:
            raise self._esc_no_working_time_error(start_at.date())
        return target

    def _esc_business_hours_between(self, start_at, end_at):
        """Working hours from ``start_at`` to ``end_at``, holidays excluded."""
        self.ensure_one()
        if end_at <= start_at:
            return 0.0
        return self.get_work_hours_count(start_at, end_at, compute_leaves=True)

    def _esc_day_start(self, day):
        """The first second of a local day, as naive UTC."""
        self.ensure_one()
        return self._esc_local_midnight(day).astimezone(utc).replace(tzinfo=None)

    def _esc_day_end(self, day):
        """The last second of a local day, as naive UTC: a deadline on ``day`` is met until
        then (23:59:59 Bogotá)."""
        self.ensure_one()
        local_end = self._esc_tz().localize(datetime.combine(day, time(23, 59, 59)))
        return local_end.astimezone(utc).replace(tzinfo=None)

    # ------------------------------------------------------------------
    # Deadlines in batch
    # ------------------------------------------------------------------

    def _esc_legal_due_dates_batch(self, receipts):
        """Filing and legal due dates of many receipts of this calendar at once.

        ``receipts`` is a sequence of ``(received_at, term_days)``; the answer is a list of
        ``(filing_date, due_date)`` in the same order (``due_date`` is ``None`` for a term of
        0, as for a felicitación). Equal receipt days and equal (filing day, term) pairs are
        computed once, all of them from a single read of the calendar; callers holding cases
        of several calendars group them by calendar first.
        """
        self.ensure_one()
        receipts = [(self._esc_local_date(at), term) for at, term in receipts]
        if not receipts:
            return []
        index = self._esc_business_day_index(receipts)
        filing_dates = {day: None for day, _term in receipts}
        try:
            for day in filing_dates:
                filing_dates[day] = index.first_on_or_after(day)
            due_dates = {}
            for day, term in receipts:
                key = (filing_dates[day], term)
                if key not in due_dates:
                    due_dates[key] = index.nth_after(key[0], term) if term else None
        except NoBusinessDayError as error:
            raise self._esc_no_working_time_error(receipts[0][0]) from error
        return [(filing_dates[day], due_dates[(filing_dates[day], term)]) for day, term in receipts]

    def _esc_business_hours_targets_batch(self, starts):
        """``_esc_business_hours_target`` of many ``(start_at, hours)`` at once, in order,
        from one read of the calendar's working time; a target past that read (a calendar
        closed for weeks) falls back to ``plan_hours``."""
        self.ensure_one()
        if not starts:
            return []
        hours_per_day = self.hours_per_day or 8
        longest_days = math.ceil(max(hours for _start, hours in starts) / hours_per_day)
        first = min(start for start, _hours in starts)
        last = max(start for start, _hours in starts) + timedelta(
            days=math.ceil(longest_days * 7 / 5) + BATCH_MARGIN_DAYS
        )
        working_hours = WorkingHours(self._esc_work_spans(first, last))
        return [
            working_hours.after(start, hours) or self._esc_business_hours_target(start, hours)
            for start, hours in starts
        ]

    def _esc_work_spans(self, start_at, end_at):
        """The calendar's working time from ``start_at`` to ``end_at`` as naive UTC spans."""
        intervals = self._work_intervals_batch(
            utc.localize(start_at), utc.localize(end_at), compute_leaves=True
        )[False]
        return [
            (begin.astimezone(utc).replace(tzinfo=None), stop.astimezone(utc).replace(tzinfo=None))
            for begin, stop, _meta in intervals
        ]

    def _esc_business_day_index(self, receipts):
        """An index over the receipts' days and the terms that follow them."""
        for _day, term in receipts:
            if term:
                self._esc_check_term(term)
        longest_term = max(term for _day, term in receipts)
        first = min(day for day, _term in receipts)
        last = max(day for day, _term in receipts) + timedelta(
            days=math.ceil(longest_term * 7 / 5) + BATCH_MARGIN_DAYS
        )
        return BusinessDayIndex(self._esc_business_days, first, last)

    def _esc_business_days(self, first, last):
        """The business days from ``first`` to ``last`` inclusive, read in one go."""
        tz = self._esc_tz()
        start = tz.localize(datetime.combine(first, time.min))
        end = tz.localize(datetime.combine(last, time.max))
        intervals = self._work_intervals_batch(start, end, compute_leaves=True)[False]
        return sorted({interval_start.date() for interval_start, _stop, _meta in intervals})

    # ------------------------------------------------------------------
    # Colombian public holidays
    # ------------------------------------------------------------------

    @api.model
    def _cron_esc_load_holidays(self):
        """Yearly: make sure every company's PQRS calendar has this year's and next year's
        public holidays, and its radicado sequence those years' ranges."""
        this_year = datetime.now().year
        for calendar in self._esc_pqrs_calendars():
            calendar._esc_load_holidays([this_year, this_year + 1])
        self.env["res.company"]._esc_open_radicado_years()

    def action_esc_load_holidays(self):
        """Load this year's and next year's public holidays on the selected calendars."""
        this_year = datetime.now().year
        leaves = self.env["resource.calendar.leaves"]
        for calendar in self:
            leaves |= calendar._esc_load_holidays([this_year, this_year + 1])
        return self._esc_holidays_loaded_notification(leaves)

    def _esc_load_holidays(self, years):
        """Create the Colombian public holidays of ``years`` as leaves of this calendar and
        return the new ones. A day already covered by a leave of this calendar (or of every
        calendar) is skipped, so loading a year twice adds nothing.

        The leaves carry no company: the PQRS calendar is shared, and a deadline must not
        change with the company of whoever computes it.
        """
        self.ensure_one()
        self._esc_check_holiday_admin()
        wanted = holidays.country_holidays(
            HOLIDAY_COUNTRY, years=sorted(set(years)), language=HOLIDAY_LANGUAGE
        )
        if not wanted:
            return self.env["resource.calendar.leaves"]
        covered = self._esc_days_on_leave(min(wanted), max(wanted))
        leaves = self.env["resource.calendar.leaves"].create(
            [
                self._esc_holiday_leave_values(day, name)
                for day, name in sorted(wanted.items())
                if day not in covered
            ]
        )
        # The leave's company is computed as "the calendar's, else the current one" even
        # when create is given False; a shared calendar's holidays belong to no company.
        if not self.company_id:
            leaves.write({"company_id": False})
        return leaves

    def _esc_holiday_leave_values(self, day, name):
        return {
            "name": name,
            "calendar_id": self.id,
            "resource_id": False,
            "time_type": "leave",
            "date_from": self._esc_day_start(day),
            "date_to": self._esc_day_end(day),
        }

    def _esc_days_on_leave(self, first, last):
        """Local days from ``first`` to ``last`` already covered by a whole-calendar leave."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "in", [False, self.id]),
                ("resource_id", "=", False),
                ("time_type", "=", "leave"),
                ("date_from", "<=", self._esc_day_end(last)),
                ("date_to", ">=", self._esc_day_start(first)),
            ]
        )
        days = set()
        for leave in leaves:
            day = self._esc_local_date(leave.date_from)
            while day <= self._esc_local_date(leave.date_to):
                days.add(day)
                day += timedelta(days=1)
        return days

    def _esc_check_holiday_admin(self):
        if self.env.su or self.env.user.has_group(ADMIN_GROUP):
            return
        raise AccessError(
            _(
                "Only Customer Service administrators may load public holidays "
                "(calendar %(calendar)s, user %(user)s).",
                calendar=self.display_name,
                user=self.env.user.display_name,
            )
        )

    def _esc_holidays_loaded_notification(self, leaves):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s public holidays added.", count=len(leaves)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _esc_tz(self):
        return timezone(self.tz or "UTC")

    def _esc_local_date(self, moment):
        """The local date of a naive UTC datetime (a ``date`` is taken as it is)."""
        if not isinstance(moment, datetime):
            return moment
        return utc.localize(moment).astimezone(self._esc_tz()).date()

    def _esc_local_midnight(self, day):
        return self._esc_tz().localize(datetime.combine(day, time.min))

    def _esc_planned_date(self, planned, origin):
        if not planned:
            raise self._esc_no_working_time_error(origin)
        return planned.astimezone(self._esc_tz()).date()

    def _esc_no_working_time_error(self, origin):
        return UserError(
            _(
                "Calendar %(calendar)s has no working time after %(day)s: "
                "no PQRS deadline can be computed on it.",
                calendar=self.display_name,
                day=origin,
            )
        )

    @staticmethod
    def _esc_check_term(term_days):
        if not isinstance(term_days, int) or isinstance(term_days, bool) or term_days < 1:
            raise ValueError(f"a term is a whole number of business days, 1 or more: {term_days!r}")
