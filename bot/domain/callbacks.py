"""Inline-button callback data: short, versioned strings built and read only here.

A client can send any data for any message, so reading is strict: ids are 1 to 18 ASCII
digits (so they fit SQLite's 64-bit integers), periods are real dates or quarters, and
anything else reads as None. Which message a press may act on is settled before any of this
(handlers/buttons.py: the data must be on the message's own buttons).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain.checkins import CheckinStatus, ReviewChoice
from bot.domain.drafts import HOW_OFTEN_CHOICES, Kind
from bot.domain.languages import Lang

VERSION = "v1"
MAX_BYTES = 64
# [0-9], not \d: \d also matches '²' or '١', which int() reads or chokes on.
_ID = re.compile(r"[0-9]{1,18}")
_SIGNED_ID = re.compile(r"-?[0-9]{1,18}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_QUARTER = re.compile(r"[0-9]{4}-Q[1-4]")


def _id(text: str, signed: bool = False) -> int | None:
    """An id read from callback data, or None when it is not one."""
    return int(text) if (_SIGNED_ID if signed else _ID).fullmatch(text) else None


def _day(text: str) -> str | None:
    """A check-in period (the prompt's local date, YYYY-MM-DD), or None."""
    if not _DAY.fullmatch(text):
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _fields(data: str, tag: str, count: int) -> list[str] | None:
    """The fields after version and tag, when the data is this kind with this many fields."""
    if len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) != count + 2 or parts[:2] != [VERSION, tag]:
        return None
    return parts[2:]


@dataclass(frozen=True)
class AbandonChoice:
    """A press on the abandon confirmation: confirm or keep the goal."""

    goal_id: int
    confirm: bool


def abandon(goal_id: int, confirm: bool) -> str:
    """Callback data for the abandon confirmation buttons."""
    data = f"{VERSION}:abandon:{goal_id}:{'yes' if confirm else 'no'}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def parse_abandon(data: str) -> AbandonChoice | None:
    """Read abandon callback data; None when it is not that (or an old version)."""
    fields = _fields(data, "abandon", 2)
    if fields is None:
        return None
    goal_id = _id(fields[0])
    if goal_id is None or fields[1] not in ("yes", "no"):
        return None
    return AbandonChoice(goal_id, fields[1] == "yes")


ABANDON_PATTERN = rf"^{VERSION}:abandon:"


@dataclass(frozen=True)
class CheckinPress:
    """A press on a check-in prompt."""

    period: str
    status: CheckinStatus


def checkin(period: str, status: CheckinStatus) -> str:
    """Callback data for a check-in button."""
    data = f"{VERSION}:ci:{period}:{status.value}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def parse_checkin(data: str) -> CheckinPress | None:
    """Read check-in callback data; None when it is not that."""
    fields = _fields(data, "ci", 2)
    if fields is None:
        return None
    period = _day(fields[0])
    statuses = {s.value: s for s in CheckinStatus}
    if period is None or fields[1] not in statuses:
        return None
    return CheckinPress(period, statuses[fields[1]])


CHECKIN_PATTERN = rf"^{VERSION}:ci:"

REVIEW_CHOICES = {"k": ReviewChoice.KEEP, "a": ReviewChoice.ADJUST, "d": ReviewChoice.DROP}
# The second tap on drop, the one that drops: a mis-tap in a long review drops nothing.
DROP_CONFIRMED = "dd"


@dataclass(frozen=True)
class ReviewPress:
    """A press on a quarterly review button (confirmed: the second tap on drop)."""

    goal_id: int
    period: str
    choice: ReviewChoice
    confirmed: bool = False


def review(goal_id: int, period: str, choice: ReviewChoice, confirmed: bool = False) -> str:
    """Callback data for a keep / adjust / drop button, or for the tap that confirms a drop."""
    code = next(k for k, v in REVIEW_CHOICES.items() if v == choice)
    if confirmed:
        assert choice is ReviewChoice.DROP
        code = DROP_CONFIRMED
    data = f"{VERSION}:rv:{goal_id}:{period}:{code}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def parse_review(data: str) -> ReviewPress | None:
    """Read review callback data; None when it is not that."""
    fields = _fields(data, "rv", 3)
    if fields is None:
        return None
    goal_id, period, code = _id(fields[0]), fields[1], fields[2]
    if goal_id is None or not _QUARTER.fullmatch(period):
        return None
    if code == DROP_CONFIRMED:
        return ReviewPress(goal_id, period, ReviewChoice.DROP, confirmed=True)
    if code not in REVIEW_CHOICES:
        return None
    return ReviewPress(goal_id, period, REVIEW_CHOICES[code])


REVIEW_PATTERN = rf"^{VERSION}:rv:"


def review_goal_ids(all_data: list[str]) -> list[int]:
    """The goals a review message asks about, read from its buttons, in order."""
    ids: list[int] = []
    for data in all_data:
        press = parse_review(data)
        if press is not None and press.goal_id not in ids:
            ids.append(press.goal_id)
    return ids


@dataclass(frozen=True)
class YesNo:
    """A yes/no press about one thing (a partner invitation, a deletion)."""

    subject: int
    yes: bool


def _yes_no(tag: str, subject: int, yes: bool) -> str:
    data = f"{VERSION}:{tag}:{subject}:{'y' if yes else 'n'}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def _parse_yes_no(tag: str, data: str) -> YesNo | None:
    fields = _fields(data, tag, 2)
    if fields is None:
        return None
    subject = _id(fields[0], signed=True)
    if subject is None or fields[1] not in ("y", "n"):
        return None
    return YesNo(subject, fields[1] == "y")


def partner(invite_id: int, accept: bool) -> str:
    """Callback data for Accept / Decline on a partner invitation."""
    return _yes_no("pt", invite_id, accept)


def parse_partner(data: str) -> YesNo | None:
    """Read partner-invitation callback data."""
    return _parse_yes_no("pt", data)


def forget(user_id: int, confirm: bool) -> str:
    """Callback data for the /forgetme confirmation."""
    return _yes_no("fm", user_id, confirm)


def parse_forget(data: str) -> YesNo | None:
    """Read /forgetme callback data."""
    return _parse_yes_no("fm", data)


def remove_milestone(milestone_id: int, confirm: bool) -> str:
    """Callback data for Remove / Keep it on the /delete confirmation."""
    return _yes_no("rm", milestone_id, confirm)


def parse_remove_milestone(data: str) -> YesNo | None:
    """Read /delete confirmation callback data."""
    return _parse_yes_no("rm", data)


PARTNER_PATTERN = rf"^{VERSION}:pt:"
FORGET_PATTERN = rf"^{VERSION}:fm:"
REMOVE_MILESTONE_PATTERN = rf"^{VERSION}:rm:"


@dataclass(frozen=True)
class Pick:
    """A press on a question's button: which question, which option (past the last: neither)."""

    choice_id: int
    index: int


def pick(choice_id: int, index: int) -> str:
    """Callback data for a question's option button."""
    data = f"{VERSION}:pick:{choice_id}:{index}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def parse_pick(data: str) -> Pick | None:
    """Read a question's callback data; None when it is not that."""
    fields = _fields(data, "pick", 2)
    if fields is None:
        return None
    choice_id = _id(fields[0])
    if choice_id is None or not re.fullmatch(r"[0-9]{1,2}", fields[1]):
        return None
    return Pick(choice_id, int(fields[1]))


PICK_PATTERN = rf"^{VERSION}:pick:"


@dataclass(frozen=True)
class HabitPress:
    """A press on a habit prompt's button: log this habit for the prompt's day."""

    habit_id: int
    day: date


def habit_done(habit_id: int, day: date) -> str:
    """Callback data for a habit's button on the daily habit prompt."""
    data = f"{VERSION}:hb:{habit_id}:{day:%Y%m%d}"
    assert len(data.encode()) <= MAX_BYTES
    return data


@dataclass(frozen=True)
class WizardPress:
    """A press on the guided /goal's buttons, for the member it asks: a kind ("once, or
    repeating?"), a frequency from HOW_OFTEN_CHOICES, or None to type how often."""

    user_id: int
    answer: Kind | str | None


_WIZARD_KINDS = {"once": Kind.ONCE, "rep": Kind.REPEATING}


def wizard(user_id: int, answer: Kind | int | None) -> str:
    """Callback data for a guided /goal button: a kind, a how-often choice's index, or None
    for "other: type it"."""
    if isinstance(answer, Kind):
        code = next(k for k, v in _WIZARD_KINDS.items() if v is answer)
    else:
        code = "type" if answer is None else f"h{answer}"
    data = f"{VERSION}:gd:{user_id}:{code}"
    assert len(data.encode()) <= MAX_BYTES
    return data


def parse_habit_done(data: str) -> HabitPress | None:
    """Read a habit prompt's callback data; None when it is not that."""
    parts = _fields(data, "hb", 2)
    if parts is None or (habit_id := _id(parts[0])) is None:
        return None
    if not (len(parts[1]) == 8 and _ID.fullmatch(parts[1])):
        return None
    try:
        day = date.fromisoformat(parts[1])  # 20261128
    except ValueError:
        return None
    return HabitPress(habit_id, day)


HABIT_PATTERN = rf"^{VERSION}:hb:"


def parse_wizard(data: str) -> WizardPress | None:
    """Read guided /goal callback data; None when it is not that."""
    parts = _fields(data, "gd", 2)
    if parts is None or (user_id := _id(parts[0])) is None:
        return None
    code = parts[1]
    if code in _WIZARD_KINDS:
        return WizardPress(user_id, _WIZARD_KINDS[code])
    if code == "type":
        return WizardPress(user_id, None)
    index = _id(code[1:]) if code[:1] == "h" else None
    if index is not None and index < len(HOW_OFTEN_CHOICES):
        return WizardPress(user_id, HOW_OFTEN_CHOICES[index])
    return None


WIZARD_PATTERN = rf"^{VERSION}:gd:"


def language(lang: Lang) -> str:
    """A press on one of /language's buttons: speak this language here."""
    return f"{VERSION}:lang:{lang.value}"


def parse_language(data: str) -> Lang | None:
    """The language a /language button names, or None."""
    fields = _fields(data, "lang", 1)
    if fields is None:
        return None
    return next((lang for lang in Lang if lang.value == fields[0]), None)


LANGUAGE_PATTERN = rf"^{VERSION}:lang:"


Press = AbandonChoice | CheckinPress | ReviewPress | YesNo | Pick | HabitPress | WizardPress | Lang
_PARSERS = (
    parse_abandon, parse_checkin, parse_review, parse_partner, parse_forget,
    parse_remove_milestone, parse_pick, parse_habit_done, parse_wizard, parse_language,
)  # fmt: skip


def parse(data: str) -> Press | None:
    """Any button's data read by its own kind's rules; None when no kind reads it."""
    return next((p for parse_one in _PARSERS if (p := parse_one(data)) is not None), None)
