"""The scheduler's one job: every tick, ask what is due now, send it once, record it.

Schedules live in SQLite and are re-read on every tick, so a restart loses nothing and a
changed schedule needs no job to be replaced. Each post is claimed before it is sent (see
services/scheduled.py for the exactly-once rules).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from enum import StrEnum

from telegram.ext import Application, JobQueue

from bot import delivery
from bot.context import BotContext
from bot.delivery import Outcome, Reason
from bot.delivery.policy import resent_when_unsure
from bot.domain.dates import local_today
from bot.domain.errors import DatabaseGone
from bot.domain.languages import Lang
from bot.domain.people import NoticeKind
from bot.domain.reminders import Reminder, ReminderKind
from bot.domain.report import PeriodKind
from bot.domain.schedules import Kind
from bot.render import checkins as render_checkins
from bot.render import habit_prompts as render_habits
from bot.render import people as render_people
from bot.render import reminders as render_reminders
from bot.render import reports as render_reports
from bot.render import reviews as render_reviews
from bot.render import summary as render_summary
from bot.render.common import SENT_AGAIN
from bot.render.i18n import Words
from bot.services import checkins as checkin_service
from bot.services import (
    habit_prompts,
    habit_rounds,
    languages,
    mentors,
    partners,
    reports,
    reviews,
    scheduled,
)
from bot.services import summary as summary_service
from bot.services.habit_rounds import HabitReminder
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

# The messages of one post, in order (delivery splits any that are over Telegram's limit).
Outgoing = list[delivery.Part]


def _summary_parts(result: summary_service.ChatSummary) -> Outgoing:
    words = Words(result.chat.language)
    text = render_summary.group_summary(result.chat.title, result.progress, True, words)
    return [(text, None)]


async def _content(context: BotContext, post: DuePost, now: datetime) -> Outgoing:
    work = context.work
    if post.kind is Kind.CHECKIN:
        prompt = await reviews.checkin_prompt(work, post.chat_id, post.period)
        words = Words(prompt.chat.language)
        text, keyboard = render_checkins.prompt(prompt.chat.title, post.period, prompt.roll, words)
        return [(text, keyboard)]
    if post.kind is Kind.SUMMARY:
        return _summary_parts(await summary_service.scheduled_summary(work, post.chat_id, now))
    if post.kind is Kind.HABITS:
        found = await habit_prompts.prompt(work, post.chat_id, post.period)
        words = Words(found.chat.language)
        return [render_habits.prompt(found, words)] if found.asking else []  # []: nothing to ask
    content = await reviews.review(work, post.chat_id, now)
    monthly = post.kind is Kind.MONTHLY_REVIEW
    # The review closes a period, so its report is the whole month or quarter just ended.
    numbers = await reports.report(
        work, post.chat_id, PeriodKind.MONTH if monthly else PeriodKind.QUARTER, now, whole=True
    )
    report = render_reports.report_text(None, numbers.report, Words(content.chat.language))
    report_parts: Outgoing = [(report, None)]
    words = Words(content.chat.language)
    if monthly:
        text = render_reviews.monthly(content.chat.title, content.today, content.behind, words)
        return [(text, None), *report_parts]
    questions = render_reviews.quarterly(
        content.chat.title, post.period, content.goals, content.today, {}, words
    )
    return questions + report_parts


class Verdict(StrEnum):
    """What a send means for the ledger."""

    SENT = "sent"  # recorded as sent
    ALREADY_THERE = "already_there"  # the supergroup it became already had this post
    RETRY = "retry"  # certainly not taken: the next tick sends it
    UNSURE = "unsure"  # it may have arrived: not sent again (a check-in prompt: once, marked)
    STOP = "stop"  # refused: never sent again
    GONE = "gone"  # the chat refused the bot: never sent again, and unscheduled


def verdict(outcome: Outcome) -> Verdict:
    """The ledger's reading of a send's outcome. Once any part of a post is out it counts as
    sent: a later part failing never causes a resend."""
    if outcome.reason is Reason.ALREADY_THERE:
        return Verdict.ALREADY_THERE
    if outcome.messages:
        return Verdict.SENT
    if outcome.reason is Reason.BLOCKED:
        return Verdict.GONE
    if outcome.kind is delivery.Kind.NOT_TAKEN:
        return Verdict.RETRY
    if outcome.kind is delivery.Kind.AMBIGUOUS:
        return Verdict.UNSURE
    return Verdict.STOP


def _marked(outgoing: Outgoing, words: Words) -> Outgoing:
    """The post sent once more after a send that may have arrived: it says so at the top, in
    the chat's language."""
    (text, keyboard), *rest = outgoing
    return [(f"{words.gettext(SENT_AGAIN)}\n\n{text}", keyboard), *rest]


def _claim_posts(context: BotContext, posts: list[DuePost]) -> Awaitable[list[DuePost]]:
    """Claim these posts for this process, for the configured lease from now (not from the
    tick's start: a tick of thousands of posts claims its last batches minutes later)."""
    data = context.bot_data
    return scheduled.claim_posts(
        context.work, posts, data.replica, context.now(), data.config.claim_lease
    )


async def send_post(
    context: BotContext,
    post: DuePost,
    now: datetime,
    prepared: Outgoing | None = None,
    *,
    claimed: bool = False,
) -> None:
    """Claim (unless claimed already), send and record one scheduled post (its text worked
    out now, unless given).

    A group that became a supergroup is moved first; the post then goes there, unless the
    supergroup already had this period's post.
    """
    work = context.work
    if not claimed and not await _claim_posts(context, [post]):
        return
    outgoing = prepared if prepared is not None else await _content(context, post, now)
    if not outgoing:
        await scheduled.nothing_to_send(work, post, now)
        return
    if post.resend:
        outgoing = _marked(outgoing, Words(await languages.stored(work, post.chat_id) or Lang.EN))
    if not await scheduled.going_out(work, post, context.bot_data.replica, context.now()):
        log.info(
            "%s for chat %s was taken over by another process while its text was worked out",
            post.kind, post.chat_id,
        )  # fmt: skip
        return

    async def already_there(chat_id: int) -> bool:
        return await scheduled.posted_already(work, chat_id, post)

    topic = post.schedule.topic_id
    outcome = await delivery.post(
        context,
        post.chat_id,
        outgoing,
        topic=topic,
        topic_lost=delivery.topic_fallback(context, post.chat_id, topic),
        already_there=already_there,
    )
    what = verdict(outcome)
    error, reason = outcome.error, outcome.reason.value
    if what is Verdict.ALREADY_THERE:
        log.info("%s for %s was already posted in its supergroup", post.kind, post.period)
        return
    if what is Verdict.RETRY:
        tries = await scheduled.retry_later(work, post, reason, now, resend=post.resend)
        log.warning(
            "%s for chat %s not taken by Telegram (%s, try %d); trying again on the next tick",
            post.kind, post.chat_id, reason, tries, exc_info=error,
        )  # fmt: skip
        return
    if what is Verdict.UNSURE and resent_when_unsure(post.kind) and not post.resend:
        await scheduled.retry_later(work, post, reason, now, resend=True)
        log.warning(
            "%s for chat %s may have arrived (%s); sending it once more, marked, on the next tick",
            post.kind, post.chat_id, reason, exc_info=error,
        )  # fmt: skip
        return
    if what is Verdict.UNSURE:
        await scheduled.unknown(work, post, now, reason)
        log.warning(
            "%s for chat %s may have arrived (%s); recorded as unknown, not sent again",
            post.kind, post.chat_id, reason, exc_info=error,
        )  # fmt: skip
        return
    if what is not Verdict.SENT:
        log.warning("%s for chat %s failed (%s); not sent again", post.kind, post.chat_id, error)
        await scheduled.failed(work, post, now, reason)
        if what is Verdict.GONE:
            await scheduled.chat_gone(work, post.chat_id, now)
        return
    message = outcome.first
    assert message is not None
    if not outcome.taken:
        log.error(
            "part of a post to chat %s failed (%s); the rest is not sent",
            message.chat_id,
            outcome.reason,
            exc_info=error,
        )
    await scheduled.sent(work, post, message.chat_id, message.message_id, now)
    log.info("sent %s to chat %s for %s", post.kind, message.chat_id, post.period)
    if post.kind is Kind.CHECKIN:
        await _tell_partners_of_missed_checkins(context, message.chat_id, post, now)


async def send_reminders(
    context: BotContext,
    chat_id: int,
    items: Sequence[Reminder],
    habit_items: Sequence[HabitReminder],
    now: datetime,
    tz: str,
) -> None:
    """Claim, send and record a chat's reminders owed now (deadline reminders, overdue nudges
    and habit reminders) in one message."""
    work = context.work
    # What the message needs is read first; the claim is then the last step before the
    # request (see scheduled.claim_reminders).
    words = Words(await languages.stored(work, chat_id) or Lang.EN)
    topic, lost = await delivery.in_topic(context, chat_id, Kind.REMINDERS)
    goals_due, habits_due = await scheduled.claim_reminders(work, items, habit_items, now)
    if not goals_due and not habits_due:
        return
    # Each said against its owner's own today ("due tomorrow" on their calendar), in the
    # chat's language.
    texts = [
        render_reminders.reminder(r, local_today(now, r.goal.owner.zone_in(tz)), words)
        for r in goals_due
    ]
    texts += [render_habits.reminder(r.habit, r.safety, words) for r in habits_due]
    text = "\n\n".join(texts)
    outcome = await delivery.post(context, chat_id, [(text, None)], topic=topic, topic_lost=lost)
    what = verdict(outcome)
    if what is Verdict.RETRY:
        log.warning(
            "reminders for chat %s not taken by Telegram (%s); trying again on the next tick",
            chat_id, outcome.reason,
        )  # fmt: skip
        for item in goals_due:
            await scheduled.retry_reminder_later(work, item)
        if habits_due:
            await habit_rounds.retry_later(work, chat_id, now, reminders=habits_due)
        return
    if what is Verdict.UNSURE:
        log.warning(
            "reminders for chat %s may have arrived (%s); not sent again",
            chat_id, outcome.reason,
        )  # fmt: skip
        return
    if what is not Verdict.SENT:
        log.warning("reminders for chat %s failed (%s); not sent again", chat_id, outcome.error)
        if what is Verdict.GONE:
            await scheduled.chat_gone(work, chat_id, now)
        return
    message = outcome.first
    assert message is not None
    for item in goals_due:
        if item.kind is ReminderKind.OVERDUE and item.milestone is not None:
            m = item.milestone
            topic, lost = await delivery.in_topic(context, message.chat_id, Kind.REMINDERS)
            await delivery.tell_partner(
                context,
                message.chat_id,
                message.chat.title,
                item.goal.owner,
                NoticeKind.OVERDUE,
                f"milestone:{m.id}:{m.due_date.isoformat()}",
                f"{item.goal.number}.{m.number} {m.title}",
                now,
                topic=topic,
                topic_lost=lost,
            )


async def send_round(context: BotContext, found: habit_rounds.Round, now: datetime) -> None:
    """A chat's habit round: each habit that reached its end is announced in the group once,
    and partners hear of a streak that broke, once per break."""
    work, chat_id = context.work, found.chat.chat_id
    for end in found.ends:
        # A habit's end is told at the reminders' time, where the reminders go; that is read
        # first, so that the claim is the last step before the request.
        topic, lost = await delivery.in_topic(context, chat_id, Kind.REMINDERS)
        if not await habit_rounds.claim_end(work, end, now):
            continue
        text = render_habits.ended(end.habit, end.summary, found.day, Words(found.chat.language))
        outcome = await delivery.post(
            context, chat_id, [(text, None)], topic=topic, topic_lost=lost
        )
        what = verdict(outcome)
        if what is Verdict.RETRY:
            log.warning("habit end for chat %s not sent (%s); retrying", chat_id, outcome.error)
            await habit_rounds.retry_later(work, chat_id, now, ends=(end,))
            return
        if what is Verdict.GONE:
            await scheduled.chat_gone(work, chat_id, now)
            return
        if what is not Verdict.SENT:
            log.warning("habit end for chat %s failed (%s); not sent again", chat_id, outcome.error)
    for broke in found.breaks:
        topic, lost = await delivery.in_topic(context, chat_id, Kind.REMINDERS)
        await delivery.tell_partner(
            context,
            chat_id,
            found.chat.title,
            broke.habit.owner,
            NoticeKind.STREAK_BROKEN,
            broke.subject,
            # In the reader's language: a direct message speaks the partner's own.
            functools.partial(render_habits.broken_detail, broke.habit, broke.broken),
            now,
            topic=topic,
            topic_lost=lost,
        )


async def _tell_partners_of_missed_checkins(
    context: BotContext, chat_id: int, post: DuePost, now: datetime
) -> None:
    """A new check-in period began: partners hear who missed the one before, once for each
    run of misses (the notice is recorded under the run's first missed period)."""
    missed = await checkin_service.missed_previous(context.work, chat_id, post.due_at)
    for member, first_missed, title in missed:
        topic, lost = await delivery.in_topic(context, chat_id, Kind.CHECKIN)
        await delivery.tell_partner(
            context, chat_id, title, member, NoticeKind.MISSED_CHECKIN, first_missed, "", now,
            topic=topic, topic_lost=lost,
        )  # fmt: skip


async def send_digest(context: BotContext, due: scheduled.DigestDue, now: datetime) -> None:
    """One mentor's weekly digest by direct message, once."""
    if not await scheduled.claim_digest(context.work, due, now):
        return
    digest = await mentors.digest(context.work, due.chat_id, now)
    sent = await delivery.direct(
        context,
        due.mentor.user_id,
        functools.partial(render_people.digest, digest, False),
        fallback=digest.chat.language,
    )
    if sent.closed:
        await partners.direct_messages_closed(context.work, due.mentor.user_id)
    elif verdict(sent) is Verdict.RETRY:
        log.warning(
            "digest for mentor %s not taken by Telegram (%s); trying again on the next tick",
            due.mentor.user_id, sent.reason,
        )  # fmt: skip
        await scheduled.retry_digest_later(context.work, due)
    elif verdict(sent) is Verdict.UNSURE:
        log.warning(
            "digest for mentor %s may have arrived (%s); not sent again",
            due.mentor.user_id, sent.reason,
        )  # fmt: skip
    else:
        sent.raise_unless_taken()  # logged by _guarded


def _stopping(context: BotContext) -> bool:
    """The bot is stopping: what is not claimed yet stays owed, for the next start."""
    signal = delivery.stop_signal(context.bot)
    return signal is not None and signal.is_set()


async def _guarded(
    context: BotContext,
    semaphore: asyncio.Semaphore,
    what: str,
    work: Callable[[], Awaitable[None]],
) -> None:
    """One chat's failure is logged and never stops the others; after a stop nothing more
    is begun (a tick of 10,000 posts would outlast the stop's ten seconds)."""
    async with semaphore:
        if _stopping(context):
            return
        try:
            await work()
        except DatabaseGone:
            raise  # not this chat's failure: the bot is stopping (logged once, where found)
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
    except DatabaseGone:
        raise
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
        if _stopping(context):
            return
        batch = await _claim_posts(context, posts[start : start + SUMMARY_BATCH])
        if not batch:
            continue  # other processes have them
        prepared = await _prepare_summaries(context, batch, now)
        await asyncio.gather(
            *(
                _guarded(
                    context,
                    semaphore,
                    f"{p.kind} for {p.chat_id}",
                    functools.partial(
                        send_post, context, p, now, prepared.get(p.chat_id), claimed=True
                    ),
                )
                for p in batch
            )
        )


async def tick(context: BotContext) -> None:
    """Send everything due now: posts, reminders (with the habit rounds), digests."""
    now = context.now()
    grace = context.bot_data.config.catch_up_grace
    work = context.work
    for chat_id, kind, period in await scheduled.lapse_sends(work, now):
        log.warning(
            "%s for chat %s (%s) was being sent by a process that stopped; not sent again",
            kind, chat_id, period,
        )  # fmt: skip
    posts = await scheduled.due_posts(work, now, grace)
    owed = await scheduled.due_reminders(work, now)
    rounds = await habit_rounds.due_rounds(work, now)
    digests = await scheduled.due_digests(work, now, grace)
    semaphore = asyncio.Semaphore(CONCURRENCY)
    sends = [
        _guarded(
            context,
            semaphore,
            f"{p.kind} for {p.chat_id}",
            functools.partial(send_post, context, p, now),
        )
        for p in posts
        if p.kind is not Kind.SUMMARY
    ]
    sends.append(
        _send_summaries(context, semaphore, [p for p in posts if p.kind is Kind.SUMMARY], now)
    )
    # One message of reminders per chat: its deadline reminders, nudges and habit reminders.
    batches: dict[int, tuple[list[Reminder], list[HabitReminder], str]] = {}
    for r, tz in owed:
        batches.setdefault(r.chat_id, ([], [], tz))[0].append(r)
    for found in rounds:
        if found.reminders:
            chat = found.chat
            batches.setdefault(chat.chat_id, ([], [], chat.timezone))[1].extend(found.reminders)
    sends += [
        _guarded(
            context,
            semaphore,
            f"reminders for {chat_id}",
            functools.partial(send_reminders, context, chat_id, goals, habits, now, tz),
        )
        for chat_id, (goals, habits, tz) in batches.items()
    ]
    sends += [
        _guarded(
            context,
            semaphore,
            f"habit round for {r.chat.chat_id}",
            functools.partial(send_round, context, r, now),
        )
        for r in rounds
        if r.ends or r.breaks
    ]
    sends += [
        _guarded(
            context,
            semaphore,
            f"digest for {d.chat_id}",
            functools.partial(send_digest, context, d, now),
        )
        for d in digests
    ]
    await asyncio.gather(*sends)


async def catch_up(app: Application) -> None:  # type: ignore[type-arg]
    """At start-up, before polling: close claims a crash left open, then send what was missed."""
    context = BotContext(app)
    alone = not context.bot_data.config.on_postgresql  # SQLite: the single-instance lock
    left = await scheduled.recover_after_crash(context.work, context.now(), alone=alone)
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
