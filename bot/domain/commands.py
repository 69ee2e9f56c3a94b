"""Reading command arguments into plain specs; every shape error is a Usage."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.errors import Usage
from bot.domain.numbers import parse_amount_with_unit

MAX_TITLE = 200
MAX_NOTE = 1000

_TARGET = re.compile(r"\s+target(?:\s+(?P<rest>.*?))?\s*$", re.IGNORECASE)
# "Run target 42 km by June": a target before the deadline, only when a number follows.
_TARGET_IN_TITLE = re.compile(r"\s+target\s+(?P<rest>\d[\d.,]*\s*[^\d\s]*)\s*$", re.IGNORECASE)
_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_BECAUSE = re.compile(r"\s+because(?:\s+|$)", re.IGNORECASE)
_REF = re.compile(r"^#?(?P<goal>\d{1,9})(?:\.(?P<milestone>\d{1,9}))?$")


@dataclass(frozen=True)
class GoalSpec:
    """What /goal asked for, before the date is resolved."""

    title: str
    date_text: str
    target: float | None = None
    unit: str = ""


@dataclass(frozen=True)
class MilestoneSpec:
    """What /milestone asked for."""

    goal_number: int
    title: str
    date_text: str


@dataclass(frozen=True)
class Ref:
    """A goal (7) or one of its milestones (7.2)."""

    goal_number: int
    milestone_number: int | None = None

    def __str__(self) -> str:
        if self.milestone_number is None:
            return str(self.goal_number)
        return f"{self.goal_number}.{self.milestone_number}"


@dataclass(frozen=True)
class ProgressSpec:
    """A new value, or an amount to add when relative."""

    goal_number: int
    amount: float
    relative: bool


@dataclass(frozen=True)
class RescheduleSpec:
    """A deadline move with an optional reason."""

    ref: Ref
    date_text: str
    reason: str | None


def check_title(title: str, what: str = "title") -> str:
    """A trimmed title, refused when empty or over the length limit."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise Usage(f"empty_{what}")
    if len(cleaned) > MAX_TITLE:
        raise Usage(f"long_{what}")
    return cleaned


def parse_target(text: str) -> tuple[float, str]:
    """A positive numeric target with an optional unit ('42 km', '10 %', '5.5kg')."""
    if re.search(r"\btarget\b", text, re.IGNORECASE):
        raise Usage("two_targets")
    parsed = parse_amount_with_unit(text)
    if parsed is None or parsed[0] <= 0 or len(parsed[1]) > 30:
        raise Usage("bad_target")
    return parsed


def _split_deadline(text: str) -> tuple[str, str]:
    """Split 'title by date' at the last ' by ', so titles may contain 'by'."""
    parts = _BY.split(" " + text.strip())
    if len(parts) < 2:
        raise Usage("no_deadline")
    title = " by ".join(parts[:-1]).strip()
    date_text = parts[-1].strip()
    if not date_text:
        raise Usage("no_deadline")
    return title, date_text


def parse_goal(text: str) -> GoalSpec:
    """/goal <title> by <date> [target <number> <unit>] (the target may also come before 'by')."""
    target: float | None = None
    unit = ""
    title, date_text = _split_deadline(text)
    after = _TARGET.search(" " + date_text)
    before = _TARGET_IN_TITLE.search(title)
    if after:
        target, unit = parse_target(after.group("rest") or "")
        date_text = (" " + date_text)[: after.start()].strip()
        if not date_text:
            raise Usage("no_deadline")
    elif before:
        target, unit = parse_target(before.group("rest"))
        title = title[: before.start()]
    return GoalSpec(check_title(title), date_text, target, unit)


def parse_goal_number(token: str) -> int:
    """'7' or '#7' as a goal number."""
    ref = parse_ref(token)
    if ref.milestone_number is not None:
        raise Usage("goal_not_milestone")
    return ref.goal_number


def parse_ref(token: str) -> Ref:
    """'7' or '7.2' (a leading '#' is fine)."""
    match = _REF.fullmatch(token.strip())
    if not match:
        raise Usage("bad_ref")
    milestone = match.group("milestone")
    return Ref(int(match.group("goal")), int(milestone) if milestone else None)


def _first_and_rest(text: str, missing: str) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    if not parts:
        raise Usage(missing)
    return parts[0], parts[1] if len(parts) > 1 else ""


def parse_milestone(text: str) -> MilestoneSpec:
    """/milestone <goal#> <title> by <date>."""
    first, rest = _first_and_rest(text, "no_goal_number")
    number = parse_goal_number(first)
    title, date_text = _split_deadline(rest)
    return MilestoneSpec(number, check_title(title), date_text)


def parse_done(text: str) -> Ref:
    """/done <goal#>.<n> or /done <goal#>."""
    first, rest = _first_and_rest(text, "no_ref")
    if rest:
        raise Usage("extra")
    return parse_ref(first)


def parse_progress(text: str) -> ProgressSpec:
    """/progress <goal#> <value> or /progress <goal#> +<n>."""
    first, rest = _first_and_rest(text, "no_goal_number")
    number = parse_goal_number(first)
    value_text = rest.strip()
    if not value_text:
        raise Usage("no_value")
    if value_text.startswith("-"):
        raise Usage("negative_value")
    relative = value_text.startswith("+")
    parsed = parse_amount_with_unit(value_text.removeprefix("+"))
    if parsed is None:
        raise Usage("bad_value")
    return ProgressSpec(number, parsed[0], relative)


def parse_goal_and_text(text: str, what: str) -> tuple[int, str]:
    """/why <goal#> <text> and similar: a goal number and free text."""
    first, rest = _first_and_rest(text, "no_goal_number")
    number = parse_goal_number(first)
    note = " ".join(rest.split())
    if not note:
        raise Usage(f"empty_{what}")
    if len(note) > MAX_NOTE:
        raise Usage(f"long_{what}")
    return number, note


def parse_target_command(text: str) -> tuple[int, float, str]:
    """/target <goal#> <number> [unit]."""
    first, rest = _first_and_rest(text, "no_goal_number")
    number = parse_goal_number(first)
    value, unit = parse_target(rest)
    return number, value, unit


def parse_reschedule(text: str) -> RescheduleSpec:
    """/reschedule <goal#>[.<n>] <date> [because <reason>]."""
    first, rest = _first_and_rest(text, "no_ref")
    ref = parse_ref(first)
    reason: str | None = None
    parts = _BECAUSE.split(" " + rest.strip(), maxsplit=1)
    date_text = parts[0].strip()
    if len(parts) == 2:
        reason = " ".join(parts[1].split()) or None
        if reason and len(reason) > MAX_NOTE:
            raise Usage("long_reason")
    if not date_text:
        raise Usage("no_date")
    return RescheduleSpec(ref, date_text, reason)


def parse_single_goal(text: str) -> int:
    """/abandon <goal#> and similar."""
    first, rest = _first_and_rest(text, "no_goal_number")
    if rest:
        raise Usage("extra")
    return parse_goal_number(first)


_PAUSE = re.compile(
    r"^(?:until\s+(?P<until>.+?))?\s*(?:\bbecause\s+(?P<reason>.+))?$", re.IGNORECASE | re.DOTALL
)


def parse_pause(text: str) -> tuple[str | None, str | None]:
    """/pause [until <date>] [because <reason>] -> (date text, reason)."""
    cleaned = " ".join(text.split())
    match = _PAUSE.fullmatch(cleaned)
    if not match:
        raise Usage("bad_pause")
    reason = match.group("reason")
    if reason and len(reason) > MAX_NOTE:
        raise Usage("long_reason")
    return match.group("until"), reason
