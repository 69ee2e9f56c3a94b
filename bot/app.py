"""Builds the Application: wiring, lifecycle and handler registration."""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.ext._baseratelimiter import BaseRateLimiter

from bot.config import Config
from bot.context import BotContext, BotData, Clock, UserData, system_clock
from bot.delivery import PatientRateLimiter, set_commands
from bot.handlers import (
    audit,
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
from bot.jobs import scheduled_posts
from bot.ordering import PerChatUpdateProcessor
from bot.render.start import menu
from bot.storage.database import Database

log = logging.getLogger(__name__)


# The update kinds the bot handles; Telegram is asked for these only (a poll, an inline query
# or a payment never reaches the bot).
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    await data.db.open()
    await data.update_log.load()
    private = [BotCommand(name, what) for name, what in menu(private=True)]
    groups = [BotCommand(name, what) for name, what in menu(private=False)]
    await set_commands(app.bot, private, groups)
    await scheduled_posts.catch_up(app)
    assert app.job_queue is not None
    scheduled_posts.schedule(app.job_queue, data.tick_seconds)
    log.info("bot @%s is ready", app.bot.username)


async def _post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    await data.db.close()


def _limiter(config: Config) -> PatientRateLimiter:
    """Telegram's flood limits; RATE_LIMITS=off keeps only the retries (local servers)."""
    if config.rate_limits:
        return PatientRateLimiter(max_retries=3)
    return PatientRateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)


def build_application(
    config: Config,
    *,
    clock: Clock = system_clock,
    rate_limiter: BaseRateLimiter | None = None,  # type: ignore[type-arg]
    tick_seconds: float = scheduled_posts.TICK_SECONDS,
) -> Application:  # type: ignore[type-arg]
    """The bot, wired to its database and clock, with every handler registered."""
    context_types = ContextTypes(context=BotContext, bot_data=BotData, user_data=UserData)
    app = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=None))
        .context_types(context_types)
        .rate_limiter(rate_limiter or _limiter(config))
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data.attach(config, Database(config.database_path), clock)
    app.bot_data.tick_seconds = tick_seconds
    # Everything is in group 0, where only the first matching handler runs; so order matters:
    # the guided /goal (bare command) before the one-line /goal, and the unknown-command
    # catch-all after every feature.
    audit.register(app)
    flood.register(app)
    start.register(app)
    goal_wizard.register(app)
    goals.register(app)
    habits.register(app)
    habit_prompts.register(app)
    milestones.register(app)
    completion.register(app)
    summary.register(app)
    schedules.register(app)
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
