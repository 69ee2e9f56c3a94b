"""The daily habit prompt and its buttons, the answers to a press, and what the group hears
about habits on its own: celebrations, a run's end, reminders, and a partner's broken streak."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.habit_days import Broken, Celebration, CelebrationKind, HabitPrompt, RunSummary
from bot.domain.habits import HabitGoal, Per, Safety
from bot.domain.numbers import format_amount
from bot.render.i18n import ENGLISH, Words
from bot.render.text import day, esc, mention, name, plural

_PER_WORD = {Per.DAY: "day", Per.WEEK: "week", Per.MONTH: "month"}
_THIS = {Per.DAY: "today", Per.WEEK: "this week", Per.MONTH: "this month"}
# Button labels stay short: a title and a first name, cut with an ellipsis.
TITLE_CHARS = 24
NAME_CHARS = 14


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count(done: float, asked: int, per: Per) -> str:
    return f"{format_amount(round(done, 2))}/{asked} {_THIS[per]}"


def prompt(found: HabitPrompt) -> tuple[str, InlineKeyboardMarkup | None]:
    """The prompt with a button per habit still to do, and who did what so far."""
    lines = [f"🔁 Habits for {day(found.day, found.day)}"]
    buttons = []
    for line in found.lines:
        habit = line.habit
        per = habit.rules.frequency.per
        count = ""
        if per is not Per.DAY or habit.rules.frequency.times > 1:
            count = f" · {_count(line.done, line.asked, per)}"
        mark = "✅" if line.logged and not line.open else "⬜"
        lines.append(f"{mark} {name(habit.owner)} · {esc(habit.title)}{count}")
        if line.open:
            label = f"✅ {_short(habit.title, TITLE_CHARS)} · {_short(habit.owner.first_name, NAME_CHARS)}"
            data = callbacks.habit_done(habit.id, found.day)
            buttons.append([InlineKeyboardButton(label, callback_data=data)])
    if buttons:
        lines.append("Tap yours when it's done (or /did and its number).")
        return "\n".join(lines), InlineKeyboardMarkup(buttons)
    lines.append("🎉 All done for the day. Well kept!")
    return "\n".join(lines), None


def logged_toast(habit: HabitGoal, on: date, today: date, current: int) -> str:
    """A press logged the habit (plain text: a toast shows no HTML)."""
    when = "today" if on == today else "yesterday"
    per = habit.rules.frequency.per
    fire = f" · 🔥 {plural(current, _PER_WORD[per])}" if current else ""
    return f"✅ {_short(habit.title, 60)}: done {when}{fire}"


def not_yours_toast(habit: HabitGoal) -> str:
    """Someone pressed another member's habit."""
    owner = habit.owner.first_name
    return f"That one is {owner}'s habit: only {owner} can log it. Yours carry your name."


def done_already_toast(habit: HabitGoal, on: date, today: date) -> str:
    """The day or the period already counts in full."""
    per = habit.rules.frequency.per
    when = ("today" if on == today else "yesterday") if per is Per.DAY else _THIS[per]
    return f"{_short(habit.title, 60)} already counts in full for {when}. /undo {habit.number} takes one back."


def too_old_toast(habit: HabitGoal, on: date, today: date) -> str:
    """A prompt from before yesterday: nothing is logged that far back."""
    return (
        f"This prompt was for {day(on, today)}: too far back to log. "
        f"Today counts with /did {habit.number}."
    )


GONE_TOAST = "That habit isn't running any more."


# -- what the group hears -------------------------------------------------------------------


def celebrations(habit: HabitGoal, found: Sequence[Celebration]) -> str:
    """A streak milestone and a first week met, one line each."""
    who, title = name(habit.owner), esc(habit.title)
    lines = []
    for cheer in found:
        per = _PER_WORD[cheer.per]
        if cheer.kind is CelebrationKind.STREAK:
            lines.append(f"🎉 {who} has kept {title} {plural(cheer.length, per)} in a row! 🔥")
        elif cheer.per is Per.DAY:
            lines.append(f"🎉 {who}'s first full week of {title}: every day done!")
        else:
            lines.append(f"🎉 {who} met {title} for a whole {per}, the first one!")
    return "\n".join(lines)


def ended(habit: HabitGoal, summary: RunSummary, today: date) -> str:
    """A habit reached its end date: the summary of its run, celebrated when it ended strong."""
    best = summary.best
    streak = f"🔥 {plural(best.best, _PER_WORD[best.per])}" if best.best else "no streak"
    lines = [
        f"🏁 Habit #{habit.number} {esc(habit.title)} of {name(habit.owner)} has reached its "
        f"end date ({day(summary.last, today)}).",
        f"Done {plural(summary.occurrences, 'time')} from {day(summary.first, today)} · "
        f"best streak {streak} · strength {summary.strength}% at the end",
    ]
    if summary.strong:
        lines.append(f"🎉 A strong finish, {name(habit.owner)}!")
    else:
        lines.append("Start the next one whenever you like: /habit")
    return "\n".join(lines)


def reminder(habit: HabitGoal, safety: Safety, words: Words = ENGLISH) -> str:
    """A habit whose period can wait no longer: today counts, mentioning the owner."""
    values = {
        "who": mention(habit.owner),
        "number": habit.number,
        "title": esc(habit.title),
        "still": safety.still_to_do,
    }
    n = safety.days_left
    if habit.rules.frequency.per is Per.MONTH:
        text = words.ngettext(
            "⏰ {who}, #{number} {title} needs today: {still} more this month, {n} day left.",
            "⏰ {who}, #{number} {title} needs today: {still} more this month, {n} days left.",
            n, **values,
        )  # fmt: skip
    else:  # a week's (a daily habit is reminded by its prompt, not here)
        text = words.ngettext(
            "⏰ {who}, #{number} {title} needs today: {still} more this week, {n} day left.",
            "⏰ {who}, #{number} {title} needs today: {still} more this week, {n} days left.",
            n, **values,
        )  # fmt: skip
    return text + "\n" + words.gettext("Done? /did {number}", number=habit.number)


def broken_detail(habit: HabitGoal, broken: Broken) -> str:
    """What a partner notice says the broken streak was (plain: the notice escapes it)."""
    return f"#{habit.number} {habit.title} ({plural(broken.length, _PER_WORD[broken.per])})"
