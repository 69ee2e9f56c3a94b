"""/habit and /did, and a habit's /undo and /done (stopping it, confirmed with a button)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain.choices import HabitStop, stop_habit
from bot.domain.frequencies import DidSpec, parse_did, parse_habit
from bot.handlers.common import actor, args_text, command, spoken
from bot.handlers.habit_prompts import refresh_prompt
from bot.render import habit_goals as render_habit_goals
from bot.render import habit_prompts as render_prompts
from bot.render import habits as render
from bot.render.i18n import Words
from bot.services import habits as service


@command("habit")
async def habit(update: Update, context: BotContext) -> None:
    """Set a habit: /habit <title> <how often> [at least|at most <amount>] [until <date>]."""
    assert update.message is not None
    spec = parse_habit(args_text(update.message), lang=await spoken(update, context))
    view = await service.create_habit(context.work, actor(update, context), spec, context.now())
    words = Words(view.chat.language)
    text = render.habit_created(view.habit, view.stats, view.today, words)
    checked = render_habit_goals.checked(view.habit, view.today, words)
    await reply(update.message, "\n".join([text, *checked]))


@command("did")
async def did(update: Update, context: BotContext) -> None:
    """Log a habit: /did <habit#> [yesterday] [amount] [note]."""
    assert update.message is not None
    spec = parse_did(args_text(update.message), lang=await spoken(update, context))
    await apply_did(update, context, update.message, spec)


async def apply_did(update: Update, context: BotContext, message: Message, spec: DidSpec) -> None:
    """Log a habit (typed, or with an amount picked from a question) and answer `message`."""
    logged = await service.did(context.work, actor(update, context), spec, context.now())
    view = logged.view
    words = Words(view.chat.language)
    text = render.did(view.habit, view.stats, logged.day, view.today, logged.amount, words)
    if logged.celebrations:  # reached by command: said with the reply, in one message
        text += "\n" + render_prompts.celebrations(view.habit, logged.celebrations, words)
    await reply(message, text)
    await refresh_prompt(context, view.chat.chat_id, logged.day)


async def undo_habit(update: Update, context: BotContext, message: Message, number: int) -> None:
    """Take back a habit's latest entry of today or yesterday (/undo on a habit's number)."""
    logged = await service.undo(context.work, actor(update, context), number, context.now())
    view = logged.view
    words = Words(view.chat.language)
    await reply(message, render.undone(view.habit, view.stats, logged.day, view.today, words))
    await refresh_prompt(context, view.chat.chat_id, logged.day)


async def ask_stop(update: Update, context: BotContext, number: int) -> None:
    """/done on a habit: ask first, since stopping ends it (the question is the reply)."""
    view = await service.habit_to_stop(context.work, actor(update, context), number, context.now())
    raise stop_habit(view.habit.number, view.habit.title)


async def apply_stop(
    update: Update, context: BotContext, message: Message, stop: HabitStop
) -> None:
    """Stop the habit (confirmed) and answer `message`."""
    view = await service.stop(context.work, actor(update, context), stop.number, context.now())
    await reply(message, render.stopped(view.habit, view.stats, Words(view.chat.language)))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /habit and /did."""
    app.add_handler(CommandHandler("habit", habit, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("did", did, filters=filters.UpdateType.MESSAGE))
