"""Small pieces every message uses: escaping, dates, bars, amounts, splitting."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.dates import format_day, humanize_days
from bot.domain.models import Goal, Member
from bot.domain.numbers import CURRENCIES, format_amount, is_money
from bot.domain.pace import Pace, PaceStatus

TELEGRAM_LIMIT = 4096
BAR_WIDTH = 10


def esc(text: str) -> str:
    """User-typed text made safe for HTML messages."""
    return html.escape(text, quote=False)


def name(member: Member) -> str:
    """A member's first name, escaped."""
    return esc(member.first_name)


def mention(member: Member) -> str:
    """A link that notifies the member: for when they must act."""
    return f'<a href="tg://user?id={member.user_id}">{esc(member.first_name)}</a>'


def day(d: date, today: date) -> str:
    """'Fri 30 Apr 2027'."""
    return format_day(d, today)


def due(d: date, today: date) -> str:
    """'due Fri 30 Apr 2027 (in 5 months)'."""
    return f"due {format_day(d, today)} ({humanize_days((d - today).days)})"


def local_day(moment: datetime, tz: str) -> date:
    """The calendar day of a moment in the chat's zone."""
    return moment.astimezone(ZoneInfo(tz)).date()


def bar(fraction: float) -> str:
    """A ten-cell text progress bar."""
    filled = round(max(0.0, min(fraction, 1.0)) * BAR_WIDTH)
    return "▓" * filled + "░" * (BAR_WIDTH - filled)


LARGE = 10_000  # from here on a number is shown with thousands separators


def with_unit(value: float, unit: str, grouped: bool | None = None) -> str:
    """'42 km', '12', '12,500 steps', or a currency in front: '$10,000'. Money and large
    numbers are grouped unless grouped=False: a command to copy is written without, so it
    reads one way only ('/target 1 10000 steps')."""
    if grouped is None:
        grouped = is_money(unit) or abs(value) >= LARGE
    if unit in CURRENCIES:
        return f"{unit}{format_amount(value, grouped)}"
    return f"{format_amount(value, grouped)} {esc(unit)}".rstrip()


def amount(goal: Goal, value: float | None = None) -> str:
    """'6 / 12 books' or '$2500 / $10000'; from a baseline, '78 kg (80 → 75 kg)'. The goal's
    current value, or the one given."""
    now = goal.current if value is None else value
    if goal.target is None:
        return f"{format_amount(now)} / ?"

    def short(number: float) -> str:  # the unit said once, at the end, unless it goes first
        return with_unit(number, goal.unit) if goal.unit in CURRENCIES else format_amount(number)

    target = with_unit(goal.target, goal.unit)
    if goal.baseline is not None:
        return f"{with_unit(now, goal.unit)} ({short(goal.baseline)} → {target})"
    return f"{short(now)} / {target}"


def measure(goal: Goal, pace: Pace) -> str:
    """'6 / 12 books, 50%' or '2 of 3 milestones, 67%' (empty when unmeasured)."""
    if goal.target is not None:
        return f"{amount(goal)}, {pace.percent}%"
    if goal.milestones:
        total = len(goal.milestones)
        noun = "milestone" if total == 1 else "milestones"
        return f"{goal.done_milestones} of {total} {noun}, {pace.percent}%"
    return ""


_PACE_WORDS = {
    PaceStatus.ON_TRACK: "on track",
    PaceStatus.BEHIND: "⚠️ behind pace",
    PaceStatus.AT_RISK: "⚠️ at risk",
    PaceStatus.OVERDUE: "⚠️ overdue",
    PaceStatus.DONE: "done",
    PaceStatus.ABANDONED: "abandoned",
    PaceStatus.UNMEASURED: "",
}


def pace_word(pace: Pace) -> str:
    """'on track', '⚠️ behind pace', ... ('' when there is nothing to measure)."""
    return _PACE_WORDS[pace.status]


def plural(count: int, noun: str) -> str:
    """'1 milestone', '2 milestones'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def example_date(today: date, days_ahead: int) -> str:
    """An ISO date a few days or months ahead, for examples that stay valid."""
    return (today + timedelta(days=days_ahead)).isoformat()


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at blank lines, then lines, so no chunk passes Telegram's limit.

    Every line is rendered with its tags closed, so a line boundary never cuts an entity.
    """
    chunks: list[str] = []
    current = ""
    for block in text.split("\n\n"):
        candidate = f"{current}\n\n{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        for line in block.split("\n"):
            candidate = f"{current}\n{line}" if current else line
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = line[:limit]
    if current:
        chunks.append(current)
    return chunks
