"""Talking to Telegram patiently: its flood limits, and a retry when it could not take a request."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import NetworkError
from telegram.ext import AIORateLimiter

from bot.delivery.classify import classify
from bot.delivery.outcome import Kind

log = logging.getLogger(__name__)

GATEWAY_RETRIES = 3
FIRST_BACKOFF = 0.5  # seconds; doubles with each retry
Result = bool | dict[str, Any] | list[dict[str, Any]]


class PatientRateLimiter(AIORateLimiter):
    """python-telegram-bot's AIORateLimiter (flood limits, RetryAfter), plus a few retries
    with backoff when Telegram certainly did not take a request (a gateway's 502/503, no
    connection, a request never written whole, Telegram's own JSON 5xx: see classify, the
    same rules the scheduler reads). Waiting out a 429 is the library's. getUpdates is left to
    the library's own polling retries; a request that may have arrived is never repeated."""

    async def process_request(
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
