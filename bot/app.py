"""Builds the Application: wiring, lifecycle and handler registration."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from collections.abc import Callable

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.ext._baseratelimiter import BaseRateLimiter
from telegram.request import HTTPXRequest

from bot.config import Config
from bot.context import BotContext, BotData, Clock, UserData, system_clock
from bot.delivery import PatientRateLimiter, set_commands, set_description
from bot.delivery.policy import SEND_TIMEOUT
from bot.domain.languages import Lang
from bot.handlers import (
    audit,
    buttons,
    checkins,
    choices,
    completion,
    errors,
    flood,
    goal_wizard,
    goals,
    habit_prompts,
    habits,
    journal,
    languages,
    membership,
    mentors,
    milestones,
    partners,
    privacy,
    reports,
    schedules,
    start,
    summary,
)
from bot.incoming import TolerantBot, parse_update
from bot.jobs import scheduled_posts
from bot.ordering import PerChatUpdateProcessor
from bot.render.i18n import Words, check_installed
from bot.render.start import description, menu
from bot.storage.backend import database_for

log = logging.getLogger(__name__)

# A stop (SIGTERM, Ctrl+C) ends within STOP_CUT_OFF + a moment, inside Docker's 10 s: replies
# and posts may wait for Telegram's send budget until STOP_WAIT after the signal (the one reply
# in flight in a group gets its turn within 3 s), and requests Telegram has not answered by
# STOP_CUT_OFF are abandoned. Updates not started by then are kept for the next start.
STOP_WAIT = 5.0  # seconds
STOP_CUT_OFF = 8.0  # seconds


# The update kinds the bot handles; Telegram is asked for these only (a poll, an inline query
# or a payment never reaches the bot).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]


def _processor(app: Application) -> PerChatUpdateProcessor:  # type: ignore[type-arg]
    processor = app.update_processor
    assert isinstance(processor, PerChatUpdateProcessor)
    return processor


async def _take_back_held(app: Application) -> None:  # type: ignore[type-arg]
    """The updates the last stop left unhandled go first in the queue, before anything new;
    flood control let them in when they arrived, so it does not count them again."""
    data: BotData = app.bot_data
    bodies = await data.update_log.take_held()
    for body in bodies:
        update = parse_update(json.loads(body), app.bot)
        if update is None:
            continue  # logged by its id; every other one is handled
        _processor(app).let_in(update.update_id)
        await app.update_queue.put(update)
    if bodies:
        log.info("handling %d updates the last stop left unhandled", len(bodies))


async def _keep_held(app: Application) -> None:  # type: ignore[type-arg]
    """Store the updates a stop left unhandled, for the next start."""
    data: BotData = app.bot_data
    held = _processor(app).held()
    while not app.update_queue.empty():  # a stop during start-up: never given to the processor
        queued = app.update_queue.get_nowait()
        if isinstance(queued, Update):
            held.append(queued)
    if held:
        await data.update_log.hold([(u.update_id, u.to_json()) for u in held], data.clock())
        log.info("%d updates not handled yet are kept for the next start", len(held))


def begin_stop(
    app: Application,  # type: ignore[type-arg]
    then: Callable[[], None] | None = None,
) -> None:
    """A stop was asked for (a signal): start no more updates, bound every wait on Telegram,
    then stop taking updates (`then`: python-telegram-bot's stop_running for polling; the
    webhook's own stop), so the updates in flight finish, and the job run too."""
    if _processor(app).stopping:
        return  # a second signal: the stop under way already ends in time
    log.info("stopping: no new updates are started; those in flight finish")
    loop = asyncio.get_running_loop()
    _processor(app).stop()
    limiter = app.bot.rate_limiter
    if isinstance(limiter, PatientRateLimiter):
        limiter.stop(loop.time() + STOP_WAIT, loop.time() + STOP_CUT_OFF)
    (then or app.stop_running)()


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    await data.db.open()
    await data.update_log.load()
    await _take_back_held(app)
    check_installed()  # a language without its compiled catalog fails here, not mid-reply
    for lang in Lang:  # English for every client without a language of its own here
        words, code = Words(lang), None if lang is Lang.EN else lang.telegram
        private = [BotCommand(name, what) for name, what in menu(True, words)]
        groups = [BotCommand(name, what) for name, what in menu(False, words)]
        await set_commands(app.bot, private, groups, code)
        await set_description(app.bot, *description(words), code)
    await scheduled_posts.catch_up(app)
    assert app.job_queue is not None
    scheduled_posts.schedule(app.job_queue, data.tick_seconds)
    log.info("bot @%s is ready", app.bot.username)


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    try:
        await _keep_held(app)
    finally:
        await data.close_shared()
        await data.db.close()


def _limiter(config: Config) -> PatientRateLimiter:
    """Telegram's flood limits (counted in Redis for every process with REDIS_URL);
    RATE_LIMITS=off keeps only the retries (local servers)."""
    if not config.rate_limits:
        return PatientRateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)
    if config.redis_url:
        from bot.delivery.shared import SharedBudget  # Redis's libraries only where used

        bot_id = config.token.split(":", 1)[0]
        return PatientRateLimiter(max_retries=3, shared=SharedBudget(config.redis_url, bot_id))
    return PatientRateLimiter(max_retries=3)


def build_application(
    config: Config,
    *,
    clock: Clock = system_clock,
    rate_limiter: BaseRateLimiter | None = None,  # type: ignore[type-arg]
    tick_seconds: float = scheduled_posts.TICK_SECONDS,
    send_timeout: float = SEND_TIMEOUT,
) -> Application:  # type: ignore[type-arg]
    """The bot, wired to its database and clock, with every handler registered.

    send_timeout: how long a request other than getUpdates waits to be written and answered
    (python-telegram-bot's 5 s would count a slow Telegram as a failure).
    """
    context_types = ContextTypes(context=BotContext, bot_data=BotData, user_data=UserData)
    # The bot reads each update of a getUpdates answer on its own (bot/incoming.py). Built
    # here as ApplicationBuilder would build it: 256 connections for sends, one for polling.
    bot = TolerantBot(
        config.token,
        base_url=config.base_url,
        defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=None),
        rate_limiter=rate_limiter or _limiter(config),
        request=HTTPXRequest(
            connection_pool_size=256, read_timeout=send_timeout, write_timeout=send_timeout
        ),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
    )
    processor = PerChatUpdateProcessor()
    app = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(context_types)
        .concurrent_updates(processor)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data.attach(config, database_for(config.database_url, config.database_path), clock)
    app.bot_data.tick_seconds = tick_seconds
    # Flood control counts each command as it arrives, before it waits for its chat's turn.
    processor.gate = functools.partial(flood.gate, app)
    # Everything is in group 0, where only the first matching handler runs; so order matters:
    # the guided /goal (bare command) before the one-line /goal, and the unknown-command
    # catch-all after every feature.
    audit.register(app)
    buttons.register(app)
    start.register(app)
    goal_wizard.register(app)
    goals.register(app)
    habits.register(app)
    habit_prompts.register(app)
    milestones.register(app)
    completion.register(app)
    summary.register(app)
    schedules.register(app)
    languages.register(app)
    checkins.register(app)
    partners.register(app)
    mentors.register(app)
    journal.register(app)
    privacy.register(app)
    reports.register(app)
    membership.register(app)
    choices.register(app)
    start.register_unknown(app)
    errors.register(app)
    return app
