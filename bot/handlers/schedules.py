"""/timezone and /schedule: group settings, for chat admins."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain.errors import NotAdmin
from bot.domain.schedules import parse_schedule_command
from bot.handlers.common import actor, args_text, command, is_admin
from bot.render import schedules as render
from bot.services import schedules as service


@command("timezone", anonymous_ok=True)
async def timezone(update: Update, context: BotContext) -> None:
    """Show the chat's time zone, or (admins) set it: /timezone Europe/Berlin."""
    assert update.message is not None
    name = args_text(update.message).strip()
    now = context.now()
    if not name:
        view = await service.show(context.work, actor(update, context), now)
        await reply(update.message, render.timezone_now(view.chat, now))
        return
    if not await is_admin(update, context):
        raise NotAdmin()
    view = await service.set_timezone(context.work, actor(update, context), name, now)
    await reply(update.message, render.timezone_set(view.chat, now))


@command("schedule", anonymous_ok=True)
async def schedule(update: Update, context: BotContext) -> None:
    """Show the schedules, or (admins) change one: /schedule checkin mon,thu 09:00."""
    assert update.message is not None
    text = args_text(update.message).strip()
    now = context.now()
    if not text:
        view = await service.show(context.work, actor(update, context), now)
    else:
        change = parse_schedule_command(text)
        if not await is_admin(update, context):
            raise NotAdmin()
        view = await service.change(context.work, actor(update, context), change, now)
    await reply(
        update.message, render.schedule_list(view.chat, view.schedules, view.next_at, view.today)
    )


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the settings commands."""
    app.add_handler(CommandHandler("timezone", timezone, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("schedule", schedule, filters=filters.UpdateType.MESSAGE))
