"""The daily habit prompt and its buttons, the answers to a press, and what the group hears
about habits on its own: celebrations, a run's end, reminders, and a partner's broken streak."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.habit_days import Broken, Celebration, CelebrationKind, HabitPrompt, RunSummary
from bot.domain.habits import HabitGoal, Per, Safety
from bot.render.habits import count_done, periods
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import day, esc, mention, name

# Button labels stay short: a title and a first name, cut with an ellipsis.
TITLE_CHARS = 24
NAME_CHARS = 14


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def prompt(found: HabitPrompt, words: Words = ENGLISH) -> tuple[str, InlineKeyboardMarkup | None]:
    """The prompt with a button per habit still to do, and who did what so far."""
    lines = [words.gettext("🔁 Habits for {day}", day=day(found.day, found.day, words))]
    buttons = []
    for line in found.lines:
        habit = line.habit
        per = habit.rules.frequency.per
        count = ""
        if per is not Per.DAY or habit.rules.frequency.times > 1:
            count = f" · {count_done(line.done, line.asked, per, words)}"
        mark = "✅" if line.logged and not line.open else "⬜"
        lines.append(f"{mark} {name(habit.owner)} · {esc(habit.title)}{count}")
        if line.open:
            label = f"✅ {_short(habit.title, TITLE_CHARS)} · {_short(habit.owner.first_name, NAME_CHARS)}"
            data = callbacks.habit_done(habit.id, found.day)
            buttons.append([InlineKeyboardButton(label, callback_data=data)])
    if buttons:
        lines.append(words.gettext("Tap yours when it's done (or /did and its number)."))
        return "\n".join(lines), InlineKeyboardMarkup(buttons)
    lines.append(words.gettext("🎉 All done for the day. Well kept!"))
    return "\n".join(lines), None


def logged_toast(
    habit: HabitGoal, on: date, today: date, current: int, words: Words = ENGLISH
) -> str:
    """A press logged the habit (plain text: a toast shows no HTML)."""
    title = _short(habit.title, 60)
    text = (
        words.gettext("✅ {title}: done today", title=title)
        if on == today
        else words.gettext("✅ {title}: done yesterday", title=title)
    )
    if current:
        text += f" · 🔥 {periods(current, habit.rules.frequency.per, words)}"
    return text


def not_yours_toast(habit: HabitGoal, words: Words = ENGLISH) -> str:
    """Someone pressed another member's habit."""
    return words.gettext(
        "That one is {owner}'s habit: only {owner} can log it. Yours carry your name.",
        owner=habit.owner.first_name,
    )


def done_already_toast(habit: HabitGoal, on: date, today: date, words: Words = ENGLISH) -> str:
    """The day or the period already counts in full."""
    per = habit.rules.frequency.per
    values = {"title": _short(habit.title, 60), "number": habit.number}
    if per is Per.WEEK:
        return words.gettext(
            "{title} already counts in full for this week. /undo {number} takes one back.",
            **values,
        )
    if per is Per.MONTH:
        return words.gettext(
            "{title} already counts in full for this month. /undo {number} takes one back.",
            **values,
        )
    if on == today:
        return words.gettext(
            "{title} already counts in full for today. /undo {number} takes one back.", **values
        )
    return words.gettext(
        "{title} already counts in full for yesterday. /undo {number} takes one back.", **values
    )


def too_old_toast(habit: HabitGoal, on: date, today: date, words: Words = ENGLISH) -> str:
    """A prompt from before yesterday: nothing is logged that far back."""
    return words.gettext(
        "This prompt was for {day}: too far back to log. Today counts with /did {number}.",
        day=day(on, today, words),
        number=habit.number,
    )


GONE_TOAST = N_("That habit isn't running any more.")


def gone_toast(words: Words = ENGLISH) -> str:
    """The pressed habit ended, was stopped, or is not this chat's."""
    return words.gettext(GONE_TOAST)


# -- what the group hears -------------------------------------------------------------------


def _kept(who: str, title: str, length: int, per: Per, words: Words) -> str:
    values = {"who": who, "title": title}
    if per is Per.DAY:
        return words.ngettext("🎉 {who} has kept {title} {n} day in a row! 🔥",
                              "🎉 {who} has kept {title} {n} days in a row! 🔥",
                              length, **values)  # fmt: skip
    if per is Per.WEEK:
        return words.ngettext("🎉 {who} has kept {title} {n} week in a row! 🔥",
                              "🎉 {who} has kept {title} {n} weeks in a row! 🔥",
                              length, **values)  # fmt: skip
    return words.ngettext("🎉 {who} has kept {title} {n} month in a row! 🔥",
                          "🎉 {who} has kept {title} {n} months in a row! 🔥",
                          length, **values)  # fmt: skip


def celebrations(habit: HabitGoal, found: Sequence[Celebration], words: Words = ENGLISH) -> str:
    """A streak milestone and a first week met, one line each."""
    who, title = name(habit.owner), esc(habit.title)
    lines = []
    for cheer in found:
        if cheer.kind is CelebrationKind.STREAK:
            lines.append(_kept(who, title, cheer.length, cheer.per, words))
        elif cheer.per is Per.DAY:
            lines.append(words.gettext(
                "🎉 {who}'s first full week of {title}: every day done!", who=who, title=title
            ))  # fmt: skip
        elif cheer.per is Per.WEEK:
            lines.append(words.gettext(
                "🎉 {who} met {title} for a whole week, the first one!", who=who, title=title
            ))  # fmt: skip
        else:
            lines.append(words.gettext(
                "🎉 {who} met {title} for a whole month, the first one!", who=who, title=title
            ))  # fmt: skip
    return "\n".join(lines)


def ended(habit: HabitGoal, summary: RunSummary, today: date, words: Words = ENGLISH) -> str:
    """A habit reached its end date: the summary of its run, celebrated when it ended strong."""
    best = summary.best
    streak = (
        f"🔥 {periods(best.best, best.per, words)}" if best.best else words.gettext("no streak")
    )
    lines = [
        words.gettext(
            "🏁 Habit #{number} {title} of {name} has reached its end date ({day}).",
            number=habit.number,
            title=esc(habit.title),
            name=name(habit.owner),
            day=day(summary.last, today, words),
        ),
        words.ngettext(
            "Done {n} time from {first} · best streak {streak} · strength {strength}% at the end",
            "Done {n} times from {first} · best streak {streak} · strength {strength}% at the end",
            summary.occurrences,
            first=day(summary.first, today, words),
            streak=streak,
            strength=summary.strength,
        ),
    ]
    if summary.strong:
        lines.append(words.gettext("🎉 A strong finish, {name}!", name=name(habit.owner)))
    else:
        lines.append(words.gettext("Start the next one whenever you like: /habit"))
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


def broken_detail(habit: HabitGoal, broken: Broken, words: Words = ENGLISH) -> str:
    """What a partner notice says the broken streak was (plain: the notice escapes it)."""
    return f"#{habit.number} {habit.title} ({periods(broken.length, broken.per, words)})"
