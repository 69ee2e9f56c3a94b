"""How a habit stands, worked out in one pass over its days: the same numbers as
habits.stats, at a fraction of the cost, for listings and summaries of many habits at once.

habits.stats asks each rule for itself (the strength re-reads a week or a month of the log for
every day, and every period asks which of its days a break excuses); here each day's credit is
worked out once, the periods walk a list and the strength's window slides. A sliding sum may
differ from a fresh one in the last bits, which no whole percent shows:
tests/test_domain_habit_goals.py checks the results are equal on a thousand random habits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from bot.domain.habits import (
    HALF_LIFE_DIVISOR,
    MONTH_DAYS,
    Day,
    Direction,
    Habit,
    HabitStats,
    Per,
    Safety,
    Streak,
    credit,
    excused,
    period_of,
)

T = TypeVar("T")


def _credits(habit: Habit, log: Mapping[date, Day], first: date, count: int) -> list[float]:
    """Each day's credit from `first` on, 0 for days without entries or outside the run."""
    found = [0.0] * count
    # Days outside the run earn nothing: from its start (when `first` is before it) to its end.
    lo = max(0, (habit.starts - first).days)
    hi = count if habit.until is None else min(count, (habit.until - first).days + 1)
    # Most days are logged the same way, often by one shared Day: each is worked out once.
    worth: dict[int, float] = {}
    for day, logged in log.items():
        at = (day - first).days
        if lo <= at < hi:
            value = worth.get(id(logged))
            if value is None:
                value = worth[id(logged)] = credit(habit, logged)
            found[at] = value
    return found


def _open(habit: Habit, count: int) -> list[bool]:
    """For each day from the habit's start: in the run and not on a planned break."""
    first = habit.starts
    if not habit.breaks:
        running = (
            count if habit.until is None else max(0, min(count, (habit.until - first).days + 1))
        )
        return [True] * running + [False] * (count - running)
    return [
        habit.runs_on(d) and not excused(habit, d)
        for d in (first + timedelta(days=n) for n in range(count))
    ]


def window_days(habit: Habit) -> int:
    """The days a day's completion looks back over (1 for a daily habit)."""
    if habit.frequency.per is Per.DAY:
        return 1
    return 2 * (7 if habit.frequency.per is Per.WEEK else MONTH_DAYS)


def _strength(
    habit: Habit,
    credits: list[float],
    open_days: list[bool],
    days: int,
    begin: int = 0,
    score: float = 0.0,
) -> float:
    """Loop's score at the end of the last day (see habits.strength_by_day and smooth), from
    day `begin` (counted from the start) on, with `score` the score the day before it."""
    frequency = habit.frequency
    multiplier = math.pow(0.5, math.sqrt(frequency.per_day) / HALF_LIFE_DIVISOR)
    rest = 1 - multiplier
    weekday = habit.starts.weekday()
    weekdays = frequency.weekdays
    if frequency.per is Per.DAY:
        asked = float(frequency.times)
        for n in range(begin, days):
            if open_days[n] and (weekday + n) % 7 in weekdays:
                score = score * multiplier + min(1.0, credits[n] / asked) * rest
        return score
    asked = 2.0 * frequency.times
    window = window_days(habit)
    # What the window of days ending on day n holds, kept as it slides.
    done = sum(credits[max(0, begin - window) : begin])
    for n in range(begin, days):
        done += credits[n]
        if n >= window:
            done -= credits[n - window]
        if open_days[n] and (weekday + n) % 7 in weekdays:
            score = score * multiplier + min(1.0, max(0.0, done) / asked) * rest
    return score


def _streak(
    habit: Habit,
    credits: list[float],
    open_days: list[bool],
    today: date,
    begin: int = 0,
    run: int = 0,
    best: int = 0,
    through: date | None = None,
) -> Streak:
    """The current and best streaks (see habits.streak), from day `begin` on (the first day of
    a period), with the run and best of the periods before it; `through`: walked as if the
    habit ended on that day (to a mark's day)."""
    frequency = habit.frequency
    ends = habit.until if through is None else through
    last = min(today, ends) if ends is not None else today
    days = (last - habit.starts).days + 1
    if frequency.per is Per.DAY:
        weekday = habit.starts.weekday()
        for n in range(begin, days):
            if not open_days[n] or (weekday + n) % 7 not in frequency.weekdays:
                continue
            if credits[n] >= frequency.times - 1e-9:
                run += 1
                best = max(best, run)
            elif n < days - 1 or last < today:
                run = 0
        return Streak(run, best, frequency.per)
    day = habit.starts + timedelta(days=begin)
    while day <= last:
        period = period_of(frequency.per, day)
        lo = (period.first - habit.starts).days
        size = (period.last - period.first).days + 1
        opened = sum(open_days[max(0, lo) : lo + size])
        asked = math.ceil(frequency.times * opened / size - 1e-9)
        day = period.last + timedelta(days=1)
        if asked == 0:
            continue
        if sum(credits[max(0, lo) : lo + size]) >= asked - 1e-9:
            run += 1
            best = max(best, run)
        elif day <= last or period.last < today:
            run = 0
    return Streak(run, best, frequency.per)


def _window(values: list[T], lo: int, size: int) -> list[T]:
    """The values of `size` days from day `lo` (counted from the start), where there are any."""
    return values[max(0, lo) : max(0, lo + size)]


def _this_period(
    habit: Habit, credits: list[float], open_days: list[bool], today: date
) -> tuple[float, int, Safety | None]:
    """Today's period: done so far, what it asks, and the safety (see habits.safety)."""
    frequency = habit.frequency
    period = period_of(frequency.per, today)
    lo = (period.first - habit.starts).days
    size = (period.last - period.first).days + 1
    done: float = sum(_window(credits, lo, size))
    opened = _window(open_days, lo, size)
    if frequency.per is Per.DAY:
        asked = frequency.times if opened and opened[0] and frequency.is_due(period.first) else 0
        return done, asked, None
    asked = math.ceil(frequency.times * opened.count(True) / size - 1e-9)
    amount = habit.amount
    if not habit.runs_on(today) or (amount is not None and amount.direction is Direction.AT_MOST):
        return done, asked, None
    still = max(0, math.ceil(asked - done - 1e-9))
    left = _window(open_days, (today - habit.starts).days, (period.last - today).days + 1)
    ahead = left.count(True)
    return done, asked, Safety(still, ahead)


@dataclass(frozen=True)
class Mark:
    """How a habit stood at the end of a day that can no longer change (the end of a period
    at least two days back: entries are only added or taken back for today and yesterday, and
    breaks only planned ahead): its score, its run and best streak through that day, and the
    credits of the strength's window ending on it (none for a daily habit, whose score looks
    at each day alone). With it, a habit's standing reads and walks only the days after it."""

    day: date
    score: float
    run: int
    best: int
    window: tuple[float, ...] = ()

    def reads_from(self, habit: Habit) -> date:
        """The first day whose entries a standing from this mark needs: the day after it."""
        return self.day + timedelta(days=1)


def _window_through(habit: Habit, credits: list[float], day: date) -> tuple[float, ...]:
    """The credits of the strength's window ending on `day` (0 before the start)."""
    if habit.frequency.per is Per.DAY:
        return ()
    end = (day - habit.starts).days + 1
    size = window_days(habit)
    before = max(0, size - end)  # days of the window before the start: nothing done on them
    return (0.0,) * before + tuple(credits[max(0, end - size) : end])


def _restore(habit: Habit, credits: list[float], since: Mark) -> None:
    """Put the mark's window credits back in place: its entries are not read again."""
    first = (since.day - habit.starts).days + 1 - len(since.window)
    for n, value in enumerate(since.window, first):
        if 0 <= n < len(credits):
            credits[n] = value


def mark_day(habit: Habit, today: date) -> date | None:
    """The latest day a mark may be taken at: the last day of a period two days back or more,
    within the habit's run; None while there is none."""
    settled = today - timedelta(days=2)
    if habit.until is not None:
        settled = min(settled, habit.until)
    day = period_of(habit.frequency.per, settled)
    last = day.last if day.last <= settled else day.first - timedelta(days=1)
    return last if last >= habit.starts else None


def _moved(
    habit: Habit,
    credits: list[float],
    open_days: list[bool],
    today: date,
    since: Mark | None,
) -> Mark | None:
    """The mark for today (mark_day), from the habit's days' credits and open days (counted
    from its start, reaching at least to that day) and the earlier mark, if any."""
    day = mark_day(habit, today)
    if day is None or (since is not None and since.day >= day):
        return since
    days = (day - habit.starts).days + 1
    begin = 0 if since is None else (since.day - habit.starts).days + 1
    score = _strength(habit, credits, open_days, days, begin, since.score if since else 0.0)
    run, best = (since.run, since.best) if since else (0, 0)
    # Walked to the mark's day, with every period through it over (a day after it as today).
    streak = _streak(habit, credits, open_days, day + timedelta(days=1), begin, run, best, day)
    return Mark(day, score, streak.current, streak.best, _window_through(habit, credits, day))


def mark(
    habit: Habit, log: Mapping[date, Day], today: date, since: Mark | None = None
) -> Mark | None:
    """The habit's mark for today (mark_day), worked out from an earlier mark if given."""
    return standing_and_mark(habit, log, today, since)[1]


def standing(
    habit: Habit, log: Mapping[date, Day], today: date, since: Mark | None = None
) -> HabitStats:
    """Everything a listing or a summary shows about a habit today, equal to habits.stats;
    from a mark, with the entries after its day."""
    return standing_and_mark(habit, log, today, since)[0]


def standing_and_mark(
    habit: Habit, log: Mapping[date, Day], today: date, since: Mark | None = None
) -> tuple[HabitStats, Mark | None]:
    """The habit's standing today (see standing) and its mark for today (see mark), in one
    walk: the days from the earlier mark to the new one, then on from there to today."""
    last = min(today, habit.until) if habit.until is not None else today
    days = max(0, (last - habit.starts).days + 1)
    # Today's period may reach past today (and past the end): its days count in it too.
    ends = max(last, today)
    reach = max(days, (period_of(habit.frequency.per, ends).last - habit.starts).days + 1)
    credits = _credits(habit, log, habit.starts, reach)
    if since is not None and since.window:
        _restore(habit, credits, since)
    open_days = _open(habit, reach)
    done, asked, safe = _this_period(habit, credits, open_days, today)
    moved = _moved(habit, credits, open_days, today, since)
    begin, score, run, best = 0, 0.0, 0, 0
    if moved is not None:  # the days through the mark's are in it: walk only those after
        begin = (moved.day - habit.starts).days + 1
        score, run, best = moved.score, moved.run, moved.best
    strength = round(100 * _strength(habit, credits, open_days, days, begin, score)) if days else 0
    streak = _streak(habit, credits, open_days, today, begin, run, best)
    return HabitStats(done, asked, streak, strength, safe, habit.frequency.per), moved
