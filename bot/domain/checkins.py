"""Check-ins and streaks."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.commands import MAX_NOTE
from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import grammar
from bot.domain.languages import Lang
from bot.domain.models import Goal
from bot.domain.pauses import Pause, period_was_paused


class CheckinStatus(StrEnum):
    """How a member says they are doing."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    HELP = "help"


@functools.cache
def _phrases(lang: Lang) -> dict[str, CheckinStatus]:
    """What people type for each status, in any case, in the chat's language and English: the
    words on the buttons ("On track", "Need help") and the everyday ones."""
    words = grammar(lang).words
    return {
        **dict.fromkeys(words.on_track, CheckinStatus.ON_TRACK),
        **dict.fromkeys(words.behind, CheckinStatus.BEHIND),
        **dict.fromkeys(words.help, CheckinStatus.HELP),
    }


def parse_checkin(text: str, *, lang: Lang = Lang.EN) -> tuple[CheckinStatus, str | None]:
    """How it's going, then an optional note: 'on track felt great', 'Behind', 'help!',
    'läuft', 'atrasado'.

    The status may end in punctuation ('help!', 'good,'); spaces in the note are tidied.
    """
    phrases = _phrases(lang)
    status_only = grammar(lang).words.status_only
    longest = max(len(phrase.split()) for phrase in phrases)
    words = text.split()
    for size in range(min(longest, len(words)), 0, -1):
        phrase = " ".join(words[:size]).lower().rstrip("!.,;:")
        status = phrases.get(phrase)
        if status is not None:
            rest = " ".join(words[size:]).lstrip("-–—:,; ")
            # "stuck on chapter 3": an everyday word is part of what was said; keep it.
            said = " ".join(words[:size]) if phrase not in status_only else ""
            note = f"{said} {rest}".strip() if rest else None
            if note and len(note) > MAX_NOTE:
                raise Usage(UsageProblem.LONG_NOTE)
            return status, note
    raise Usage(UsageProblem.BAD_CHECKIN)


def streak(
    current_period: str,
    previous_periods: Iterable[str],
    checked_in: set[str],
    paused: frozenset[str] = frozenset(),
    not_asked: frozenset[str] = frozenset(),
) -> int:
    """Consecutive periods with a check-in, counting back from now.

    The current period counts when checked in; when not (yet), the streak still stands on the
    periods before it, so it only breaks once a whole period passed without a check-in.
    A check-in that was made always counts. A period without one that the member was away
    for (paused), or was not asked about (see unasked), neither extends nor breaks it.
    """
    count = 1 if current_period in checked_in else 0
    for period in previous_periods:
        if period in checked_in:
            count += 1
        elif period not in paused and period not in not_asked:
            break
    return count


def unasked(
    periods: Iterable[str], prompts: Mapping[str, datetime], goals: Sequence[Goal]
) -> frozenset[str]:
    """The periods a member was not asked about: no prompt went out for it (prompts: period to
    when its prompt was due, of those that went out), or none of their goals was active then
    (see expected)."""
    return frozenset(
        key for key in periods if key not in prompts or not expected(goals, prompts[key])
    )


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


def expected(goals: Iterable[Goal], prompted_at: datetime) -> bool:
    """Whether a member is asked to check in for the period whose prompt went out at
    prompted_at: only if one of their goals in the chat was active then. A goal set after the
    prompt asks nothing of that period (nobody asked them); one achieved or dropped after it
    still does."""
    for goal in goals:
        if goal.created_at > prompted_at:
            continue
        if goal.is_active:  # a reopened one too: it counts from when it was set
            return True
        ended = goal.completed_at or goal.abandoned_at or goal.status_changed_at
        if ended is None or ended > prompted_at:
            return True
    return False


class ReviewChoice(StrEnum):
    """What a goal's owner decides about it in a quarterly review."""

    KEEP = "keep"
    ADJUST = "adjust"
    DROP = "drop"  # abandons the goal


class ReviewResult(StrEnum):
    """What a press on a quarterly review button did."""

    RECORDED = "recorded"
    DROP_ASKED = "drop_asked"  # the first tap on drop: the owner is asked to tap again
    FINISHED = "finished"  # the goal was dropped or achieved: nothing is left to decide
    NOT_OWNER = "not_owner"
    GONE = "gone"  # the goal was deleted


class Outcome(StrEnum):
    """What a prompted period was for one member."""

    DONE = "done"  # checked in: counts as made, whether away or with no goal
    MISSED = "missed"  # ended without a check-in, though asked and not away
    AWAY = "away"  # ended without a check-in, and away at some moment of it
    NOT_ASKED = "not_asked"  # ended without a check-in, and no active goal during it
    OPEN = "open"  # still open and not checked in yet: nobody has missed it


def outcome(
    period: Period, checked_in: set[str], pauses: Sequence[Pause], goals: Sequence[Goal], tz: str
) -> Outcome:
    """The one rule for counting check-ins: reports, the mentor digest and partner notices."""
    if period.key in checked_in:
        return Outcome.DONE
    if period.end is None:
        return Outcome.OPEN
    if not expected(goals, period.start):
        return Outcome.NOT_ASKED
    if period_was_paused(pauses, period.start, period.end, False, tz):
        return Outcome.AWAY
    return Outcome.MISSED


def missed_run_start(
    periods: Sequence[Period],
    checked_in: set[str],
    pauses: Sequence[Pause],
    goals: Sequence[Goal],
    tz: str,
    since: datetime,
) -> Period | None:
    """The first missed period of the run of misses the last of these periods belongs to; None
    when the last one was not missed (see outcome).

    A run lasts until the member checks in again: periods away or not asked in between do not
    end it. It begins no earlier than `since` (a partnership's start): a period that ended
    before then is not part of it.
    """
    if not periods or outcome(periods[-1], checked_in, pauses, goals, tz) is not Outcome.MISSED:
        return None
    first = periods[-1]
    for period in reversed(periods[:-1]):
        if period.end is not None and period.end <= since:
            break
        found = outcome(period, checked_in, pauses, goals, tz)
        if found is Outcome.DONE:
            break
        if found is Outcome.MISSED:
            first = period
    return first


@dataclass(frozen=True)
class Tally:
    """One member's check-ins over some periods."""

    done: int
    counted: int  # periods that count: checked in for, or ended while asked and not away
    away: int  # periods that do not count because the member was away

    @property
    def missed(self) -> int:
        """Periods that ended without a check-in, though asked and not away."""
        return self.counted - self.done


def tally(
    periods: Iterable[Period],
    checked_in: set[str],
    pauses: Sequence[Pause],
    goals: Sequence[Goal],
    tz: str,
) -> Tally:
    """How a member did over prompted periods (see outcome).

    A period counts as soon as the member checked in for it, or once it has ended while they
    had an active goal and were not away: nobody has missed a period that is still open.
    """
    found = Counter(outcome(period, checked_in, pauses, goals, tz) for period in periods)
    done = found[Outcome.DONE]
    return Tally(done, done + found[Outcome.MISSED], found[Outcome.AWAY])
