"""Every piece of state the bot keeps only in memory, declared in one place.

Each entry says what it holds, how many entries it may keep, when an entry expires, and what
happens when the bot runs as more than one process: whether the processes may disagree, and
what that costs a user. The database is the truth for everything else (the guided /goal's
drafts included); nothing here is needed to keep data correct.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from cachetools import TTLCache

from bot.ordering import MAX_CONCURRENT_UPDATES
from bot.services.updates import RECENT

K = TypeVar("K")
V = TypeVar("V")

COOLDOWN = timedelta(minutes=1)  # how long flood control ignores a member past the limit
FLOOD_WINDOW = timedelta(minutes=1)  # the flood limit counts commands and presses in this window


class AcrossProcesses(StrEnum):
    """What a second process running the bot means for a piece of in-memory state."""

    # The database decides; the memory only saves a query. Processes always agree.
    AGREES = "agrees"
    # Each process asks Telegram on its own: answers may differ until they expire.
    MAY_LAG = "may lag until expiry"
    # Counted in each process: n processes let a member through n times as often.
    PER_PROCESS = "per process"
    # Counted in each process, or in Redis for all of them with REDIS_URL (redis_state.py).
    SHARED_WITH_REDIS = "per process; in Redis, shared, with REDIS_URL"
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
    across_processes=AcrossProcesses.SHARED_WITH_REDIS,
)
FLOOD_WINDOWS = InMemory(
    holds="when each member's commands and button presses of the last minute arrived, per chat",
    most=10_000,  # members counted at once; each keeps at most FLOOD_PER_MINUTE times
    expiry=FLOOD_WINDOW,  # a minute after the member's last counted command
    across_processes=AcrossProcesses.SHARED_WITH_REDIS,
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

HELD_UPDATES = InMemory(
    holds="updates a stop left unstarted, until the stop stores them in updates_held (ordering.py)",
    most=None,  # what was received and not started: the process ends with the stop
    expiry=None,
    # Stored at the end of the stop, where the next start, in whichever process, finds them.
    across_processes=AcrossProcesses.NOT_SHARED,
)
LET_IN = InMemory(
    holds="ids of the updates taken back from updates_held, not counted by flood control again",
    most=None,  # as many as the last stop kept; each is forgotten as it is handled
    expiry=None,
    across_processes=AcrossProcesses.NOT_SHARED,  # the process that took them back handles them
)

CHAT_LANGUAGES = InMemory(
    holds="the language each chat speaks, as last read or set, so reading a command costs no query",
    most=10_000,
    expiry=timedelta(minutes=10),
    # A /language handled by another process reaches this one within 10 minutes; meanwhile
    # commands here are read in the old language and in English (English is read everywhere).
    across_processes=AcrossProcesses.MAY_LAG,
)

DECLARED = {
    "admin answers": ADMIN_ANSWERS,
    "cooldowns": COOLDOWNS,
    "flood windows": FLOOD_WINDOWS,
    "recent updates": RECENT_UPDATES,
    "chat queues": CHAT_QUEUES,
    "held updates": HELD_UPDATES,
    "let in": LET_IN,
    "chat languages": CHAT_LANGUAGES,
}


def expiring(declared: InMemory, clock: Callable[[], datetime]) -> TTLCache[K, V]:
    """A cache keeping what `declared` says, timed by the injected clock."""
    assert declared.most is not None and declared.expiry is not None
    return TTLCache(
        maxsize=declared.most,
        ttl=declared.expiry.total_seconds(),
        timer=lambda: clock().timestamp(),
    )


class Admission(StrEnum):
    """What flood control makes of one command or press, at the moment it arrives."""

    HANDLE = "handle"  # within the limit
    NOTICE = "notice"  # the first past the limit: answered with the one "slow down" notice
    IGNORE = "ignore"  # during the cooldown that follows: dropped unread


class FloodGate(Protocol):
    """Counts one member's commands and presses in one chat: in this process's memory
    (MemoryFloodGate), or in Redis for every process of the bot (redis_state.RedisFloodGate)."""

    async def admit(self, chat_id: int, user_id: int, at: datetime) -> Admission:
        """Count one command or press that arrived at `at`, and say what becomes of it."""
        ...


class MemoryFloodGate:
    """A moving window of `limit` per minute, then a cooldown, both timed by the injected clock.

    Past the limit the member gets one notice and is ignored for COOLDOWN; nothing is counted
    meanwhile, so they come back to an empty window."""

    def __init__(self, limit: int, clock: Callable[[], datetime]) -> None:
        self.limit = limit
        # (chat, user) -> arrival times (clock seconds) of the counted commands, oldest first.
        self._windows: TTLCache[tuple[int, int], deque[float]] = expiring(FLOOD_WINDOWS, clock)
        # (chat, user) -> ignored until.
        self.cooldowns: TTLCache[tuple[int, int], datetime] = expiring(COOLDOWNS, clock)

    async def admit(self, chat_id: int, user_id: int, at: datetime) -> Admission:
        key = (chat_id, user_id)
        if key in self.cooldowns:
            return Admission.IGNORE
        now = at.timestamp()
        window = self._windows.get(key) or deque()
        while window and window[0] <= now - FLOOD_WINDOW.total_seconds():
            window.popleft()
        if len(window) < self.limit:
            window.append(now)
            self._windows[key] = window  # set again: it expires a window after this command
            return Admission.HANDLE
        self._windows.pop(key, None)
        self.cooldowns[key] = at + COOLDOWN
        return Admission.NOTICE
