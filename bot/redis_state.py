"""State the bot's processes share in Redis (REDIS_URL): flood control's windows and
cooldowns, so that a member gets the same limit however many replicas their commands reach.

Telegram's own limits are shared there too (bot/delivery/shared.py, the `limits` library on the
wall clock). Flood control runs on the bot's injected clock instead (the tests move it), so its
moving window is kept here as a sorted set per member and chat, counted and cut in one script
that Redis runs atomically: two replicas counting at once never both let the limit's last
place through.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from redis.asyncio import Redis

from bot.caches import COOLDOWN, FLOOD_WINDOW, Admission

# KEYS: the window, the cooldown. ARGV: now, window seconds, limit, cooldown seconds, a unique
# member for this arrival, how long Redis keeps either key unused (ms, wall clock).
_ADMIT = """
local now = tonumber(ARGV[1])
local ignored_till = tonumber(redis.call('GET', KEYS[2]) or '0')
if ignored_till > now then return 'ignore' end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], now, ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  return 'handle'
end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], tostring(now + tonumber(ARGV[4])), 'PX', ARGV[6])
return 'notice'
"""
# Redis forgets a member's keys this long after their last command (wall clock): well past
# the window and the cooldown, whatever the injected clock does.
_KEEP_MS = 10 * 60 * 1000


class RedisFloodGate:
    """caches.MemoryFloodGate's rule (a moving window of `limit` a minute, then one notice
    and a cooldown), counted in Redis for every process of the bot."""

    def __init__(self, redis: Redis, limit: int, prefix: str = "flood") -> None:
        self.limit = limit
        self._prefix = prefix
        self._admit = redis.register_script(_ADMIT)

    async def admit(self, chat_id: int, user_id: int, at: datetime) -> Admission:
        key = f"{self._prefix}:{chat_id}:{user_id}"
        found = await self._admit(
            keys=[f"{key}:window", f"{key}:cooldown"],
            args=[at.timestamp(), FLOOD_WINDOW.total_seconds(), self.limit,
                  COOLDOWN.total_seconds(), uuid.uuid4().hex, _KEEP_MS],
        )  # fmt: skip
        return Admission(found.decode() if isinstance(found, bytes) else found)
