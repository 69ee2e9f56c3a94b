"""Mentors: who they are, their feedback, and the weekly digest they receive."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.checkins import prompted_periods, tally
from bot.domain.dates import local_today
from bot.domain.errors import NotMentor, NotMentoring, UnknownMember
from bot.domain.habit_history import strength_since
from bot.domain.models import GoalStatus, Member
from bot.domain.pace import pace
from bot.domain.pauses import away
from bot.domain.people import Digest, JournalKind, MemberDigest
from bot.domain.schedules import Kind
from bot.services.checkins import checkin_schedule, current_period
from bot.services.common import Actor, register, register_chat
from bot.services.habits import records_of_chats
from bot.storage import chats, checkins, goals, journal, people, schedules
from bot.storage.work import UnitOfWork

DIGEST_WEEKS = 4
# With no digest before, a habit's strength is set against a week ago.
DIGEST_DAYS = 7
# A goal whose dates moved this often in this many days is flagged to its mentors.
MOVES_FLAGGED = 2
MOVES_WINDOW_DAYS = 30


async def add(
    work: UnitOfWork,
    actor: Actor,
    now: datetime,
    username: str | None = None,
    replied: Member | None = None,
) -> tuple[Member, bool]:
    """Make someone a mentor of the chat (the handler checks the actor is an admin)."""
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        if replied is not None:
            await people.upsert_seen(conn, chat.chat_id, replied, now)
        target = replied or await people.member_by_username(conn, chat.chat_id, username or "")
        if target is None:
            raise UnknownMember(username or "")
        added = await people.add_mentor(conn, chat.chat_id, target.user_id, actor.user_id, now)
    return target, added


async def remove(
    work: UnitOfWork, actor: Actor, username: str, now: datetime
) -> tuple[Member, bool]:
    """Remove a mentor (the handler checks the actor is an admin)."""
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        target = await people.member_by_username(conn, chat.chat_id, username)
        if target is None:
            raise UnknownMember(username)
        removed = await people.remove_mentor(conn, chat.chat_id, target.user_id)
    return target, removed


async def listing(work: UnitOfWork, actor: Actor, now: datetime) -> list[Member]:
    """The chat's mentors."""
    async with work.transaction() as conn:
        chat = await register_chat(conn, actor, now)
        return await people.mentors(conn, chat.chat_id)


async def feedback(
    work: UnitOfWork,
    actor: Actor,
    text: str,
    now: datetime,
    username: str | None = None,
    replied: Member | None = None,
) -> Member:
    """A mentor's feedback to a member, kept in the member's journal."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        if not await people.is_mentor(conn, chat.chat_id, actor.user_id):
            raise NotMentor()
        target = replied or await people.member_by_username(conn, chat.chat_id, username or "")
        if target is None:
            raise UnknownMember(username or "")
        await people.upsert_seen(conn, chat.chat_id, target, now)
        await journal.add(
            conn, chat.chat_id, None, target.user_id, actor.user_id, JournalKind.FEEDBACK, text, now
        )
    return target


async def digest(work: UnitOfWork, chat_id: int, now: datetime) -> Digest:
    """Each member's goals with pace, missed check-ins (of the last 4 that have ended, counted
    as checkins.outcome says), overdue milestones, and habits' strength with its change since
    the last digest (the digest of the week before, when this is the first)."""
    async with work.reading() as conn:
        chat = await chats.get_chat(conn, chat_id)
        assert chat is not None
        mentors = await people.mentors(conn, chat_id)
        reachable = [(m, await people.has_private_chat(conn, m.user_id)) for m in mentors]
        # All of them: a goal achieved or dropped since was theirs to check in about then.
        found = await goals.goals_in_chat(conn, chat_id, statuses=tuple(GoalStatus))
        schedule = checkin_schedule(await schedules.for_chat(conn, chat_id), chat_id)
        # One more than needed: the latest prompt's period may still be open.
        prompts = await schedules.latest_prompts(conn, chat_id, Kind.CHECKIN, now, DIGEST_WEEKS + 1)
        by_member = await checkins.periods_by_member(
            conn, chat_id, min((key for key, _ in prompts), default="9999")
        )
        pauses = await journal.pauses_in(conn, chat_id)
        since = now - timedelta(days=MOVES_WINDOW_DAYS)
        moved = await goals.moves_since(conn, [g.id for g in found if g.is_active], since)
        running = (await records_of_chats(conn, [chat], pauses=pauses))[chat_id]
        last = await people.last_digest(conn, chat_id, [m.user_id for m in mentors], now)
    today = local_today(now, chat.timezone)
    last_day = local_today(last, chat.timezone) if last else None
    then = last_day or today - timedelta(days=DIGEST_DAYS)
    trends = [strength_since(r.habit, r.log, then, today) for r in running]
    current, began = current_period(schedule, now, chat.timezone)
    periods = prompted_periods(prompts, current, began or now)
    ended = [p for p in periods if p.end is not None][-DIGEST_WEEKS:]
    active = [g for g in found if g.is_active]
    owners: dict[int, Member] = {}
    for goal in active:
        owners.setdefault(goal.owner.user_id, goal.owner)
    for trend in trends:
        owners.setdefault(trend.habit.owner.user_id, trend.habit.owner)
    entries = []
    for user_id, member in owners.items():
        own = [g for g in active if g.owner.user_id == user_id]
        mine = [p for p in pauses if p.user_id == user_id]
        theirs = [g for g in found if g.owner.user_id == user_id]
        counts = tally(ended, by_member.get(user_id, set()), mine, theirs, chat.timezone)
        overdue = [
            f"{g.number}.{m.number} {m.title}"
            for g in own
            for m in g.milestones
            if not m.is_done and m.due_date < today
        ]
        pause = away(mine, now, chat.timezone)
        entries.append(
            MemberDigest(
                member,
                [(g, pace(g, today)) for g in own],
                counts.missed,
                overdue,
                pause.ends_on if pause else None,
                pause is not None,
                counts.counted,
                {g.id: moved[g.id] for g in own if moved.get(g.id, 0) >= MOVES_FLAGGED},
                [t for t in trends if t.habit.owner.user_id == user_id],
            )
        )
    return Digest(chat, today, reachable, entries, last_day)


async def my_digests(work: UnitOfWork, actor: Actor, now: datetime) -> list[Digest]:
    """The digest of every group the actor mentors, as it stands now (asked for in private)."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        mentored = await people.mentored_chats(conn, actor.user_id)
    if not mentored:
        raise NotMentoring()
    return [await digest(work, chat_id, now) for chat_id in mentored]
