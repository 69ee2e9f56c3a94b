"""Pauses: a member away for a holiday or a hard month."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# How far ahead a break can be planned.
PLAN_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class Pause:
    """Away from starts_at until the end of ends_on (local date), or until resumed."""

    id: int
    chat_id: int
    user_id: int
    starts_at: datetime
    ends_on: date | None
    resumed_at: datetime | None
    reason: str | None
    # When it was set: a habit's period is excused only by a break planned before it began.
    planned_at: datetime | None = None

    def covers(self, moment: datetime, tz: str) -> bool:
        """True when the member is away at this moment."""
        if moment < self.starts_at:
            return False
        if self.resumed_at is not None and moment >= self.resumed_at:
            return False
        return self.ends_on is None or moment.astimezone(ZoneInfo(tz)).date() <= self.ends_on

    def overlaps(self, start: datetime, end: datetime, tz: str) -> bool:
        """True when the member was away at some moment between start and end."""
        until = datetime.max.replace(tzinfo=UTC)
        if self.ends_on is not None:  # away through the whole of that local day
            next_day = datetime.combine(self.ends_on + timedelta(days=1), time(), ZoneInfo(tz))
            until = next_day.astimezone(UTC)
        if self.resumed_at is not None:
            until = min(until, self.resumed_at)
        # A planned break called off before it began ends before it starts: never away.
        return self.starts_at < until and self.starts_at < end and start < until


def starts_at(start_day: date, today: date, now: datetime, tz: str) -> datetime:
    """When a break from start_day begins: now if that is today, else that day's first moment
    in the chat's zone (in UTC)."""
    if start_day <= today:
        return now
    return datetime.combine(start_day, time(), ZoneInfo(tz)).astimezone(UTC)


def away(pauses: Iterable[Pause], moment: datetime, tz: str) -> Pause | None:
    """The pause that covers this moment, if any."""
    return next((p for p in pauses if p.covers(moment, tz)), None)


def period_was_paused(
    pauses: Sequence[Pause], start: datetime, end: datetime, checked_in: bool, tz: str
) -> bool:
    """A period without a check-in counts as paused if the member was away at any time during
    it. A check-in that was made counts as made, even one sent while away."""
    if checked_in:
        return False
    return away(pauses, start, tz) is not None or any(p.overlaps(start, end, tz) for p in pauses)


@dataclass(frozen=True)
class Paused:
    """The member's pause after /pause, and whether it is new, changed or the one running."""

    pause: Pause
    today: date
    replaced: bool = False  # a running (or planned) pause was replaced by this one
    unchanged: bool = False  # /pause alone while away (or with one planned): that one, as it is
    starts_on: date | None = None  # a later day it starts on; None: it started when set

    @property
    def planned(self) -> bool:
        """True when the pause starts on a later day."""
        return self.starts_on is not None and self.starts_on > self.today


def upcoming(pauses: Iterable[Pause], moment: datetime) -> Pause | None:
    """The pause planned to start after this moment, if any (not called off)."""
    return next((p for p in pauses if p.starts_at > moment and p.resumed_at is None), None)


@dataclass(frozen=True)
class Resumed:
    """A pause ended early, or a planned one called off before it began."""

    pause: Pause
    called_off: bool
    today: date
    starts_on: date  # in the chat's zone
