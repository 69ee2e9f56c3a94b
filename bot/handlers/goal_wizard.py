"""/goal with no arguments: a short guided conversation, answered by replies and buttons.

The answers so far are kept in the database (services/drafts.py), so a restart in the middle
loses nothing: the next answer carries on where the draft stands. After the title it asks
"once, or repeating?" (unless the title says how often): a goal, or a habit.
"""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply
from bot.domain import callbacks, commands
from bot.domain.drafts import GoalDraft, Step, is_skip
from bot.domain.errors import ReadsTwoWays, Usage, UsageProblem, UserError
from bot.handlers import start
from bot.handlers.common import actor, is_private, refuse, refused_stand_in, spoken
from bot.render import goal_wizard as ask
from bot.render import goals as render_goals
from bot.render import habit_goals as render_habit_goals
from bot.render.errors import explain
from bot.render.i18n import Words
from bot.services import drafts, habit_goals
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
    Step.TITLE: ask.TITLE_EXAMPLE,
    Step.DEADLINE: ask.DEADLINE_EXAMPLE,
    Step.TARGET: ask.TARGET_EXAMPLE,
    Step.WHY: ask.SKIP,
    Step.HOW_OFTEN: ask.HOW_OFTEN_EXAMPLE,
    Step.UNTIL: ask.SKIP,
}
EXAMPLE_NAMES = {
    Step.TITLE: "wizard_title",
    Step.DEADLINE: "wizard_deadline",
    Step.HOW_OFTEN: "wizard_how_often",
    Step.UNTIL: "wizard_until",
}
QUESTIONS = {
    Step.KIND: ask.ASK_KIND,
    Step.DEADLINE: ask.ASK_DEADLINE,
    Step.TARGET: ask.ASK_TARGET,
    Step.WHY: ask.ASK_WHY,
    Step.HOW_OFTEN: ask.ASK_HOW_OFTEN,
    Step.UNTIL: ask.ASK_UNTIL,
}


async def _ask(message: Message, text: str, step: Step, user_id: int, words: Words) -> None:
    """Ask the step's question: with buttons where it has them, else as a reply to answer."""
    if step is Step.KIND:
        await reply(message, text, ask.kind_keyboard(user_id, words))
    elif step is Step.HOW_OFTEN:
        await reply(message, text, ask.how_often_keyboard(user_id, words))
    else:
        await reply(message, text, ask.prompt(PLACEHOLDERS[step], words))


async def begin(update: Update, context: BotContext) -> None:
    """Start the guided /goal (again, when one was open)."""
    assert update.message is not None and update.effective_user is not None
    if await refused_stand_in(update, context):
        return
    await drafts.start(context.work, actor(update, context), context.now())
    user = update.effective_user
    words = Words(await spoken(update, context))
    await _ask(update.message, ask.ask_title(user.first_name, words), Step.TITLE, user.id, words)


async def answered(update: Update, context: BotContext) -> None:
    """An answer to the open draft's question; without a draft, what plain text gets."""
    assert update.message is not None and update.message.text is not None
    who = actor(update, context)
    draft = await drafts.current(context.work, who)
    if draft is None:
        if is_private(update):
            await start.chatter(update, context)
        return
    words = Words(await spoken(update, context))
    if draft.step is Step.WHY:
        await _finish(update, context, update.message, words)
        return
    if draft.step is Step.UNTIL:
        await _finish_habit(update, context, update.message, draft, words)
        return
    try:
        draft = await drafts.answer(context.work, who, draft, update.message.text, context.now())
    except UserError as error:
        refusal = _refusal(draft.step, error, words)
        await _ask(update.message, refusal, draft.step, who.user_id, words)
        return
    question = words.gettext(QUESTIONS[draft.step])
    await _ask(update.message, question, draft.step, who.user_id, words)


def _refusal(step: Step, error: UserError, words: Words) -> str:
    """What a bad answer to a question gets, before the question is asked again."""
    if step is Step.TARGET and not isinstance(error, ReadsTwoWays):
        return words.gettext(ask.BAD_TARGET)
    if step is Step.KIND and isinstance(error, Usage):
        return words.gettext(ask.BAD_KIND)
    return explain(error, EXAMPLE_NAMES.get(step, "goal"), words=words)


async def pressed(update: Update, context: BotContext) -> None:
    """A button on "once, or repeating?" or "how often?": only the asked member's counts."""
    query = update.callback_query
    assert query is not None and query.data is not None
    press = callbacks.parse_wizard(query.data)
    question = query.message
    words = Words(await spoken(update, context))
    if press is None or not isinstance(question, Message):
        await answer(query, words.gettext(ask.STALE))
        return
    if press.user_id != query.from_user.id:
        await answer(query, words.gettext(ask.NOT_YOURS))
        return
    who = actor(update, context)
    draft = await drafts.current(context.work, who)
    moved: GoalDraft | None = None
    if draft is not None and press.answer is None and draft.step is Step.HOW_OFTEN:
        moved = draft  # "Other: type it": the same step, answered by a reply
    elif draft is not None and press.answer is not None:
        moved = await drafts.press(context.work, who, draft, press.answer, context.now())
    if moved is None:
        await answer(query, words.gettext(ask.STALE))
        return
    label = ask.pressed_label(press.answer, words)
    await answer(query, label)
    await edit(query, ask.answered(question.text_html or "", label))
    # The next question replies to the member's own message, so only they are asked.
    member_message = question.reply_to_message or question
    if press.answer is None:
        typed = ask.prompt(PLACEHOLDERS[Step.HOW_OFTEN], words)
        await reply(member_message, words.gettext(ask.ASK_TYPE_HOW_OFTEN), typed)
    else:
        question_text = words.gettext(QUESTIONS[moved.step])
        await _ask(member_message, question_text, moved.step, who.user_id, words)


async def _finish(update: Update, context: BotContext, message: Message, words: Words) -> None:
    """Take the reason (or skip) and create the goal."""
    assert message.text is not None
    answer_text = " ".join(message.text.split())
    if len(answer_text) > commands.MAX_NOTE:
        explained = explain(Usage(UsageProblem.LONG_WHY), "wizard_why", words=words)
        await _ask(message, explained, Step.WHY, actor(update, context).user_id, words)
        return
    why = None if is_skip(answer_text, words.lang) else answer_text
    spec = await drafts.take(context.work, actor(update, context), why, words.lang)
    if spec is None:
        return
    try:
        view = await service.create_goal(context.work, actor(update, context), spec, context.now())
    except UserError as error:  # the deadline passed, the same goal was set, or a question
        await refuse(update, context, message, error, "goal")
        return
    text = render_goals.goal_created(view.goal, view.smart, view.today, view.chat.is_private, words)
    await reply(message, text)


async def _finish_habit(
    update: Update, context: BotContext, message: Message, draft: GoalDraft, words: Words
) -> None:
    """Take the habit's end (or skip) and create the habit; a bad end is asked again."""
    assert message.text is not None
    who = actor(update, context)
    try:
        spec, until = await drafts.habit(context.work, who, draft, message.text, context.now())
        made = await habit_goals.set_habit(
            context.work, who, spec, until, context.now(), ends_draft=True
        )
    except UserError as error:
        await _ask(message, _refusal(Step.UNTIL, error, words), Step.UNTIL, who.user_id, words)
        return
    view = made.view
    text = render_habit_goals.guided_habit(view.habit, view.stats, view.today, words)
    await reply(message, text)


async def cancel(update: Update, context: BotContext) -> None:
    """Stop the guided /goal without creating anything."""
    assert update.message is not None
    dropped = await drafts.cancel(context.work, actor(update, context))
    words = Words(await spoken(update, context))
    await reply(update.message, words.gettext(ask.CANCELLED if dropped else ask.NOTHING_TO_CANCEL))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the guided /goal; it must come before the one-line /goal handler."""
    bare = filters.Regex(re.compile(r"^/goal(@\w+)?\s*$", re.IGNORECASE))
    app.add_handler(CommandHandler("goal", begin, filters=bare & filters.UpdateType.MESSAGE))
    app.add_handler(MessageHandler(ANSWER, answered))
    app.add_handler(CommandHandler("cancel", cancel, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CallbackQueryHandler(pressed, pattern=callbacks.WIZARD_PATTERN))
