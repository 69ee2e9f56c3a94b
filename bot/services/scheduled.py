"""Scheduled posts: what is due at `now`, and the ledger that makes each go out once.

Exactly once, with any number of bot processes on one database: a due post is first claimed
(a row in `deliveries`, 'claimed', with the process as holder) for a lease, in a transaction;
its text is then worked out, and just before it goes to Telegram the holder turns the claim
into 'sending', a step only the holder can take. A process that dies holding a claim loses it
when the lease ends (CLAIM_LEASE_SECONDS), and the next tick of any process takes the post
over, within the catch-up grace window like any post owed. A claimed post is never sent twice:
once 'sending' it is sent again only when Telegram certainly did not take it: then it is owed
again ('retry') and claimed once more at the next tick, on every tick until it goes out or its
grace window ends (then it is given up: 'failed', logged as an error). A send that may have
arrived is recorded as 'unknown' and not sent again; only a check-in prompt is owed once more
then, to go out marked (see bot/delivery/policy.py).

The window that remains is a process dying while its post is 'sending' (from just before the
request, waiting for Telegram's flood budget included, until Telegram's answer is recorded):
that post is lost rather than doubled. At most CONCURRENCY posts per process are in it at a
time; when their lease (SENDING_LEASE) ends they are recorded as 'unknown' and logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import reminders as reminder_rules
from bot.domain.dates import local_today
from bot.domain.models import Member
from bot.domain.pauses import away
from bot.domain.reminders import Reminder
from bot.domain.schedules import (
    REMINDER_TIME,
    Kind,
    Schedule,
    digest_schedule,
    folded_into_quarterly,
    latest_occurrence,
    next_occurrence,
    period_key,
    previous_occurrences,
)
from bot.services.habit_rounds import HabitReminder
from bot.storage import chats, habit_events, journal, people, reminders, schedules
from bot.storage.habit_events import EventKind
from bot.storage.work import UnitOfWork

log = logging.getLogger(__name__)

POSTS = (Kind.CHECKIN, Kind.SUMMARY, Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW, Kind.HABITS)


@dataclass(frozen=True)
class DuePost:
    """One scheduled post owed to one chat."""

    schedule: Schedule
    timezone: str
    due_at: datetime
    period: str
    tries: int = 0  # how often it was tried before (owed again after a failed try)
    resend: bool = False  # the last try may have arrived: this one goes out marked

    @property
    def chat_id(self) -> int:
        """Where it goes."""
        return self.schedule.chat_id

    @property
    def kind(self) -> Kind:
        """What it is."""
        return self.schedule.kind


# A claim's lease while its text is worked out (Config.claim_lease, two minutes unless set),
# and once it is on the wire: longer than any one send takes, its retries and Telegram's
# flood waits included.
SENDING_LEASE = timedelta(minutes=10)
MISSED_LOOKBACK = 60  # earlier firings checked for a record after an outage
YIELD_EVERY = 200


async def due_posts(work: UnitOfWork, now: datetime, grace: timedelta) -> list[DuePost]:
    """Posts whose time has come and that have no record yet.

    Only schedules whose next firing has come are read. A post missed by more than the grace
    window (the bot was down) is recorded as skipped and logged, so a long outage does not dump
    old prompts on the group; so are the firings before it that the outage swallowed.
    """
    async with work.reading() as conn:
        found = await schedules.due(conn, POSTS, now)
    if not found:
        return []
    candidates: list[DuePost] = []
    settled: list[tuple[Schedule, str]] = []  # nothing to send: just move next_due on
    for index, (schedule, tz) in enumerate(found):
        if index % YIELD_EVERY == YIELD_EVERY - 1:
            await asyncio.sleep(0)  # many schedules at once (first start): let handlers run
        try:
            moment = latest_occurrence(schedule, now, tz)
        except (ValueError, LookupError):  # a broken row must not stop every other chat
            log.exception("cannot work out %s for chat %s", schedule.kind, schedule.chat_id)
            continue
        if moment is None:
            settled.append((schedule, tz))
        else:
            candidates.append(DuePost(schedule, tz, moment, period_key(schedule.kind, moment, tz)))
    keys = [(p.chat_id, p.kind, p.period) for p in candidates]
    async with work.reading() as conn:
        found_in = await schedules.ledger(conn, keys, now)
    done, again = found_in.done, found_in.again
    owed = []
    for post in candidates:
        key = (post.chat_id, post.kind, post.period)
        if key in done:
            settled.append((post.schedule, post.timezone))
        elif key in found_in.held:
            continue  # another process has it in hand; taken over here if its lease ends
        elif key in again:
            owed.append(replace(post, tries=again[key].tries, resend=again[key].resend))
        else:
            owed.append(post)
    # A habit prompt in a chat without running habits leaves no record: there was nothing to ask.
    unasked = await _without_habits(work, owed)
    settled += [(p.schedule, p.timezone) for p in owed if (p.chat_id, p.kind) in unasked]
    owed = [p for p in owed if (p.chat_id, p.kind) not in unasked]
    late = [p for p in owed if now - p.due_at > grace]
    # Not `p not in late`: that compares each post with each late one (at 10,000 groups whose
    # evening habit prompts all went by, 100 million comparisons of dataclasses).
    in_time = [p for p in owed if now - p.due_at <= grace]
    folded = await _folded_monthlies(work, in_time)
    settled += [(p.schedule, p.timezone) for p in late + folded]
    if owed:
        await _skip_swallowed(work, owed, now)
    given_up = []
    async with work.transaction() as conn:
        for post in late:
            if await schedules.give_up(conn, post.chat_id, post.kind, post.period, now):
                given_up.append(post)
        for post in late + folded:
            await schedules.claim(
                conn, post.chat_id, post.kind, post.period, post.due_at, now, status="skipped"
            )
        for schedule, tz in settled:
            upcoming = next_occurrence(schedule, now, tz)
            await schedules.set_next_due(conn, schedule.chat_id, schedule.kind, upcoming)
    gave_up = {(p.chat_id, p.kind, p.period) for p in given_up}
    for post in late:
        if (post.chat_id, post.kind, post.period) in gave_up:
            why = again[(post.chat_id, post.kind, post.period)].last_reason
            log.error(
                "gave up on %s for chat %s due %s: Telegram did not take it in %d tries "
                "within the grace window of %s (last: %s); recorded as failed",
                post.kind, post.chat_id, post.due_at.isoformat(), post.tries, grace, why,
            )  # fmt: skip
        else:
            log.warning(
                "skipped %s for chat %s due %s: missed by more than %s",
                post.kind, post.chat_id, post.due_at.isoformat(), grace,
            )  # fmt: skip
    return [p for p in owed if now - p.due_at <= grace and p not in folded]


async def _folded_monthlies(work: UnitOfWork, owed: list[DuePost]) -> list[DuePost]:
    """Monthly reviews due on a day the chat's quarterly review fires: left out for it."""
    monthly = [p for p in owed if p.kind is Kind.MONTHLY_REVIEW]
    if not monthly:
        return []
    async with work.reading() as conn:
        by_chat = await schedules.for_chats(conn, [p.chat_id for p in monthly])
    return [
        p
        for p in monthly
        if folded_into_quarterly(
            local_today(p.due_at, p.timezone), by_chat.get(p.chat_id, {}).get(Kind.QUARTERLY_REVIEW)
        )
    ]


async def _without_habits(work: UnitOfWork, owed: list[DuePost]) -> set[tuple[int, Kind]]:
    """The habit prompts (chat, kind) owed to chats where nobody has a running habit."""
    prompts = [p.chat_id for p in owed if p.kind is Kind.HABITS]
    if not prompts:
        return set()
    async with work.reading() as conn:
        asking = await habit_events.chats_with_running_habits(conn, prompts)
    return {(chat_id, Kind.HABITS) for chat_id in prompts if chat_id not in asking}


async def _skip_swallowed(work: UnitOfWork, owed: list[DuePost], now: datetime) -> None:
    """Record and log firings between a post's last record and its latest firing."""
    # Only a post whose previous firing was after its schedule began can have lost any; their
    # last records are read together (at 10,000 groups, one query instead of 10,000).
    checked = []
    for post in owed:
        if post.kind is Kind.HABITS:
            continue  # a day with nothing to ask leaves no record: a gap says nothing was lost
        before = previous_occurrences(post.schedule, post.due_at, post.timezone, 1)
        if before and before[0] >= post.schedule.effective_from:
            checked.append((post, before[0]))
    if not checked:
        return  # the usual case: each post is the first firing owed
    async with work.transaction() as conn:
        lasts = await schedules.last_due(conn, [(p.chat_id, p.kind) for p, _ in checked])
        for post, previous in checked:
            last = lasts.get((post.chat_id, post.kind))
            if last is not None and previous <= last:
                continue  # the one before has a record: nothing was swallowed
            earlier = previous_occurrences(
                post.schedule, post.due_at, post.timezone, MISSED_LOOKBACK
            )
            for moment in earlier:
                if moment < post.schedule.effective_from or (last is not None and moment <= last):
                    break
                period = period_key(post.kind, moment, post.timezone)
                if await schedules.claim(
                    conn, post.chat_id, post.kind, period, moment, now, status="skipped"
                ):
                    log.warning(
                        "skipped %s for chat %s due %s: the bot was not running",
                        post.kind, post.chat_id, moment.isoformat(),
                    )  # fmt: skip


async def claim_posts(
    work: UnitOfWork, posts: list[DuePost], holder: str, now: datetime, lease: timedelta
) -> list[DuePost]:
    """Claim these posts for this process (holder) for a lease, in one transaction: the ones
    it got (another process's claims and settled posts are left out)."""
    if not posts:
        return []
    keys = [((p.chat_id, p.kind, p.period), p.due_at) for p in posts]
    async with work.transaction() as conn:
        got = await schedules.claim_for(conn, keys, holder, now, now + lease)
    return [p for p in posts if (p.chat_id, p.kind, p.period) in got]


async def going_out(work: UnitOfWork, post: DuePost, holder: str, now: datetime) -> bool:
    """The post goes to Telegram now: its claim becomes 'sending'. False when this process
    lost the claim (its lease ended and another process took the post over)."""
    key = (post.chat_id, post.kind, post.period)
    async with work.transaction() as conn:
        return await schedules.going_out(conn, key, holder, now, now + SENDING_LEASE)


async def lapse_sends(work: UnitOfWork, now: datetime) -> list[schedules.DeliveryKey]:
    """Posts a dead process left 'sending' past their lease: recorded as unknown (they may
    have arrived), never sent again. Which they were."""
    async with work.transaction() as conn:
        return await schedules.lapse_sends(conn, now)


async def sent(
    work: UnitOfWork, post: DuePost, chat_id: int, message_id: int, now: datetime
) -> None:
    """The post reached Telegram (in chat_id: the chat may have become a supergroup)."""
    upcoming = next_occurrence(post.schedule, now, post.timezone)
    async with work.transaction() as conn:
        await schedules.finish(conn, chat_id, post.kind, post.period, "sent", message_id, now)
        await schedules.set_next_due(conn, chat_id, post.kind, upcoming)


async def failed(work: UnitOfWork, post: DuePost, now: datetime, reason: str) -> None:
    """The post cannot go out (the chat refused it); it is not tried again."""
    await _close(work, post, now, "failed", reason)


async def unknown(work: UnitOfWork, post: DuePost, now: datetime, reason: str) -> None:
    """The post may have arrived (sent, and no answer came); it is not sent again."""
    await _close(work, post, now, "unknown", reason)


async def _close(work: UnitOfWork, post: DuePost, now: datetime, status: str, reason: str) -> None:
    upcoming = next_occurrence(post.schedule, now, post.timezone)
    async with work.transaction() as conn:
        await schedules.finish(
            conn, post.chat_id, post.kind, post.period, status, None, now, reason
        )
        await schedules.set_next_due(conn, post.chat_id, post.kind, upcoming)


async def nothing_to_send(work: UnitOfWork, post: DuePost, now: datetime) -> None:
    """The post turned out to have nothing to say (every habit already done): recorded as
    skipped, so it is not worked out again."""
    upcoming = next_occurrence(post.schedule, now, post.timezone)
    async with work.transaction() as conn:
        await schedules.finish(conn, post.chat_id, post.kind, post.period, "skipped", None, now)
        await schedules.set_next_due(conn, post.chat_id, post.kind, upcoming)


async def posted_already(work: UnitOfWork, chat_id: int, post: DuePost) -> bool:
    """Did chat_id already get this period's post (anything but our own claim in flight)?"""
    async with work.reading() as conn:
        status = await schedules.status(conn, chat_id, post.kind, post.period)
    return status not in (None, "claimed", "sending", "retry")


async def retry_later(
    work: UnitOfWork, post: DuePost, reason: str, now: datetime, *, resend: bool = False
) -> int:
    """Telegram did not take it (network, Telegram busy), or (resend) it may have arrived and
    is owed once more, marked: the next tick sends it again. How many tries it has had."""
    async with work.transaction() as conn:
        return await schedules.retry(
            conn, post.chat_id, post.kind, post.period, reason, now, resend=resend
        )


async def chat_gone(work: UnitOfWork, chat_id: int, now: datetime) -> None:
    """The bot was removed or blocked: stop scheduling the chat until it is added again."""
    async with work.transaction() as conn:
        await chats.deactivate(conn, chat_id, now)


async def recover_after_crash(
    work: UnitOfWork, now: datetime, *, alone: bool
) -> list[tuple[int, str, str]]:
    """At start-up. Alone (SQLite, under the single-instance lock), every claim left is a
    crashed predecessor's: those 'sending' may have reached Telegram, so they are closed as
    unknown, and those only claimed are owed again now. Among other processes (PostgreSQL),
    only the claims whose lease ended are theirs to close. Which posts were closed."""
    if not alone:
        return [(c, k.value, p) for c, k, p in await lapse_sends(work, now)]
    async with work.transaction() as conn:
        left = await schedules.unfinished(conn)
        await schedules.mark_unfinished_unknown(conn, now)
        await schedules.release_claims(conn, now)
    return left


async def due_reminders(work: UnitOfWork, now: datetime) -> list[tuple[Reminder, str]]:
    """Deadline reminders and overdue nudges owed now (from the reminder time of day on, in
    the goal's owner's zone: their own where they set one, else the chat's), each with its
    chat's time zone."""
    async with work.reading() as conn:
        scopes = await reminders.scopes(conn, now.date())
        goal_ids = [g.id for s in scopes for g in s.goals]
        already = await reminders.sent_keys(conn, goal_ids)
        moved = await reminders.last_moves(conn, goal_ids)
        pauses = await journal.pauses_of_chats(conn, [s.chat_id for s in scopes])
    owed = []
    for scope in scopes:
        here = [p for p in pauses if p.chat_id == scope.chat_id]
        for goal in scope.goals:
            # Their milestones fall due, and they are reminded, on their own days and clock.
            zone = goal.owner.zone_in(scope.timezone)
            if now.astimezone(ZoneInfo(zone)).time() < REMINDER_TIME:
                continue
            mine = [p for p in here if p.user_id == goal.owner.user_id]
            if away(mine, now, zone):
                continue  # paused: no reminders or nudges
            today = local_today(now, zone)
            owed += [
                (r, scope.timezone)
                for r in reminder_rules.owed(goal, today, scope.lead_days, zone, moved)
                if r.key not in already
            ]
    return owed


async def claim_reminders(
    work: UnitOfWork,
    items: Sequence[Reminder],
    habit_items: Sequence[HabitReminder],
    now: datetime,
) -> tuple[list[Reminder], tuple[HabitReminder, ...]]:
    """Record a chat's reminders as going out, in one transaction, just before the request
    (everything the message needs is read before): the ones not recorded yet. With several
    bots, each reminder goes to the one whose transaction recorded it; a bot that dies after
    this and before Telegram's answer loses those reminders rather than sending them twice,
    the same window as a post on the wire."""
    async with work.transaction() as conn:
        goals = [r for r in items if await reminders.claim(conn, r.key, now)]
        habits = tuple(
            [
                r
                for r in habit_items
                if await habit_events.claim(
                    conn, r.habit.id, EventKind.REMINDER, r.day.isoformat(), now
                )
            ]
        )
    return goals, habits


async def retry_reminder_later(work: UnitOfWork, reminder: Reminder) -> None:
    """Drop a reminder's record after a passing failure so it is tried again."""
    async with work.transaction() as conn:
        await reminders.release(conn, reminder.key)


@dataclass(frozen=True)
class DigestDue:
    """A mentor's weekly digest for one chat, owed now."""

    chat_id: int
    mentor: Member
    key: str  # "<chat>:<ISO week>", recorded under the mentor's private chat


async def due_digests(work: UnitOfWork, now: datetime, grace: timedelta) -> list[DigestDue]:
    """Weekly digests owed to mentors who can get direct messages."""
    async with work.reading() as conn:
        found = await people.mentors_to_brief(conn)
        owed = []
        for chat_id, tz, mentor, since in found:
            summary = (await schedules.for_chat(conn, chat_id)).get(Kind.SUMMARY)
            moment = latest_occurrence(digest_schedule(chat_id, summary, since), now, tz)
            if moment is None or now - moment > grace:
                continue
            key = f"{chat_id}:{period_key(Kind.MENTOR_DIGEST, moment, tz)}"
            owed.append((DigestDue(chat_id, mentor, key), moment))
        done = await schedules.recorded(
            conn, [(d.mentor.user_id, Kind.MENTOR_DIGEST, d.key) for d, _ in owed]
        )
    return [d for d, _ in owed if (d.mentor.user_id, Kind.MENTOR_DIGEST, d.key) not in done]


async def claim_digest(work: UnitOfWork, digest: DigestDue, now: datetime) -> bool:
    """Record a digest before sending (under the mentor's private chat); False if it went."""
    async with work.transaction() as conn:
        claimed = await schedules.claim(
            conn, digest.mentor.user_id, Kind.MENTOR_DIGEST, digest.key, now, now
        )
        if claimed:
            await schedules.finish(
                conn, digest.mentor.user_id, Kind.MENTOR_DIGEST, digest.key, "sent", None, now
            )
    return claimed


async def retry_digest_later(work: UnitOfWork, digest: DigestDue) -> None:
    """Telegram did not take the digest: drop its record, so the next tick (within the grace
    window) sends it again."""
    async with work.transaction() as conn:
        await schedules.forget(conn, digest.mentor.user_id, Kind.MENTOR_DIGEST, digest.key)
