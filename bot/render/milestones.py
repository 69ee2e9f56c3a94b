"""Messages about adding milestones, and refusals about them."""

from __future__ import annotations

from datetime import date

from bot.domain.dates import format_day
from bot.domain.errors import MilestoneAfterGoal, MilestoneAlreadyDone, MilestoneNotFound
from bot.domain.models import Goal, Milestone
from bot.render.commands import typed_number
from bot.render.errors import explain
from bot.render.goals import in_groups
from bot.render.text import due, esc, name, plural


def milestone_added(goal: Goal, milestone: Milestone, today: date) -> str:
    """The reply to /milestone."""
    ref = f"{goal.number}.{milestone.number}"
    return "\n".join(
        [
            f"📍 Milestone {ref} for {name(goal.owner)}: {esc(milestone.title)}",
            f"   {due(milestone.due_date, today)} · goal #{goal.number} {due(goal.deadline, today)}",
            f"{esc(goal.title)} now has {plural(len(goal.milestones), 'milestone')}. "
            f"When it's done: /done {ref}",
        ]
    )


@explain.register
def _milestone_not_found(error: MilestoneNotFound, command: str, args: str = "") -> str:
    n = error.goal_number
    goal = f"Your personal goal #{n}" if error.elsewhere else f"Goal #{n}"
    if error.existing:
        refs = ", ".join(f"{n}.{m}" for m in error.existing)
        text = (
            f"{goal} has no milestone {n}.{error.number}; it has {refs}.\n"
            f"Example: /{command} {n}.{error.existing[0]}"
            + (" next friday" if command == "reschedule" else "")
        )
    else:
        text = f"{goal} has no milestones yet. Add one: /milestone {n} First step by end of month"
    if error.elsewhere:
        text += "\n" + in_groups(n, error.elsewhere, command, args)
    return text


@explain.register
def _milestone_after_goal(error: MilestoneAfterGoal, command: str, args: str = "") -> str:
    n = typed_number(args)
    return (
        f"{format_day(error.when, error.today)} is after goal #{n}'s deadline "
        f"({format_day(error.limit, error.today)}). Pick an earlier date, "
        f"or move the goal first: /reschedule {n} …"
    )


@explain.register
def _milestone_already_done(error: MilestoneAlreadyDone, command: str, args: str = "") -> str:
    return f"Milestone {error.goal_number}.{error.number} is already done, so its date stays."
