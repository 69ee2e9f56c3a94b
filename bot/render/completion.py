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
from bot.domain.numbers import is_money
from bot.domain.pace import pace
from bot.render.errors import explain
from bot.render.goals import goal_progress_line
from bot.render.i18n import ENGLISH, N_, Words
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
    with_unit,
)


def _next_step(goal: Goal, today: date, words: Words = ENGLISH) -> str | None:
    upcoming = goal.next_milestone()
    if upcoming is None:
        return None
    return words.gettext(
        "Next: 📍 {ref} {title}, {due}",
        ref=f"{goal.number}.{upcoming.number}",
        title=esc(upcoming.title),
        due=due(upcoming.due_date, today, words),
    )


def goal_achieved(goal: Goal, today: date, words: Words = ENGLISH) -> list[str]:
    """The loud part: the whole goal is reached."""
    lines = [
        words.gettext(
            "🏆 {name} achieved goal #{number} {title}!",
            name=name(goal.owner),
            number=goal.number,
            title=esc(goal.title),
        )
    ]
    facts = []
    if goal.target is not None:
        facts.append(amount(goal, words=words))
    if goal.milestones:
        facts.append(
            words.ngettext(
                "{done} of {n} milestone",
                "{done} of {n} milestones",
                len(goal.milestones),
                done=goal.done_milestones,
            )
        )
    days_left = (goal.deadline - today).days
    if days_left > 0:
        facts.append(
            words.ngettext("{n} day before the deadline", "{n} days before the deadline", days_left)
        )
    elif days_left == 0:
        facts.append(words.gettext("right on the deadline"))
    if facts:
        lines.append(" · ".join(facts))
    lines.append(words.gettext("🎉 Well done! What's next? /goal"))
    if goal.has_work_left:  # achieved with /done early, or by a typo: say how to undo it
        lines.append(words.gettext("Not finished after all? /reopen {number}", number=goal.number))
    return lines


def milestone_completed(
    goal: Goal, milestone: Milestone, today: date, words: Words = ENGLISH
) -> str:
    """🎉 for a milestone, where its goal stands, and what is next."""
    ref = f"{goal.number}.{milestone.number}"
    lines = [
        words.gettext(
            '🎉 {name} completed milestone {ref} "{title}"!',
            name=name(goal.owner),
            ref=ref,
            title=esc(milestone.title),
        )
    ]
    lines.append(goal_progress_line(goal, today, words))
    step = _next_step(goal, today, words)
    n = goal.number
    if step:
        lines.append(step)
    elif goal.target is None:  # every milestone done: the owner says if the goal is reached
        lines.append(
            words.gettext(
                "That was the last milestone. Reached the goal? /done {number} · More to do? "
                "/milestone {number} &lt;next step&gt; by &lt;date&gt;",
                number=n,
            )
        )
    else:  # every milestone done, the target still ahead
        lines.append(
            words.gettext(
                "That was the last milestone. #{number} is achieved when it reaches "
                "{target}: /progress {number} {value}, or /done {number} if it's finished",
                number=n,
                target=with_unit(goal.target, goal.unit, words=words),
                value=words.number(goal.target),
            )
        )
    return "\n".join(lines)


def already_done(
    goal: Goal, milestone: Milestone | None, today: date, tz: str, words: Words = ENGLISH
) -> str:
    """A second /done: say when it happened and what is next."""
    if milestone is None:
        when = (
            day(local_day(goal.completed_at, tz), today, words)
            if goal.completed_at
            else words.gettext("earlier")
        )
        return words.gettext(
            "🏆 Goal #{number} {title} is already achieved ({when}).",
            number=goal.number,
            title=esc(goal.title),
            when=when,
        )
    ref = f"{goal.number}.{milestone.number}"
    when = (
        day(local_day(milestone.completed_at, tz), today, words) if milestone.completed_at else ""
    )
    text = words.gettext(
        '{ref} "{title}" is already done ({when}).',
        ref=ref,
        title=esc(milestone.title),
        when=when,
    )
    upcoming = goal.next_milestone() if goal.is_active else None
    if upcoming is not None:
        nxt = f"{goal.number}.{upcoming.number}"
        text += " " + words.gettext("Next up is {ref}: /done {ref}", ref=nxt)
    return text


def progress_recorded(goal: Goal, previous: float, today: date, words: Words = ENGLISH) -> str:
    """The reply to /progress that did not reach the target yet."""
    p = pace(goal, today)
    change = goal.current - previous
    sign = "+" if change >= 0 else "−"
    facts = [f"{bar(p.actual)} {p.percent}%"]
    if pace_word(p, words):
        facts.append(pace_word(p, words))
    facts.append(due(goal.deadline, today, words))
    grouped = is_money(goal.unit) or abs(change) >= LARGE
    return "\n".join(
        [
            f"🎯 #{goal.number} {esc(goal.title)}: {amount(goal, words=words)}, {p.percent}% "
            f"({sign}{words.number(abs(change), grouped)})",
            " · ".join(facts),
        ]
    )


def reopened(goal: Goal, was: GoalStatus, today: date, words: Words = ENGLISH) -> str:
    """The reply to /reopen: the goal is back, where it stands, and its deadline."""
    back = (
        N_("↩️ Goal #{number} is active again (it was achieved).")
        if was is GoalStatus.COMPLETED
        else N_("↩️ Goal #{number} is active again (it was dropped).")
    )
    lines = [
        words.gettext(back, number=goal.number),
        f"{goal_progress_line(goal, today, words)} · {due(goal.deadline, today, words)}",
    ]
    n = goal.number
    if goal.reaches_target(goal.current):
        lines.append(
            words.gettext(
                "It's at its target already: correct it with /progress {number} &lt;value&gt;, "
                "or move the target with /target {number} &lt;number&gt;. Reaching it achieves "
                "it again.",
                number=n,
            )
        )
    if goal.deadline < today:
        lines.append(
            words.gettext(
                "Its deadline has passed: set a new one with /reschedule {number} &lt;date&gt;",
                number=n,
            )
        )
    return "\n".join(lines)


def milestone_reopened(
    goal: Goal, milestone: Milestone, today: date, words: Words = ENGLISH
) -> str:
    """The reply to /reopen <goal#>.<n>: the milestone is open again, and when it is due."""
    ref = f"{goal.number}.{milestone.number}"
    lines = [
        words.gettext(
            '↩️ Milestone {ref} "{title}" is open again.', ref=ref, title=esc(milestone.title)
        ),
        f"{goal_progress_line(goal, today, words)} · 📍 {ref} "
        f"{due(milestone.due_date, today, words)}",
    ]
    if milestone.due_date < today:
        lines.append(
            words.gettext(
                "Its date has passed: set a new one with /reschedule {ref} &lt;date&gt;", ref=ref
            )
        )
    return "\n".join(lines)


# Refusals about finishing, reopening and progress.


@explain.register
def _goal_still_active(
    error: GoalStillActive, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Goal #{number} is still active: there's nothing to reopen. Finished it? /done {number}",
        number=error.goal_number,
    )


@explain.register
def _milestone_still_open(
    error: MilestoneStillOpen, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Milestone {ref} isn't done yet: there's nothing to reopen. Finished it? /done {ref}",
        ref=f"{error.goal_number}.{error.number}",
    )


@explain.register
def _no_target(error: NoTarget, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "Goal #{number} has no numeric target to measure. Add one first: /target {number} "
        "12 books\nOr track it by milestones: /done {number}.1",
        number=error.goal_number,
    )


@explain.register
def _unit_mismatch(
    error: UnitMismatch, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    n = error.goal_number
    if command == "target":
        return words.gettext(
            "Goal #{number} counts {unit}, and its progress can't be read as {given}. "
            "To count it in {given}, say where it stands now: "
            "/target {number} {amount} {given} from &lt;number&gt;",
            number=n,
            unit=esc(error.unit),
            given=esc(error.given),
            amount=words.number(error.amount),
        )
    sign = ("-" if error.amount < 0 else "+") if error.relative else ""
    return words.gettext(
        "Goal #{number} counts {unit}, not {given}, and I don't convert. "
        "Log it in {unit}: /progress {number} {sign}&lt;how many {unit}&gt;",
        number=n,
        unit=esc(error.unit),
        given=esc(error.given),
        sign=sign,
    )


def undone(
    goal: Goal,
    taken_back: float,
    today: date,
    achievement_taken_back: bool,
    words: Words = ENGLISH,
) -> str:
    """The reply to /undo: which entry went, where the goal stands again, and, in one line,
    an achievement taken back."""
    n = goal.number
    lines = [
        words.gettext(
            "↩️ Took back #{number}'s last entry ({entry}): {title} is at {amount} again.",
            number=n,
            entry=with_unit(taken_back, goal.unit, words=words),
            title=esc(goal.title),
            amount=amount(goal, words=words),
        )
    ]
    if achievement_taken_back:
        lines.append(
            words.gettext(
                "🏆 Taken back: goal #{number} is not achieved after all, it's active again.",
                number=n,
            )
        )
    return "\n".join(lines)


@explain.register
def _nothing_to_undo(
    error: NothingToUndo, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "Goal #{number} has no progress entry to take back. "
        "A /done by mistake? /reopen {number} (or /reopen {number}.1 for a milestone)",
        number=error.goal_number,
    )
