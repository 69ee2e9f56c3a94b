"""A period report: what the group started, finished and kept up, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.checkins import Period, tally
from bot.domain.errors import Usage
from bot.domain.models import Goal, GoalStatus, Member, Milestone
from bot.domain.pace import PaceStatus, pace
from bot.domain.pauses import Pause

PERIODS = {"week": timedelta(days=7), "month": timedelta(days=30), "quarter": timedelta(days=91)}
ATTENTION = (PaceStatus.BEHIND, PaceStatus.AT_RISK, PaceStatus.OVERDUE)


def previous_period(period: str, today: date) -> tuple[date, date]:
    """The last complete calendar month or quarter before today: [first day, next first day)."""
    first = today.replace(day=1)
    if period == "quarter":
        first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
        months = 3
    else:
        months = 1
    month = first.month - months
    year = first.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1), first


def parse_period(text: str) -> str:
    """'week' (the default), 'month' or 'quarter'."""
    word = text.strip().lower() or "week"
    if word not in PERIODS:
        raise Usage("bad_period")
    return word


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

    period: str
    start: datetime
    end: datetime
    today: date
    start_day: date  # the window's first day in the chat's time zone
    started: tuple[Goal, ...]
    milestones_done: tuple[tuple[Goal, Milestone], ...]
    goals_done: tuple[Goal, ...]
    rates: tuple[CheckinRate, ...]
    attention: tuple[tuple[Goal, PaceStatus], ...]
    prompted: int  # check-in prompts that went out in the window
    open_day: date | None  # when a still-open check-in began, if someone has yet to answer
    goals_dropped: tuple[Goal, ...] = ()


def build_report(
    period: str,
    goals: list[Goal],
    start: datetime,
    end: datetime,
    today: date,
    periods: list[Period],
    answered: dict[int, set[str]],
    members: list[Member],
    streaks: dict[int, int],
    start_day: date,
    pauses: list[Pause],
    tz: str,
) -> Report:
    """Count what happened between start and end; a check-in counts if it was prompted then
    (see checkins.tally: a still-open period only once answered, none while away). Goals
    dropped since still count as started, and a drop in the window is counted too."""
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
    owners = {g.owner.user_id for g in goals if g.is_active}
    asked = [p for p in periods if start <= p.start < end]
    rates = []
    for m in members:
        if m.user_id not in owners and not answered.get(m.user_id):
            continue
        mine = [p for p in pauses if p.user_id == m.user_id]
        counts = tally(asked, answered.get(m.user_id, set()), mine, tz)
        rates.append(
            CheckinRate(m, counts.done, counts.counted, streaks.get(m.user_id, 0), counts.away)
        )
    # Worth a word only while someone has yet to check in for it.
    still_open = next((p for p in asked if p.end is None), None)
    waiting = still_open is not None and any(
        still_open.key not in answered.get(r.member.user_id, set()) for r in rates
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
        start_day,
        started,
        milestones_done,
        goals_done,
        tuple(rates),
        attention,
        len(asked),
        open_day,
        dropped,
    )
