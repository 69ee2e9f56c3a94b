"""Check-in prompts and replies, and /reflect."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.checkins import CheckinStatus
from bot.domain.models import Member
from bot.render.text import esc, name

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


def toast(status: CheckinStatus, streak: int) -> str:
    """The answer to a check-in button press."""
    return f"Checked in: {WORDS[status]}. Streak: {streak}"


def checked_in(member: Member, status: CheckinStatus, streak: int, note: str | None) -> str:
    """The reply to /checkin."""
    lines = [f"{ICONS[status]} {name(member)} checked in: {WORDS[status]}."]
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
