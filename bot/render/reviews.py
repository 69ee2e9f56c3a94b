"""The monthly and quarterly reviews."""

from __future__ import annotations

from datetime import date
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.checkins import ReviewChoice, ReviewResult
from bot.domain.models import Goal, GoalStatus
from bot.domain.pace import pace
from bot.render.text import day, esc, name, pace_word

GOALS_PER_REVIEW_MESSAGE = 20
# Room left under Telegram's 4096 characters (HTML tags do not count, so this is safe).
TEXT_BUDGET = 3800
CHOICE_WORDS = {
    ReviewChoice.KEEP: "✅ keep",
    ReviewChoice.ADJUST: "✏️ adjust",
    ReviewChoice.DROP: "❌ drop",
}


def _goal_line(goal: Goal, today: date) -> str:
    p = pace(goal, today)
    facts = [f"{p.percent}%"]
    if pace_word(p):
        facts.append(pace_word(p))
    facts.append(f"due {day(goal.deadline, today)}")
    return f"#{goal.number} {esc(goal.title)} ({name(goal.owner)}) · " + " · ".join(facts)


def monthly(title: str | None, today: date, behind: list[Goal]) -> str:
    """Ask everyone to reflect, and list the goals that are behind."""
    lines = [
        f"🗓 Monthly review{', ' + esc(title) if title else ''} · {day(today, today)}",
        "Take two minutes to reflect: what worked, what didn't, what will you adjust?",
        "Share it with /reflect &lt;your thoughts&gt;",
    ]
    if behind:
        lines.append("")
        lines.append("Goals that need attention:")
        lines += [f"  {_goal_line(g, today)}" for g in behind]
    else:
        lines.append("Every goal is on pace. Keep it up!")
    return "\n".join(lines)


def quarterly(
    title: str | None, period: str, goals: list[Goal], today: date, answers: dict[int, ReviewChoice]
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """Keep, adjust or drop: one row of buttons per active goal, in messages of 20 goals."""
    head = review_title(title)
    if not goals:
        return [(f"{head}\nNo active goals to review. Time to set one? /goal", None)]
    messages: list[tuple[str, InlineKeyboardMarkup | None]] = []
    chunk: list[Goal] = []
    for goal in goals:
        trial = quarterly_message(head, period, [*chunk, goal], today, answers)[0]
        if chunk and (len(chunk) == GOALS_PER_REVIEW_MESSAGE or len(trial) > TEXT_BUDGET):
            messages.append(quarterly_message(head, period, chunk, today, answers))
            chunk = []
        chunk.append(goal)
    messages.append(quarterly_message(head, period, chunk, today, answers))
    return messages


def _finished_line(goal: Goal) -> str:
    """A dropped or achieved goal's row: what became of it, with no buttons left."""
    if goal.status is GoalStatus.COMPLETED:
        state = "🏆 achieved"
    else:
        state = "❌ dropped, off the goal list"
    return f"#{goal.number} {esc(goal.title)} ({name(goal.owner)}) · {state}"


def _buttons(goal: Goal, period: str, asking: bool) -> list[InlineKeyboardButton]:
    """Keep, adjust and drop; while a drop waits for its second tap, that tap's button."""
    buttons = []
    for word in ReviewChoice:
        label, data = f"#{goal.number} {word}", callbacks.review(goal.id, period, word)
        if word is ReviewChoice.DROP and asking:
            label = f"Tap again to drop #{goal.number}"
            data = callbacks.review(goal.id, period, word, confirmed=True)
        buttons.append(InlineKeyboardButton(label, callback_data=data))
    return buttons


def quarterly_message(
    head: str,
    period: str,
    goals: list[Goal],
    today: date,
    answers: dict[int, ReviewChoice],
    asking: int | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """One review message: the goals, what each owner chose, and buttons for the active ones;
    `asking` is the goal whose drop waits for a second tap (any other press lets it go)."""
    lines = [
        head,
        "For each goal: keep it, adjust it, or drop it? Only its owner decides.",
        "Then take two minutes to reflect on the quarter: /reflect &lt;your thoughts&gt;",
    ]
    rows = []
    for goal in goals:
        if not goal.is_active:
            lines.append(_finished_line(goal))
            continue
        choice = answers.get(goal.id)
        suffix = f" · {CHOICE_WORDS[choice]}" if choice else ""
        if (
            choice is ReviewChoice.ADJUST
        ):  # the toast's how-to vanishes in a second; the message keeps it
            n = goal.number
            suffix += f": /reschedule {n} &lt;date&gt; or /target {n} &lt;number&gt;"
        if goal.id == asking:
            suffix += " · drop it? Tap again to drop"
        lines.append(_goal_line(goal, today) + suffix)
        rows.append(_buttons(goal, period, goal.id == asking))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def review_toast(
    goal: Goal | None, result: ReviewResult, choice: ReviewChoice, pressed_by: int
) -> str:
    """The answer to a review button press (/reopen offered only to the goal's owner)."""
    if goal is None:
        return "That goal no longer exists."
    n = goal.number
    match result:
        case ReviewResult.GONE:
            return "That goal no longer exists."
        case ReviewResult.FINISHED if goal.status is GoalStatus.COMPLETED:
            return f"Goal #{n} is already achieved 🏆 Nothing left to decide."
        case ReviewResult.FINISHED:
            text = f"Goal #{n} was dropped, so there's nothing left to decide."
            return text + (
                f" Want it back? /reopen {n}" if pressed_by == goal.owner.user_id else ""
            )
        case ReviewResult.NOT_OWNER:
            return f"Only {goal.owner.first_name} can decide about goal #{n}."
        case ReviewResult.DROP_ASKED:
            return f"Drop goal #{n}? Tap “Tap again to drop #{n}” to drop it; any other button keeps it."
        case ReviewResult.RECORDED:
            return _choice_toast(n, choice)
        case _:
            assert_never(result)


def _choice_toast(n: int, choice: ReviewChoice) -> str:
    match choice:
        case ReviewChoice.ADJUST:
            return f"Adjust it: /reschedule {n} <date> or /target {n} <number>"
        case ReviewChoice.DROP:
            return f"Goal #{n} dropped and off the goal list. Changed your mind? /reopen {n}"
        case ReviewChoice.KEEP:
            return f"Keeping goal #{n}. Onward!"
        case _:
            assert_never(choice)


def review_title(title: str | None) -> str:
    """The heading of a quarterly review message."""
    return f"🧭 Quarterly review{', ' + esc(title) if title else ''}"
