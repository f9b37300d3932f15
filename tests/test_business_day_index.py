"""The business-day index answers from as few reads of the calendar as it can."""

from datetime import date, timedelta

import pytest

from tests.addon import load_tool

index_module = load_tool("business_day_index")
BusinessDayIndex = index_module.BusinessDayIndex
NoBusinessDayError = index_module.NoBusinessDayError

HOLIDAYS = {date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 11)}


class WeekdayCalendar:
    """Monday to Friday minus ``HOLIDAYS``; records every read it serves."""

    def __init__(self, holidays=HOLIDAYS, works=True):
        self.holidays = holidays
        self.works = works
        self.reads = []

    def __call__(self, first, last):
        self.reads.append((first, last))
        day = first
        while day <= last:
            if self.works and day.weekday() < 5 and day not in self.holidays:
                yield day
            day += timedelta(days=1)


@pytest.fixture
def calendar():
    return WeekdayCalendar()


@pytest.fixture
def index(calendar):
    return BusinessDayIndex(calendar, date(2026, 12, 1), date(2027, 2, 28))


def test_a_business_day_is_its_own_first_business_day(index):
    assert index.first_on_or_after(date(2026, 12, 23)) == date(2026, 12, 23)


def test_a_saturday_moves_to_monday(index):
    assert index.first_on_or_after(date(2026, 12, 26)) == date(2026, 12, 28)


def test_a_holiday_moves_to_the_next_business_day(index):
    assert index.first_on_or_after(date(2026, 12, 25)) == date(2026, 12, 28)


def test_nth_after_never_counts_the_start_day(index):
    assert index.nth_after(date(2026, 12, 23), 1) == date(2026, 12, 24)


def test_fifteen_business_days_after_december_23(index):
    assert index.nth_after(date(2026, 12, 23), 15) == date(2027, 1, 18)


def test_nth_after_a_non_business_day_counts_from_the_next_one(index):
    assert index.nth_after(date(2026, 12, 26), 1) == date(2026, 12, 28)


def test_count_between_excludes_the_start_and_includes_the_end(index):
    assert index.count_between(date(2026, 12, 23), date(2027, 1, 18)) == 15


def test_count_between_a_reversed_range_is_zero(index):
    assert index.count_between(date(2027, 1, 18), date(2026, 12, 23)) == 0


def test_questions_inside_the_window_read_nothing_more(calendar, index):
    index.nth_after(date(2026, 12, 23), 30)
    index.first_on_or_after(date(2027, 1, 1))
    index.count_between(date(2026, 12, 1), date(2027, 2, 28))
    assert len(calendar.reads) == 1


def test_a_question_past_the_window_extends_it_once(calendar):
    index = BusinessDayIndex(calendar, date(2026, 12, 1), date(2026, 12, 10))
    assert index.nth_after(date(2026, 12, 9), 15) == date(2026, 12, 31)
    assert len(calendar.reads) == 2
    assert calendar.reads[1][0] == date(2026, 12, 11)


def test_extended_answers_equal_wide_window_answers(calendar):
    narrow = BusinessDayIndex(WeekdayCalendar(), date(2026, 12, 1), date(2026, 12, 2))
    wide = BusinessDayIndex(calendar, date(2026, 12, 1), date(2028, 12, 31))
    for offset in range(0, 400, 7):
        day = date(2026, 12, 1) + timedelta(days=offset)
        assert narrow.nth_after(day, 30) == wide.nth_after(day, 30)


def test_a_calendar_without_business_days_raises_instead_of_looping():
    index = BusinessDayIndex(WeekdayCalendar(works=False), date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(NoBusinessDayError):
        index.first_on_or_after(date(2026, 1, 5))


def test_a_day_before_the_window_is_refused(index):
    with pytest.raises(ValueError, match="before the first day"):
        index.first_on_or_after(date(2026, 11, 30))


def test_a_count_below_one_is_refused(index):
    with pytest.raises(ValueError, match="1 or more"):
        index.nth_after(date(2026, 12, 23), 0)


def test_a_day_far_past_the_window_counts_only_days_after_it(calendar):
    index = BusinessDayIndex(calendar, date(2026, 12, 1), date(2026, 12, 2))
    assert index.nth_after(date(2027, 1, 8), 1) == date(2027, 1, 12)
    assert index.first_on_or_after(date(2027, 2, 6)) == date(2027, 2, 8)
