"""Habits: setting one, logging it, taking an entry back, stopping it, and how each stands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.domain import habit_standing
from bot.domain.choices import did_reading
from bot.domain.dates import local_today, parse_date
from bot.domain.errors import (
    AlreadyDoneToday,
    DateTooSoon,
    HabitAlreadySet,
    HabitNotActive,
    HabitNotFound,
    HabitNotStarted,
    HabitUnitMismatch,
    NotAHabit,
    NotHabitOwner,
    NothingToTakeBack,
)
from bot.domain.frequencies import DidSpec, HabitSpec
from bot.domain.habit_days import Celebration
from bot.domain.habits import (
    Day,
    Habit,
    HabitGoal,
    HabitStats,
    HabitStatus,
    breaks_of,
    ran_until,
    room_on,
    stats,
)
from bot.domain.models import Chat
from bot.domain.numbers import is_known_unit, plausible, same_unit
from bot.domain.pauses import Pause
from bot.services.common import Actor, acting_zone, register
from bot.services.habit_events import celebrate
from bot.storage import chats, goals, habits, journal
from bot.storage.connection import Connection
from bot.storage.work import UnitOfWork

# The scheduled summaries' batches: a turn for other work every so many chats.
YIELD_EVERY = 5


@dataclass(frozen=True)
class HabitView:
    """A habit and how it stands today, where it lives."""

    habit: HabitGoal
    stats: HabitStats
    chat: Chat
    today: date


@dataclass(frozen=True)
class Logged:
    """An entry made with /did (or taken back with /undo): the day it counts for."""

    view: HabitView
    day: date
    amount: float | None = None
    celebrations: tuple[Celebration, ...] = ()  # what the entry earned, said once


def habit_zone(habit: HabitGoal, chat: Chat) -> str:
    """The zone a habit's days are counted in: its owner's own, else the chat's."""
    return habit.owner.zone_in(chat.timezone)


async def _rules(conn: Connection, habit: HabitGoal, tz: str) -> Habit:
    """The habit's rules with its owner's breaks in this chat."""
    pauses = [
        p for p in await journal.pauses_in(conn, habit.chat_id) if p.user_id == habit.owner.user_id
    ]
    return replace(habit.rules, breaks=breaks_of(pauses, tz))


async def standing(conn: Connection, habit: HabitGoal, chat: Chat, today: date) -> HabitView:
    """How the habit stands today (its whole log read: a few hundred rows a year)."""
    zone = habit_zone(habit, chat)
    rules = await _rules(conn, habit, zone)
    log = await habits.entries(conn, habit.id)
    # One stopped ran to where it stopped: its numbers are the chart's and the report's.
    rules = ran_until(replace(habit, rules=rules), zone, log)
    return HabitView(replace(habit, rules=rules), stats(rules, log, today), chat, today)


async def create_habit(work: UnitOfWork, actor: Actor, spec: HabitSpec, now: datetime) -> HabitView:
    """Register a habit for the actor, from today (in their zone) to its end, if any."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        return await start_habit(conn, chat, actor, spec, now)


async def start_habit(
    conn: Connection, chat: Chat, actor: Actor, spec: HabitSpec, now: datetime
) -> HabitView:
    """Store a new habit in a registered chat, inside the caller's transaction."""
    zone = await acting_zone(conn, actor, chat)
    today = local_today(now, zone)
    until = None
    if spec.until_text is not None:
        until = parse_date(spec.until_text, now, zone, lang=chat.language)
        if until < today:
            raise DateTooSoon(until, today, today)
    rules = Habit(spec.frequency, today, spec.amount, until)
    for running in await habits.habits_in_chat(conn, chat.chat_id):  # sent twice, or again
        if (
            running.owner.user_id == actor.user_id
            and running.title.casefold() == spec.title.casefold()
            and (running.rules.frequency, running.rules.amount) == (spec.frequency, spec.amount)
        ):
            raise HabitAlreadySet(running.number, running.title)
    habit = await habits.insert_habit(
        conn, chat_id=chat.chat_id, owner_id=actor.user_id, title=spec.title,
        rules=rules, now=now,
    )  # fmt: skip
    return await standing(conn, habit, chat, today)


async def owned_habit(conn: Connection, actor: Actor, number: int) -> HabitGoal:
    """The actor's own active habit with this number, or the refusal that says why not."""
    habit = await habits.habit_by_number(conn, actor.chat_id, number)
    if habit is None:
        if await goals.goal_by_number(conn, actor.chat_id, number) is not None:
            raise NotAHabit(number)
        raise HabitNotFound(number)
    if habit.owner.user_id != actor.user_id:
        raise NotHabitOwner(number, habit.owner.first_name)
    if not habit.is_active:
        raise HabitNotActive(number, habit.title)
    return habit


def _amount(habit: HabitGoal, spec: DidSpec) -> tuple[float | None, str]:
    """The entry's amount (a reading that fits the habit's amount, when two are possible) and
    its note (a first word that is the habit's unit is no note)."""
    note = spec.rest
    first, _, after = note.partition(" ")
    unit = habit.rules.amount.unit if habit.rules.amount else ""
    if spec.readings and unit and first and same_unit(first, unit):
        note = after.strip()
    elif spec.readings and unit and first and is_known_unit(first):
        raise HabitUnitMismatch(habit.number, first, unit)  # 3 miles on a habit in km
    if not spec.readings:
        return None, note
    if habit.rules.amount is None:  # a habit without an amount: the number is only a note
        return None, spec.rest if len(spec.readings) > 1 else note
    readings = spec.readings
    if len(readings) > 1 and habit.rules.amount is not None:
        readings = plausible(readings, (0.0, habit.rules.amount.value))
    if len(readings) > 1:  # asked with a button per reading; nothing is logged until then
        raise did_reading(spec, readings, unit)
    return readings[0], note


async def did(work: UnitOfWork, actor: Actor, spec: DidSpec, now: datetime) -> Logged:
    """Log the habit as done today (or yesterday, no further back), in its owner's zone."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        habit = await owned_habit(conn, actor, spec.number)
        today = local_today(now, habit_zone(habit, chat))
        on = today - timedelta(days=1) if spec.yesterday else today
        if not habit.rules.runs_on(on):
            raise HabitNotStarted(habit.number)
        amount, note = _amount(habit, spec)
        before = await habits.entries(conn, habit.id)
        logged = before.get(on, Day())
        if not room_on(habit.rules, logged):
            raise AlreadyDoneToday(habit.number, habit.title, spec.yesterday, len(logged.amounts))
        await habits.log_entry(conn, habit.id, on, amount, note or None, now)
        view = await standing(conn, habit, chat, today)
        after = await habits.entries(conn, habit.id)
        cheers = await celebrate(conn, view.habit, before, after, today, now)
        return Logged(view, on, amount, cheers)


async def undo(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> Logged:
    """Take back the habit's latest entry of today or yesterday."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        habit = await owned_habit(conn, actor, number)
        today = local_today(now, habit_zone(habit, chat))
        on = await habits.take_back_last(conn, habit.id, today - timedelta(days=1))
        if on is None:
            raise NothingToTakeBack(number)
        return Logged(await standing(conn, habit, chat, today), on)


async def habit_to_stop(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> HabitView:
    """The habit /done would stop, for its confirmation (nothing about it changes yet)."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        habit = await owned_habit(conn, actor, number)
        return await standing(conn, habit, chat, local_today(now, habit_zone(habit, chat)))


async def stop(work: UnitOfWork, actor: Actor, number: int, now: datetime) -> HabitView:
    """Stop a habit for good (confirmed): its run is kept, nothing more is asked of it."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        habit = await owned_habit(conn, actor, number)
        habit = await habits.set_status(conn, habit, HabitStatus.STOPPED, now)
        return await standing(conn, habit, chat, local_today(now, habit_zone(habit, chat)))


async def habits_here(
    conn: Connection, chat: Chat, now: datetime, owner_id: int | None = None
) -> list[HabitView]:
    """The chat's running habits (one member's, or everyone's) and how each stands, each on
    its owner's today."""
    found = await habits.habits_in_chat(conn, chat.chat_id)
    mine = [h for h in found if owner_id is None or h.owner.user_id == owner_id]
    # Their logs and their owners' breaks read together, not habit by habit.
    return [r.view(r.today(now)) for r in await records_of(conn, mine, {chat.chat_id: chat})]


@dataclass(frozen=True)
class HabitRecord:
    """A habit as it ran (its owner's breaks in; one stopped, to where it stopped), with its
    log, in the chat it belongs to."""

    habit: HabitGoal
    log: dict[date, Day]
    chat: Chat
    # Read with recent=True: how it stood at a settled day, and the log only from there.
    mark: habit_standing.Mark | None = None

    @property
    def zone(self) -> str:
        """The zone its days are counted in (its owner's, else the chat's)."""
        return habit_zone(self.habit, self.chat)

    def today(self, now: datetime) -> date:
        """Its owner's today."""
        return local_today(now, self.zone)

    def view(self, today: date) -> HabitView:
        """How it stands on a day (worked out in one pass over its days since its mark)."""
        return self.view_and_mark(today)[0]

    def view_and_mark(
        self, today: date
    ) -> tuple[HabitView, tuple[int, habit_standing.Mark, date] | None]:
        """How it stands on a day, and its mark moved on to that day's settled day, to be kept
        (None when it has not moved): both from one walk over its days since its mark."""
        rules = self.habit.rules
        shown, moved = habit_standing.standing_and_mark(rules, self.log, today, self.mark)
        view = HabitView(self.habit, shown, self.chat, today)
        if moved is None or moved == self.mark:
            return view, None
        return view, (self.habit.id, moved, moved.reads_from(rules))


async def records_of(
    conn: Connection,
    found: Sequence[HabitGoal],
    chats_by_id: Mapping[int, Chat],
    pauses: Sequence[Pause] | None = None,
    *,
    recent: bool = False,
) -> list[HabitRecord]:
    """These habits with their logs and breaks, from two queries (three without the chats'
    pauses given), whatever their number; recent: with their marks and only the entries a
    standing from those needs (for today's standing: not for reports or charts, which look
    back)."""
    if not found:
        return []
    if pauses is None:
        pauses = await journal.pauses_of_chats(conn, sorted({h.chat_id for h in found}))
    away: dict[tuple[int, int], list[Pause]] = {}
    for pause in pauses:
        away.setdefault((pause.chat_id, pause.user_id), []).append(pause)
    ids = [h.id for h in found]
    logs = await habits.entries_of_habits(conn, ids, recent=recent)
    marks = await habits.marks_of(conn, ids) if recent else {}
    records = []
    for habit in found:
        chat = chats_by_id[habit.chat_id]
        owner_away = away.get((habit.chat_id, habit.owner.user_id))
        if owner_away:  # most members have no breaks: their habits are kept as they were read
            breaks = breaks_of(owner_away, habit_zone(habit, chat))
            habit = replace(habit, rules=replace(habit.rules, breaks=breaks))
        log = logs[habit.id]
        rules = ran_until(habit, habit_zone(habit, chat), log)
        if rules is not habit.rules:
            habit = replace(habit, rules=rules)
        records.append(HabitRecord(habit, log, chat, marks.get(habit.id)))
    return records


async def records_of_chats(
    conn: Connection,
    found: Sequence[Chat],
    statuses: Sequence[HabitStatus] = (HabitStatus.ACTIVE,),
    pauses: Sequence[Pause] | None = None,
    *,
    recent: bool = False,
) -> dict[int, list[HabitRecord]]:
    """The habits of several chats with these statuses, with their logs, by chat (recent: see
    records_of)."""
    by_id = {c.chat_id: c for c in found}
    grouped = await habits.habits_of_chats(conn, list(by_id), statuses)
    every = [h for chat_id in by_id for h in grouped.get(chat_id, [])]
    by_chat: dict[int, list[HabitRecord]] = {c: [] for c in by_id}
    for record in await records_of(conn, every, by_id, pauses, recent=recent):
        by_chat[record.chat.chat_id].append(record)
    return by_chat


async def habits_everywhere(conn: Connection, owner_id: int, now: datetime) -> list[HabitView]:
    """A member's running habits in every chat, each as it stands in its own chat's zone."""
    found = await habits.habits_of_owner(conn, owner_id)
    where = await chats.get_chats(conn, sorted({h.chat_id for h in found}))
    records = await records_of(conn, [h for h in found if h.chat_id in where], where)
    return [r.view(r.today(now)) for r in records]
