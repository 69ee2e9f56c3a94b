"""The typed context every handler and job receives, and the injectable clock."""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cachetools import TTLCache
from telegram.ext import Application, CallbackContext, ExtBot

from bot import caches
from bot.config import Config
from bot.domain.languages import Lang
from bot.services.updates import UpdateLog
from bot.storage.connection import Store
from bot.storage.work import UnitOfWork

if TYPE_CHECKING:  # loaded only with REDIS_URL
    from redis.asyncio import Redis

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class UserData:
    """Per-user state kept between messages."""

    direct_messages_known: bool = False


class BotData:
    """Process-wide services, set once by the application builder."""

    def __init__(self) -> None:
        self.clock: Clock = system_clock
        self.tick_seconds: float = 30.0
        # Who holds the scheduled posts this process claims: unique among the bot's processes.
        self.replica: str = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        # In-memory state, each declared in bot/caches.py (bound, expiry, across processes).
        now = lambda: self.clock()  # noqa: E731  # the clock attach() sets, when asked
        # (chat, user) -> is admin: Telegram is asked again after a few minutes.
        self.admin_cache: TTLCache[tuple[int, int], bool] = caches.expiring(
            caches.ADMIN_ANSWERS, now
        )
        # chat -> the language it speaks: read again after a few minutes, set by /language.
        self.language_cache: TTLCache[int, Lang] = caches.expiring(caches.CHAT_LANGUAGES, now)
        self._flood: caches.FloodGate | None = None  # its windows and cooldowns, once attached
        self._config: Config | None = None
        self._db: Store | None = None
        self._update_log: UpdateLog | None = None
        self._redis: Redis | None = None  # with REDIS_URL: where flood control counts

    def attach(self, config: Config, db: Store, clock: Clock) -> None:
        """Wire in the services (called by app.build_application)."""
        self._config, self._db, self.clock = config, db, clock
        self._update_log = UpdateLog(db)
        if config.redis_url:  # every process of the bot counts in the same windows
            from redis.asyncio import Redis

            from bot.redis_state import RedisFloodGate

            self._redis = Redis.from_url(config.redis_url)
            self._flood = RedisFloodGate(self._redis, config.flood_per_minute)
        else:
            self._flood = caches.MemoryFloodGate(config.flood_per_minute, lambda: self.clock())

    async def close_shared(self) -> None:
        """Close the connection to Redis, if there is one (at shutdown)."""
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None

    @property
    def config(self) -> Config:
        """The running configuration."""
        assert self._config is not None, "BotData.attach was not called"
        return self._config

    @property
    def db(self) -> Store:
        """The database."""
        assert self._db is not None, "BotData.attach was not called"
        return self._db

    @property
    def flood(self) -> caches.FloodGate:
        """Flood control's count of each member's commands and presses per chat."""
        assert self._flood is not None, "BotData.attach was not called"
        return self._flood

    @property
    def update_log(self) -> UpdateLog:
        """Which updates were handled (each is handled once)."""
        assert self._update_log is not None, "BotData.attach was not called"
        return self._update_log


class BotContext(CallbackContext[ExtBot[None], UserData, dict[object, object], BotData]):
    """CallbackContext with typed access to the unit of work, the database and the clock.

    python-telegram-bot makes one context per update, shared by every handler group the
    update passes through, and one per job run: so one unit of work per update or run.
    """

    __slots__ = ("_work",)

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self._work: UnitOfWork | None = None

    @property
    def work(self) -> UnitOfWork:
        """This update's (or job run's) unit of work: every service writes through it."""
        if self._work is None:
            self._work = UnitOfWork(self.bot_data.db)
        return self._work

    @property
    def db(self) -> Store:
        """The database."""
        return self.bot_data.db

    def now(self) -> datetime:
        """The current time from the injected clock."""
        return self.bot_data.clock()
