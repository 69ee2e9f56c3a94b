"""Messages about adding and removing milestones, and refusals about them."""

from __future__ import annotations

from datetime import date
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.errors import (
    MilestoneAfterGoal,
    MilestoneAlreadyDone,
    MilestoneNotFound,
    MilestoneRemoved,
)
from bot.domain.models import Goal, Milestone, RemoveResult
from bot.render.commands import typed_number
from bot.render.common import GOAL_GONE
from bot.render.errors import explain
from bot.render.goals import in_groups
from bot.render.i18n import ENGLISH, Words
from bot.render.text import day, due, esc, name


def milestone_added(goal: Goal, milestone: Milestone, today: date, words: Words = ENGLISH) -> str:
    """The reply to /milestone."""
    ref = f"{goal.number}.{milestone.number}"
    return "\n".join(
        [
            words.gettext(
                "📍 Milestone {ref} for {name}: {title}",
                ref=ref,
                name=name(goal.owner),
                title=esc(milestone.title),
            ),
            "   "
            + words.gettext(
                "{due} · goal #{number} {goal_due}",
                due=due(milestone.due_date, today, words),
                number=goal.number,
                goal_due=due(goal.deadline, today, words),
            ),
            words.ngettext(
                "{title} now has {n} milestone. When it's done: /done {ref}",
                "{title} now has {n} milestones. When it's done: /done {ref}",
                len(goal.milestones),
                title=esc(goal.title),
                ref=ref,
            ),
        ]
    )


def remove_question(
    goal: Goal, milestone: Milestone, today: date, words: Words = ENGLISH
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask the owner to confirm removing a milestone, saying it can't come back."""
    ref = f"{goal.number}.{milestone.number}"
    text = words.gettext(
        "Remove milestone {ref} {title} ({due}) from goal #{number} {goal_title}?\n"
        "It stops counting for pace, reminders and reports, and its calendar event is "
        "cancelled. /reopen can't bring it back.",
        ref=ref,
        title=esc(milestone.title),
        due=due(milestone.due_date, today, words),
        number=goal.number,
        goal_title=esc(goal.title),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    words.gettext("Remove {ref}", ref=ref),
                    callback_data=callbacks.remove_milestone(milestone.id, True),
                ),
                InlineKeyboardButton(
                    words.gettext("Keep it"),
                    callback_data=callbacks.remove_milestone(milestone.id, False),
                ),
            ]
        ]
    )
    return text, keyboard


def remove_answer(
    goal: Goal, milestone: Milestone, result: RemoveResult, words: Words = ENGLISH
) -> tuple[str | None, str]:
    """(new message text or None to leave it, toast) for a press on the /delete question."""
    ref = f"{goal.number}.{milestone.number}"
    match result:
        case RemoveResult.REMOVED:
            return (
                words.gettext(
                    "🗑 Milestone {ref} {title} was removed by {name}.",
                    ref=ref,
                    title=esc(milestone.title),
                    name=name(goal.owner),
                )
                + "\n"
                + words.ngettext(
                    "{title} now has {n} milestone. The journal keeps a note: /journal {number}",
                    "{title} now has {n} milestones. The journal keeps a note: /journal {number}",
                    len(goal.milestones),
                    title=esc(goal.title),
                    number=goal.number,
                ),
                words.gettext("Milestone removed"),
            )
        case RemoveResult.KEPT:
            return (
                words.gettext(
                    "Milestone {ref} {title} stays on.", ref=ref, title=esc(milestone.title)
                ),
                words.gettext("Kept"),
            )
        case RemoveResult.ALREADY_REMOVED:
            return None, words.gettext("Milestone {ref} is already removed.", ref=ref)
        case RemoveResult.NOT_OWNER:
            return None, words.gettext(
                "Only {name} can remove milestone {ref}.", name=goal.owner.first_name, ref=ref
            )
        case RemoveResult.GONE:
            return None, words.gettext(GOAL_GONE)
        case _:
            assert_never(result)


@explain.register
def _milestone_removed(
    error: MilestoneRemoved, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Milestone {ref} {title} was removed, so it can't change or come back. "
        "Add a new one if you need it: /milestone {number} {title} by …",
        ref=f"{error.goal_number}.{error.number}",
        title=esc(error.title),
        number=error.goal_number,
    )


@explain.register
def _milestone_not_found(
    error: MilestoneNotFound, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    n = error.goal_number
    personal = bool(error.elsewhere)
    if error.existing:
        values = {
            "number": n,
            "ref": f"{n}.{error.number}",
            "refs": ", ".join(f"{n}.{m}" for m in error.existing),
        }
        if personal:
            text = words.gettext(
                "Your personal goal #{number} has no milestone {ref}; it has {refs}.", **values
            )
        else:
            text = words.gettext("Goal #{number} has no milestone {ref}; it has {refs}.", **values)
        example = f"/{command} {n}.{error.existing[0]}"
        rest = args.split(maxsplit=1)[1:]  # what they typed after the milestone: kept
        if rest:
            example = f"{example} {esc(rest[0])}"
        elif command == "reschedule":
            example = words.gettext("{command} next friday", command=example)
        text += "\n" + words.gettext("Example: {example}", example=example)
    elif not error.goal_active:
        text = words.gettext(
            "Goal #{number} has no milestones, and it is no longer active: "
            "/reopen {number} first to add one.",
            number=n,
        )
    elif personal:
        text = words.gettext(
            "Your personal goal #{number} has no milestones yet. "
            "Add one: /milestone {number} First step by end of month",
            number=n,
        )
    else:
        text = words.gettext(
            "Goal #{number} has no milestones yet. "
            "Add one: /milestone {number} First step by end of month",
            number=n,
        )
    if error.elsewhere:
        text += "\n" + in_groups(n, error.elsewhere, command, args, words)
    return text


@explain.register
def _milestone_after_goal(
    error: MilestoneAfterGoal, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "{day} is after goal #{number}'s deadline ({limit}). Pick an earlier date, "
        "or move the goal first: /reschedule {number} …",
        day=day(error.when, error.today, words),
        number=typed_number(args),
        limit=day(error.limit, error.today, words),
    )


@explain.register
def _milestone_already_done(
    error: MilestoneAlreadyDone, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Milestone {ref} is already done, so its date stays.",
        ref=f"{error.goal_number}.{error.number}",
    )
