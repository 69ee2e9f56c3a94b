"""Check-in prompts and replies, and /reflect."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.checkins import CheckinStatus
from bot.domain.models import Member
from bot.domain.schedules import PeriodDays
from bot.render.text import day, esc, name

WEEK_DAYS = 7

LABELS = {
    CheckinStatus.ON_TRACK: "✅ On track",
    CheckinStatus.BEHIND: "⚠️ Behind",
    CheckinStatus.HELP: "🆘 Need help",
}
WORDS = {
    CheckinStatus.ON_TRACK: "on track",
    CheckinStatus.BEHIND: "behind",
    CheckinStatus.HELP: "needs help",
}
ICONS = {CheckinStatus.ON_TRACK: "✅", CheckinStatus.BEHIND: "⚠️", CheckinStatus.HELP: "🆘"}


def prompt(
    title: str | None, period: str, roll: list[tuple[Member, CheckinStatus]]
) -> tuple[str, InlineKeyboardMarkup]:
    """The check-in prompt with its buttons, showing who has checked in so far."""
    lines = [
        f"📋 Check-in time{', ' + esc(title) if title else ''}!",
        "How are your goals going? Tap one, or /checkin on-track|behind|help with a note.",
    ]
    if roll:
        lines.append("Checked in: " + ", ".join(f"{name(m)} {ICONS[s]}" for m, s in roll))
    helpers = [m for m, s in roll if s is CheckinStatus.HELP]
    if helpers:
        lines.append(
            "Who can help " + ", ".join(name(m) for m in helpers) + "? Reply to them here."
        )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(LABELS[s], callback_data=callbacks.checkin(period, s))
                for s in CheckinStatus
            ]
        ]
    )
    return "\n".join(lines), keyboard


def toast(status: CheckinStatus, streak: int, days: PeriodDays, today: date) -> str:
    """The answer to a check-in button press, naming the period it counts for (plain text:
    a toast shows no HTML)."""
    return f"Checked in {period_days(days, today)}: {WORDS[status]}. Streak: {streak}"


def period_days(days: PeriodDays, today: date) -> str:
    """'for the week from Mon 7 Dec', 'for Mon 7 Dec', 'for Fri 11 Dec to Sun 13 Dec'."""
    if days.first == days.last:
        return f"for {day(days.first, today)}"
    if (days.last - days.first).days == WEEK_DAYS - 1:
        return f"for the week from {day(days.first, today)}"
    return f"for {day(days.first, today)} to {day(days.last, today)}"


def checked_in(
    member: Member,
    status: CheckinStatus,
    streak: int,
    note: str | None,
    days: PeriodDays,
    today: date,
) -> str:
    """The reply to /checkin, naming the period it counts for."""
    lines = [
        f"{ICONS[status]} {name(member)} checked in: {WORDS[status]}.",
        f"Counted {period_days(days, today)}.",
    ]
    if note:
        lines.append(f"“{esc(note)}”")
    if streak > 1:
        lines.append(f"🔥 {streak} check-ins in a row.")
    if status is CheckinStatus.HELP:
        lines.append("Group, who can lend a hand? Reply to this message.")
    return "\n".join(lines)


def reflected(member: Member) -> str:
    """The reply to /reflect."""
    return f"📝 Noted, {name(member)}. Your reflection is saved with today's date."
