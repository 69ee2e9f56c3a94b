"""Messages about adding milestones."""

from __future__ import annotations

from datetime import date

from bot.domain.models import Goal, Milestone
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
