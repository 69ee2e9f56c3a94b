"""Check-in prompts and replies, and /reflect."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.checkins import CheckinStatus
from bot.domain.models import Member
from bot.domain.schedules import PeriodDays
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc, name, quoted

WEEK_DAYS = 7

LABELS = {
    CheckinStatus.ON_TRACK: N_("✅ On track"),
    CheckinStatus.BEHIND: N_("⚠️ Behind"),
    CheckinStatus.HELP: N_("🆘 Need help"),
}
WORDS = {
    CheckinStatus.ON_TRACK: N_("on track"),
    CheckinStatus.BEHIND: N_("behind"),
    CheckinStatus.HELP: N_("needs help"),
}
ICONS = {CheckinStatus.ON_TRACK: "✅", CheckinStatus.BEHIND: "⚠️", CheckinStatus.HELP: "🆘"}


def prompt(
    title: str | None,
    period: str,
    roll: list[tuple[Member, CheckinStatus]],
    words: Words = ENGLISH,
) -> tuple[str, InlineKeyboardMarkup]:
    """The check-in prompt with its buttons, showing who has checked in so far."""
    lines = [
        words.gettext("📋 Check-in time, {title}!", title=esc(title))
        if title
        else words.gettext("📋 Check-in time!"),
        words.gettext(
            "How are your goals going? Tap one, or /checkin on-track|behind|help with a note."
        ),
    ]
    if roll:
        names = ", ".join(f"{name(m)} {ICONS[s]}" for m, s in roll)
        lines.append(words.gettext("Checked in: {names}", names=names))
    helpers = [m for m, s in roll if s is CheckinStatus.HELP]
    if helpers:
        names = ", ".join(name(m) for m in helpers)
        lines.append(words.gettext("Who can help {names}? Reply to them here.", names=names))
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    words.gettext(LABELS[s]), callback_data=callbacks.checkin(period, s)
                )
                for s in CheckinStatus
            ]
        ]
    )
    return "\n".join(lines), keyboard


def toast(
    status: CheckinStatus, streak: int, days: PeriodDays, today: date, words: Words = ENGLISH
) -> str:
    """The answer to a check-in button press, naming the period it counts for (plain text:
    a toast shows no HTML)."""
    return words.gettext(
        "Checked in {period}: {status}. Streak: {streak}",
        period=period_days(days, today, words),
        status=words.gettext(WORDS[status]),
        streak=streak,
    )


def period_days(days: PeriodDays, today: date, words: Words = ENGLISH) -> str:
    """'for the week from Mon 7 Dec', 'for Mon 7 Dec', 'for Fri 11 Dec to Sun 13 Dec'."""
    first = words.day(days.first, today)
    if days.first == days.last:
        return words.gettext("for {day}", day=first)
    if (days.last - days.first).days == WEEK_DAYS - 1:
        return words.gettext("for the week from {day}", day=first)
    return words.gettext("for {first} to {last}", first=first, last=words.day(days.last, today))


def checked_in(
    member: Member,
    status: CheckinStatus,
    streak: int,
    note: str | None,
    days: PeriodDays,
    today: date,
    words: Words = ENGLISH,
) -> str:
    """The reply to /checkin, naming the period it counts for."""
    lines = [
        words.gettext(
            "{icon} {name} checked in: {status}.",
            icon=ICONS[status],
            name=name(member),
            status=words.gettext(WORDS[status]),
        ),
        words.gettext("Counted {period}.", period=period_days(days, today, words)),
    ]
    if note:
        lines.append(quoted(note, words))
    if streak > 1:
        lines.append(
            words.ngettext("🔥 {n} check-in in a row.", "🔥 {n} check-ins in a row.", streak)
        )
    if status is CheckinStatus.HELP:
        lines.append(words.gettext("Group, who can lend a hand? Reply to this message."))
    return "\n".join(lines)


def reflected(member: Member, words: Words = ENGLISH) -> str:
    """The reply to /reflect."""
    return words.gettext(
        "📝 Noted, {name}. Your reflection is saved with today's date.", name=name(member)
    )
