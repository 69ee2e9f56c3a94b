"""Every piece of state the bot keeps only in memory, declared in one place.

Each entry says what it holds, how many entries it may keep, when an entry expires, and what
happens when the bot runs as more than one process: whether the processes may disagree, and
what that costs a user. The database is the truth for everything else (the guided /goal's
drafts included); nothing here is needed to keep data correct.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from cachetools import TTLCache

from bot.ordering import MAX_CONCURRENT_UPDATES
from bot.services.updates import RECENT

K = TypeVar("K")
V = TypeVar("V")

COOLDOWN = timedelta(minutes=1)  # how long flood control ignores a member past the limit


class AcrossProcesses(StrEnum):
    """What a second process running the bot means for a piece of in-memory state."""

    # The database decides; the memory only saves a query. Processes always agree.
    AGREES = "agrees"
    # Each process asks Telegram on its own: answers may differ until they expire.
    MAY_LAG = "may lag until expiry"
    # Counted in each process: n processes let a member through n times as often.
    PER_PROCESS = "per process"
    # Lives in one process only: another process does not see it. Needs a shared store
    # (the database or Redis) before updates of one chat may reach more than one process.
    NOT_SHARED = "not shared"


@dataclass(frozen=True)
class InMemory:
    """The declaration of one piece of in-memory state."""

    holds: str
    most: int | None  # entries kept at most (None: bounded by expiry alone, see `expiry`)
    expiry: timedelta | None  # None: kept until used up or the process stops
    across_processes: AcrossProcesses


ADMIN_ANSWERS = InMemory(
    holds="whether a member is an admin of a group, as Telegram last said",
    most=10_000,
    expiry=timedelta(minutes=5),
    across_processes=AcrossProcesses.MAY_LAG,  # a demoted admin keeps rights 5 minutes at most
)
COOLDOWNS = InMemory(
    holds="until when flood control ignores a member in a chat",
    most=10_000,
    expiry=COOLDOWN,
    across_processes=AcrossProcesses.PER_PROCESS,
)
FLOOD_WINDOWS = InMemory(
    holds="each member's commands and button presses in the last minute (limits' storage)",
    most=None,
    expiry=timedelta(minutes=1),
    across_processes=AcrossProcesses.PER_PROCESS,
)
RECENT_UPDATES = InMemory(
    holds="update ids handled lately, so a new update needs no query (services/updates.py)",
    most=RECENT,
    expiry=None,
    across_processes=AcrossProcesses.AGREES,  # older or unknown ids are looked up
)
CHAT_QUEUES = InMemory(
    holds="one lock per chat with updates in flight, keeping each chat's order (ordering.py)",
    most=MAX_CONCURRENT_UPDATES,
    expiry=None,  # dropped as soon as no update of the chat waits
    across_processes=AcrossProcesses.PER_PROCESS,  # order holds within one process
)

DECLARED = {
    "admin answers": ADMIN_ANSWERS,
    "cooldowns": COOLDOWNS,
    "flood windows": FLOOD_WINDOWS,
    "recent updates": RECENT_UPDATES,
    "chat queues": CHAT_QUEUES,
}


def expiring(declared: InMemory, clock: Callable[[], datetime]) -> TTLCache[K, V]:
    """A cache keeping what `declared` says, timed by the injected clock."""
    assert declared.most is not None and declared.expiry is not None
    return TTLCache(
        maxsize=declared.most,
        ttl=declared.expiry.total_seconds(),
        timer=lambda: clock().timestamp(),
    )
