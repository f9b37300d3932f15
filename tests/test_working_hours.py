"""Working hours after a moment, from spans read once."""

from datetime import datetime, timedelta

from tests.addon import load_tool

WorkingHours = load_tool("working_hours").WorkingHours


def office_spans(first_day, days):
    """08–12 and 13–17 on weekdays, for ``days`` calendar days from ``first_day``."""
    spans = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if day.weekday() < 5:
            spans.append((day.replace(hour=8), day.replace(hour=12)))
            spans.append((day.replace(hour=13), day.replace(hour=17)))
    return spans


HOURS = WorkingHours(office_spans(datetime(2026, 12, 21), 14))  # Mon 21 Dec – Sun 3 Jan


def test_target_inside_the_same_span():
    assert HOURS.after(datetime(2026, 12, 23, 9, 0), 2) == datetime(2026, 12, 23, 11, 0)


def test_target_skips_the_lunch_break():
    assert HOURS.after(datetime(2026, 12, 23, 10, 0), 4) == datetime(2026, 12, 23, 15, 0)


def test_target_on_the_end_of_a_span_is_that_end():
    assert HOURS.after(datetime(2026, 12, 23, 10, 0), 2) == datetime(2026, 12, 23, 12, 0)


def test_start_outside_working_time_counts_from_the_next_span():
    assert HOURS.after(datetime(2026, 12, 23, 12, 30), 1) == datetime(2026, 12, 23, 14, 0)
    assert HOURS.after(datetime(2026, 12, 26, 10, 0), 1) == datetime(2026, 12, 28, 9, 0)


def test_start_on_the_end_of_a_span_counts_from_the_next_one():
    assert HOURS.after(datetime(2026, 12, 23, 17, 0), 1) == datetime(2026, 12, 24, 9, 0)


def test_fractional_hours():
    assert HOURS.after(datetime(2026, 12, 23, 8, 0), 0.25) == datetime(2026, 12, 23, 8, 15)


def test_target_past_the_spans_is_none():
    assert HOURS.after(datetime(2027, 1, 1, 16, 0), 2) is None


def test_spans_given_out_of_order_are_sorted():
    spans = office_spans(datetime(2026, 12, 21), 7)
    assert WorkingHours(reversed(spans)).after(datetime(2026, 12, 21, 16, 0), 2) == datetime(
        2026, 12, 22, 9, 0
    )
