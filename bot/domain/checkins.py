"""Check-ins and streaks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.commands import MAX_NOTE
from bot.domain.errors import Usage
from bot.domain.pauses import Pause, period_was_paused


class CheckinStatus(StrEnum):
    """How a member says they are doing."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    HELP = "help"


# What people type for each status, in any case: the words on the buttons ("On track",
# "Need help") and the everyday ones.
_PHRASES = {
    **dict.fromkeys(
        ("on track", "on-track", "ontrack", "on_track", "good", "ok", "okay", "fine", "great"),
        CheckinStatus.ON_TRACK,
    ),
    **dict.fromkeys(("behind", "slow", "late", "bad"), CheckinStatus.BEHIND),
    **dict.fromkeys(("help", "need help", "need-help", "stuck", "sos"), CheckinStatus.HELP),
}
_LONGEST = max(len(phrase.split()) for phrase in _PHRASES)


def parse_checkin(text: str) -> tuple[CheckinStatus, str | None]:
    """How it's going, then an optional note: 'on track felt great', 'Behind', 'help!'.

    The status may end in punctuation ('help!', 'good,'); spaces in the note are tidied.
    """
    words = text.split()
    for size in range(min(_LONGEST, len(words)), 0, -1):
        phrase = " ".join(words[:size]).lower().rstrip("!.,;:")
        status = _PHRASES.get(phrase)
        if status is not None:
            note = " ".join(words[size:]) or None
            if note and len(note) > MAX_NOTE:
                raise Usage("long_note")
            return status, note
    raise Usage("bad_checkin")


def streak(
    current_period: str,
    previous_periods: Iterable[str],
    checked_in: set[str],
    paused: frozenset[str] = frozenset(),
) -> int:
    """Consecutive periods with a check-in, counting back from now.

    The current period counts when checked in; when not (yet), the streak still stands on the
    periods before it, so it only breaks once a whole period passed without a check-in.
    A period the member was away without checking in (paused) neither extends nor breaks it.
    """
    count = 1 if current_period in checked_in and current_period not in paused else 0
    for period in previous_periods:
        if period in paused:
            continue
        if period not in checked_in:
            break
        count += 1
    return count


@dataclass(frozen=True)
class Period:
    """A check-in period whose prompt went out: from that prompt until the next period begins.

    end is None while the period is still open.
    """

    key: str
    start: datetime
    end: datetime | None


def prompted_periods(
    prompts: Iterable[tuple[str, datetime]], current: str, current_start: datetime
) -> list[Period]:
    """The prompted periods (key, prompt time), oldest first, each ending where the next begins.

    current is the period now belongs to, begun at current_start: it is still open, and so is
    any prompted period not before it (keys are local dates, so they sort in time).
    """
    ordered = sorted(prompts, key=lambda prompt: prompt[1])
    if not ordered:
        return []
    following = [start for _, start in ordered[1:]] + [current_start]
    return [
        Period(key, start, None if key >= current else end)
        for (key, start), end in zip(ordered, following, strict=True)
    ]


@dataclass(frozen=True)
class Tally:
    """One member's check-ins over some periods."""

    done: int
    counted: int  # periods that count: ended, or already checked in for
    away: int  # periods that do not count because the member was away

    @property
    def missed(self) -> int:
        """Periods that ended without a check-in (and not while away)."""
        return self.counted - self.done


def tally(
    periods: Iterable[Period], checked_in: set[str], pauses: Sequence[Pause], tz: str
) -> Tally:
    """How a member did over prompted periods.

    A period counts once it has ended, or as soon as the member checked in for it: nobody has
    missed a period that is still open. A period they were away for without checking in does
    not count, by the same rule as for streaks; a check-in made while away counts as made.
    """
    done = counted = away = 0
    for period in periods:
        answered = period.key in checked_in
        if period.end is None and not answered:
            continue
        end = period.end or period.start
        if period_was_paused(pauses, period.start, end, answered, tz):
            away += 1
            continue
        counted += 1
        done += answered
    return Tally(done, counted, away)
