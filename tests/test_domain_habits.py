"""Habits' rules as tables: how often, streaks, strength and safety."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from bot.domain.frequencies import find_amount, find_frequency
from bot.domain.habits import (
    Amount,
    Break,
    Day,
    Direction,
    Frequency,
    Habit,
    Per,
    asked_in,
    count_this_period,
    credit,
    period_of,
    safety,
    smooth,
    streak,
    strength,
    strength_by_day,
)

MONDAY = date(2027, 1, 4)
DAILY = Frequency(1, Per.DAY)
THREE_A_WEEK = Frequency(3, Per.WEEK)
WEEKDAYS = Frequency(1, Per.DAY, frozenset(range(5)))
DONE = Day((None,))


def days(first: date, *offsets: int) -> dict[date, Day]:
    """A log with one entry on each of these days (offsets from first)."""
    return {first + timedelta(days=n): DONE for n in offsets}


@pytest.mark.parametrize(
    ("text", "times", "per", "weekdays", "rest"),
    [
        ("Meditate 10 minutes every day", 1, Per.DAY, range(7), "Meditate 10 minutes"),
        ("Gym 3 times a week", 3, Per.WEEK, range(7), "Gym"),
        ("Run 4x/week", 4, Per.WEEK, range(7), "Run"),
        ("Swim 3 x per week", 3, Per.WEEK, range(7), "Swim"),
        ("Call mum twice a month", 2, Per.MONTH, range(7), "Call mum"),
        ("No alcohol on weekdays", 1, Per.DAY, range(5), "No alcohol"),
        ("Swim mon, wed, fri", 1, Per.DAY, (0, 2, 4), "Swim"),
        ("Yoga on mondays and thursdays", 1, Per.DAY, (0, 3), "Yoga"),
        ("Weigh in every monday", 1, Per.DAY, (0,), "Weigh in"),
        ("Write 500 words, at least 4 days a week", 4, Per.WEEK, range(7), "Write 500 words"),
        ("Piano 5 days per week", 5, Per.WEEK, range(7), "Piano"),
        ("Read 20 pages a day", 1, Per.DAY, range(7), "Read 20 pages"),
        ("Drink water 8 times a day", 8, Per.DAY, range(7), "Drink water"),
        ("Stretch daily", 1, Per.DAY, range(7), "Stretch"),
        ("Budget review monthly", 1, Per.MONTH, range(7), "Budget review"),
        ("Walk in the sun every day", 1, Per.DAY, range(7), "Walk in the sun"),
        ("Weekly review every week", 1, Per.WEEK, range(7), "Weekly review"),  # the last one
        ("Sleep by 23:00 every day", 1, Per.DAY, range(7), "Sleep by 23:00"),  # 00 is no count
    ],
)
def test_how_often_as_people_write_it(
    text: str, times: int, per: Per, weekdays: range | tuple[int, ...], rest: str
) -> None:
    found = find_frequency(text)
    assert found is not None
    assert found.frequency == Frequency(times, per, frozenset(weekdays))
    assert found.rest == rest


@pytest.mark.parametrize(
    "text", ["Run a marathon by May", "Read 12 books", "Sunday roast for 20", "0 times a day"]
)
def test_a_one_off_goal_names_no_frequency(text: str) -> None:
    assert find_frequency(text) is None


@pytest.mark.parametrize(
    ("text", "direction", "value", "unit", "rest"),
    [
        ("Read at least 20 pages", Direction.AT_LEAST, 20, "pages", "Read"),
        ("Coffee at most 2 cups", Direction.AT_MOST, 2, "cups", "Coffee"),
        ("Coffee, no more than 2", Direction.AT_MOST, 2, "", "Coffee"),
        ("Walk at least 2.5 km", Direction.AT_LEAST, 2.5, "km", "Walk"),
    ],
)
def test_amounts(text: str, direction: Direction, value: float, unit: str, rest: str) -> None:
    found = find_amount(text)
    assert found is not None
    assert found.amount == Amount(direction, value, unit)
    assert found.rest == rest


@pytest.mark.parametrize(
    ("amount", "entries", "worth"),
    [
        (None, (None,), 1.0),
        (Amount(Direction.AT_LEAST, 20), (10.0, 15.0), 1.0),  # a day asks no more than once
        (Amount(Direction.AT_LEAST, 20), (10.0,), 0.5),
        (Amount(Direction.AT_LEAST, 20), (40.0,), 1.0),
        (Amount(Direction.AT_MOST, 2), (1.0, 1.0), 1.0),
        (Amount(Direction.AT_MOST, 2), (3.0,), 0.5),
        (Amount(Direction.AT_MOST, 2), (4.0,), 0.0),
        (Amount(Direction.AT_MOST, 0), (None,), 1.0),  # "kept it": none at all
        (Amount(Direction.AT_MOST, 0), (1.0,), 0.0),
        (Amount(Direction.AT_MOST, 2), (), 0.0),  # a day nobody said anything of counts nothing
    ],
)
def test_what_a_days_entries_are_worth(
    amount: Amount | None, entries: tuple[float | None, ...], worth: float
) -> None:
    habit = Habit(DAILY, MONDAY, amount)
    assert credit(habit, Day(entries)) == pytest.approx(worth)


def test_strength_follows_loop_habit_trackers_score() -> None:
    m = 0.5 ** (1 / 13)  # a daily habit
    assert smooth(1.0, 0.0, 1.0) == pytest.approx(1 - m)
    habit = Habit(DAILY, MONDAY)
    week = days(MONDAY, *range(7))
    assert strength(habit, week, MONDAY + timedelta(days=6)) == 31  # 1 − m⁷ = 0.3115
    month = days(MONDAY, *range(30))
    assert strength(habit, month, MONDAY + timedelta(days=29)) == 80  # 1 − m³⁰ = 0.7980
    # One slip after a month costs a few points, not the habit: 0.7980 · m = 0.7566.
    assert strength(habit, month, MONDAY + timedelta(days=30)) == 76


def test_a_weekly_habit_scores_over_a_doubled_window() -> None:
    habit = Habit(THREE_A_WEEK, MONDAY)
    scores = strength_by_day(habit, days(MONDAY, 0, 2, 4), MONDAY + timedelta(days=2))
    # m = 0.5^(√(3/7)/13) = 0.965697; six asked in fourteen days: 1/6, 1/6, 2/6 done.
    assert [round(s, 6) for _, s in scores] == [0.005717, 0.011238, 0.022287]


def test_kept_the_same_every_week_a_habit_grows_as_steadily_on_any_weekday() -> None:
    habit = Habit(THREE_A_WEEK, MONDAY)
    same = days(MONDAY, *(w * 7 + d for w in range(12) for d in (0, 2, 4)))
    moving = days(MONDAY, *(w * 7 + d for w in range(12) for d in ((0, 2, 4), (1, 3, 6))[w % 2]))
    today = MONDAY + timedelta(weeks=12, days=-1)
    assert abs(strength(habit, same, today) - strength(habit, moving, today)) <= 2
    assert strength(habit, same, today) >= 60


def test_breaks_and_days_off_leave_strength_as_it_was() -> None:
    away = Break(MONDAY + timedelta(days=7), MONDAY + timedelta(days=13), MONDAY)
    habit = Habit(DAILY, MONDAY, breaks=(away,))
    log = days(MONDAY, *range(7))
    scores = dict(strength_by_day(habit, log, MONDAY + timedelta(days=13)))
    assert scores[MONDAY + timedelta(days=13)] == scores[MONDAY + timedelta(days=6)]
    weekdays = Habit(WEEKDAYS, MONDAY)
    scores = dict(strength_by_day(weekdays, days(MONDAY, *range(5)), MONDAY + timedelta(days=6)))
    assert scores[MONDAY + timedelta(days=6)] == scores[MONDAY + timedelta(days=4)]


@pytest.mark.parametrize(
    ("frequency", "done", "today", "current", "best"),
    [
        (DAILY, range(5), 5, 5, 5),  # today still open: it breaks nothing yet
        (DAILY, range(6), 5, 6, 6),  # and counts once done
        (DAILY, (0, 1, 2, 4), 5, 1, 3),  # the miss on day 3 ended the first run
        (DAILY, (0, 1, 2), 5, 0, 3),  # yesterday missed
        (WEEKDAYS, range(5), 7, 5, 5),  # the weekend asks nothing
        (THREE_A_WEEK, (0, 2, 4, 7, 8, 9, 14), 15, 2, 2),  # this week has 1 of 3 so far
        (THREE_A_WEEK, (0, 2, 4, 7, 14, 15, 16), 16, 1, 1),  # week 2 had only 1
    ],
)
def test_streaks(
    frequency: Frequency, done: range | tuple[int, ...], today: int, current: int, best: int
) -> None:
    habit = Habit(frequency, MONDAY)
    found = streak(habit, days(MONDAY, *done), MONDAY + timedelta(days=today))
    assert (found.current, found.best) == (current, best)


def test_a_break_planned_ahead_neither_extends_nor_breaks_a_streak() -> None:
    week_two = (MONDAY + timedelta(days=7), MONDAY + timedelta(days=13))
    planned = Break(*week_two, planned_on=MONDAY + timedelta(days=3))
    habit = Habit(THREE_A_WEEK, MONDAY, breaks=(planned,))
    log = days(MONDAY, 0, 2, 4, 14, 16, 18)
    assert streak(habit, log, MONDAY + timedelta(days=20)).current == 2
    assert asked_in(habit, period_of(Per.WEEK, week_two[0])) == 0


def test_a_break_announced_after_a_miss_does_not_erase_it() -> None:
    late = Break(MONDAY + timedelta(days=7), MONDAY + timedelta(days=13), MONDAY + timedelta(9))
    habit = Habit(THREE_A_WEEK, MONDAY, breaks=(late,))
    log = days(MONDAY, 0, 2, 4, 14, 16, 18)
    assert streak(habit, log, MONDAY + timedelta(days=20)).current == 1
    daily = Habit(
        DAILY, MONDAY, breaks=(Break(MONDAY + timedelta(2), None, MONDAY + timedelta(2)),)
    )
    assert streak(daily, days(MONDAY, 0, 1), MONDAY + timedelta(days=2)).current == 2
    # The day it was announced still counts; the days after are excused.
    assert streak(daily, days(MONDAY, 0, 1), MONDAY + timedelta(days=3)).current == 0


@pytest.mark.parametrize(
    ("start", "away_days", "asked"),
    [
        (0, 0, 3),
        (3, 0, 2),  # set on a Thursday: four days of seven, ⌈3 · 4/7⌉ = 2
        (0, 4, 2),  # four days away: ⌈3 · 3/7⌉ = 2
        (0, 6, 1),
        (0, 7, 0),
    ],
)
def test_a_week_asks_in_proportion_to_its_open_days(start: int, away_days: int, asked: int) -> None:
    planned = (
        (Break(MONDAY, MONDAY + timedelta(days=away_days - 1), MONDAY - timedelta(1)),)
        if away_days
        else ()
    )
    habit = Habit(THREE_A_WEEK, MONDAY + timedelta(days=start), breaks=planned)
    assert asked_in(habit, period_of(Per.WEEK, MONDAY)) == asked


@pytest.mark.parametrize(
    ("done", "today", "still", "left", "can_wait"),
    [
        ((0,), 3, 2, 4, 2),
        ((0,), 4, 2, 3, 1),  # "2 more this week, 3 days left"
        ((0,), 5, 2, 2, 0),  # today is the day
        ((), 5, 3, 2, -1),  # it can no longer be met
        ((0, 1, 2), 4, 0, 3, 3),
    ],
)
def test_safety_says_how_long_one_can_wait(
    done: tuple[int, ...], today: int, still: int, left: int, can_wait: int
) -> None:
    habit = Habit(THREE_A_WEEK, MONDAY)
    found = safety(habit, days(MONDAY, *done), MONDAY + timedelta(days=today))
    assert found is not None
    assert (found.still_to_do, found.days_left, found.can_wait) == (still, left, can_wait)
    assert found.met is (still == 0)


def test_safety_is_for_weekly_and_monthly_at_least_habits_only() -> None:
    assert safety(Habit(DAILY, MONDAY), {}, MONDAY) is None
    at_most = Habit(THREE_A_WEEK, MONDAY, Amount(Direction.AT_MOST, 2))
    assert safety(at_most, {}, MONDAY) is None


def test_count_this_period() -> None:
    habit = Habit(THREE_A_WEEK, MONDAY)
    assert count_this_period(habit, days(MONDAY, 0, 2, 7), MONDAY + timedelta(days=4)) == (2, 3)


def test_a_habit_with_an_end_counts_nothing_after_it() -> None:
    habit = Habit(DAILY, MONDAY, until=MONDAY + timedelta(days=2))
    log = days(MONDAY, *range(10))
    assert streak(habit, log, MONDAY + timedelta(days=9)).current == 3
    assert strength(habit, log, MONDAY + timedelta(days=9)) == strength(habit, log, habit.until)


def test_a_planned_break_changed_mid_week_keeps_the_days_it_had_planned() -> None:
    from datetime import UTC, datetime, time

    from bot.domain.habits import breaks_of
    from bot.domain.pauses import Pause

    def at(day: date, hour: int = 0) -> datetime:
        return datetime.combine(day, time(hour), UTC)

    planned = at(MONDAY - timedelta(days=5), 12)  # the week before
    wednesday = at(MONDAY + timedelta(days=2), 12)
    friday = MONDAY + timedelta(days=4)
    # Mon-Fri planned ahead; on Wednesday extended to Sunday: the old one ends as the new
    # one (from Wednesday, planned on Wednesday) begins.
    old = Pause(1, -1, 1, at(MONDAY), friday, wednesday, None, planned)
    new = Pause(2, -1, 1, wednesday, MONDAY + timedelta(days=6), None, None, wednesday)
    habit = Habit(THREE_A_WEEK, MONDAY - timedelta(days=14), breaks=breaks_of([old, new], "UTC"))
    # Monday to Friday stay excused; the weekend, planned inside the week, is not.
    assert asked_in(habit, period_of(Per.WEEK, MONDAY)) == 1
    # A change that shortens the break gives no days it no longer covers.
    shorter = Pause(2, -1, 1, wednesday, MONDAY + timedelta(days=2), None, None, wednesday)
    habit = Habit(
        THREE_A_WEEK, MONDAY - timedelta(days=14), breaks=breaks_of([old, shorter], "UTC")
    )
    assert asked_in(habit, period_of(Per.WEEK, MONDAY)) == math.ceil(3 * 4 / 7)
    # A break called off (not replaced) ends where it was called off.
    called_off = Pause(1, -1, 1, at(MONDAY), friday, wednesday, None, planned)
    habit = Habit(THREE_A_WEEK, MONDAY - timedelta(days=14), breaks=breaks_of([called_off], "UTC"))
    assert asked_in(habit, period_of(Per.WEEK, MONDAY)) == math.ceil(3 * 5 / 7)
