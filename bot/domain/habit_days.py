"""What a habit's day brings: whether the day's prompt asks for it, what an entry is worth
celebrating, a streak that broke, the reminder a tight period is owed, and the run's summary
when it ends. Pure rules over a habit's days, like domain/habits.py, whose rules they use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.habits import (
    Day,
    Direction,
    Habit,
    HabitGoal,
    Per,
    Period,
    Safety,
    Streak,
    asked_in,
    count_this_period,
    done_in,
    excused,
    period_of,
    periods_to,
    room_on,
    safety,
    streak,
    strength,
)
from bot.domain.models import Chat

# Streak lengths worth a celebration in the group, in the habit's periods.
STREAK_MILESTONES = {Per.DAY: (7, 30, 100), Per.WEEK: (4, 12, 52), Per.MONTH: (3, 6, 12)}
# A run that ends strong is celebrated: its strength at the end, in percent.
STRONG_FINISH = 80
# A streak this long (in periods) that breaks is told to the owner's partner.
BREAK_WORTH_TELLING = 2
# A break is told while its missed period ended at most this long ago (after an outage, an
# old break is not news any more).
BREAK_NEWS_FOR = timedelta(days=7)


def _met(habit: Habit, period: Period, log: Mapping[date, Day]) -> bool | None:
    """True when the period's count is reached, False when not; None: it asks nothing."""
    asked = asked_in(habit, period)
    if asked == 0:
        return None
    return done_in(habit, period, log) >= asked - 1e-9


# -- the daily prompt -----------------------------------------------------------------------


def logged_on(log: Mapping[date, Day], day: date) -> bool:
    """True when the day has an entry."""
    return day in log and bool(log[day].amounts)


def open_on(habit: Habit, log: Mapping[date, Day], day: date) -> bool:
    """True when the day's prompt asks for the habit: it runs and is due that day, the day is
    not on a planned break, one more entry still counts (an at-most habit: none logged yet),
    and a weekly or monthly habit's count for the period is not reached yet."""
    if not habit.runs_on(day) or not habit.frequency.is_due(day) or excused(habit, day):
        return False
    logged = log.get(day, Day())
    amount = habit.amount
    if amount is not None and amount.direction is Direction.AT_MOST:
        if logged.amounts:
            return False
    elif not room_on(habit, logged):
        return False
    if habit.frequency.per is not Per.DAY:
        done, asked = count_this_period(habit, log, day)
        return asked > 0 and done < asked - 1e-9
    return True


@dataclass(frozen=True)
class PromptLine:
    """One habit on the prompt: this period's count so far, whether it has an entry on the
    prompt's day, and whether the prompt still asks for it (it has a button)."""

    habit: HabitGoal
    done: float
    asked: int
    logged: bool
    open: bool


@dataclass(frozen=True)
class HabitPrompt:
    """The prompt of one day in one chat."""

    chat: Chat
    day: date
    lines: tuple[PromptLine, ...]

    @property
    def asking(self) -> bool:
        """True while some habit on it is still to do."""
        return any(line.open for line in self.lines)


# -- celebrations ---------------------------------------------------------------------------


class CelebrationKind(StrEnum):
    """What an entry can earn; the value is what the ledger keeps."""

    STREAK = "streak"
    FIRST_WEEK = "first_week"


@dataclass(frozen=True)
class Celebration:
    """A streak milestone reached (length in the habit's periods), or its first week with the
    frequency met (for a monthly habit, its first month). The subject makes it once: a
    milestone once per run, the first week once per habit."""

    kind: CelebrationKind
    per: Per
    length: int = 0
    subject: str = ""


def run_start(habit: Habit, log: Mapping[date, Day], today: date) -> date | None:
    """The first day of the current streak's first period (None: no streak now)."""
    start: date | None = None
    found = periods_to(habit, today)
    for n, period in enumerate(found):
        met = _met(habit, period, log)
        if met is None:
            continue
        if met:
            start = start or period.first
        elif n < len(found) - 1 or period.last < today:
            start = None
    return start


def first_met_week(habit: Habit, log: Mapping[date, Day], today: date) -> Period | None:
    """The habit's first week (Monday to Sunday) with its frequency met: for a daily habit a
    whole week inside its run with every day it asked for done; for a weekly habit its first
    week met; for a monthly one, its first month met."""
    if habit.frequency.per is not Per.DAY:
        return next((p for p in periods_to(habit, today) if _met(habit, p, log)), None)
    week = period_of(Per.WEEK, habit.starts)
    if week.first < habit.starts:
        week = period_of(Per.WEEK, week.last + timedelta(days=1))
    while week.first <= today and (habit.until is None or week.last <= habit.until):
        days = [_met(habit, Period(d, d), log) for d in week.days()]
        if any(days) and all(met is not False for met in days):
            return week
        week = period_of(Per.WEEK, week.last + timedelta(days=1))
    return None


def earned(
    habit: Habit, before: Mapping[date, Day], after: Mapping[date, Day], today: date
) -> list[Celebration]:
    """What one more entry earned, comparing the log before it and after: the longest streak
    milestone it crossed, and the first week with the frequency met if this was it."""
    found = []
    per = habit.frequency.per
    was, now = streak(habit, before, today).current, streak(habit, after, today).current
    crossed = [m for m in STREAK_MILESTONES[per] if was < m <= now]
    start = run_start(habit, after, today)
    if crossed and start is not None:
        length = crossed[-1]
        found.append(Celebration(CelebrationKind.STREAK, per, length, f"{length}:{start}"))
    if first_met_week(habit, before, today) is None and first_met_week(habit, after, today):
        found.append(Celebration(CelebrationKind.FIRST_WEEK, per))
    return found


# -- a streak that broke ----------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """A streak that ended: the period missed right after it, and how long it had run."""

    missed: Period
    length: int
    per: Per


def broken_streak(habit: Habit, log: Mapping[date, Day], today: date) -> Broken | None:
    """The latest streak that broke in a period already over, if it ran long enough to tell
    and the miss is recent. A period on a planned break asks nothing, so it breaks nothing."""
    run = 0
    found = None
    for period in periods_to(habit, today):
        if period.last >= today - timedelta(days=1):
            break  # still open: today's period, or yesterday's, which /did yesterday can fill
        met = _met(habit, period, log)
        if met is None:
            continue
        if met:
            run += 1
            continue
        if run >= BREAK_WORTH_TELLING:
            found = Broken(period, run, habit.frequency.per)
        run = 0
    if found is None or found.missed.last < today - BREAK_NEWS_FOR:
        return None
    return found


# -- reminders --------------------------------------------------------------------------------


def reminder_due(habit: Habit, log: Mapping[date, Day], today: date) -> Safety | None:
    """The period's safety when today is the last day the member can wait (can_wait is 0: it
    can still be met, but not without an entry today); None when no reminder is owed. Never on
    a planned break's day, nor when today can take no entry, nor on the habit's first day (the
    reply that set it said what it asks)."""
    if today <= habit.starts:
        return None
    found = safety(habit, log, today)
    if found is None or found.met or found.can_wait != 0:
        return None
    if not open_on(habit, log, today):
        return None
    return found


# -- the end of a run -------------------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    """A habit's run from its first day to its last: entries, best streak, final strength."""

    first: date
    last: date
    occurrences: int
    best: Streak
    strength: int

    @property
    def strong(self) -> bool:
        """It ended at STRONG_FINISH or more: celebrated in the group."""
        return self.strength >= STRONG_FINISH


def has_ended(habit: Habit, today: date) -> bool:
    """True once the habit's last day is over."""
    return habit.until is not None and habit.until < today


def run_summary(habit: Habit, log: Mapping[date, Day], last: date) -> RunSummary:
    """The run up to its last day."""
    occurrences = sum(
        len(d.amounts) for day, d in log.items() if habit.runs_on(day) and day <= last
    )
    best = streak(habit, log, last)
    return RunSummary(habit.starts, last, occurrences, best, strength(habit, log, last))
