"""/milestone."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain import commands
from bot.handlers.common import actor, args_text, command
from bot.render import milestones as render
from bot.services import milestones as service


@command("milestone")
async def milestone(update: Update, context: BotContext) -> None:
    """Add a milestone: /milestone <goal#> <title> by <date>."""
    assert update.message is not None
    spec = commands.parse_milestone(args_text(update.message))
    added = await service.add_milestone(context.work, actor(update, context), spec, context.now())
    await reply(update.message, render.milestone_added(added.goal, added.milestone, added.today))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the milestone command."""
    app.add_handler(CommandHandler("milestone", milestone, filters=filters.UpdateType.MESSAGE))
