"""Updates from different chats are handled side by side; each chat's in the order sent.

A group's /goal must be handled before its /milestone, but one group should not wait while
the bot answers another: python-telegram-bot hands each update to an update processor, and
this one holds a lock per chat (per user for updates without a chat).

It is also where an update is first seen and where a stop takes effect:
- python-telegram-bot runs each update as its own task, started in the order received, and
  nothing waits before the `gate`: so the gate (flood control) sees each update at the moment
  it arrived, not when the chat's earlier updates are done.
- After `stop()`, no update starts: the ones still waiting, and any that arrive, are `held`
  for the next start (app.py stores them). The updates in flight finish.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256  # updates past the gate handled (or waiting for their chat) at once
_UNBOUNDED = 2**31 - 1

# Decides at receipt whether an update is handled at all (True) or dropped unread (False).
Gate = Callable[[object], Awaitable[bool]]


def _key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None  # anything else shares one queue


def _drop(coroutine: Awaitable[Any]) -> None:
    """Discard the handling python-telegram-bot prepared for an update that will not run."""
    if inspect.iscoroutine(coroutine):
        coroutine.close()


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat (asyncio locks wake waiters FIFO)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        # python-telegram-bot's bound would make updates wait before the gate; ours is after it.
        super().__init__(_UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}
        self.gate: Gate | None = None
        self._let_in: set[int] = set()  # update ids the gate passed at an earlier start
        self._stopping = False
        self._held: list[object] = []

    def let_in(self, update_id: int) -> None:
        """An update held at the last stop: the gate let it in then, so it is not asked again."""
        self._let_in.add(update_id)

    def stop(self) -> None:
        """Start no more updates: those waiting, and any that arrive, are held."""
        self._stopping = True

    @property
    def stopping(self) -> bool:
        """True once stop() was called."""
        return self._stopping

    def held(self) -> list[Update]:
        """The updates received and never started, oldest first."""
        return sorted((u for u in self._held if isinstance(u, Update)), key=lambda u: u.update_id)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        # python-telegram-bot starts this in a task of its own, in the order updates arrive,
        # and (with its own bound lifted) nothing has waited yet: this is the moment of receipt.
        if self._stopping:
            self._hold(update, coroutine)
            return
        let_in = self.gate is None or self._was_let_in(update) or await self.gate(update)
        if not let_in:
            _drop(coroutine)
            return
        async with self._slots:
            await self._in_order(update, coroutine)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                if self._stopping:  # stopped while it waited for the chat's earlier updates
                    self._hold(update, coroutine)
                else:
                    await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued for this chat: forget its lock
                del self._waiting[key], self._locks[key]

    def _was_let_in(self, update: object) -> bool:
        if isinstance(update, Update) and update.update_id in self._let_in:
            self._let_in.discard(update.update_id)
            return True
        return False

    def _hold(self, update: object, coroutine: Awaitable[Any]) -> None:
        _drop(coroutine)
        self._held.append(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
