"""A goal's journal: entries, feedback and reflections, with what changed about the goal."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.models import DeadlineChange, Goal, GoalHistory, TitleChange
from bot.domain.people import JournalKind, JournalLine
from bot.render.text import day, esc, name, with_unit

_KIND = {
    JournalKind.ENTRY: "📓",
    JournalKind.FEEDBACK: "🧭",
    JournalKind.REFLECTION: "📝",
    JournalKind.PROGRESS: "📈",
}


def _said(goal: Goal, line: JournalLine) -> str:
    """A line's text; a progress note comes after the value it was written with."""
    if line.value is None:
        return esc(line.text)
    return f"{with_unit(line.value, goal.unit)}, {esc(line.text)}"


def journal_written(goal: Goal) -> str:
    """The reply to /journal <goal#> <text>."""
    return (
        f"📓 Added to the journal of goal #{goal.number} {esc(goal.title)}. "
        f"Read it: /journal {goal.number}"
    )


def _what(goal: Goal, milestone_id: int | None) -> str:
    """'' for the goal itself, '1.2 ' for one of its milestones."""
    if milestone_id is None:
        return ""
    every = (*goal.milestones, *goal.removed_milestones)
    number = next((m.number for m in every if m.id == milestone_id), None)
    return f"{goal.number}.{number} " if number is not None else "a milestone "


def _renamed(goal: Goal, change: TitleChange) -> str:
    return (
        f"{_what(goal, change.milestone_id)}renamed from “{esc(change.old_title)}” "
        f"to “{esc(change.new_title)}”"
    )


def _moved(goal: Goal, change: DeadlineChange, today: date) -> str:
    what = _what(goal, change.milestone_id) or "deadline "
    because = f" because {esc(change.reason)}" if change.reason else ""
    return (
        f"{what}moved from {day(change.old_date, today)} to {day(change.new_date, today)}{because}"
    )


# (when, signpost, who wrote it if not the owner, what it says)
_Told = tuple[datetime, str, str, str]


def _history(goal: Goal, history: GoalHistory, today: date) -> list[_Told]:
    """Each change to the goal and its milestones, as a journal line."""
    told: list[_Told] = [(c.changed_at, "✏️", "", _renamed(goal, c)) for c in history.renames]
    told += [(c.changed_at, "⏰", "", _moved(goal, c, today)) for c in history.moves]
    told += [
        (m.removed_at, "🗑", "", f"milestone {goal.number}.{m.number} {esc(m.title)} removed")
        for m in goal.removed_milestones
        if m.removed_at is not None
    ]
    return told


def journal(
    goal: Goal,
    lines: list[JournalLine],
    tz: str,
    today: date,
    history: GoalHistory | None = None,
) -> str:
    """/journal <goal#>: the latest lines and changes, newest first."""
    head = f"📓 Journal of goal #{goal.number} {esc(goal.title)} ({name(goal.owner)})"
    told: list[_Told] = [
        (
            line.at,
            _KIND[line.kind],
            f" ({esc(line.author)})" if line.kind is JournalKind.FEEDBACK else "",
            _said(goal, line),
        )
        for line in lines
    ]
    told += _history(goal, history or GoalHistory(), today)
    if not told:
        return (
            f"{head}\nNothing yet. {name(goal.owner)} can write: "
            f"/journal {goal.number} &lt;what happened&gt;"
        )
    told.sort(key=lambda item: item[0], reverse=True)
    body = []
    for at, sign, by, text in told:
        body.append(f"{sign} {day(at.astimezone(ZoneInfo(tz)).date(), today)}{by}: {text}")
    return "\n".join([head, *body])
