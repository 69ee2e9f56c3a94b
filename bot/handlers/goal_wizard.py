"""/goal with no arguments: a short guided conversation, answered by replies."""

from __future__ import annotations

import re
from dataclasses import replace

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, ConversationHandler, MessageHandler, filters

from bot.context import BotContext, GoalDraft
from bot.delivery import reply
from bot.domain import commands
from bot.domain.errors import Usage, UsageProblem, UserError
from bot.handlers import goals as one_line
from bot.handlers.common import actor, refuse
from bot.render import goal_wizard as ask
from bot.render import goals as render_goals
from bot.render.errors import explain
from bot.services import goals as service

TITLE, DEADLINE, TARGET, WHY = range(4)
SKIP = {"skip", "no", "none", "-", "/skip"}
ANSWER = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE


def _draft(update: Update, context: BotContext) -> GoalDraft:
    assert update.effective_chat is not None and context.user_data is not None
    return context.user_data.goal_drafts.setdefault(update.effective_chat.id, GoalDraft())


async def _ask(message: Message, text: str, placeholder: str) -> None:
    await reply(message, text, ask.prompt(placeholder))


async def begin(update: Update, context: BotContext) -> int:
    """Start the guided /goal."""
    assert update.message is not None and context.user_data is not None
    assert update.effective_chat is not None and update.effective_user is not None
    context.user_data.goal_drafts[update.effective_chat.id] = GoalDraft()
    await _ask(update.message, ask.ask_title(update.effective_user.first_name), "Read 12 books")
    return TITLE


async def got_title(update: Update, context: BotContext) -> int:
    """Take the title, ask for the deadline."""
    assert update.message is not None and update.message.text is not None
    try:
        _draft(update, context).title = commands.check_title(update.message.text)
    except UserError as error:
        await _ask(update.message, explain(error, "wizard_title"), "Read 12 books")
        return TITLE
    await _ask(update.message, ask.ASK_DEADLINE, "end of year")
    return DEADLINE


async def got_deadline(update: Update, context: BotContext) -> int:
    """Take the deadline, ask for a target."""
    assert update.message is not None and update.message.text is not None
    try:
        deadline = await service.check_deadline(
            context.work, actor(update, context), update.message.text, context.now()
        )
    except UserError as error:
        await _ask(update.message, explain(error, "wizard_deadline"), "end of year")
        return DEADLINE
    _draft(update, context).deadline = deadline.isoformat()
    await _ask(update.message, ask.ASK_TARGET, "12 books")
    return TARGET


async def got_target(update: Update, context: BotContext) -> int:
    """Take the target (or skip), ask why."""
    assert update.message is not None and update.message.text is not None
    answer = update.message.text.strip()
    if answer.lower() not in SKIP:
        try:
            draft = _draft(update, context)
            draft.target = commands.parse_target(answer)
        except UserError:
            await _ask(update.message, ask.BAD_TARGET, "12 books")
            return TARGET
    await _ask(update.message, ask.ASK_WHY, "skip")
    return WHY


async def got_why(update: Update, context: BotContext) -> int:
    """Take the reason (or skip) and create the goal."""
    assert update.message is not None and update.message.text is not None
    assert update.effective_chat is not None and context.user_data is not None
    answer = " ".join(update.message.text.split())
    if len(answer) > commands.MAX_NOTE:
        await _ask(update.message, explain(Usage(UsageProblem.LONG_WHY), "wizard_why"), "skip")
        return WHY
    why = None if answer.lower() in SKIP else answer
    draft = context.user_data.goal_drafts.pop(update.effective_chat.id, GoalDraft())
    spec = replace(commands.goal_spec(draft.title, draft.deadline, draft.target), why=why)
    try:
        view = await service.create_goal(context.work, actor(update, context), spec, context.now())
    except UserError as error:  # the deadline passed, the same goal was set, or a question
        await refuse(update, context, update.message, error, "goal")
        return ConversationHandler.END
    text = render_goals.goal_created(view.goal, view.smart, view.today, view.chat.is_private)
    await reply(update.message, text)
    return ConversationHandler.END


def _drop_draft(update: Update, context: BotContext) -> None:
    assert update.effective_chat is not None
    if context.user_data is not None:
        context.user_data.goal_drafts.pop(update.effective_chat.id, None)


async def cancel(update: Update, context: BotContext) -> int:
    """Stop the guided /goal without creating anything."""
    assert update.message is not None
    _drop_draft(update, context)
    await reply(update.message, ask.CANCELLED)
    return ConversationHandler.END


async def one_line_instead(update: Update, context: BotContext) -> int:
    """A one-line /goal mid-way sets that goal; the guided one stops, so /cancel won't
    claim to undo it."""
    _drop_draft(update, context)
    await one_line.goal(update, context)
    return ConversationHandler.END


async def nothing_to_cancel(update: Update, context: BotContext) -> None:
    """/cancel outside the guided /goal."""
    assert update.message is not None
    await reply(update.message, ask.NOTHING_TO_CANCEL)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the guided /goal; it must come before the one-line /goal handler."""
    bare = filters.Regex(re.compile(r"^/goal(@\w+)?\s*$", re.IGNORECASE))
    bare_goal = bare & filters.UpdateType.MESSAGE
    app.add_handler(
        ConversationHandler(
            entry_points=[CommandHandler("goal", begin, filters=bare_goal)],
            states={
                TITLE: [MessageHandler(ANSWER, got_title)],
                DEADLINE: [MessageHandler(ANSWER, got_deadline)],
                TARGET: [MessageHandler(ANSWER, got_target)],
                WHY: [MessageHandler(ANSWER, got_why)],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                CommandHandler(
                    "goal", one_line_instead, filters=~bare & filters.UpdateType.MESSAGE
                ),
            ],
            per_chat=True,
            per_user=True,
            allow_reentry=True,  # a bare /goal mid-way starts over
        )
    )
    app.add_handler(CommandHandler("cancel", nothing_to_cancel, filters=filters.UpdateType.MESSAGE))
