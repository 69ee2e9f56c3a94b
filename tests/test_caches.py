"""In-memory state keeps the bounds and expiries bot/caches.py declares for it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot import caches
from bot.config import Config
from bot.context import BotData
from bot.storage.database import Database
from tests.conftest import START


@pytest.mark.parametrize(
    "name", [n for n, d in caches.DECLARED.items() if d.most and d.expiry is not None]
)
def test_an_expiring_cache_keeps_its_bound_and_its_expiry(name: str) -> None:
    declared = caches.DECLARED[name]
    assert declared.most is not None and declared.expiry is not None
    now = [START]
    cache: caches.TTLCache[int, bool] = caches.expiring(declared, lambda: now[0])
    for key in range(declared.most + 10):
        cache[key] = True
    assert len(cache) == declared.most  # the oldest entries made room
    now[0] += declared.expiry - timedelta(seconds=1)
    assert declared.most + 9 in cache
    now[0] += timedelta(seconds=2)
    assert declared.most + 9 not in cache


def test_the_bot_builds_its_caches_from_the_declarations(tmp_path: Path) -> None:
    data = BotData()
    now = [START]
    data.attach(Config(token="t"), Database(tmp_path / "unused.sqlite3"), lambda: now[0])
    assert isinstance(data.flood, caches.MemoryFloodGate)
    for cache, declared in (
        (data.admin_cache, caches.ADMIN_ANSWERS),
        (data.flood.cooldowns, caches.COOLDOWNS),
        (data.flood._windows, caches.FLOOD_WINDOWS),
    ):
        assert declared.expiry is not None
        assert (cache.maxsize, cache.ttl) == (declared.most, declared.expiry.total_seconds())
    data.admin_cache[(1, 2)] = True
    now[0] = START + timedelta(minutes=5)
    assert (1, 2) not in data.admin_cache  # timed by the clock the bot was given
