"""Inline-button callback data: short, versioned strings built and read only here."""

from __future__ import annotations

from dataclasses import dataclass

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
