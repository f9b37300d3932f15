"""Business days of one calendar, held as a sorted list of dates.

``resource.calendar.plan_days`` reads attendances and leaves on every call, which is right for
one deadline and ruinous for twenty thousand. The index reads a calendar's work intervals once
for a window of dates and answers every later question about that window with a bisection; it
reads further only when a question reaches past what it holds.
"""

import bisect
from collections.abc import Callable, Iterable
from datetime import date, timedelta

#: How many calendar days one further read adds when a question reaches past the window.
EXTENSION_DAYS = 120
#: Beyond this many calendar days past the window a calendar is taken to have no working time
#: (``plan_days`` gives up after 1,400 days the same way).
SEARCH_LIMIT_DAYS = 1400

BusinessDayFetcher = Callable[[date, date], Iterable[date]]


class NoBusinessDayError(LookupError):
    """The calendar has no working time in the searched range."""


class BusinessDayIndex:
    """Answers business-day questions from one read of a calendar.

    ``fetch(first, last)`` returns the business days between both dates, inclusive.
    """

    def __init__(self, fetch: BusinessDayFetcher, first: date, last: date):
        self._fetch = fetch
        self._first = first
        self._last = first - timedelta(days=1)
        self._days: list[date] = []
        self._extend_to(last)

    def first_on_or_after(self, day: date) -> date:
        """The business day ``day`` itself when it is one, else the next one."""
        self._check_within(day)
        position = bisect.bisect_left(self._days, day)
        self._extend_until_position(position, day)
        return self._days[position]

    def nth_after(self, day: date, count: int) -> date:
        """The ``count``-th business day after ``day`` (``day`` itself never counts)."""
        if count < 1:
            raise ValueError("count must be 1 or more")
        self._check_within(day)
        position = bisect.bisect_right(self._days, day) + count - 1
        self._extend_until_position(position, day)
        return self._days[position]

    def count_between(self, after: date, until: date) -> int:
        """How many business days fall after ``after`` and on or before ``until``."""
        self._check_within(after)
        if until <= after:
            return 0
        self._extend_to(until)
        return bisect.bisect_right(self._days, until) - bisect.bisect_right(self._days, after)

    def _check_within(self, day: date) -> None:
        """Refuse a day before the window; read up to a day past it, so that positions
        computed from the list stay right when later reads append to it."""
        if day < self._first:
            raise ValueError(f"{day} is before the first day of the index ({self._first})")
        self._extend_to(day)

    def _extend_until_position(self, position: int, origin: date) -> None:
        limit = max(origin, self._last) + timedelta(days=SEARCH_LIMIT_DAYS)
        while position >= len(self._days):
            if self._last >= limit:
                raise NoBusinessDayError(
                    f"no business day in the {SEARCH_LIMIT_DAYS} days after {origin}"
                )
            self._extend_to(self._last + timedelta(days=EXTENSION_DAYS))

    def _extend_to(self, last: date) -> None:
        if last <= self._last:
            return
        start = self._last + timedelta(days=1)
        self._days.extend(sorted(set(self._fetch(start, last))))
        self._last = last
