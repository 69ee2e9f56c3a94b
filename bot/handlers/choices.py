"""A press on a question's button: the member who was asked picks what to record."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.context import BotContext
from bot.delivery import answer, edit
from bot.domain import callbacks
from bot.domain.choices import Asked, HabitStop, TargetChange
from bot.domain.commands import GoalSpec, ProgressSpec
from bot.domain.errors import UserError
from bot.domain.frequencies import DidSpec
from bot.handlers import completion, goals, habits
from bot.handlers.common import refuse, spoken
from bot.render import choices as render
from bot.render import common as common_text
from bot.render.i18n import Words
from bot.services import choices as service
from bot.services.choices import PickProblem


async def picked(update: Update, context: BotContext) -> None:
    """Apply the picked option, once, for the member who was asked; others get a toast."""
    query = update.callback_query
    assert query is not None and query.data is not None
    press = callbacks.parse_pick(query.data)
    chat = update.effective_chat
    words = Words(await spoken(update, context))
    if press is None or chat is None or not isinstance(query.message, Message):
        await answer(query, words.gettext(common_text.STALE_BUTTON))
        return
    result = await service.pick(
        context.work, chat.id, query.from_user.id, press.choice_id, press.index, context.now()
    )
    match result:
        case PickProblem.NOT_YOURS:
            await answer(query, words.gettext(render.NOT_YOURS))
            return
        case PickProblem.ANSWERED:
            await answer(query, words.gettext(render.ANSWERED))
            return
        case PickProblem.NO_SUCH_OPTION:
            await answer(query, words.gettext(common_text.STALE_BUTTON))
            return
    await answer(query, render.picked(result.option, words=words))
    question = query.message
    # Its buttons go (nothing to press twice); the question stays, with the answer under it.
    await edit(query, render.picked(result.option, question.text or "", words))
    # The answer goes to the command that was asked about, when Telegram still shows it.
    command = question.reply_to_message or question
    try:
        match (result.asked, result.option):
            case (_, None):
                pass  # nothing recorded; the answer is stored with the update (audit.settle)
            case (Asked.PROGRESS, ProgressSpec() as spec):
                await completion.apply_progress(update, context, command, spec)
            case (Asked.TARGET, TargetChange() as change):
                await goals.apply_target(
                    update, context, command, change.goal_number, change.target
                )
            case (Asked.GOAL, GoalSpec() as spec):
                await goals.apply_goal(update, context, command, spec)
            case (Asked.DID, DidSpec() as did):
                await habits.apply_did(update, context, command, did)
            case (Asked.STOP_HABIT, HabitStop() as stop):
                await habits.apply_stop(update, context, command, stop)
    except UserError as error:
        await refuse(update, context, command, error, result.asked.value)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Presses on question buttons."""
    app.add_handler(CallbackQueryHandler(picked, pattern=callbacks.PICK_PATTERN))
