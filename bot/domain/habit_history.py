"""What a habit's past shows: its last weeks day by day (the heatmap), how much of what a
report's days asked was done, and its strength on a given day.

Everything works on a habit's rules as it ran (domain.habits.ran_until for one stopped) with
its owner's breaks, and its log of entries by local day; nothing here takes a clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.habits import (
    Day,
    Habit,
    HabitGoal,
    Per,
    Period,
    Streak,
    asked_in,
    credit,
    day_cap,
    done_in,
    excused,
    period_of,
    periods_to,
    streak,
    strength_by_day,
)

CHART_WEEKS = 12


class DayMark(StrEnum):
    """What one day of a habit's calendar was."""

    DONE = "done"  # counts in full
    PART = "part"  # some of it: a short amount, or one of twice a day
    MISSED = "missed"  # asked and not done (a weekly habit's: in a period that ended short)
    REST = "rest"  # a weekly or monthly habit's day without an entry, none needed of it
    OPEN = "open"  # today, not done yet
    BREAK = "break"  # on a planned break
    OFF = "off"  # not asked: a weekday habit's day off
    OUTSIDE = "outside"  # before the habit began, or after it ended
    AHEAD = "ahead"  # after today


@dataclass(frozen=True)
class DayCell:
    """One day of the calendar and how much of its full count was done (0 to 1)."""

    day: date
    mark: DayMark
    share: float = 0.0


@dataclass(frozen=True)
class HabitCalendar:
    """A habit's last weeks: a cell per day from a Monday to today's week's Sunday, its
    strength on each day it ran, and its periods in view (those ended, or met while open)."""

    habit: HabitGoal
    today: date
    cells: tuple[DayCell, ...]
    strength: tuple[tuple[date, float], ...]
    periods_met: int
    periods_counted: int
    streak: Streak

    @property
    def first(self) -> date:
        """The Monday the calendar begins on."""
        return self.cells[0].day

    def count(self, mark: DayMark) -> int:
        """How many days in view had this mark."""
        return sum(1 for c in self.cells if c.mark is mark)


def _day_mark(rules: Habit, log: Mapping[date, Day], day: date, today: date) -> DayCell:
    if day > today:
        return DayCell(day, DayMark.AHEAD)
    if not rules.runs_on(day):
        return DayCell(day, DayMark.OUTSIDE)
    full = day_cap(rules)
    share = min(1.0, credit(rules, log[day]) / full) if day in log else 0.0
    if share >= 1 - 1e-9:
        return DayCell(day, DayMark.DONE, 1.0)
    if share > 0:
        return DayCell(day, DayMark.PART, share)
    if excused(rules, day):
        return DayCell(day, DayMark.BREAK)
    if not rules.frequency.is_due(day):
        return DayCell(day, DayMark.OFF)
    if day == today:
        return DayCell(day, DayMark.OPEN)
    if rules.frequency.per is Per.DAY:
        return DayCell(day, DayMark.MISSED)
    period = period_of(rules.frequency.per, day)
    ended = period.last < today or (rules.until is not None and rules.until < today)
    short = done_in(rules, period, log) < asked_in(rules, period) - 1e-9
    return DayCell(day, DayMark.MISSED if ended and short else DayMark.REST)


def _counted(rules: Habit, log: Mapping[date, Day], period: Period, today: date) -> bool | None:
    """Whether the period met its count (None: it asks nothing, or is open and not met yet)."""
    asked = asked_in(rules, period)
    if asked == 0:
        return None
    met = done_in(rules, period, log) >= asked - 1e-9
    over = period.last < today or (rules.until is not None and rules.until < today)
    return met if met or over else None


def habit_calendar(
    habit: HabitGoal, log: Mapping[date, Day], today: date, weeks: int = CHART_WEEKS
) -> HabitCalendar:
    """The habit's last `weeks` weeks (today's included), Monday to Sunday, day by day."""
    rules = habit.rules
    first = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    cells = tuple(_day_mark(rules, log, first + timedelta(days=n), today) for n in range(weeks * 7))
    scores = tuple((d, s) for d, s in strength_by_day(rules, log, today) if d >= first)
    outcomes = [_counted(rules, log, p, today) for p in periods_to(rules, today) if p.last >= first]
    met = sum(1 for o in outcomes if o)
    counted = sum(1 for o in outcomes if o is not None)
    return HabitCalendar(habit, today, cells, scores, met, counted, streak(rules, log, today))


@dataclass(frozen=True)
class HabitRate:
    """How much of what a report's days asked of a habit was done, and its strength before
    and after them (before None: it began within them)."""

    habit: HabitGoal
    done: float  # each period's count capped at what it asked
    asked: int
    strength_before: int | None
    strength_after: int

    @property
    def percent(self) -> int | None:
        """The completion rate in whole percent (None: nothing was asked yet)."""
        return round(100 * self.done / self.asked) if self.asked else None

    @property
    def change(self) -> int:
        """Strength points gained (or lost) over the days."""
        return self.strength_after - (self.strength_before or 0)


def strength_on(scores: Sequence[tuple[date, float]], day: date) -> int | None:
    """The strength at the end of a day, in whole percent, from strength_by_day's scores: as
    it stood when the run ended for a later day; None for a day before the habit began."""
    found = None
    for when, score in scores:
        if when > day:
            break
        found = score
    return None if found is None else round(100 * found)


def habit_rate(
    habit: HabitGoal, log: Mapping[date, Day], first: date, last: date, today: date
) -> HabitRate:
    """The habit over the days first to last (so far: up to today). A period counts where it
    ends (a week from Monday 29 to Sunday 4 counts in the 4th's month), once it is over, or
    while still open once met; each counts no more than it asks."""
    rules = habit.rules
    end = min(last, today)
    done = 0.0
    asked = 0
    for period in periods_to(rules, end):
        if not first <= period.last <= last:
            continue
        outcome = _counted(rules, log, period, today)
        if outcome is None:
            continue
        wanted = asked_in(rules, period)
        asked += wanted
        done += min(float(wanted), done_in(rules, period, log))
    scores = strength_by_day(rules, log, end)
    before = strength_on(scores, first - timedelta(days=1))
    after = strength_on(scores, end)
    return HabitRate(habit, done, asked, before, after or 0)


def ran_within(rules: Habit, first: date, last: date) -> bool:
    """True when the habit ran on some day from first to last."""
    return rules.starts <= last and (rules.until is None or rules.until >= first)


def group_rate(rates: Sequence[HabitRate]) -> int | None:
    """The group's habit completion rate in whole percent (None: nothing was asked)."""
    asked = sum(r.asked for r in rates)
    return round(100 * sum(r.done for r in rates) / asked) if asked else None


@dataclass(frozen=True)
class StrengthChange:
    """A habit's strength today and on an earlier day (None: it had not begun by then)."""

    habit: HabitGoal
    now: int
    then: int | None

    @property
    def change(self) -> int:
        """Points gained (or lost) since then."""
        return self.now - (self.then or 0)


def strength_since(
    habit: HabitGoal, log: Mapping[date, Day], then: date, today: date
) -> StrengthChange:
    """The habit's strength today against the end of an earlier day."""
    scores = strength_by_day(habit.rules, log, today)
    return StrengthChange(habit, strength_on(scores, today) or 0, strength_on(scores, then))
