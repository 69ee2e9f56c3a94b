"""The scheduler's one job: every tick, ask what is due now, send it once, record it.

Schedules live in SQLite and are re-read on every tick, so a restart loses nothing and a
changed schedule needs no job to be replaced. Each post is claimed before it is sent (see
services/scheduled.py for the exactly-once rules).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from telegram import InlineKeyboardMarkup, Message
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, JobQueue

from bot.context import BotContext
from bot.domain.dates import local_today
from bot.domain.reminders import Reminder
from bot.domain.schedules import Kind
from bot.render import checkins as render_checkins
from bot.render import reminders as render_reminders
from bot.render import reviews as render_reviews
from bot.render import summary as render_summary
from bot.render.text import split_message
from bot.services import reviews, scheduled
from bot.services import summary as summary_service
from bot.services.scheduled import DuePost

log = logging.getLogger(__name__)

JOB_NAME = "scheduled-posts"
TICK_SECONDS = 30.0
# Sends in flight at once; AIORateLimiter keeps the pace within Telegram's limits.
CONCURRENCY = 8

Outgoing = list[tuple[str, InlineKeyboardMarkup | None]]


async def _content(context: BotContext, post: DuePost, now: datetime) -> Outgoing:
    db = context.db
    if post.kind is Kind.CHECKIN:
        prompt = await reviews.checkin_prompt(db, post.chat_id, post.period)
        text, keyboard = render_checkins.prompt(prompt.chat.title, post.period, prompt.roll)
        return [(text, keyboard)]
    if post.kind is Kind.SUMMARY:
        result = await summary_service.scheduled_summary(db, post.chat_id, now)
        text = render_summary.group_summary(
            result.chat.title, result.progress, "Summary", "since the last summary"
        )
        return [(chunk, None) for chunk in split_message(text)]
    content = await reviews.review(db, post.chat_id, now)
    if post.kind is Kind.MONTHLY_REVIEW:
        text = render_reviews.monthly(content.chat.title, content.today, content.behind)
        return [(chunk, None) for chunk in split_message(text)]
    return render_reviews.quarterly(
        content.chat.title, post.period, content.goals, content.today, {}
    )


async def _send(context: BotContext, chat_id: int, outgoing: Outgoing) -> Message:
    first: Message | None = None
    for text, keyboard in outgoing:
        message = await context.bot.send_message(chat_id, text, reply_markup=keyboard)
        first = first or message
    assert first is not None
    return first


async def send_post(context: BotContext, post: DuePost, now: datetime) -> None:
    """Claim, send and record one scheduled post."""
    db = context.db
    if not await scheduled.claim(db, post, now):
        return
    try:
        message = await _send(context, post.chat_id, await _content(context, post, now))
    except Forbidden as error:
        log.warning(
            "chat %s refused the %s (%s): no longer scheduled", post.chat_id, post.kind, error
        )
        await scheduled.failed(db, post, now)
        await scheduled.chat_gone(db, post.chat_id, now)
    except (NetworkError, RetryAfter) as error:
        log.warning(
            "%s for chat %s not sent (%s); retrying next tick", post.kind, post.chat_id, error
        )
        await scheduled.retry_later(db, post)
    except TelegramError:
        log.exception("%s for chat %s refused by Telegram; not retried", post.kind, post.chat_id)
        await scheduled.failed(db, post, now)
    else:
        await scheduled.sent(db, post, message.message_id, now)
        log.info("sent %s to chat %s for %s", post.kind, post.chat_id, post.period)


async def send_reminder(context: BotContext, item: Reminder, now: datetime, tz: str) -> None:
    """Claim, send and record one deadline reminder or overdue nudge."""
    db = context.db
    if not await scheduled.claim_reminder(db, item, now):
        return
    try:
        text = render_reminders.reminder(item, local_today(now, tz))
        await context.bot.send_message(item.chat_id, text)
    except Forbidden as error:
        log.warning("chat %s refused a reminder (%s): no longer scheduled", item.chat_id, error)
        await scheduled.chat_gone(db, item.chat_id, now)
    except (NetworkError, RetryAfter) as error:
        log.warning("reminder for chat %s not sent (%s); retrying next tick", item.chat_id, error)
        await scheduled.retry_reminder_later(db, item)


async def _guarded(
    semaphore: asyncio.Semaphore, what: str, work: Callable[[], Awaitable[None]]
) -> None:
    """One chat's failure is logged and never stops the others."""
    async with semaphore:
        try:
            await work()
        except Exception:
            log.exception("scheduled work failed: %s", what)


async def tick(context: BotContext) -> None:
    """Send everything due now: posts, then reminders."""
    now = context.now()
    grace = context.bot_data.config.catch_up_grace
    db = context.db
    posts = await scheduled.due_posts(db, now, grace)
    owed = await scheduled.due_reminders(db, now)
    semaphore = asyncio.Semaphore(CONCURRENCY)
    work = [
        _guarded(
            semaphore, f"{p.kind} for {p.chat_id}", functools.partial(send_post, context, p, now)
        )
        for p in posts
    ]
    work += [
        _guarded(
            semaphore,
            f"reminder for {r.chat_id}",
            functools.partial(send_reminder, context, r, now, tz),
        )
        for r, tz in owed
    ]
    await asyncio.gather(*work)


async def catch_up(app: Application) -> None:  # type: ignore[type-arg]
    """At start-up, before polling: close claims a crash left open, then send what was missed."""
    context = BotContext(app)
    left = await scheduled.recover_after_crash(context.db, context.now())
    for chat_id, kind, period in left:
        log.warning(
            "%s for chat %s (%s) was being sent when the bot stopped; not sent again",
            kind,
            chat_id,
            period,
        )
    await tick(context)


def schedule(job_queue: JobQueue, interval: float = TICK_SECONDS) -> None:  # type: ignore[type-arg]
    """Run the tick every `interval` seconds (the first after one interval: start-up ran one)."""
    for old in job_queue.get_jobs_by_name(JOB_NAME):
        old.schedule_removal()
    job_queue.run_repeating(tick, interval=interval, first=interval, name=JOB_NAME)
