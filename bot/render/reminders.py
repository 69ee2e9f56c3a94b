"""Deadline reminders and overdue nudges."""

from __future__ import annotations

from datetime import date

from bot.domain.reminders import Reminder, ReminderKind
from bot.render.i18n import ENGLISH, Words
from bot.render.text import amount, esc, mention


def reminder(item: Reminder, today: date, words: Words = ENGLISH) -> str:
    """One reminder, mentioning the owner: they are the one who must act."""
    goal, milestone = item.goal, item.milestone
    who = mention(goal.owner)
    if milestone is not None:
        ref = f"{goal.number}.{milestone.number}"
        what = words.gettext("milestone {ref} {title}", ref=ref, title=esc(milestone.title))
    else:
        ref = str(goal.number)
        what = words.gettext("goal #{ref} {title}", ref=ref, title=esc(goal.title))
    when = words.day(item.due, today)
    if item.kind is ReminderKind.DUE_SOON:
        text = words.gettext(
            "⏰ {who}, {what} is due {day} ({relative}).",
            who=who, what=what, day=when, relative=words.relative((item.due - today).days),
        )  # fmt: skip
        if milestone is None and goal.target is not None:
            text += " " + words.gettext("{amount} so far.", amount=amount(goal, words=words))
        return (
            text
            + "\n"
            + words.gettext(
                "Done already? /done {ref} · Need more time? /reschedule {ref} &lt;date&gt;",
                ref=ref,
            )
        )
    return "\n".join(
        [
            words.gettext("⚠️ {who}, {what} was due {day}.", who=who, what=what, day=when),
            words.gettext(
                "Finished? /done {ref} · Or set a new date: /reschedule {ref} &lt;date&gt;",
                ref=ref,
            ),
        ]
    )
