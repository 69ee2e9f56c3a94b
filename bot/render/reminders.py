"""Deadline reminders and overdue nudges."""

from __future__ import annotations

from datetime import date

from bot.domain.reminders import Reminder, ReminderKind
from bot.render.text import amount, day, due, esc, mention


def reminder(item: Reminder, today: date) -> str:
    """One reminder, mentioning the owner: they are the one who must act."""
    goal, milestone = item.goal, item.milestone
    who = mention(goal.owner)
    if milestone is not None:
        ref = f"{goal.number}.{milestone.number}"
        what = f"milestone {ref} {esc(milestone.title)}"
    else:
        ref = str(goal.number)
        what = f"goal #{ref} {esc(goal.title)}"
    if item.kind is ReminderKind.DUE_SOON:
        so_far = f" {amount(goal)} so far." if milestone is None and goal.target is not None else ""
        return (
            f"⏰ {who}, {what} is {due(item.due, today)}.{so_far}\n"
            f"Done already? /done {ref} · Need more time? /reschedule {ref} &lt;date&gt;"
        )
    lines = [f"⚠️ {who}, {what} was due {day(item.due, today)}."]
    lines.append(f"Finished? /done {ref} · Or set a new date: /reschedule {ref} &lt;date&gt;")
    return "\n".join(lines)
