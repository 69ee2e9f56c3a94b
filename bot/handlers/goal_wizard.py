"""/goal with no arguments: a short guided conversation, answered by replies.

The answers so far are kept in the database (services/drafts.py), so a restart in the middle
loses nothing: the next answer carries on where the draft stands.
"""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain import commands
from bot.domain.drafts import Step
from bot.domain.errors import ReadsTwoWays, Usage, UsageProblem, UserError
from bot.handlers import start
from bot.handlers.common import actor, is_private, refuse, refused_stand_in
from bot.render import goal_wizard as ask
from bot.render import goals as render_goals
from bot.render.errors import explain
from bot.services import drafts
from bot.services import goals as service

# In a group the bot sees the replies to its questions; in private, every message.
ANSWER = (
    filters.TEXT
    & ~filters.COMMAND
    & filters.UpdateType.MESSAGE
    & (filters.ChatType.PRIVATE | filters.REPLY)
)
# What each question shows in the input field, and the command name its examples use.
PLACEHOLDERS = {
    Step.TITLE: "Read 12 books",
    Step.DEADLINE: "end of year",
    Step.TARGET: "12 books",
    Step.WHY: "skip",
}
EXAMPLE_NAMES = {Step.TITLE: "wizard_title", Step.DEADLINE: "wizard_deadline"}
QUESTIONS = {Step.DEADLINE: ask.ASK_DEADLINE, Step.TARGET: ask.ASK_TARGET, Step.WHY: ask.ASK_WHY}


async def _ask(message: Message, text: str, step: Step) -> None:
    await reply(message, text, ask.prompt(PLACEHOLDERS[step]))


async def begin(update: Update, context: BotContext) -> None:
    """Start the guided /goal (again, when one was open)."""
    assert update.message is not None and update.effective_user is not None
    if await refused_stand_in(update.message, update.effective_user.id):
        return
    await drafts.start(context.work, actor(update, context), context.now())
    await _ask(update.message, ask.ask_title(update.effective_user.first_name), Step.TITLE)


async def answered(update: Update, context: BotContext) -> None:
    """An answer to the open draft's question; without a draft, what plain text gets."""
    assert update.message is not None and update.message.text is not None
    who = actor(update, context)
    draft = await drafts.current(context.work, who)
    if draft is None:
        if is_private(update):
            await start.chatter(update, context)
        return
    if draft.step is Step.WHY:
        await _finish(update, context, update.message)
        return
    try:
        draft = await drafts.answer(context.work, who, draft, update.message.text, context.now())
    except UserError as error:
        unclear = draft.step is Step.TARGET and not isinstance(error, ReadsTwoWays)
        text = ask.BAD_TARGET if unclear else explain(error, EXAMPLE_NAMES.get(draft.step, "goal"))
        await _ask(update.message, text, draft.step)
        return
    await _ask(update.message, QUESTIONS[draft.step], draft.step)


async def _finish(update: Update, context: BotContext, message: Message) -> None:
    """Take the reason (or skip) and create the goal."""
    assert message.text is not None
    answer = " ".join(message.text.split())
    if len(answer) > commands.MAX_NOTE:
        await _ask(message, explain(Usage(UsageProblem.LONG_WHY), "wizard_why"), Step.WHY)
        return
    why = None if answer.lower() in drafts.SKIP else answer
    spec = await drafts.take(context.work, actor(update, context), why)
    if spec is None:
        return
    try:
        view = await service.create_goal(context.work, actor(update, context), spec, context.now())
    except UserError as error:  # the deadline passed, the same goal was set, or a question
        await refuse(update, context, message, error, "goal")
        return
    text = render_goals.goal_created(view.goal, view.smart, view.today, view.chat.is_private)
    await reply(message, text)


async def cancel(update: Update, context: BotContext) -> None:
    """Stop the guided /goal without creating anything."""
    assert update.message is not None
    dropped = await drafts.cancel(context.work, actor(update, context))
    await reply(update.message, ask.CANCELLED if dropped else ask.NOTHING_TO_CANCEL)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the guided /goal; it must come before the one-line /goal handler."""
    bare = filters.Regex(re.compile(r"^/goal(@\w+)?\s*$", re.IGNORECASE))
    app.add_handler(CommandHandler("goal", begin, filters=bare & filters.UpdateType.MESSAGE))
    app.add_handler(MessageHandler(ANSWER, answered))
    app.add_handler(CommandHandler("cancel", cancel, filters=filters.UpdateType.MESSAGE))
