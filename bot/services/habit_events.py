"""Celebrations a habit's entry earns, claimed in the ledger so each is said once, and the
habits of a chat with the rules and days the scheduler works on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.habit_days import Celebration, CelebrationKind, earned
from bot.domain.habits import Day, Habit, HabitGoal, breaks_of
from bot.domain.pauses import Pause
from bot.storage import habit_events, habits, journal
from bot.storage.connection import Connection
from bot.storage.habit_events import EventKind

_LEDGER = {
    CelebrationKind.STREAK: EventKind.STREAK,
    CelebrationKind.FIRST_WEEK: EventKind.FIRST_WEEK,
}


async def celebrate(
    conn: Connection,
    habit: HabitGoal,
    before: Mapping[date, Day],
    after: Mapping[date, Day],
    today: date,
    now: datetime,
) -> tuple[Celebration, ...]:
    """What an entry earned (the habit's rules with its owner's breaks), less anything already
    celebrated: a streak milestone once per run, the first week once, whatever /undo did."""
    found = []
    for cheer in earned(habit.rules, before, after, today):
        if await habit_events.claim(conn, habit.id, _LEDGER[cheer.kind], cheer.subject, now):
            found.append(cheer)
    return tuple(found)


@dataclass(frozen=True)
class Tracked:
    """A habit with its owner's breaks in its rules, and its log by day."""

    habit: HabitGoal
    log: dict[date, Day]

    @property
    def rules(self) -> Habit:
        """Its rules, breaks included."""
        return self.habit.rules


def with_breaks(habit: HabitGoal, pauses: Sequence[Pause], tz: str) -> HabitGoal:
    """The habit with its owner's breaks in this chat in its rules."""
    mine = [p for p in pauses if p.user_id == habit.owner.user_id and p.chat_id == habit.chat_id]
    return replace(habit, rules=replace(habit.rules, breaks=breaks_of(mine, tz)))


async def tracked(conn: Connection, found: Sequence[HabitGoal], tz: str) -> list[Tracked]:
    """Habits of one chat with their breaks (in each owner's zone, else the chat's, tz) and
    logs (the chat's pauses read once)."""
    if not found:
        return []
    pauses = await journal.pauses_in(conn, found[0].chat_id)
    result = []
    for habit in found:
        habit = with_breaks(habit, pauses, habit.owner.zone_in(tz))  # on the owner's days
        result.append(Tracked(habit, await habits.entries(conn, habit.id)))
    return result
