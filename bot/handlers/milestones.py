"""/milestone and /delete."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply
from bot.domain import callbacks, commands
from bot.handlers.common import actor, args_text, command, spoken
from bot.render import common as common_text
from bot.render import milestones as render
from bot.render.i18n import Words
from bot.services import milestones as service


@command("milestone")
async def milestone(update: Update, context: BotContext) -> None:
    """Add a milestone: /milestone <goal#> <title> by <date>."""
    assert update.message is not None
    lang = await spoken(update, context)
    spec = commands.parse_milestone(args_text(update.message), lang=lang)
    added = await service.add_milestone(context.work, actor(update, context), spec, context.now())
    text = render.milestone_added(added.goal, added.milestone, added.today, Words(lang))
    await reply(update.message, text)


@command("delete")
async def delete(update: Update, context: BotContext) -> None:
    """Ask the owner to confirm removing a milestone: /delete <goal#>.<n>."""
    assert update.message is not None
    ref = commands.parse_delete(args_text(update.message))
    found = await service.milestone_to_remove(
        context.work, actor(update, context), ref, context.now()
    )
    assert found.goal is not None and found.milestone is not None
    words = Words(await spoken(update, context))
    text, keyboard = render.remove_question(found.goal, found.milestone, found.today, words)
    await reply(update.message, text, keyboard)


async def remove_pressed(update: Update, context: BotContext) -> None:
    """Apply a press on Remove / Keep it; only the owner's press counts, and only once."""
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = callbacks.parse_remove_milestone(query.data)
    words = Words(await spoken(update, context))
    if choice is None:
        await answer(query, words.gettext(common_text.STALE_BUTTON))
        return
    chat = update.effective_chat
    assert chat is not None  # the gate let it through: it is on a message, in a chat
    outcome = await service.answer_remove(
        context.work, chat.id, query.from_user.id, choice.subject, choice.yes, context.now()
    )
    goal, milestone = outcome.found.goal, outcome.found.milestone
    if goal is None or milestone is None:
        await answer(query, words.gettext(common_text.GOAL_GONE))
        return
    text, toast = render.remove_answer(goal, milestone, outcome.result, words)
    await answer(query, toast)
    if text is not None:
        await edit(query, text)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the milestone commands and the /delete buttons."""
    app.add_handler(CommandHandler("milestone", milestone, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("delete", delete, filters=filters.UpdateType.MESSAGE))
    app.add_handler(
        CallbackQueryHandler(remove_pressed, pattern=callbacks.REMOVE_MILESTONE_PATTERN)
    )
