"""A goal's journal: entries, feedback and reflections, with what changed about the goal."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.models import DeadlineChange, Goal, GoalHistory, TitleChange
from bot.domain.people import JournalKind, JournalLine
from bot.render.i18n import ENGLISH, Words
from bot.render.text import esc, name, with_unit

_KIND = {
    JournalKind.ENTRY: "📓",
    JournalKind.FEEDBACK: "🧭",
    JournalKind.REFLECTION: "📝",
    JournalKind.PROGRESS: "📈",
}


def _said(goal: Goal, line: JournalLine, words: Words) -> str:
    """A line's text; a progress note comes after the value it was written with."""
    if line.value is None:
        return esc(line.text)
    return f"{with_unit(line.value, goal.unit, words=words)}, {esc(line.text)}"


def journal_written(goal: Goal, words: Words = ENGLISH) -> str:
    """The reply to /journal <goal#> <text>."""
    return words.gettext(
        "📓 Added to the journal of goal #{number} {title}. Read it: /journal {number}",
        number=goal.number,
        title=esc(goal.title),
    )


def _ref(goal: Goal, milestone_id: int | None) -> str | None:
    """'1.2' for one of the goal's milestones; None for the goal itself."""
    if milestone_id is None:
        return None
    every = (*goal.milestones, *goal.removed_milestones)
    number = next((m.number for m in every if m.id == milestone_id), None)
    return f"{goal.number}.{number}" if number is not None else ""


def _renamed(goal: Goal, change: TitleChange, words: Words) -> str:
    ref = _ref(goal, change.milestone_id)
    values = {"old": esc(change.old_title), "new": esc(change.new_title), "ref": ref}
    if ref is None:
        return words.gettext("renamed from “{old}” to “{new}”", **values)
    if not ref:
        return words.gettext("a milestone renamed from “{old}” to “{new}”", **values)
    return words.gettext("{ref} renamed from “{old}” to “{new}”", **values)


def _moved(goal: Goal, change: DeadlineChange, today: date, words: Words) -> str:
    ref = _ref(goal, change.milestone_id)
    values = {
        "old": words.day(change.old_date, today),
        "new": words.day(change.new_date, today),
        "ref": ref,
        "reason": esc(change.reason or ""),
    }
    if ref is None:
        moved = (
            words.gettext("deadline moved from {old} to {new} because {reason}", **values)
            if change.reason
            else words.gettext("deadline moved from {old} to {new}", **values)
        )
    elif not ref:
        moved = (
            words.gettext("a milestone moved from {old} to {new} because {reason}", **values)
            if change.reason
            else words.gettext("a milestone moved from {old} to {new}", **values)
        )
    else:
        moved = (
            words.gettext("{ref} moved from {old} to {new} because {reason}", **values)
            if change.reason
            else words.gettext("{ref} moved from {old} to {new}", **values)
        )
    return moved


# (when, signpost, who wrote it if not the owner, what it says)
_Told = tuple[datetime, str, str, str]


def _history(goal: Goal, history: GoalHistory, today: date, words: Words) -> list[_Told]:
    """Each change to the goal and its milestones, as a journal line."""
    told: list[_Told] = [(c.changed_at, "✏️", "", _renamed(goal, c, words)) for c in history.renames]
    told += [(c.changed_at, "⏰", "", _moved(goal, c, today, words)) for c in history.moves]
    told += [
        (
            m.removed_at,
            "🗑",
            "",
            words.gettext(
                "milestone {ref} {title} removed",
                ref=f"{goal.number}.{m.number}",
                title=esc(m.title),
            ),
        )
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
    words: Words = ENGLISH,
) -> str:
    """/journal <goal#>: the latest lines and changes, newest first."""
    head = words.gettext(
        "📓 Journal of goal #{number} {title} ({name})",
        number=goal.number,
        title=esc(goal.title),
        name=name(goal.owner),
    )
    told: list[_Told] = [
        (
            line.at,
            _KIND[line.kind],
            f" ({esc(line.author)})" if line.kind is JournalKind.FEEDBACK else "",
            _said(goal, line, words),
        )
        for line in lines
    ]
    told += _history(goal, history or GoalHistory(), today, words)
    if not told:
        return (
            head
            + "\n"
            + words.gettext(
                "Nothing yet. {name} can write: /journal {number} &lt;what happened&gt;",
                name=name(goal.owner),
                number=goal.number,
            )
        )
    told.sort(key=lambda item: item[0], reverse=True)
    body = []
    for at, sign, by, text in told:
        body.append(f"{sign} {words.day(at.astimezone(ZoneInfo(tz)).date(), today)}{by}: {text}")
    return "\n".join([head, *body])
