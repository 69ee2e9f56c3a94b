"""/journal, /pause and /resume."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain import commands
from bot.domain.dates import local_today
from bot.domain.errors import UsageProblem
from bot.handlers.common import actor, args_text, command, spoken
from bot.render import journal as render_journal
from bot.render import people as render
from bot.render.i18n import Words
from bot.services import journal as journal_service
from bot.services import pauses as pause_service


@command("journal")
async def journal(update: Update, context: BotContext) -> None:
    """Write in a goal's journal (/journal 7 text; owner only) or read it (/journal 7)."""
    assert update.message is not None
    text = args_text(update.message).strip()
    who, now = actor(update, context), context.now()
    words = Words(await spoken(update, context))
    if len(text.split()) == 1:
        view = await journal_service.read(context.work, who, commands.parse_goal_number(text), now)
        today = local_today(now, view.timezone)
        text = render_journal.journal(
            view.goal, view.lines, view.timezone, today, view.history, words
        )
        await reply(update.message, text)
        return
    number, note = commands.parse_goal_and_text(
        text, UsageProblem.EMPTY_JOURNAL, UsageProblem.LONG_JOURNAL
    )
    goal = await journal_service.write(context.work, who, number, note, now)
    await reply(update.message, render_journal.journal_written(goal, words))


@command("pause")
async def pause(update: Update, context: BotContext) -> None:
    """Step away: /pause [from <date>] [until <date> | for <n> days] [because <reason>]."""
    assert update.message is not None
    words = Words(await spoken(update, context))
    spec = commands.parse_pause(args_text(update.message), lang=words.lang)
    who = actor(update, context)
    result = await pause_service.pause(context.work, who, spec, context.now())
    await reply(update.message, render.paused(who.member, result, words))


@command("resume")
async def resume(update: Update, context: BotContext) -> None:
    """Come back early from a pause."""
    assert update.message is not None
    who = actor(update, context)
    result = await pause_service.resume(context.work, who, context.now())
    await reply(
        update.message, render.resumed(who.member, result, Words(await spoken(update, context)))
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the journal and pause commands."""
    app.add_handler(CommandHandler("journal", journal, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("pause", pause, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("resume", resume, filters=filters.UpdateType.MESSAGE))
