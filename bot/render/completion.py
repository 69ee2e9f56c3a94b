"""Celebrations and progress replies."""

from __future__ import annotations

from datetime import date

from bot.domain.errors import (
    GoalStillActive,
    MilestoneStillOpen,
    NoTarget,
    NothingToUndo,
    UnitMismatch,
)
from bot.domain.models import Goal, GoalStatus, Milestone
from bot.domain.numbers import format_amount, is_money
from bot.domain.pace import pace
from bot.render.errors import explain
from bot.render.goals import goal_progress_line
from bot.render.text import (
    LARGE,
    amount,
    bar,
    day,
    due,
    esc,
    local_day,
    name,
    pace_word,
    plural,
    with_unit,
)


def _next_step(goal: Goal, today: date) -> str | None:
    upcoming = goal.next_milestone()
    if upcoming is None:
        return None
    return (
        f"Next: 📍 {goal.number}.{upcoming.number} {esc(upcoming.title)}, "
        f"{due(upcoming.due_date, today)}"
    )


def goal_achieved(goal: Goal, today: date) -> list[str]:
    """The loud part: the whole goal is reached."""
    lines = [f"🏆 {name(goal.owner)} achieved goal #{goal.number} {esc(goal.title)}!"]
    facts = []
    if goal.target is not None:
        facts.append(amount(goal))
    if goal.milestones:
        facts.append(f"{goal.done_milestones} of {len(goal.milestones)} milestones")
    days_left = (goal.deadline - today).days
    if days_left > 0:
        facts.append(f"{plural(days_left, 'day')} before the deadline")
    elif days_left == 0:
        facts.append("right on the deadline")
    if facts:
        lines.append(" · ".join(facts))
    lines.append("🎉 Well done! What's next? /goal")
    if goal.has_work_left:  # achieved with /done early, or by a typo: say how to undo it
        lines.append(f"Not finished after all? /reopen {goal.number}")
    return lines


def milestone_completed(goal: Goal, milestone: Milestone, today: date) -> str:
    """🎉 for a milestone, where its goal stands, and what is next."""
    ref = f"{goal.number}.{milestone.number}"
    lines = [f'🎉 {name(goal.owner)} completed milestone {ref} "{esc(milestone.title)}"!']
    lines.append(goal_progress_line(goal, today))
    step = _next_step(goal, today)
    n = goal.number
    if step:
        lines.append(step)
    elif goal.target is None:  # every milestone done: the owner says if the goal is reached
        lines.append(
            f"That was the last milestone. Reached the goal? /done {n} · More to do? "
            f"/milestone {n} &lt;next step&gt; by &lt;date&gt;"
        )
    else:  # every milestone done, the target still ahead
        lines.append(
            f"That was the last milestone. #{n} is achieved when it reaches "
            f"{with_unit(goal.target, goal.unit)}: /progress {n} {format_amount(goal.target)}, "
            f"or /done {n} if it's finished"
        )
    return "\n".join(lines)


def already_done(goal: Goal, milestone: Milestone | None, today: date, tz: str) -> str:
    """A second /done: say when it happened and what is next."""
    if milestone is None:
        when = day(local_day(goal.completed_at, tz), today) if goal.completed_at else "earlier"
        return f"🏆 Goal #{goal.number} {esc(goal.title)} is already achieved ({when})."
    ref = f"{goal.number}.{milestone.number}"
    when = day(local_day(milestone.completed_at, tz), today) if milestone.completed_at else ""
    text = f'{ref} "{esc(milestone.title)}" is already done ({when}).'
    upcoming = goal.next_milestone() if goal.is_active else None
    if upcoming is not None:
        nxt = f"{goal.number}.{upcoming.number}"
        text += f" Next up is {nxt}: /done {nxt}"
    return text


def progress_recorded(goal: Goal, previous: float, today: date) -> str:
    """The reply to /progress that did not reach the target yet."""
    p = pace(goal, today)
    change = goal.current - previous
    sign = "+" if change >= 0 else "−"
    facts = [f"{bar(p.actual)} {p.percent}%"]
    if pace_word(p):
        facts.append(pace_word(p))
    facts.append(due(goal.deadline, today))
    return "\n".join(
        [
            f"🎯 #{goal.number} {esc(goal.title)}: {amount(goal)}, {p.percent}% "
            f"({sign}{format_amount(abs(change), is_money(goal.unit) or abs(change) >= LARGE)})",
            " · ".join(facts),
        ]
    )


def reopened(goal: Goal, was: GoalStatus, today: date) -> str:
    """The reply to /reopen: the goal is back, where it stands, and its deadline."""
    before = "achieved" if was is GoalStatus.COMPLETED else "dropped"
    lines = [
        f"↩️ Goal #{goal.number} is active again (it was {before}).",
        f"{goal_progress_line(goal, today)} · {due(goal.deadline, today)}",
    ]
    n = goal.number
    if goal.reaches_target(goal.current):
        lines.append(
            f"It's at its target already: correct it with /progress {n} &lt;value&gt;, or "
            f"move the target with /target {n} &lt;number&gt;. Reaching it achieves it again."
        )
    if goal.deadline < today:
        lines.append(f"Its deadline has passed: set a new one with /reschedule {n} &lt;date&gt;")
    return "\n".join(lines)


def milestone_reopened(goal: Goal, milestone: Milestone, today: date) -> str:
    """The reply to /reopen <goal#>.<n>: the milestone is open again, and when it is due."""
    ref = f"{goal.number}.{milestone.number}"
    lines = [
        f'↩️ Milestone {ref} "{esc(milestone.title)}" is open again.',
        f"{goal_progress_line(goal, today)} · 📍 {ref} {due(milestone.due_date, today)}",
    ]
    if milestone.due_date < today:
        lines.append(f"Its date has passed: set a new one with /reschedule {ref} &lt;date&gt;")
    return "\n".join(lines)


# Refusals about finishing, reopening and progress.


@explain.register
def _goal_still_active(error: GoalStillActive, command: str, args: str = "") -> str:
    n = error.goal_number
    return f"Goal #{n} is still active: there's nothing to reopen. Finished it? /done {n}"


@explain.register
def _milestone_still_open(error: MilestoneStillOpen, command: str, args: str = "") -> str:
    ref = f"{error.goal_number}.{error.number}"
    return f"Milestone {ref} isn't done yet: there's nothing to reopen. Finished it? /done {ref}"


@explain.register
def _no_target(error: NoTarget, command: str, args: str = "") -> str:
    n = error.goal_number
    return (
        f"Goal #{n} has no numeric target to measure. Add one first: /target {n} 12 books\n"
        f"Or track it by milestones: /done {n}.1"
    )


@explain.register
def _unit_mismatch(error: UnitMismatch, command: str, args: str = "") -> str:
    n = error.goal_number
    if command == "target":
        given = esc(error.given)
        return (
            f"Goal #{n} counts {esc(error.unit)}, and its progress can't be read as {given}. "
            f"To count it in {given}, say where it stands now: "
            f"/target {n} {format_amount(error.amount)} {given} from &lt;number&gt;"
        )
    unit = esc(error.unit)
    sign = ("-" if error.amount < 0 else "+") if error.relative else ""
    return (
        f"Goal #{n} counts {unit}, not {esc(error.given)}, and I don't convert. "
        f"Log it in {unit}: /progress {n} {sign}&lt;how many {unit}&gt;"
    )


def undone(goal: Goal, taken_back: float, today: date, achievement_taken_back: bool) -> str:
    """The reply to /undo: which entry went, where the goal stands again, and, in one line,
    an achievement taken back."""
    n = goal.number
    lines = [
        f"↩️ Took back #{n}'s last entry ({with_unit(taken_back, goal.unit)}): "
        f"{esc(goal.title)} is at {amount(goal)} again."
    ]
    if achievement_taken_back:
        lines.append(f"🏆 Taken back: goal #{n} is not achieved after all, it's active again.")
    return "\n".join(lines)


@explain.register
def _nothing_to_undo(error: NothingToUndo, command: str, args: str = "") -> str:
    n = error.goal_number
    return (
        f"Goal #{n} has no progress entry to take back. "
        f"A /done by mistake? /reopen {n} (or /reopen {n}.1 for a milestone)"
    )
