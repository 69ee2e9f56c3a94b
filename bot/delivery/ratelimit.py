"""Talking to Telegram patiently: its flood limits, and a retry when it could not take a request;
and, when the bot is stopping, not waiting past the stop's deadlines."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiolimiter import AsyncLimiter
from telegram.error import NetworkError, TimedOut
from telegram.ext import AIORateLimiter

from bot.delivery.classify import StoppedWaiting, classify
from bot.delivery.outcome import Kind

if TYPE_CHECKING:  # Redis and its libraries are loaded only with REDIS_URL (bot/app.py)
    from bot.delivery.shared import SharedBudget

log = logging.getLogger(__name__)

GATEWAY_RETRIES = 3
FIRST_BACKOFF = 0.5  # seconds; doubles with each retry
Result = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(eq=False)
class _Request:
    """One request to Telegram: whether it is on the wire now, and its stop deadline."""

    timeout: asyncio.Timeout | None = None
    on_the_wire: bool = False
    cut_off_on_the_wire: bool = False


class PatientRateLimiter(AIORateLimiter):
    """python-telegram-bot's AIORateLimiter (flood limits, RetryAfter), plus a few retries
    with backoff when Telegram certainly did not take a request (a gateway's 502/503, no
    connection, a request never written whole, Telegram's own JSON 5xx: see classify, the
    same rules the scheduler reads). Waiting out a 429 is the library's. getUpdates is left to
    the library's own polling retries; a request that may have arrived is never repeated.

    `stop(until, cut_off)` bounds every request for a stop: from `until` on nothing waits any
    more for a place in Telegram's limits (or out a 429, or a retry's backoff), and a request
    still waiting fails with StoppedWaiting: certainly not sent. From `cut_off` on a request
    still waiting for Telegram's answer is abandoned (TimedOut: it may have arrived). Times are
    the event loop's clock."""

    def __init__(self, *args: Any, shared: SharedBudget | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # With Redis (REDIS_URL), Telegram's limits are counted for every process of the bot.
        self._shared = shared
        if shared is not None and self._base_limiter is not None:
            self._base_limiter = shared.overall()
        self._requests: set[_Request] = set()
        self._until: float | None = None
        self._cut_off: float | None = None
        # Set at the stop: a wait between a reply's tries ends at once (policy.patiently).
        self.stopping = asyncio.Event()

    @property
    def shared(self) -> SharedBudget | None:
        """Where Telegram's limits are counted for every process (None: in this one)."""
        return self._shared

    def _get_group_limiter(self, group_id: str | int | bool) -> AsyncLimiter:
        """The group's window: in Redis when shared (kept: a few bytes per group a process
        sent to), else python-telegram-bot's own in this process."""
        if self._shared is None:
            return super()._get_group_limiter(group_id)
        window = self._group_limiters.get(group_id)
        if window is None:
            window = self._group_limiters[group_id] = self._shared.group(group_id)
        return window

    def stop(self, until: float, cut_off: float) -> None:
        """Bound every request, waiting or not yet made, by the stop's deadlines."""
        self.stopping.set()
        self._until = until if self._until is None else min(until, self._until)
        self._cut_off = cut_off if self._cut_off is None else min(cut_off, self._cut_off)
        for request in self._requests:
            self._bound(request)

    def _bound(self, request: _Request) -> None:
        if self._until is None or request.timeout is None or request.timeout.expired():
            return
        request.timeout.reschedule(self._cut_off if request.on_the_wire else self._until)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        request = _Request()

        async def on_the_wire(*call_args: Any, **call_kwargs: Any) -> Result:
            request.on_the_wire = True
            self._bound(request)
            try:
                return await callback(*call_args, **call_kwargs)
            except asyncio.CancelledError:
                request.cut_off_on_the_wire = True
                raise
            finally:
                request.on_the_wire = False
                self._bound(request)

        try:
            async with asyncio.timeout(None) as request.timeout:
                self._requests.add(request)
                self._bound(request)
                try:
                    return await self._patiently(
                        on_the_wire, args, kwargs, endpoint, data, rate_limit_args
                    )
                finally:
                    self._requests.discard(request)
        except TimeoutError:
            if request.timeout is None or not request.timeout.expired():
                raise
            if request.cut_off_on_the_wire:
                raise TimedOut(f"{endpoint} abandoned: the bot is stopping") from None
            raise StoppedWaiting(endpoint) from None

    async def _patiently(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        delay = FIRST_BACKOFF
        for attempt in range(GATEWAY_RETRIES + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as error:
                last = attempt == GATEWAY_RETRIES
                if endpoint == "getUpdates" or last or classify(error).kind is not Kind.NOT_TAKEN:
                    raise
                log.warning(
                    "Telegram did not take %s (%s); retrying in %.1fs", endpoint, error, delay
                )
                await asyncio.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")


def stop_signal(bot: object) -> asyncio.Event | None:
    """Set when the bot is stopping (its rate limiter's stop); None for a bot without ours."""
    limiter = getattr(bot, "rate_limiter", None)
    return limiter.stopping if isinstance(limiter, PatientRateLimiter) else None
