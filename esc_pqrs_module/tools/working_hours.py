"""Working hours of one calendar, held as a sorted list of work spans.

``resource.calendar.plan_hours`` reads attendances and leaves on every call; the first-response
targets of a thousand cases filed at once need one read. The spans are read once for a window
and every target inside it is found by a bisection and a short walk.
"""

import bisect
from collections.abc import Iterable
from datetime import datetime, timedelta


class WorkingHours:
    """Answers "which moment is ``hours`` working hours after ``start``" from given spans.

    ``spans`` are ``(start, stop)`` pairs of comparable datetimes that do not overlap.
    """

    def __init__(self, spans: Iterable[tuple[datetime, datetime]]):
        self._spans = sorted(spans)
        self._stops = [stop for _start, stop in self._spans]

    def after(self, start: datetime, hours: float) -> datetime | None:
        """The moment ``hours`` working hours after ``start``, or ``None`` when the spans
        end first. Like ``plan_hours``, a target falling on the end of a span is that end."""
        remaining = timedelta(hours=hours)
        for span_start, span_stop in self._spans[bisect.bisect_right(self._stops, start) :]:
            begin = max(span_start, start)
            available = span_stop - begin
            if remaining <= available:
                return begin + remaining
            remaining -= available
        return None
