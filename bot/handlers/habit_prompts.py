"""The daily habit prompt's buttons: a press logs the presser's own habit for the prompt's day,
and the prompt shows who did what."""

from __future__ import annotations

from datetime import date

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.context import BotContext
from bot.delivery import answer, edit, edit_message, post, topic_fallback, topic_of
from bot.domain import callbacks
from bot.handlers.common import actor, spoken, stale_button
from bot.render import habit_prompts as render
from bot.render.i18n import Words
from bot.services import habit_prompts as service
from bot.services.habit_prompts import Pressed, PressResult


def _toast(pressed: Pressed, words: Words) -> str:
    habit = pressed.habit
    if habit is None or pressed.result is PressResult.GONE:
        return render.gone_toast(words)
    if pressed.result is PressResult.NOT_YOURS:
        return render.not_yours_toast(habit, words)
    if pressed.result is PressResult.TOO_OLD:
        return render.too_old_toast(habit, pressed.day, pressed.today, words)
    if pressed.result is PressResult.DONE_ALREADY:
        return render.done_already_toast(habit, pressed.day, pressed.today, words)
    current = pressed.streak.current if pressed.streak else 0
    return render.logged_toast(habit, pressed.day, pressed.today, current, words)


async def habit_pressed(update: Update, context: BotContext) -> None:
    """Log the habit on the pressed button (its owner only); celebrate what it earned."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    press = callbacks.parse_habit_done(query.data)
    if press is None:
        await stale_button(update, context)
        return
    pressed = await service.press(
        context.work, actor(update, context), press.habit_id, press.day, context.now()
    )
    words = Words(await spoken(update, context))
    await answer(query, _toast(pressed, words))
    if pressed.prompt is not None:
        text, keyboard = render.prompt(pressed.prompt, Words(pressed.prompt.chat.language))
        await edit(query, text, keyboard, already_shown_is_fine=True)
    if pressed.celebrations and pressed.habit is not None:
        text = render.celebrations(pressed.habit, pressed.celebrations, words)
        # Beside the prompt: in its forum topic, if it is in one; one closed or deleted since
        # sends it to General, as a scheduled post would, and the prompts go there from now on.
        prompt = query.message
        chat_id = prompt.chat.id
        topic = topic_of(prompt) if isinstance(prompt, Message) else None
        sent = await post(
            context, chat_id, [(text, None)], topic=topic,
            topic_lost=topic_fallback(context, chat_id, topic),
        )  # fmt: skip
        sent.raise_unless_taken()


async def refresh_prompt(context: BotContext, chat_id: int, day: date) -> None:
    """Show a change made by command (/did, /undo) on the day's prompt, if it went out."""
    found = await service.posted_prompt(context.work, chat_id, day)
    if found is None:
        return
    message_id, shown = found
    text, keyboard = render.prompt(shown, Words(shown.chat.language))
    await edit_message(context.bot, chat_id, message_id, text, keyboard, already_shown_is_fine=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the habit prompt's buttons."""
    app.add_handler(CallbackQueryHandler(habit_pressed, pattern=callbacks.HABIT_PATTERN))
