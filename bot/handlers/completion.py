"""/done, /progress and /reopen: completions, the celebrations they trigger, and undoing one."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply, tell_partner, topic_of
from bot.domain import commands
from bot.domain.errors import IsAHabit, Usage
from bot.domain.people import NoticeKind
from bot.handlers import habits
from bot.handlers.common import actor, args_text, command, spoken
from bot.render import completion as render
from bot.render import people as render_people
from bot.render.i18n import Words
from bot.services import completion as service


@command("done")
async def done(update: Update, context: BotContext) -> None:
    """Complete a milestone (/done 7.2) or a goal (/done 7), celebrating once."""
    assert update.message is not None
    ref = commands.parse_done(args_text(update.message))
    try:
        result = await service.complete(context.work, actor(update, context), ref, context.now())
    except IsAHabit as habit:
        if ref.milestone_number is not None:
            raise
        await habits.ask_stop(update, context, habit.number)
        return
    goal, today = result.goal, result.today
    words = Words(await spoken(update, context))
    if result.already_done:
        text = render.already_done(goal, result.milestone, today, result.timezone, words)
    elif result.milestone is not None:
        text = render.milestone_completed(goal, result.milestone, today, words)
    else:
        text = "\n".join(render.goal_achieved(goal, today, words))
    await reply(update.message, text)
    if result.milestone_completed and result.milestone is not None:
        m = result.milestone
        await tell_partner(
            context,
            goal.chat_id,
            update.message.chat.title,
            goal.owner,
            NoticeKind.COMPLETED,
            f"milestone:{m.id}",
            render_people.completed_milestone(goal.number, m.number, m.title),
            context.now(),
            topic=topic_of(update.message),
        )


@command("progress")
async def progress(update: Update, context: BotContext) -> None:
    """Set (/progress 7 6) or add to (/progress 7 +2) a goal's current value."""
    assert update.message is not None
    text = args_text(update.message).strip()
    lang = await spoken(update, context)
    try:
        spec = commands.parse_progress(text, lang=lang)
    except Usage:  # '/progress 78' or '/progress 78,5 kg': a value for the one goal?
        await service.lone_value(context.work, actor(update, context), text, context.now(), lang)
        raise
    await apply_progress(update, context, update.message, spec)


async def apply_progress(
    update: Update, context: BotContext, message: Message, spec: commands.ProgressSpec
) -> None:
    """Record a progress value (typed, or picked from a question) and answer `message`."""
    result = await service.record_progress(
        context.work, actor(update, context), spec, context.now()
    )
    words = Words(await spoken(update, context))
    if result.goal_achieved:
        text = "\n".join(render.goal_achieved(result.goal, result.today, words))
    else:
        text = render.progress_recorded(result.goal, result.previous, result.today, words)
    await reply(message, text)


@command("undo")
async def undo(update: Update, context: BotContext) -> None:
    """Take back the last progress entry on a goal (/undo 7), and the achievement it caused."""
    assert update.message is not None
    number = commands.parse_single_goal(args_text(update.message))
    try:
        result = await service.undo(context.work, actor(update, context), number, context.now())
    except IsAHabit:
        await habits.undo_habit(update, context, update.message, number)
        return
    text = render.undone(
        result.goal,
        result.taken_back,
        result.today,
        result.achievement_taken_back,
        Words(await spoken(update, context)),
    )
    await reply(update.message, text)


@command("reopen")
async def reopen(update: Update, context: BotContext) -> None:
    """Make an achieved or dropped goal active again (/reopen 7), or a milestone (/reopen 7.2)."""
    assert update.message is not None
    ref = commands.parse_reopen(args_text(update.message))
    result = await service.reopen(context.work, actor(update, context), ref, context.now())
    words = Words(await spoken(update, context))
    if result.milestone is not None:
        text = render.milestone_reopened(result.goal, result.milestone, result.today, words)
    else:
        text = render.reopened(result.goal, result.was, result.today, words)
    await reply(update.message, text)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the completion commands."""
    app.add_handler(CommandHandler("done", done, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("progress", progress, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("reopen", reopen, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("undo", undo, filters=filters.UpdateType.MESSAGE))
