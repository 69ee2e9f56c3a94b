"""Habits: goals that repeat. How often, how much, and the three numbers that say how a habit
is going: its streak, its strength and its safety.

A habit is done a number of times a day, a week or a month, or on given weekdays. Each day a
member logs entries ("did it", with an amount where the habit has one); everything here works
on those days in the chat's (or the member's) calendar and takes no clock.

Breaks are fair but honest: a planned break neither extends nor breaks a streak, and lowers
what a period asks for in proportion to the days it covers, but only when it was planned
before that period began; a break announced after a miss does not erase the miss.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.models import Member
from bot.domain.pauses import Pause
from bot.domain.schedules import HABIT_PROMPT_TIME

# Loop Habit Tracker's smoothing: each day's score moves toward that day's completion by a
# share that grows with the habit's frequency (a daily habit reacts faster than a monthly one).
HALF_LIFE_DIVISOR = 13.0
# A month counts as thirty days when a monthly habit's frequency and window are worked out.
MONTH_DAYS = 30
# When the daily habit prompt goes out (in the chat's zone), and so when a habit's calendar
# event is.
PROMPT_TIME = HABIT_PROMPT_TIME  # when a chat's habit prompt comes, unless set otherwise


class Per(StrEnum):
    """The period a habit's count is over."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Direction(StrEnum):
    """Whether a habit's amount is a floor ("at least 20 pages") or a ceiling ("at most 2")."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


ALL_DAYS = frozenset(range(7))


@dataclass(frozen=True)
class Frequency:
    """How often: `times` per day, week or month; a daily habit may keep to some weekdays
    (Monday is 0), as "on weekdays" or "mon, wed, fri" do."""

    times: int
    per: Per
    weekdays: frozenset[int] = ALL_DAYS

    def __post_init__(self) -> None:
        assert self.times >= 1 and self.weekdays and self.weekdays <= ALL_DAYS
        assert self.per is Per.DAY or self.weekdays == ALL_DAYS

    @property
    def per_day(self) -> float:
        """Occurrences asked for per day, on average (Loop's frequency)."""
        if self.per is Per.DAY:
            return self.times * len(self.weekdays) / 7
        return self.times / (7 if self.per is Per.WEEK else MONTH_DAYS)

    def is_due(self, day: date) -> bool:
        """True when the day is one the habit asks for (always, but for weekday habits)."""
        return day.weekday() in self.weekdays


@dataclass(frozen=True)
class Amount:
    """How much each occurrence is: at least or at most so many of a unit."""

    direction: Direction
    value: float
    unit: str = ""


@dataclass(frozen=True)
class Day:
    """What was logged on one day: the amount of each entry (None: no amount given, which
    counts as the habit's amount met, or for an at-most habit as none over it)."""

    amounts: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Break:
    """Days away: first to last (None: until called off, not yet), planned on a day."""

    first: date
    last: date | None
    planned_on: date

    def covers(self, day: date) -> bool:
        """True when the day falls within the break."""
        return self.first <= day and (self.last is None or day <= self.last)


@dataclass(frozen=True)
class Habit:
    """A repeating goal's rules: how often, how much, and the days it runs."""

    frequency: Frequency
    starts: date
    amount: Amount | None = None
    until: date | None = None  # its last day; None: until stopped
    breaks: tuple[Break, ...] = field(default=())

    def runs_on(self, day: date) -> bool:
        """True for days from its start to its end."""
        return self.starts <= day and (self.until is None or day <= self.until)


def credit(habit: Habit, logged: Day) -> float:
    """How many occurrences a day's entries are worth: an at-least entry counts in part when
    short of the amount; an at-most day counts once, when kept under the amount, and less the
    further it went over (nothing at twice the amount). A day counts for at most its cap."""
    amount = habit.amount
    if not logged.amounts:
        return 0.0
    if amount is not None and amount.direction is Direction.AT_MOST:
        total = sum(a or 0.0 for a in logged.amounts)
        if total <= amount.value:
            return 1.0
        if amount.value <= 0:
            return 0.0
        return max(0.0, 1 - (total - amount.value) / amount.value)
    if amount is None or amount.value <= 0:
        worth = float(len(logged.amounts))
    else:
        worth = sum(1.0 if a is None else min(1.0, a / amount.value) for a in logged.amounts)
    return min(worth, day_cap(habit))


def day_cap(habit: Habit) -> int:
    """The most one day can count for: the times of a daily habit; one for a weekly or monthly
    habit (three gym visits a week are three days, not one busy afternoon)."""
    return habit.frequency.times if habit.frequency.per is Per.DAY else 1


def room_on(habit: Habit, logged: Day) -> bool:
    """True when one more entry on this day can still count: an at-most habit takes every
    entry (going over is what it tracks); others stop at the day's cap."""
    amount = habit.amount
    if amount is not None and amount.direction is Direction.AT_MOST:
        return True
    return credit(habit, logged) < day_cap(habit) - 1e-9


# -- periods ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One day, week (Monday to Sunday) or calendar month of a habit."""

    first: date
    last: date

    def days(self) -> list[date]:
        """Its days, in order."""
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


@functools.lru_cache(maxsize=4096)
def period_of(per: Per, day: date) -> Period:
    """The day, week or month a day is in (kept for the days asked lately: a fan-out asks the
    same few hundred days for thousands of habits)."""
    if per is Per.DAY:
        return Period(day, day)
    if per is Per.WEEK:
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6))
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def excused(habit: Habit, day: date) -> bool:
    """True when a break planned before the day's period began covers the day."""
    began = period_of(habit.frequency.per, day).first
    return any(b.covers(day) and b.planned_on < began for b in habit.breaks)


def asked_in(habit: Habit, period: Period) -> int:
    """Occurrences the period asks for: the frequency, less in proportion to the days it has
    outside the habit's run or on a planned break (0: the period asks nothing)."""
    days = period.days()
    open_days = [d for d in days if habit.runs_on(d) and not excused(habit, d)]
    if habit.frequency.per is Per.DAY:
        due = bool(open_days) and habit.frequency.is_due(period.first)
        return habit.frequency.times if due else 0
    return math.ceil(habit.frequency.times * len(open_days) / len(days) - 1e-9)


def periods_to(habit: Habit, today: date) -> list[Period]:
    """The habit's periods from its start to today's (or its end's), oldest first."""
    last = min(today, habit.until) if habit.until is not None else today
    found: list[Period] = []
    day = habit.starts
    while day <= last:
        period = period_of(habit.frequency.per, day)
        found.append(period)
        day = period.last + timedelta(days=1)
    return found


def done_in(habit: Habit, period: Period, log: Mapping[date, Day]) -> float:
    """Occurrences the period's entries count for (each day up to its cap)."""
    return sum(credit(habit, log[d]) for d in period.days() if d in log and habit.runs_on(d))


# -- streaks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    """Periods in a row with the frequency met: now (counting today's period once it is met)
    and the best run so far."""

    current: int
    best: int
    per: Per


def streak(habit: Habit, log: Mapping[date, Day], today: date) -> Streak:
    """The current and best streaks. A period that asks nothing (a planned break, a day off)
    is passed over; today's period counts once met and breaks nothing while it is still open."""
    run = best = 0
    periods = periods_to(habit, today)
    for n, period in enumerate(periods):
        asked = asked_in(habit, period)
        if asked == 0:
            continue
        met = done_in(habit, period, log) >= asked - 1e-9
        if met:
            run += 1
            best = max(best, run)
        elif n < len(periods) - 1 or period.last < today:
            run = 0
    return Streak(run, best, habit.frequency.per)


# -- strength -----------------------------------------------------------------------------


def smooth(frequency: float, previous: float, completion: float) -> float:
    """One day of Loop Habit Tracker's score: previous·m + completion·(1 − m), with
    m = 0.5 ^ (√frequency / 13) and frequency in occurrences per day."""
    multiplier = math.pow(0.5, math.sqrt(frequency) / HALF_LIFE_DIVISOR)
    return previous * multiplier + completion * (1 - multiplier)


def _window(habit: Habit) -> tuple[float, int]:
    """What a day's completion is measured over: occurrences asked within so many days.

    A daily habit looks at the day alone. A weekly or monthly one looks back a week or thirty
    days, doubled (three times in fourteen days for "3 times a week"), as Loop does, so a
    habit kept on different weekdays each week scores as steadily as one kept on the same.
    """
    frequency = habit.frequency
    if frequency.per is Per.DAY:
        return float(frequency.times), 1
    days = 7 if frequency.per is Per.WEEK else MONTH_DAYS
    return 2.0 * frequency.times, 2 * days


def strength_by_day(habit: Habit, log: Mapping[date, Day], today: date) -> list[tuple[date, float]]:
    """The habit's strength (0 to 1) at the end of each day from its start to today. A day off
    (not one of a weekday habit's days) or on a planned break leaves it as it was."""
    asked, days = _window(habit)
    frequency = habit.frequency.per_day
    score = 0.0
    scores = []
    last = min(today, habit.until) if habit.until is not None else today
    day = habit.starts
    while day <= last:
        if habit.frequency.is_due(day) and not excused(habit, day):
            window = (day - timedelta(days=n) for n in range(days))
            done = sum(credit(habit, log[d]) for d in window if d in log and habit.runs_on(d))
            score = smooth(frequency, score, min(1.0, done / asked))
        scores.append((day, score))
        day += timedelta(days=1)
    return scores


def strength(habit: Habit, log: Mapping[date, Day], today: date) -> int:
    """The habit's strength today, in whole percent."""
    scores = strength_by_day(habit, log, today)
    return round(100 * scores[-1][1]) if scores else 0


# -- safety -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Safety:
    """How this period stands for an at-least weekly or monthly habit: occurrences still to do
    and days left (today included) to do them in."""

    still_to_do: int
    days_left: int

    @property
    def can_wait(self) -> int:
        """Days the member can still let pass before the period's count becomes impossible
        (0: today is the day; negative: it can no longer be met)."""
        return self.days_left - self.still_to_do

    @property
    def met(self) -> bool:
        """The period's count is already reached."""
        return self.still_to_do == 0


def safety(habit: Habit, log: Mapping[date, Day], today: date) -> Safety | None:
    """For a weekly or monthly habit that is not an at-most one: what is left of today's
    period (at most one occurrence a day counted as possible). None for other habits, or a
    day outside the habit's run."""
    amount = habit.amount
    if habit.frequency.per is Per.DAY or not habit.runs_on(today):
        return None
    if amount is not None and amount.direction is Direction.AT_MOST:
        return None
    period = period_of(habit.frequency.per, today)
    asked = asked_in(habit, period)
    done = done_in(habit, period, log)
    still = max(0, math.ceil(asked - done - 1e-9))
    ahead = [d for d in period.days() if d >= today and habit.runs_on(d) and not excused(habit, d)]
    return Safety(still, len(ahead))


def count_this_period(habit: Habit, log: Mapping[date, Day], today: date) -> tuple[float, int]:
    """Done so far in today's period, and what the period asks ("3/4 this week")."""
    period = period_of(habit.frequency.per, today)
    return done_in(habit, period, log), asked_in(habit, period)


def days_logged(log: Mapping[date, Day], days: Sequence[date]) -> int:
    """How many of these days have an entry."""
    return sum(1 for d in days if d in log and log[d].amounts)


# -- the stored habit -----------------------------------------------------------------------


class HabitStatus(StrEnum):
    """A habit runs until its end date (ended) or until its owner stops it (stopped)."""

    ACTIVE = "active"
    ENDED = "ended"
    STOPPED = "stopped"


@dataclass(frozen=True)
class HabitGoal:
    """A habit as the chat knows it: numbered with the goals, owned by a member."""

    id: int
    chat_id: int
    number: int
    owner: Member
    title: str
    rules: Habit
    status: HabitStatus
    created_at: datetime
    ended_at: datetime | None = None

    @property
    def is_active(self) -> bool:
        """True while it runs."""
        return self.status is HabitStatus.ACTIVE


def ran_until(habit: HabitGoal, tz: str, log: Mapping[date, Day]) -> Habit:
    """The rules of a habit as it ran: one stopped or ended ran to the day before it was
    stopped (that day too, when something was logged on it), never past its end date."""
    rules = habit.rules
    if habit.is_active or habit.ended_at is None:
        return rules
    stopped_on = habit.ended_at.astimezone(ZoneInfo(tz)).date()
    last = stopped_on if stopped_on in log else stopped_on - timedelta(days=1)
    if rules.until is not None:
        last = min(last, rules.until)
    return replace(rules, until=last)


def breaks_of(pauses: Sequence[Pause], tz: str) -> tuple[Break, ...]:
    """A member's pauses as days away, in the zone their days are counted in. The day a break
    is called off counts as a day back, and a break called off before it began is none.

    A /pause that changes a running or planned one replaces it (the old one ends as the new one
    is planned): the old one's days that the new one covers keep the old one's planning, so
    moving the end of a break planned weeks ahead does not un-plan its days."""
    zone = ZoneInfo(tz)

    def day_of(moment: datetime) -> date:
        return moment.astimezone(zone).date()

    def until(a: date | None, b: date | None) -> date | None:
        return b if a is None else a if b is None else min(a, b)

    found = []
    for p in pauses:
        first, last = day_of(p.starts_at), p.ends_on
        planned = day_of(p.planned_at or p.starts_at)
        spans: list[tuple[date, date | None]] = [(first, last)]
        if p.resumed_at is not None:
            spans = [(first, until(last, day_of(p.resumed_at) - timedelta(days=1)))]
            for q in pauses:
                if q is not p and q.planned_at == p.resumed_at:  # the one that replaced it
                    spans.append((max(first, day_of(q.starts_at)), until(last, q.ends_on)))
        found += [Break(a, b, planned) for a, b in spans if b is None or a <= b]
    return tuple(found)


@dataclass(frozen=True)
class HabitStats:
    """How a habit stands today: this period's count, the streak, strength and safety."""

    done: float
    asked: int
    streak: Streak
    strength: int
    safety: Safety | None
    per: Per

    @property
    def period_met(self) -> bool:
        """This period's count is reached."""
        return self.asked > 0 and self.done >= self.asked - 1e-9


def stats(habit: Habit, log: Mapping[date, Day], today: date) -> HabitStats:
    """Everything a listing or a reply shows about a habit today."""
    done, asked = count_this_period(habit, log, today)
    return HabitStats(
        done,
        asked,
        streak(habit, log, today),
        strength(habit, log, today),
        safety(habit, log, today),
        habit.frequency.per,
    )
