"""Inline-button callback data: short, versioned strings built and read only here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.checkins import CheckinStatus, ReviewChoice
from bot.domain.drafts import HOW_OFTEN_CHOICES, Kind

VERSION = "v1"
MAX_BYTES = 64


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
    parts = data.split(":")
    if len(parts) != 4 or parts[0] != VERSION or parts[1] != "abandon":
        return None
    if not parts[2].isdigit() or parts[3] not in ("yes", "no"):
        return None
    return AbandonChoice(int(parts[2]), parts[3] == "yes")


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
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != [VERSION, "ci"]:
        return None
    try:
        return CheckinPress(parts[2], CheckinStatus(parts[3]))
    except ValueError:
        return None


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
    parts = data.split(":")
    if len(parts) != 5 or parts[:2] != [VERSION, "rv"] or not parts[2].isdigit():
        return None
    if parts[4] == DROP_CONFIRMED:
        return ReviewPress(int(parts[2]), parts[3], ReviewChoice.DROP, confirmed=True)
    if parts[4] not in REVIEW_CHOICES:
        return None
    return ReviewPress(int(parts[2]), parts[3], REVIEW_CHOICES[parts[4]])


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
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != [VERSION, tag] or parts[3] not in ("y", "n"):
        return None
    if not parts[2].lstrip("-").isdigit():
        return None
    return YesNo(int(parts[2]), parts[3] == "y")


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
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != [VERSION, "pick"]:
        return None
    if not (parts[2].isdigit() and parts[3].isdigit() and len(parts[3]) <= 2):
        return None
    return Pick(int(parts[2]), int(parts[3]))


PICK_PATTERN = rf"^{VERSION}:pick:"


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


def parse_wizard(data: str) -> WizardPress | None:
    """Read guided /goal callback data; None when it is not that."""
    parts = data.split(":")
    if len(parts) != 4 or parts[:2] != [VERSION, "gd"] or not parts[2].isdigit():
        return None
    code = parts[3]
    if code in _WIZARD_KINDS:
        return WizardPress(int(parts[2]), _WIZARD_KINDS[code])
    if code == "type":
        return WizardPress(int(parts[2]), None)
    if code[:1] == "h" and code[1:].isdigit() and int(code[1:]) < len(HOW_OFTEN_CHOICES):
        return WizardPress(int(parts[2]), HOW_OFTEN_CHOICES[int(code[1:])])
    return None


WIZARD_PATTERN = rf"^{VERSION}:gd:"
