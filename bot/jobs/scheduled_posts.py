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

import httpx
from telegram import InlineKeyboardMarkup, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import Application, JobQueue

from bot import messaging
from bot.context import BotContext
from bot.domain.dates import local_today
from bot.domain.people import NoticeKind
from bot.domain.reminders import Reminder, ReminderKind
from bot.domain.report import PeriodKind
from bot.domain.schedules import Kind
from bot.render import checkins as render_checkins
from bot.render import people as render_people
from bot.render import reminders as render_reminders
from bot.render import reports as render_reports
from bot.render import reviews as render_reviews
from bot.render import summary as render_summary
from bot.render.text import split_message
from bot.services import checkins as checkin_service
from bot.services import membership, mentors, partners, reports, reviews, scheduled
from bot.services import summary as summary_service
from bot.services.scheduled import DuePost

log = logging.getLogger(__name__)

JOB_NAME = "scheduled-posts"
TICK_SECONDS = 30.0
# Sends in flight at once; AIORateLimiter keeps the pace within Telegram's limits.
CONCURRENCY = 8
# Summaries are read from the database this many chats at a time, and rendered in slices
# of RENDER_SLICE between which the event loop serves commands.
SUMMARY_BATCH = 25
RENDER_SLICE = 5

Outgoing = list[tuple[str, InlineKeyboardMarkup | None]]


def _summary_parts(result: summary_service.ChatSummary) -> Outgoing:
    text = render_summary.group_summary(
        result.chat.title, result.progress, "Summary", "since the last summary"
    )
    return [(chunk, None) for chunk in split_message(text)]


async def _content(context: BotContext, post: DuePost, now: datetime) -> Outgoing:
    work = context.work
    if post.kind is Kind.CHECKIN:
        prompt = await reviews.checkin_prompt(work, post.chat_id, post.period)
        text, keyboard = render_checkins.prompt(prompt.chat.title, post.period, prompt.roll)
        return [(text, keyboard)]
    if post.kind is Kind.SUMMARY:
        return _summary_parts(await summary_service.scheduled_summary(work, post.chat_id, now))
    content = await reviews.review(work, post.chat_id, now)
    monthly = post.kind is Kind.MONTHLY_REVIEW
    # The review closes a period, so its report is the whole month or quarter just ended.
    numbers = await reports.report(
        work, post.chat_id, PeriodKind.MONTH if monthly else PeriodKind.QUARTER, now, whole=True
    )
    report = render_reports.report_text(None, numbers.report)
    report_parts: Outgoing = [(chunk, None) for chunk in split_message(report)]
    if monthly:
        text = render_reviews.monthly(content.chat.title, content.today, content.behind)
        return [(chunk, None) for chunk in split_message(text)] + report_parts
    questions = render_reviews.quarterly(
        content.chat.title, post.period, content.goals, content.today, {}
    )
    return questions + report_parts


class AlreadyThere(Exception):
    """The group became a supergroup that already had this post: nothing to send."""


async def _send(context: BotContext, post: DuePost, outgoing: Outgoing) -> Message:
    """Send every part; once one part is out, a later failure never causes a resend.

    A group that became a supergroup is moved first; the post then goes there, unless the
    supergroup already had this period's post.
    """
    chat_id = post.chat_id
    first: Message | None = None
    for text, keyboard in outgoing:
        try:
            try:
                message = await context.bot.send_message(chat_id, text, reply_markup=keyboard)
            except ChatMigrated as moved:
                chat_id = int(moved.new_chat_id)
                await membership.chat_migrated(context.work, post.chat_id, chat_id)
                if await scheduled.posted_already(context.work, chat_id, post):
                    raise AlreadyThere() from moved
                message = await context.bot.send_message(chat_id, text, reply_markup=keyboard)
        except TelegramError:
            if first is None:
                raise
            log.exception("part of a post to chat %s failed; the rest is not sent", chat_id)
            return first
        chat_id = message.chat_id
        first = first or message
    assert first is not None
    return first


def after_error(error: TelegramError) -> str:
    """What a failed send means for the ledger.

    'gone': the chat refused the bot. 'retry': Telegram certainly did not take the message
    (asked us to wait, or we never reached it), so a later tick may send it. 'stop': refused
    for good, or unknown whether it arrived (a timeout after sending): never send it again.
    """
    if isinstance(error, Forbidden):
        return "gone"
    if isinstance(error, RetryAfter):
        return "retry"
    if isinstance(error, BadRequest):
        return "stop"
    cause = error.__cause__
    if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return "retry"
    gateway = str(error) in ("Bad Gateway", "Service Unavailable")
    if isinstance(error, NetworkError) and not isinstance(error, TimedOut) and gateway:
        return "retry"
    return "stop"


async def send_post(
    context: BotContext, post: DuePost, now: datetime, prepared: Outgoing | None = None
) -> None:
    """Claim, send and record one scheduled post (its text worked out now, unless given)."""
    work = context.work
    if not await scheduled.claim(work, post, now):
        return
    try:
        outgoing = prepared if prepared is not None else await _content(context, post, now)
        message = await _send(context, post, outgoing)
    except AlreadyThere:
        log.info("%s for %s was already posted in its supergroup", post.kind, post.period)
        return
    except TelegramError as error:
        verdict = after_error(error)
        if verdict == "retry":
            log.warning("%s for chat %s not sent (%s); retrying", post.kind, post.chat_id, error)
            await scheduled.retry_later(work, post)
            return
        log.warning("%s for chat %s failed (%s); not sent again", post.kind, post.chat_id, error)
        await scheduled.failed(work, post, now)
        if verdict == "gone":
            await scheduled.chat_gone(work, post.chat_id, now)
        return
    await scheduled.sent(work, post, message.chat_id, message.message_id, now)
    log.info("sent %s to chat %s for %s", post.kind, message.chat_id, post.period)
    if post.kind is Kind.CHECKIN:
        await _tell_partners_of_missed_checkins(context, message.chat_id, post, now)


async def send_reminder(context: BotContext, item: Reminder, now: datetime, tz: str) -> None:
    """Claim, send and record one deadline reminder or overdue nudge."""
    work = context.work
    if not await scheduled.claim_reminder(work, item, now):
        return
    try:
        text = render_reminders.reminder(item, local_today(now, tz))
        message = await messaging.send(context, item.chat_id, text)
    except TelegramError as error:
        verdict = after_error(error)
        if verdict == "retry":
            log.warning("reminder for chat %s not sent (%s); retrying", item.chat_id, error)
            await scheduled.retry_reminder_later(work, item)
            return
        log.warning("reminder for chat %s failed (%s); not sent again", item.chat_id, error)
        if verdict == "gone":
            await scheduled.chat_gone(work, item.chat_id, now)
        return
    if item.kind is ReminderKind.OVERDUE and item.milestone is not None:
        m = item.milestone
        await messaging.tell_partner(
            context,
            message.chat_id,
            message.chat.title,
            item.goal.owner,
            NoticeKind.OVERDUE,
            f"milestone:{m.id}:{m.due_date.isoformat()}",
            f"{item.goal.number}.{m.number} {m.title}",
            now,
        )


async def _tell_partners_of_missed_checkins(
    context: BotContext, chat_id: int, post: DuePost, now: datetime
) -> None:
    """A new check-in period began: partners hear who missed the one before, once for each
    run of misses (the notice is recorded under the run's first missed period)."""
    missed = await checkin_service.missed_previous(context.work, chat_id, post.due_at)
    for member, first_missed, title in missed:
        await messaging.tell_partner(
            context, chat_id, title, member, NoticeKind.MISSED_CHECKIN, first_missed, "", now
        )


async def send_digest(context: BotContext, due: scheduled.DigestDue, now: datetime) -> None:
    """One mentor's weekly digest by direct message, once."""
    if not await scheduled.claim_digest(context.work, due, now):
        return
    digest = await mentors.digest(context.work, due.chat_id, now)
    try:
        for chunk in split_message(render_people.digest(digest)):
            await context.bot.send_message(due.mentor.user_id, chunk)
    except (Forbidden, BadRequest) as error:
        if not messaging.closed_to_us(error):
            raise
        await partners.direct_messages_closed(context.work, due.mentor.user_id)


async def _guarded(
    semaphore: asyncio.Semaphore, what: str, work: Callable[[], Awaitable[None]]
) -> None:
    """One chat's failure is logged and never stops the others."""
    async with semaphore:
        try:
            await work()
        except Exception:
            log.exception("scheduled work failed: %s", what)


async def _prepare_summaries(
    context: BotContext, posts: list[DuePost], now: datetime
) -> dict[int, Outgoing]:
    """The texts of a batch of summaries, read together; {} if that fails (then each post
    works out its own, so one bad chat cannot hold up the rest)."""
    try:
        results = await summary_service.scheduled_summaries(
            context.work, [p.chat_id for p in posts], now
        )
    except Exception:
        log.exception("summaries for %d chats could not be read together", len(posts))
        return {}
    prepared = {}
    for n, result in enumerate(results, 1):
        prepared[result.chat.chat_id] = _summary_parts(result)
        if n % RENDER_SLICE == 0:
            await asyncio.sleep(0)  # let replies to commands through between summaries
    return prepared


async def _send_summaries(
    context: BotContext, semaphore: asyncio.Semaphore, posts: list[DuePost], now: datetime
) -> None:
    """Summaries go out in batches: each batch is read and rendered, then sent."""
    for start in range(0, len(posts), SUMMARY_BATCH):
        batch = posts[start : start + SUMMARY_BATCH]
        prepared = await _prepare_summaries(context, batch, now)
        await asyncio.gather(
            *(
                _guarded(
                    semaphore,
                    f"{p.kind} for {p.chat_id}",
                    functools.partial(send_post, context, p, now, prepared.get(p.chat_id)),
                )
                for p in batch
            )
        )


async def tick(context: BotContext) -> None:
    """Send everything due now: posts, then reminders."""
    now = context.now()
    grace = context.bot_data.config.catch_up_grace
    work = context.work
    posts = await scheduled.due_posts(work, now, grace)
    owed = await scheduled.due_reminders(work, now)
    digests = await scheduled.due_digests(work, now, grace)
    semaphore = asyncio.Semaphore(CONCURRENCY)
    sends = [
        _guarded(
            semaphore, f"{p.kind} for {p.chat_id}", functools.partial(send_post, context, p, now)
        )
        for p in posts
        if p.kind is not Kind.SUMMARY
    ]
    sends.append(
        _send_summaries(context, semaphore, [p for p in posts if p.kind is Kind.SUMMARY], now)
    )
    sends += [
        _guarded(
            semaphore,
            f"reminder for {r.chat_id}",
            functools.partial(send_reminder, context, r, now, tz),
        )
        for r, tz in owed
    ]
    sends += [
        _guarded(
            semaphore, f"digest for {d.chat_id}", functools.partial(send_digest, context, d, now)
        )
        for d in digests
    ]
    await asyncio.gather(*sends)


async def catch_up(app: Application) -> None:  # type: ignore[type-arg]
    """At start-up, before polling: close claims a crash left open, then send what was missed."""
    context = BotContext(app)
    left = await scheduled.recover_after_crash(context.work, context.now())
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
