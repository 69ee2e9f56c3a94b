"""Pictures, period reports, calendars and the group's data export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from bot.domain import timeline as charts
from bot.domain.calendar_events import Changes
from bot.domain.checkins import prompted_periods
from bot.domain.dates import local_today
from bot.domain.errors import HabitNotFound, NothingToChart, UnknownMember
from bot.domain.habit_history import HabitCalendar, habit_calendar
from bot.domain.habits import PROMPT_TIME, HabitGoal, HabitStatus
from bot.domain.models import Chat, Goal, GoalStatus
from bot.domain.report import PeriodKind, Report, build_report, report_period
from bot.domain.schedules import Kind
from bot.services.checkins import checkin_schedule, current_period, streaks_for
from bot.services.common import Actor, find_goal, register
from bot.services.habits import records_of, records_of_chats
from bot.storage import chats, checkins, exports, goals, habits, journal, people, schedules
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class TimelineView:
    """The timeline's data and the chat it belongs to."""

    chat: Chat
    timeline: charts.Timeline


async def timeline(
    work: UnitOfWork, actor: Actor, now: datetime, username: str | None = None
) -> TimelineView:
    """Active goals of the chat (or one member's) laid out for the timeline."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        member_id = None
        if username:
            member = await people.member_by_username(conn, chat.chat_id, username)
            if member is None:
                raise UnknownMember(username)
            member_id = member.user_id
        found = await goals.goals_in_chat(conn, chat.chat_id, statuses=(GoalStatus.ACTIVE,))
    today = local_today(now, chat.timezone)
    return TimelineView(chat, charts.build_timeline(found, today, chat.timezone, member_id))


async def progress(
    work: UnitOfWork, actor: Actor, number: int, now: datetime
) -> charts.ProgressSeries:
    """A goal's progress over time, for /chart."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        goal = await find_goal(conn, actor, number)
        if goal.target is None and not goal.milestones:
            raise NothingToChart(number)
        history = await goals.progress_history(conn, goal.id)
    return charts.build_progress(goal, history, local_today(now, chat.timezone), chat.timezone)


async def habit_chart(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> HabitCalendar:
    """A habit's last twelve weeks day by day, with its strength, for /chart (any habit of the
    chat, running or not)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        habit = await habits.habit_by_number(conn, chat.chat_id, number)
        if habit is None:
            raise HabitNotFound(number)
        (record,) = await records_of(conn, [habit], {chat.chat_id: chat})
    return habit_calendar(record.habit, record.log, record.today(now))


@dataclass(frozen=True)
class ReportView:
    """A period report with its chat, and the timeline that goes with it."""

    chat: Chat
    report: Report
    timeline: charts.Timeline


async def report(
    work: UnitOfWork, chat_id: int, kind: PeriodKind, now: datetime, whole: bool = False
) -> ReportView:
    """The chat's report for this calendar week, month or quarter so far, in the chat's time
    zone; or, with whole=True (the scheduled reviews), the whole one before it."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        today = local_today(now, chat.timezone)
        period = report_period(kind, today, whole)
        start, end = period.start(chat.timezone), period.end(chat.timezone, now)
        # Dropped goals too: they were started in their time, and a drop is counted.
        found = await goals.goals_in_chat(conn, chat_id, statuses=tuple(GoalStatus))
        # Up to now, not only to the window's end: a period ends where the next one begins.
        prompts = await schedules.prompts_between(conn, chat_id, Kind.CHECKIN, start, now)
        since = min((key for key, _ in prompts), default="9999")
        answered = await checkins.periods_by_member(conn, chat_id, since)
        members = await checkins.members_of(conn, chat_id)
        schedule = checkin_schedule(await schedules.for_chat(conn, chat_id), chat_id)
        state = await streaks_for(conn, chat, schedule, now)
        pauses = await journal.pauses_in(conn, chat_id)
        # Stopped and ended ones too: they ran in their time.
        ran = (await records_of_chats(conn, [chat], tuple(HabitStatus), pauses))[chat_id]
    current, began = current_period(schedule, now, chat.timezone)
    periods = prompted_periods(prompts, current, began or now)
    built = build_report(
        period,
        found,
        start,
        end,
        today,
        periods,
        answered,
        members,
        state.streaks,
        pauses,
        chat.timezone,
        [(r.habit, r.log) for r in ran],
    )
    return ReportView(chat, built, charts.build_timeline(found, today, chat.timezone))


async def report_for(
    work: UnitOfWork, actor: Actor, kind: PeriodKind, now: datetime, whole: bool = False
) -> ReportView:
    """/report in a chat."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
    return await report(work, actor.chat_id, kind, now, whole)


@dataclass(frozen=True)
class CalendarData:
    """Goals (with milestones) for a calendar file, and how often their dates and titles
    changed."""

    chat: Chat
    goals: list[Goal]
    moves: dict[tuple[int, int | None], Changes]
    renames: dict[tuple[int, int | None], Changes]
    # Habits as they ran (one stopped ends where it stopped), and when their event is.
    habits: list[HabitGoal] = field(default_factory=list)
    habit_time: time = PROMPT_TIME


async def calendar(work: UnitOfWork, actor: Actor, mine: bool, now: datetime) -> CalendarData:
    """The chat's goals, milestones and habits (or only the caller's) for /calendar."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        found = await goals.goals_in_chat(
            conn,
            chat.chat_id,
            owner_id=actor.user_id if mine else None,
            statuses=tuple(GoalStatus),  # abandoned ones too: they go out cancelled
        )
        ids = [goal.id for goal in found]
        moves = await goals.date_moves(conn, ids)
        renames = await goals.renames(conn, ids)
        ran = (await records_of_chats(conn, [chat], tuple(HabitStatus)))[chat.chat_id]
        prompt = (await schedules.for_chat(conn, chat.chat_id)).get(Kind.HABITS)
    owned = [r.habit for r in ran if not mine or r.habit.owner.user_id == actor.user_id]
    # Each habit's event is at the chat's habit prompt time (20:00 unless set otherwise).
    at = prompt.at if prompt is not None else PROMPT_TIME
    return CalendarData(chat, found, moves, renames, owned, at)


async def chat_export(work: UnitOfWork, actor: Actor, now: datetime) -> dict[str, exports.Table]:
    """The chat's goals, milestones, progress, check-ins and habits as rows (the handler
    checks admin)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        return await exports.chat_tables(conn, chat.chat_id)
