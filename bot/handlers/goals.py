"""/goal, /why, /target, /goals, /reschedule, /rename and /abandon."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply
from bot.domain import callbacks, commands
from bot.domain.errors import UsageProblem
from bot.domain.habit_goals import read_goal_line
from bot.domain.models import GoalStatus
from bot.handlers.common import actor, args_text, command, spoken
from bot.render import common as common_text
from bot.render import completion as render_completion
from bot.render import goal_lists as render_lists
from bot.render import goals as render
from bot.render import habit_goals as render_habit_goals
from bot.render import habits as render_habits
from bot.render.i18n import Words
from bot.services import goals as service
from bot.services import habit_goals
from bot.services.habit_goals import GoalWithFrequency, HabitFromGoal

NEW_MESSAGES = filters.UpdateType.MESSAGE


@command("goal")
async def goal(update: Update, context: BotContext) -> None:
    """Create a goal from /goal <title> by <date> [target <n> <unit>], or a habit when the
    title says how often."""
    assert update.message is not None
    lang = await spoken(update, context)
    words = Words(lang)
    line = read_goal_line(args_text(update.message), lang=lang)
    outcome = await habit_goals.set_goal(
        context.work, actor(update, context), line, context.now(), ends_draft=True
    )
    match outcome:
        case HabitFromGoal(view=made):
            text = render_habit_goals.from_goal(
                made.habit, made.stats, made.today, outcome.one_off, outcome.date_text, words
            )
            dropped = outcome.draft_dropped
        case GoalWithFrequency(view=view):
            text = _goal_created(view, words)
            text += "\n" + render_habit_goals.habit_instead(view.goal, outcome.habit, words)
            dropped = view.draft_dropped
        case service.GoalView() as view:
            text, dropped = _goal_created(view, words), view.draft_dropped
    if dropped:
        text += "\n" + words.gettext(render.DRAFT_DROPPED)
    await reply(update.message, text)


def _goal_created(view: service.GoalView, words: Words) -> str:
    return render.goal_created(view.goal, view.smart, view.today, view.chat.is_private, words)


async def apply_goal(
    update: Update,
    context: BotContext,
    message: Message,
    spec: commands.GoalSpec,
    *,
    typed: bool = False,
) -> None:
    """Create a goal (typed now, or picked from a question) and answer `message`; a goal
    typed now replaces a guided /goal left open."""
    view = await service.create_goal(
        context.work, actor(update, context), spec, context.now(), ends_draft=typed
    )
    words = Words(view.chat.language)
    text = _goal_created(view, words)
    if view.draft_dropped:
        text += "\n" + words.gettext(render.DRAFT_DROPPED)
    await reply(message, text)


@command("why")
async def why(update: Update, context: BotContext) -> None:
    """Record why a goal matters: /why <goal#> <text>."""
    assert update.message is not None
    number, text = commands.parse_goal_and_text(
        args_text(update.message), UsageProblem.EMPTY_WHY, UsageProblem.LONG_WHY
    )
    view = await service.set_why(context.work, actor(update, context), number, text, context.now())
    await reply(
        update.message, render.why_recorded(view.goal, view.smart, Words(view.chat.language))
    )


@command("target")
async def target(update: Update, context: BotContext) -> None:
    """Give a goal a numeric target: /target <goal#> <number> [unit] [from <number>]."""
    assert update.message is not None
    lang = await spoken(update, context)
    number, spec = commands.parse_target_command(args_text(update.message), lang=lang)
    await apply_target(update, context, update.message, number, spec)


async def apply_target(
    update: Update,
    context: BotContext,
    message: Message,
    number: int,
    spec: commands.TargetSpec,
) -> None:
    """Set a goal's target (typed, or picked from a question) and answer `message`."""
    view = await service.set_target(
        context.work, actor(update, context), number, spec, context.now()
    )
    words = Words(view.chat.language)
    if view.goal.status is GoalStatus.COMPLETED:
        await reply(
            message, "\n".join(render_completion.goal_achieved(view.goal, view.today, words))
        )
        return
    await reply(message, render.target_set(view.goal, view.smart, words))


@command("goals")
async def list_goals(update: Update, context: BotContext) -> None:
    """List the caller's goals here, or everyone's with /goals all."""
    assert update.message is not None
    everyone = commands.parse_everyone(
        args_text(update.message), lang=await spoken(update, context)
    )
    who = actor(update, context)
    found = await service.list_goals(context.work, who, everyone, context.now())
    habits = [(h.habit, h.stats) for h in found.habits]
    words = Words(found.chat.language)
    if found.chat.is_private:
        text = render_lists.my_goals_everywhere(
            found.goals, found.elsewhere, found.chat, found.today, found.dropped, found.moves,
            words,
        )  # fmt: skip
        titles = {h.chat.chat_id: h.chat.title for h in found.habits}
        text = render_habits.with_habits_everywhere(
            text, habits, titles, found.chat.chat_id, bool(found.goals), words
        )
    else:
        text = render_lists.goal_list(
            found.goals, found.today, found.chat.timezone, found.everyone, who.first_name,
            found.dropped, found.moves, found.clocks, found.todays, words,
        )  # fmt: skip
        text = render_habits.with_habits(text, habits, bool(found.goals), words)
    await reply(update.message, text)


@command("reschedule")
async def reschedule(update: Update, context: BotContext) -> None:
    """Move a deadline: /reschedule <goal#>[.<n>] <date> [because <reason>]."""
    assert update.message is not None
    lang = await spoken(update, context)
    spec = commands.parse_reschedule(args_text(update.message), lang=lang)
    moved = await service.reschedule(context.work, actor(update, context), spec, context.now())
    text = render.rescheduled(
        moved.goal, moved.milestone, moved.old_date, moved.reason, moved.today, Words(lang)
    )
    await reply(update.message, text)


@command("rename")
async def rename(update: Update, context: BotContext) -> None:
    """Fix a title: /rename <goal#>[.<n>] <new title>."""
    assert update.message is not None
    spec = commands.parse_rename(args_text(update.message))
    renamed = await service.rename(context.work, actor(update, context), spec, context.now())
    words = Words(await spoken(update, context))
    await reply(
        update.message, render.renamed(renamed.goal, renamed.milestone, renamed.old_title, words)
    )


@command("abandon")
async def abandon(update: Update, context: BotContext) -> None:
    """Ask the owner to confirm dropping a goal: /abandon <goal#>."""
    assert update.message is not None
    number = commands.parse_single_goal(args_text(update.message))
    found = await service.goal_to_abandon(
        context.work, actor(update, context), number, context.now()
    )
    text, keyboard = render.abandon_question(found, Words(await spoken(update, context)))
    await reply(update.message, text, keyboard)


async def abandon_pressed(update: Update, context: BotContext) -> None:
    """Apply a press on Abandon / Keep it; only the owner's press counts."""
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = callbacks.parse_abandon(query.data)
    words = Words(await spoken(update, context))
    if choice is None:
        await answer(query, words.gettext(common_text.STALE_BUTTON))
        return
    chat = update.effective_chat
    assert chat is not None  # the gate let it through: it is on a message, in a chat
    outcome = await service.answer_abandon(
        context.work, chat.id, query.from_user.id, choice.goal_id, choice.confirm, context.now()
    )
    if outcome.goal is None:
        await answer(query, words.gettext(common_text.GOAL_GONE))
        return
    text, toast = render.abandon_answer(outcome.goal, outcome.result, words)
    await answer(query, toast)
    if text is not None:
        await edit(query, text)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the goal commands and the abandon buttons."""
    app.add_handler(CommandHandler("goal", goal, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("why", why, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("target", target, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("goals", list_goals, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("reschedule", reschedule, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("rename", rename, filters=NEW_MESSAGES))
    app.add_handler(CommandHandler("abandon", abandon, filters=NEW_MESSAGES))
    app.add_handler(CallbackQueryHandler(abandon_pressed, pattern=callbacks.ABANDON_PATTERN))
