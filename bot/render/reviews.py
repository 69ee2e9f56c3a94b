"""The monthly and quarterly reviews."""

from __future__ import annotations

from datetime import date
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.checkins import ReviewChoice, ReviewResult
from bot.domain.models import Goal, GoalStatus
from bot.domain.pace import pace
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc, name, pace_word

GOALS_PER_REVIEW_MESSAGE = 20
# Room left under Telegram's 4096 characters (HTML tags do not count, so this is safe).
TEXT_BUDGET = 3800
CHOICE_WORDS = {
    ReviewChoice.KEEP: N_("✅ keep"),
    ReviewChoice.ADJUST: N_("✏️ adjust"),
    ReviewChoice.DROP: N_("❌ drop"),
}
# The buttons' words: "#3 keep" (the callback data keeps the English choice).
BUTTON_WORDS = {
    ReviewChoice.KEEP: N_("#{number} keep"),
    ReviewChoice.ADJUST: N_("#{number} adjust"),
    ReviewChoice.DROP: N_("#{number} drop"),
}


def _goal_line(goal: Goal, today: date, words: Words) -> str:
    p = pace(goal, today)
    facts = [f"{p.percent}%"]
    if pace_word(p, words):
        facts.append(pace_word(p, words))
    facts.append(words.gettext("due {day}", day=words.day(goal.deadline, today)))
    return f"#{goal.number} {esc(goal.title)} ({name(goal.owner)}) · " + " · ".join(facts)


def monthly(title: str | None, today: date, behind: list[Goal], words: Words = ENGLISH) -> str:
    """Ask everyone to reflect, and list the goals that are behind."""
    when = words.day(today, today)
    lines = [
        words.gettext("🗓 Monthly review, {title} · {day}", title=esc(title), day=when)
        if title
        else words.gettext("🗓 Monthly review · {day}", day=when),
        words.gettext(
            "Take two minutes to reflect: what worked, what didn't, what will you adjust?"
        ),
        words.gettext("Share it with /reflect &lt;your thoughts&gt;"),
    ]
    if behind:
        lines.append("")
        lines.append(words.gettext("Goals that need attention:"))
        lines += [f"  {_goal_line(g, today, words)}" for g in behind]
    else:
        lines.append(words.gettext("Every goal is on pace. Keep it up!"))
    return "\n".join(lines)


def quarterly(
    title: str | None,
    period: str,
    goals: list[Goal],
    today: date,
    answers: dict[int, ReviewChoice],
    words: Words = ENGLISH,
) -> list[tuple[str, InlineKeyboardMarkup | None]]:
    """Keep, adjust or drop: one row of buttons per active goal, in messages of 20 goals."""
    head = review_title(title, words)
    if not goals:
        empty = words.gettext("No active goals to review. Time to set one? /goal")
        return [(f"{head}\n{empty}", None)]
    messages: list[tuple[str, InlineKeyboardMarkup | None]] = []
    chunk: list[Goal] = []
    for goal in goals:
        trial = quarterly_message(head, period, [*chunk, goal], today, answers, words=words)[0]
        if chunk and (len(chunk) == GOALS_PER_REVIEW_MESSAGE or len(trial) > TEXT_BUDGET):
            messages.append(quarterly_message(head, period, chunk, today, answers, words=words))
            chunk = []
        chunk.append(goal)
    messages.append(quarterly_message(head, period, chunk, today, answers, words=words))
    return messages


def _finished_line(goal: Goal, words: Words) -> str:
    """A dropped or achieved goal's row: what became of it, with no buttons left."""
    if goal.status is GoalStatus.COMPLETED:
        state = words.gettext("🏆 achieved")
    else:
        state = words.gettext("❌ dropped, off the goal list")
    return f"#{goal.number} {esc(goal.title)} ({name(goal.owner)}) · {state}"


def _buttons(goal: Goal, period: str, asking: bool, words: Words) -> list[InlineKeyboardButton]:
    """Keep, adjust and drop; while a drop waits for its second tap, that tap's button."""
    buttons = []
    for word in ReviewChoice:
        label = words.gettext(BUTTON_WORDS[word], number=goal.number)
        data = callbacks.review(goal.id, period, word)
        if word is ReviewChoice.DROP and asking:
            label = words.gettext("Tap again to drop #{number}", number=goal.number)
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
    words: Words = ENGLISH,
) -> tuple[str, InlineKeyboardMarkup]:
    """One review message: the goals, what each owner chose, and buttons for the active ones;
    `asking` is the goal whose drop waits for a second tap (any other press lets it go)."""
    lines = [
        head,
        words.gettext("For each goal: keep it, adjust it, or drop it? Only its owner decides."),
        words.gettext(
            "Then take two minutes to reflect on the quarter: /reflect &lt;your thoughts&gt;"
        ),
    ]
    rows = []
    for goal in goals:
        if not goal.is_active:
            lines.append(_finished_line(goal, words))
            continue
        choice = answers.get(goal.id)
        suffix = f" · {words.gettext(CHOICE_WORDS[choice])}" if choice else ""
        if (
            choice is ReviewChoice.ADJUST
        ):  # the toast's how-to vanishes in a second; the message keeps it
            suffix += words.gettext(
                ": /reschedule {n} &lt;date&gt; or /target {n} &lt;number&gt;", n=goal.number
            )
        if goal.id == asking:
            suffix += " · " + words.gettext("drop it? Tap again to drop")
        lines.append(_goal_line(goal, today, words) + suffix)
        rows.append(_buttons(goal, period, goal.id == asking, words))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def review_toast(
    goal: Goal | None,
    result: ReviewResult,
    choice: ReviewChoice,
    pressed_by: int,
    words: Words = ENGLISH,
) -> str:
    """The answer to a review button press (/reopen offered only to the goal's owner)."""
    if goal is None:
        return words.gettext("That goal no longer exists.")
    n = goal.number
    match result:
        case ReviewResult.GONE:
            return words.gettext("That goal no longer exists.")
        case ReviewResult.FINISHED if goal.status is GoalStatus.COMPLETED:
            return words.gettext("Goal #{n} is already achieved 🏆 Nothing left to decide.", n=n)
        case ReviewResult.FINISHED if pressed_by == goal.owner.user_id:
            return words.gettext(
                "Goal #{n} was dropped, so there's nothing left to decide. "
                "Want it back? /reopen {n}",
                n=n,
            )
        case ReviewResult.FINISHED:
            return words.gettext("Goal #{n} was dropped, so there's nothing left to decide.", n=n)
        case ReviewResult.NOT_OWNER:
            return words.gettext(
                "Only {name} can decide about goal #{n}.", name=goal.owner.first_name, n=n
            )
        case ReviewResult.DROP_ASKED:
            return words.gettext(
                "Drop goal #{n}? Tap “Tap again to drop #{n}” to drop it; "
                "any other button keeps it.",
                n=n,
            )
        case ReviewResult.RECORDED:
            return _choice_toast(n, choice, words)
        case _:
            assert_never(result)


def _choice_toast(n: int, choice: ReviewChoice, words: Words) -> str:
    match choice:
        case ReviewChoice.ADJUST:
            return words.gettext("Adjust it: /reschedule {n} <date> or /target {n} <number>", n=n)
        case ReviewChoice.DROP:
            return words.gettext(
                "Goal #{n} dropped and off the goal list. Changed your mind? /reopen {n}", n=n
            )
        case ReviewChoice.KEEP:
            return words.gettext("Keeping goal #{n}. Onward!", n=n)
        case _:
            assert_never(choice)


def review_title(title: str | None, words: Words = ENGLISH) -> str:
    """The heading of a quarterly review message."""
    if title:
        return words.gettext("🧭 Quarterly review, {title}", title=esc(title))
    return words.gettext("🧭 Quarterly review")
