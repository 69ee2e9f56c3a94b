"""/summary."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.handlers.common import actor, command
from bot.render import summary as render
from bot.render.i18n import Words
from bot.services import summary as service


@command("summary")
async def summary(update: Update, context: BotContext) -> None:
    """Show the group's progress now."""
    assert update.message is not None
    result = await service.group_summary(context.work, actor(update, context), context.now())
    words = Words(result.chat.language)
    await reply(
        update.message, render.group_summary(result.chat.title, result.progress, False, words)
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /summary."""
    app.add_handler(CommandHandler("summary", summary, filters=filters.UpdateType.MESSAGE))
