"""Scheduled posts: what is due at `now`, and the ledger that makes each go out once.

Exactly once: a post is claimed (a row in `deliveries`) in its own transaction before it is
sent, and a claimed post is never sent again. The remaining window is a crash after the claim
and before Telegram accepted the message: that post is lost rather than doubled, and the
claim left 'sending' is logged at the next start-up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain import reminders as reminder_rules
from bot.domain.dates import local_today
from bot.domain.reminders import Reminder
from bot.domain.schedules import REMINDER_TIME, Kind, Schedule, latest_occurrence, period_key
from bot.storage import chats, reminders, schedules
from bot.storage.database import Database

log = logging.getLogger(__name__)

POSTS = (Kind.CHECKIN, Kind.SUMMARY, Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW)


@dataclass(frozen=True)
class DuePost:
    """One scheduled post owed to one chat."""

    schedule: Schedule
    timezone: str
    due_at: datetime
    period: str

    @property
    def chat_id(self) -> int:
        """Where it goes."""
        return self.schedule.chat_id

    @property
    def kind(self) -> Kind:
        """What it is."""
        return self.schedule.kind


async def due_posts(db: Database, now: datetime, grace: timedelta) -> list[DuePost]:
    """Posts whose time has come and that have no record yet.

    A post missed by more than the grace window (the bot was down) is recorded as skipped and
    logged, so a long outage does not dump old prompts on the group.
    """
    async with db.reading() as conn:
        found = await schedules.enabled_in_active_chats(conn)
    candidates = []
    for schedule, tz in found:
        if schedule.kind not in POSTS:
            continue
        moment = latest_occurrence(schedule, now, tz)
        if moment is not None:
            candidates.append(DuePost(schedule, tz, moment, period_key(schedule.kind, moment, tz)))
    if not candidates:
        return []
    async with db.reading() as conn:
        done = await schedules.recorded(conn, [(p.chat_id, p.kind, p.period) for p in candidates])
    owed = [p for p in candidates if (p.chat_id, p.kind, p.period) not in done]
    late = [p for p in owed if now - p.due_at > grace]
    if late:
        async with db.transaction() as conn:
            for post in late:
                await schedules.claim(
                    conn, post.chat_id, post.kind, post.period, post.due_at, now, status="skipped"
                )
        for post in late:
            log.warning(
                "skipped %s for chat %s due %s: missed by more than %s",
                post.kind, post.chat_id, post.due_at.isoformat(), grace,
            )  # fmt: skip
    return [p for p in owed if now - p.due_at <= grace]


async def claim(db: Database, post: DuePost, now: datetime) -> bool:
    """Record the post as being sent; False when another tick already has it."""
    async with db.transaction() as conn:
        return await schedules.claim(conn, post.chat_id, post.kind, post.period, post.due_at, now)


async def sent(db: Database, post: DuePost, message_id: int, now: datetime) -> None:
    """The post reached Telegram."""
    async with db.transaction() as conn:
        await schedules.finish(conn, post.chat_id, post.kind, post.period, "sent", message_id, now)


async def failed(db: Database, post: DuePost, now: datetime) -> None:
    """The post cannot go out (a bug, or the chat refused it); it is not tried again."""
    async with db.transaction() as conn:
        await schedules.finish(conn, post.chat_id, post.kind, post.period, "failed", None, now)


async def retry_later(db: Database, post: DuePost) -> None:
    """A passing failure (network, Telegram busy): drop the claim so the next tick retries."""
    async with db.transaction() as conn:
        await schedules.release(conn, post.chat_id, post.kind, post.period)


async def chat_gone(db: Database, chat_id: int, now: datetime) -> None:
    """The bot was removed or blocked: stop scheduling the chat until it is added again."""
    async with db.transaction() as conn:
        await chats.deactivate(conn, chat_id, now)


async def recover_after_crash(db: Database, now: datetime) -> list[tuple[int, str, str]]:
    """Claims a crash left 'sending': they may have reached Telegram, so they are closed."""
    async with db.transaction() as conn:
        left = await schedules.unfinished(conn)
        await schedules.mark_unfinished_unknown(conn, now)
    return left


async def due_reminders(db: Database, now: datetime) -> list[tuple[Reminder, str]]:
    """Deadline reminders and overdue nudges owed now (from the reminder time of day on),
    each with its chat's time zone."""
    async with db.reading() as conn:
        scopes = await reminders.scopes(conn)
        already = await reminders.sent_keys(conn, [g.id for s in scopes for g in s.goals])
    owed = []
    for scope in scopes:
        local_now = now.astimezone(ZoneInfo(scope.timezone))
        if local_now.time() < REMINDER_TIME:
            continue
        today = local_today(now, scope.timezone)
        for goal in scope.goals:
            owed += [
                (r, scope.timezone)
                for r in reminder_rules.owed(goal, today, scope.lead_days)
                if r.key not in already
            ]
    return owed


async def claim_reminder(db: Database, reminder: Reminder, now: datetime) -> bool:
    """Record a reminder before sending; False when it already went."""
    async with db.transaction() as conn:
        return await reminders.claim(conn, reminder.key, now)


async def retry_reminder_later(db: Database, reminder: Reminder) -> None:
    """Drop a reminder's record after a passing failure so it is tried again."""
    async with db.transaction() as conn:
        await reminders.release(conn, reminder.key)
