"""/checkin, the check-in buttons, /reflect and the quarterly review buttons."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, edit_message, reply
from bot.domain import callbacks, commands
from bot.domain.checkins import ReviewResult, parse_checkin
from bot.domain.errors import Usage, UsageProblem
from bot.domain.models import Chat
from bot.handlers.common import actor, args_text, command, spoken, stale_button
from bot.render import checkins as render
from bot.render import reviews as render_reviews
from bot.render.i18n import Words
from bot.services import checkins as service

log = logging.getLogger(__name__)


async def _refresh_prompt(context: BotContext, chat: Chat, message_id: int, period: str) -> None:
    roll = await service.roll_call(context.work, chat.chat_id, period)
    text, keyboard = render.prompt(chat.title, period, roll, Words(chat.language))
    await edit_message(
        context.bot, chat.chat_id, message_id, text, keyboard, already_shown_is_fine=True
    )


@command("checkin")
async def checkin(update: Update, context: BotContext) -> None:
    """Check in by text: /checkin on track|behind|help [note]; alone, the three buttons."""
    assert update.message is not None
    if not args_text(update.message).strip():
        found = await service.open_period(context.work, actor(update, context), context.now())
        words = Words(found.chat.language)
        text, keyboard = render.prompt(found.chat.title, found.period, found.roll, words)
        await reply(update.message, text, keyboard)
        return
    status, note = parse_checkin(args_text(update.message), lang=await spoken(update, context))
    result = await service.check_in(
        context.work, actor(update, context), status, note, context.now()
    )
    words = Words(result.chat.language)
    text = render.checked_in(
        result.member, status, result.streak, note, result.days, result.today, words
    )
    await reply(update.message, text)
    if result.prompt_message_id is not None:
        await _refresh_prompt(context, result.chat, result.prompt_message_id, result.period)


async def checkin_pressed(update: Update, context: BotContext) -> None:
    """A press on the check-in prompt records (or changes) the presser's check-in."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    press = callbacks.parse_checkin(query.data)
    if press is None:
        await stale_button(update, context)
        return
    result = await service.check_in(
        context.work, actor(update, context), press.status, None, context.now(), period=press.period
    )
    words = Words(result.chat.language)
    await answer(query, render.toast(press.status, result.streak, result.days, result.today, words))
    await _refresh_prompt(context, result.chat, query.message.message_id, press.period)


@command("reflect")
async def reflect(update: Update, context: BotContext) -> None:
    """Answer a review: /reflect <text>, stored with the date."""
    assert update.message is not None
    text = " ".join(args_text(update.message).split())
    if not text:
        raise Usage(UsageProblem.EMPTY_REFLECTION)
    if len(text) > commands.MAX_NOTE:
        raise Usage(UsageProblem.LONG_REFLECTION)
    who = actor(update, context)
    chat = await service.reflect(context.work, who, text, context.now())
    await reply(update.message, render.reflected(who.member, Words(chat.language)))


async def review_pressed(update: Update, context: BotContext) -> None:
    """Keep, adjust or drop a goal in the quarterly review (its owner only)."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    press = callbacks.parse_review(query.data)
    if press is None:
        await stale_button(update, context)
        return
    message = query.message
    assert isinstance(message, Message)
    markup = message.reply_markup.inline_keyboard if message.reply_markup else ()
    shown = callbacks.review_goal_ids(
        [b.callback_data for row in markup for b in row if isinstance(b.callback_data, str)]
    )
    where = service.ReviewMessage(message.chat_id, message.message_id, shown)
    state = await service.answer_review(
        context.work,
        query.from_user.id,
        press.goal_id,
        press.period,
        press.choice,
        where,
        context.now(),
        confirmed=press.confirmed,
    )
    words = Words(await spoken(update, context))
    toast = render_reviews.review_toast(
        state.goal, state.result, press.choice, query.from_user.id, words
    )
    await answer(query, toast)
    if state.result in (ReviewResult.RECORDED, ReviewResult.FINISHED, ReviewResult.DROP_ASKED):
        title = update.effective_chat.title if update.effective_chat else None
        text, keyboard = render_reviews.quarterly_message(
            render_reviews.review_title(title, words),
            press.period,
            state.goals,
            state.today,
            state.answers,
            asking=press.goal_id if state.result is ReviewResult.DROP_ASKED else None,
            words=words,
        )
        await edit(query, text, keyboard, already_shown_is_fine=True)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add check-ins, reflections and the review buttons."""
    app.add_handler(CommandHandler("checkin", checkin, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("reflect", reflect, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CallbackQueryHandler(checkin_pressed, pattern=callbacks.CHECKIN_PATTERN))
    app.add_handler(CallbackQueryHandler(review_pressed, pattern=callbacks.REVIEW_PATTERN))
