"""Small pieces every message uses: escaping, dates, bars, amounts, splitting."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.dates import LocalClock
from bot.domain.models import Goal, Member
from bot.domain.numbers import CURRENCIES, is_money, is_symbol
from bot.domain.pace import Pace, PaceStatus
from bot.render.i18n import ENGLISH, N_, Words

TELEGRAM_LIMIT = 4096
BAR_WIDTH = 10


def esc(text: str) -> str:
    """User-typed text made safe for HTML messages."""
    return html.escape(text, quote=False)


def name(member: Member) -> str:
    """A member's first name, escaped."""
    return esc(member.first_name)


def clock(local: LocalClock | None, words: Words = ENGLISH) -> str:
    """A member's own time beside their name, where it is far from the group's: " · 21:40 in
    Singapore" (the zone's city)."""
    if local is None:
        return ""
    place = words.city(local.zone)
    at = local.at.strftime("%H:%M")
    return " · " + words.gettext("{time} in {place}", time=at, place=esc(place))


def quoted(text: str, words: Words = ENGLISH) -> str:
    """A member's own words in the language's quotation marks: “…”, „…“, «…»."""
    return words.gettext("“{text}”", text=esc(text))


def mention(member: Member) -> str:
    """A link that notifies the member: for when they must act."""
    return f'<a href="tg://user?id={member.user_id}">{esc(member.first_name)}</a>'


def day(d: date, today: date, words: Words = ENGLISH) -> str:
    """'Fri 30 Apr 2027' ('Fr., 30. Apr. 2027' in German)."""
    return words.day(d, today)


def due(d: date, today: date, words: Words = ENGLISH) -> str:
    """'due Fri 30 Apr 2027 (in 5 months)'."""
    return words.gettext(
        "due {day} ({relative})", day=words.day(d, today), relative=words.relative((d - today).days)
    )


def local_day(moment: datetime, tz: str) -> date:
    """The calendar day of a moment in the chat's zone."""
    return moment.astimezone(ZoneInfo(tz)).date()


def bar(fraction: float) -> str:
    """A ten-cell text progress bar."""
    filled = round(max(0.0, min(fraction, 1.0)) * BAR_WIDTH)
    return "▓" * filled + "░" * (BAR_WIDTH - filled)


LARGE = 10_000  # from here on a number is shown with thousands separators


def with_unit(value: float, unit: str, grouped: bool | None = None, words: Words = ENGLISH) -> str:
    """'42 km', '12', '12,500 steps', or a currency in front: '$10,000' ('2,5 kg' and
    '1.500 €' in German). Money and large numbers are grouped unless grouped=False: a command
    to copy is written without, so it reads one way only ('/target 1 10000 steps')."""
    if grouped is None:
        grouped = is_money(unit) or abs(value) >= LARGE
    if is_symbol(unit):
        return words.money(value, unit) if grouped else f"{unit}{words.number(value)}"
    return f"{words.number(value, grouped)} {esc(unit)}".rstrip()


def amount(goal: Goal, value: float | None = None, words: Words = ENGLISH) -> str:
    """'6 / 12 books' or '$2500 / $10000'; from a baseline, '78 kg (80 → 75 kg)'. The goal's
    current value, or the one given."""
    now = goal.current if value is None else value
    if goal.target is None:
        return f"{words.number(now)} / ?"

    def short(number: float) -> str:  # the unit said once, at the end, unless it goes first
        if goal.unit in CURRENCIES or is_symbol(goal.unit):
            return with_unit(number, goal.unit, words=words)
        return words.number(number)

    target = with_unit(goal.target, goal.unit, words=words)
    if goal.baseline is not None:
        return f"{with_unit(now, goal.unit, words=words)} ({short(goal.baseline)} → {target})"
    return f"{short(now)} / {target}"


def measure(goal: Goal, pace: Pace, words: Words = ENGLISH) -> str:
    """'6 / 12 books, 50%' or '2 of 3 milestones, 67%' (empty when unmeasured)."""
    if goal.target is not None:
        return f"{amount(goal, words=words)}, {pace.percent}%"
    if goal.milestones:
        return words.ngettext(
            "{done} of {n} milestone, {percent}%",
            "{done} of {n} milestones, {percent}%",
            len(goal.milestones),
            done=goal.done_milestones,
            percent=pace.percent,
        )
    return ""


_PACE_WORDS = {
    PaceStatus.ON_TRACK: N_("on track"),
    PaceStatus.BEHIND: N_("⚠️ behind pace"),
    PaceStatus.AT_RISK: N_("⚠️ at risk"),
    PaceStatus.OVERDUE: N_("⚠️ overdue"),
    PaceStatus.DONE: N_("done"),
    PaceStatus.ABANDONED: N_("abandoned"),
}


def pace_word(pace: Pace, words: Words = ENGLISH) -> str:
    """'on track', '⚠️ behind pace', ... ('' when there is nothing to measure)."""
    word = _PACE_WORDS.get(pace.status)
    return words.gettext(word) if word else ""


def plural(count: int, noun: str) -> str:
    """'1 milestone', '2 milestones'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def example_date(today: date, days_ahead: int) -> str:
    """An ISO date a few days or months ahead, for examples that stay valid."""
    return (today + timedelta(days=days_ahead)).isoformat()


def units(text: str) -> int:
    """Its length as Telegram counts it: UTF-16 code units (an emoji counts two). For HTML
    this counts the tags and entities too, so it is never less than what Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at blank lines, then lines, so no chunk passes Telegram's limit.

    Every line is rendered with its tags closed, so a line boundary never cuts an entity; a
    line longer than the limit is cut between words, its open tags closed at the cut and
    opened again after it. Nothing is ever left out: the chunks hold all of the text.
    """
    if units(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for block in text.split("\n\n"):
        candidate = f"{current}\n\n{block}" if current else block
        if units(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
            current = ""
        for line in block.split("\n"):
            candidate = f"{current}\n{line}" if current else line
            if units(candidate) <= limit:
                current = candidate
                continue
            if current:
                chunks.append(current)
                current = ""
            if units(line) <= limit:
                current = line
            else:
                *whole, current = cut_line(line, limit)
                chunks += whole
    if current:
        chunks.append(current)
    return chunks


_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"\S+\s*|\s+")


def _hard_cut(word: str, room: int) -> int:
    """Where to cut a word with no spaces in it: within `room` units, never inside an
    HTML entity (&amp;) or between the halves of an emoji."""
    cut = max(1, min(len(word), room))
    while cut > 1 and (over := units(word[:cut]) - room) > 0:
        cut -= max(1, over // 2)  # each emoji counts two: back off by half the overshoot
    amp = word.rfind("&", 0, cut)
    if amp > 0 and ";" not in word[amp:cut]:
        cut = amp
    return cut


def cut_line(line: str, limit: int) -> list[str]:
    """A line longer than the limit as several, cut between words; each piece closes the
    tags open at its end, and the next opens them again."""
    pieces: list[str] = []
    opened: list[tuple[str, str]] = []  # (name, the opening tag) still open
    current = ""

    def closers() -> str:
        return "".join(f"</{name}>" for name, _ in reversed(opened))

    def flush() -> None:
        nonlocal current
        pieces.append(current + closers())
        current = "".join(tag for _, tag in opened)

    for token in _TAG.split(line):
        if not token:
            continue
        if token.startswith("<"):
            name_ = token.strip("</>").split()[0].lower() if token.strip("</>") else ""
            if token.startswith("</"):
                if opened and opened[-1][0] == name_:
                    opened.pop()
            elif not token.endswith("/>"):
                grown = units(current) + units(token) + units(closers()) + len(name_) + 3
                if grown > limit and current != "".join(tag for _, tag in opened):
                    flush()
                opened.append((name_, token))
            current += token
            continue
        for word in _WORD.findall(token):
            while word:
                room = limit - units(current) - units(closers())
                if units(word) <= room:
                    current += word
                    break
                if current.strip() and current != "".join(tag for _, tag in opened):
                    flush()
                    continue
                cut = _hard_cut(word, max(room, 1))
                current += word[:cut]
                word = word[cut:]
                if word:
                    flush()
    if current and current != "".join(tag for _, tag in opened):
        pieces.append(current + closers())
    return pieces


def split_smaller(text: str) -> list[str]:
    """A text Telegram found too long anyway, in pieces at most three fifths as long (two,
    mostly, at the same boundaries as split_message); a single piece when it is too short to
    cut."""
    return split_message(text, max(64, (units(text) * 3 + 4) // 5))
