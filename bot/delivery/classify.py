"""The rules: which outcome each error Telegram's library raises stands for.

python-telegram-bot turns Telegram's answer into an exception; what matters for us is whether
the message can be there. A JSON answer from Telegram is a refusal, a request to wait, or its
own report that it failed (a 5xx in its JSON): none of them took the message. A gateway's 502
or 503, no connection at all, or a connection that broke while the request was still being
written, means it never got there. A request that went out whole and heard nothing back (a
timeout, a connection reset or closed before the answer, a gateway's 504, a page we cannot
read) may have arrived. The scheduler, the rate limiter and the replies' patience all act on
these outcomes and nothing else (see policy.py for what each does with them).
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

import httpx
from telegram import Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.delivery.outcome import Outcome, Reason

# Telegram's own JSON for 502 and 503 says just this.
_GATEWAY = ("Bad Gateway", "Service Unavailable")
# Any 502/503 answer starts so: a JSON description, or python-telegram-bot's "Bad Gateway
# (502). Parsing the server response b'<html>…' failed" for a page or an empty body.
_GATEWAY_ANY = ("Bad Gateway", "Service Unavailable")
_GATEWAY_TIMEOUT = "Gateway Timeout"
_TOO_MANY = "Too Many Requests"
_NOT_HTTP = "Unknown error in HTTP implementation"  # the library's own, raised from its cause
# No connection, so no request: refused, reset or timed out while connecting (over TLS a
# proxy that restarts resets here, in the handshake), or no free connection in the pool.
_NO_CONNECTION = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The request was never written whole, so Telegram cannot have read it.
_NOT_WRITTEN = (httpx.WriteError, httpx.WriteTimeout)
_BAD_REQUESTS = {
    "chat not found": Reason.CHAT_NOT_FOUND,
    "message is too long": Reason.TOO_LONG,
    "message is not modified": Reason.NOT_MODIFIED,
    "topic_closed": Reason.TOPIC_CLOSED,  # Telegram says "Bad Request: TOPIC_CLOSED"
    "message thread not found": Reason.TOPIC_GONE,
}


class StoppedWaiting(NetworkError):
    """The bot is stopping and no longer waits for a place in Telegram's limits: the request
    was never made, so it certainly was not taken."""

    def __init__(self, endpoint: str) -> None:
        super().__init__(f"{endpoint} not sent: the bot is stopping")


def _retry_after(error: RetryAfter) -> timedelta:
    value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def _reason(error: TelegramError) -> Reason:
    if isinstance(error, StoppedWaiting):
        return Reason.STOPPING
    if isinstance(error, Forbidden):
        return Reason.BLOCKED
    if isinstance(error, ChatMigrated):
        return Reason.MIGRATED
    if isinstance(error, RetryAfter):
        return Reason.RATE_LIMITED
    if isinstance(error, BadRequest):
        text = str(error).lower()
        return next((r for words, r in _BAD_REQUESTS.items() if words in text), Reason.BAD_REQUEST)
    if isinstance(error, InvalidToken | Conflict | EndPointNotFound):
        return Reason.OTHER_REFUSAL
    if isinstance(error.__cause__, _NO_CONNECTION):
        return Reason.UNREACHABLE
    if isinstance(error.__cause__, _NOT_WRITTEN):
        return Reason.NOT_SENT
    if isinstance(error, TimedOut):
        return Reason.TIMED_OUT
    if isinstance(error, NetworkError):
        if str(error) in _GATEWAY:
            return Reason.GATEWAY
        if str(error).startswith(_GATEWAY_ANY):
            return Reason.GATEWAY_PAGE
        if str(error).startswith(_GATEWAY_TIMEOUT):
            return Reason.GATEWAY_TIMEOUT
        if isinstance(error.__cause__, httpx.TransportError):
            # The request went out whole; the reset (or close) came before any answer. From
            # here a reset before the far end read it looks just like one after it acted.
            return Reason.CONNECTION_LOST
        if error.__cause__ is None and not str(error).startswith(_NOT_HTTP):
            # The library read Telegram's JSON (a page it cannot parse is the cause otherwise)
            # and it was not one of the answers above: Telegram said it failed.
            if str(error).startswith(_TOO_MANY):
                return Reason.RATE_LIMITED  # a 429 without retry_after
            return Reason.SERVER_ERROR
    return Reason.UNCLEAR


def classify(error: TelegramError) -> Outcome:
    """The outcome a failed send stands for, with what Telegram said to do next."""
    reason = _reason(error)
    retry_after = _retry_after(error) if isinstance(error, RetryAfter) else None
    moved = int(error.new_chat_id) if isinstance(error, ChatMigrated) else None
    return Outcome(reason, retry_after=retry_after, migrate_to_chat_id=moved, error=error)


async def attempt(call: Awaitable[object]) -> Outcome:
    """Make one call to Telegram; its outcome, never its exception."""
    try:
        result = await call
    except TelegramError as error:
        return classify(error)
    return Outcome(Reason.SENT, (result,) if isinstance(result, Message) else ())
