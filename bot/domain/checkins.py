"""Check-ins and streaks."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class CheckinStatus(StrEnum):
    """How a member says they are doing."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    HELP = "help"


_WORDS = {
    "on-track": CheckinStatus.ON_TRACK,
    "ontrack": CheckinStatus.ON_TRACK,
    "on_track": CheckinStatus.ON_TRACK,
    "good": CheckinStatus.ON_TRACK,
    "behind": CheckinStatus.BEHIND,
    "help": CheckinStatus.HELP,
    "need-help": CheckinStatus.HELP,
}


def parse_status(word: str) -> CheckinStatus | None:
    """'on-track', 'behind' or 'help' (a few spellings); None otherwise."""
    return _WORDS.get(word.strip().lower())


def streak(
    current_period: str,
    previous_periods: Iterable[str],
    checked_in: set[str],
    paused: frozenset[str] = frozenset(),
) -> int:
    """Consecutive periods with a check-in, counting back from now.

    The current period counts when checked in; when not (yet), the streak still stands on the
    periods before it, so it only breaks once a whole period passed without a check-in.
    A period the member was away (paused) neither extends nor breaks it.
    """
    count = 1 if current_period in checked_in and current_period not in paused else 0
    for period in previous_periods:
        if period in paused:
            continue
        if period not in checked_in:
            break
        count += 1
    return count
