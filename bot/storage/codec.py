"""How dates and times are written to SQLite: ISO text, times always in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime


def ts(moment: datetime) -> str:
    """An aware datetime as sortable UTC text."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_ts(text: str | None) -> datetime | None:
    """The inverse of ts, passing None through."""
    return datetime.fromisoformat(text) if text else None


def day(value: date) -> str:
    """A calendar date as ISO text."""
    return value.isoformat()


def from_day(text: str) -> date:
    """The inverse of day."""
    return date.fromisoformat(text)
