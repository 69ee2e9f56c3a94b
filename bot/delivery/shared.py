"""Telegram's flood limits counted in Redis, so that several processes of one bot (replicas
behind a load balancer) share them: 30 messages a second for the bot, 20 a minute in a group,
whichever process sends.

The counting is the `limits` library's moving window over Redis; each window is an
aiolimiter `AsyncLimiter` to python-telegram-bot's rate limiter (PatientRateLimiter), which
enters it before a request as it does its own. Waiting for a place is on the wall clock, as
Telegram's own limits are.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiolimiter import AsyncLimiter
from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from telegram import constants

# The longest one wait between two looks at a full window (a place may free sooner).
MOST_PAUSE = 1.0


class SharedWindow(AsyncLimiter):
    """One moving window of Telegram's limits, counted in Redis: `async with` waits for a
    place in it, taken by whichever process of the bot asks first."""

    def __init__(self, limiter: MovingWindowRateLimiter, item: RateLimitItem, *key: str) -> None:
        super().__init__(max_rate=item.amount, time_period=item.get_expiry())
        self._limiter, self._item, self._key = limiter, item, key

    async def try_acquire(self) -> bool:
        """Take a place if the window has one, without waiting."""
        return bool(await self._limiter.hit(self._item, *self._key))

    async def acquire(self, amount: float = 1) -> None:
        """Wait for a place in the window and take it."""
        while not await self.try_acquire():
            stats = await self._limiter.get_window_stats(self._item, *self._key)
            await asyncio.sleep(min(MOST_PAUSE, max(0.01, stats.reset_time - time.time())))

    def has_capacity(self, amount: float = 1) -> bool:
        """Not known without asking Redis: never dropped from the group windows kept."""
        return False


class SharedBudget:
    """The bot's windows in Redis (keyed by the bot's id, so two bots on one Redis do not
    share): the overall one, and one per group."""

    def __init__(
        self,
        redis_url: str,
        bot_id: str,
        per_second: int = constants.FloodLimit.MESSAGES_PER_SECOND,
        per_group_minute: int = constants.FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP,
        overall: RateLimitItem | None = None,
        group: RateLimitItem | None = None,
    ) -> None:
        storage: Any = storage_from_string(f"async+{redis_url}", implementation="redispy")
        self._limiter = MovingWindowRateLimiter(storage)
        self._bot = bot_id
        self._overall = overall or RateLimitItemPerSecond(per_second)
        self._group = group or RateLimitItemPerMinute(per_group_minute)

    def overall(self) -> SharedWindow:
        """Every message the bot sends, from any process."""
        return SharedWindow(self._limiter, self._overall, "telegram", self._bot, "all")

    def group(self, chat: str | int | bool) -> SharedWindow:
        """The messages to one group."""
        return SharedWindow(self._limiter, self._group, "telegram", self._bot, "chat", str(chat))
