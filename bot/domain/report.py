"""A period report: what the group started, finished and kept up, and what needs attention."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import assert_never
from zoneinfo import ZoneInfo

from bot.domain.checkins import Period, expected, tally
from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import grammar
from bot.domain.habit_history import HabitRate, group_rate, habit_rate, ran_within
from bot.domain.habits import Day, HabitGoal
from bot.domain.languages import Lang
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.pace import PaceStatus, pace
from bot.domain.pauses import Pause


class PeriodKind(StrEnum):
    """How long a report's period is; the value is the word /report takes."""

    WEEK = "week"  # from Monday
    MONTH = "month"
    QUARTER = "quarter"


ATTENTION = (PaceStatus.BEHIND, PaceStatus.AT_RISK, PaceStatus.OVERDUE)


@dataclass(frozen=True)
class ReportPeriod:
    """The calendar days a report counts, in the chat's time zone: from first to after
    (the next period's first day, not counted). Either this period so far (/report month),
    or a whole one that has ended (/report last month, and the reviews' reports)."""

    kind: PeriodKind
    first: date
    after: date
    whole: bool  # the whole period, ended; otherwise this one, up to now

    @property
    def last(self) -> date:
        """The period's last day."""
        return self.after - timedelta(days=1)

    @property
    def quarter(self) -> int:
        """1 to 4: the quarter of the period's first day."""
        return (self.first.month - 1) // 3 + 1

    def before(self) -> ReportPeriod:
        """The whole period before this one."""
        return ReportPeriod(self.kind, _shift(self.kind, self.first, -1), self.first, whole=True)

    def start(self, tz: str) -> datetime:
        """The first day's first moment (UTC): what happened on it counts."""
        return _day_begins(self.first, tz)

    def end(self, tz: str, now: datetime) -> datetime:
        """Where counting stops (UTC, not counted): the next period's first moment; so far,
        the second after now, since times are stored to the second and what was done a
        moment ago counts."""
        return _day_begins(self.after, tz) if self.whole else now + timedelta(seconds=1)


def _day_begins(day: date, tz: str) -> datetime:
    # fold=0: where summer time skips midnight, that is the moment the day begins.
    return datetime.combine(day, time(), ZoneInfo(tz)).astimezone(UTC)


def _first_day(kind: PeriodKind, today: date) -> date:
    match kind:
        case PeriodKind.WEEK:
            return today - timedelta(days=today.weekday())
        case PeriodKind.MONTH:
            return date(today.year, today.month, 1)
        case PeriodKind.QUARTER:
            return date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        case _:
            assert_never(kind)


def _shift(kind: PeriodKind, first: date, periods: int) -> date:
    """The first day of the period so many periods after (or before) the one starting first."""
    if kind is PeriodKind.WEEK:
        return first + timedelta(weeks=periods)
    step = 3 if kind is PeriodKind.QUARTER else 1
    months = first.year * 12 + first.month - 1 + periods * step
    return date(months // 12, months % 12 + 1, 1)


def report_period(kind: PeriodKind, today: date, whole: bool = False) -> ReportPeriod:
    """This week, month or quarter so far (today and its first day counted); with whole=True
    the whole one before it, as the monthly and quarterly reviews report."""
    first = _first_day(kind, today)
    current = ReportPeriod(kind, first, _shift(kind, first, 1), whole=False)
    return current.before() if whole else current


def parse_period(text: str, lang: Lang = Lang.EN) -> tuple[PeriodKind, bool]:
    """/report's words, in the chat's language or English: '' or 'week' (this week so far),
    'month', 'quarter', with 'this' if you like; 'last week', 'last month', 'last quarter'
    for the whole one before ('letzten Monat', 'el mes pasado', 'прошлый квартал'). Returns
    the kind, and whether it is the whole one before."""
    words = grammar(lang).words
    said = [w for w in text.lower().split() if w not in words.articles] or ["week"]
    whole = said[0] in words.last or (len(said) > 1 and said[-1] in words.last_after)
    if whole:
        said = said[1:] if said[0] in words.last else said[:-1]
    elif said[0] in words.this:
        said = said[1:]
    period = words.periods.get(said[0], said[0]) if len(said) == 1 else ""
    kind = _PERIOD_WORDS.get(period)
    if kind is None:
        raise Usage(UsageProblem.BAD_PERIOD)
    return kind, whole


# "monthly", "weekly": as people name a report.
_PERIOD_WORDS = {
    **{k.value: k for k in PeriodKind},
    "weekly": PeriodKind.WEEK,
    "monthly": PeriodKind.MONTH,
    "quarterly": PeriodKind.QUARTER,
}


@dataclass(frozen=True)
class CheckinRate:
    """How many of the period's check-ins a member answered, of those that count for them."""

    member: Member
    answered: int
    asked: int  # ended, or answered while still open; not while away
    streak: int
    away: int  # check-ins asked while the member was away


@dataclass(frozen=True)
class Report:
    """The numbers of one period."""

    period: ReportPeriod
    start: datetime  # the first day's midnight in the chat's time zone
    end: datetime
    today: date
    started: tuple[Goal, ...]
    milestones_done: tuple[tuple[Goal, Milestone], ...]
    goals_done: tuple[Goal, ...]
    rates: tuple[CheckinRate, ...]
    attention: tuple[tuple[Goal, PaceStatus], ...]
    prompted: int  # check-in prompts that went out in the window
    open_day: date | None  # when a still-open check-in began, if someone has yet to answer
    goals_dropped: tuple[Goal, ...] = ()
    habits: tuple[HabitRate, ...] = ()  # the habits that ran in the period, as they did

    @property
    def habit_rate(self) -> int | None:
        """The group's habit completion rate, in whole percent (None: nothing asked yet)."""
        return group_rate(self.habits)

    @property
    def just_begun(self) -> bool:
        """This period so far, on its first day: there is little in it yet."""
        return not self.period.whole and self.period.first == self.today


def build_report(
    period: ReportPeriod,
    goals: list[Goal],
    start: datetime,
    end: datetime,
    today: date,
    periods: list[Period],
    answered: dict[int, set[str]],
    members: list[Member],
    streaks: dict[int, int],
    pauses: list[Pause],
    tz: str,
    habits: Sequence[tuple[HabitGoal, Mapping[date, Day]]] = (),
) -> Report:
    """Count what happened between start and end; a check-in counts if it was prompted then
    (see checkins.outcome: a still-open period only once answered, none while away or without
    an active goal). Goals dropped since still count as started, and a drop in the window is
    counted too. Habits (as they ran, with their logs) count as habit_history.habit_rate says."""
    started = tuple(g for g in goals if start <= g.created_at < end)
    dropped = tuple(g for g in goals if g.abandoned_at and start <= g.abandoned_at < end)
    milestones_done = tuple(
        (g, m)
        for g in goals
        for m in g.milestones
        if m.completed_at is not None and start <= m.completed_at < end
    )
    goals_done = tuple(
        g
        for g in goals
        if g.status is GoalStatus.COMPLETED and g.completed_at and start <= g.completed_at < end
    )
    asked = [p for p in periods if start <= p.start < end]
    still_open = next((p for p in asked if p.end is None), None)
    rates = []
    waiting = False  # someone asked has yet to check in for the open period
    for m in members:
        own = [g for g in goals if g.owner.user_id == m.user_id]
        mine = [p for p in pauses if p.user_id == m.user_id]
        done = answered.get(m.user_id, set())
        counts = tally(asked, done, mine, own, tz)
        owes_open = (
            still_open is not None
            and still_open.key not in done
            and expected(own, still_open.start)
        )
        waiting = waiting or owes_open
        # Listed when some check-in of the window was theirs to make, or they made one; with
        # none asked, the owners of active goals are there to be told so.
        has_goal = any(g.is_active for g in own)
        if counts.counted or counts.away or owes_open or (not asked and has_goal):
            rates.append(
                CheckinRate(m, counts.done, counts.counted, streaks.get(m.user_id, 0), counts.away)
            )
    open_day = still_open.start.astimezone(ZoneInfo(tz)).date() if still_open and waiting else None
    attention = tuple(
        (g, p.status) for g in goals if g.is_active and (p := pace(g, today)).status in ATTENTION
    )
    return Report(
        period,
        start,
        end,
        today,
        started,
        milestones_done,
        goals_done,
        tuple(rates),
        attention,
        len(asked),
        open_day,
        dropped,
        tuple(
            habit_rate(h, log, period.first, period.last, today)
            for h, log in habits
            if ran_within(h.rules, period.first, min(period.last, today))
        ),
    )
