"""Telegram's side of a webhook: each update posted to the bot's URL, as Telegram does.

An update counts as delivered when the bot answers its request with 200. Any other answer, a
refused connection or no answer within `timeout` seconds, and the same update is posted again
after a pause, until it is delivered: so a bot may get an update twice (it handled it, and the
answer was lost), never zero times. The updates of one chat go one at a time, in order; those
of different chats go at once, up to `connections` requests (Telegram's max_connections).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class Push:
    """One try to deliver an update: its id, and the bot's HTTP status (None: no answer)."""

    update_id: int
    status: int | None


class Queue(Protocol):
    """Where the updates wait (the emulator's world)."""

    @property
    def changed(self) -> asyncio.Condition:
        """Notified when an update comes or is delivered."""
        ...

    def waiting_updates(self) -> list[dict[str, Any]]:
        """The updates not delivered yet, oldest first (called holding `changed`)."""
        ...

    def delivered(self, update_id: int) -> None:
        """The update reached the bot: it is not sent again (called holding `changed`)."""
        ...


def chat_of(update: dict[str, Any]) -> int:
    """The chat an update belongs to (0 for one that names none)."""
    for field in ("message", "edited_message", "my_chat_member", "chat_member"):
        if field in update:
            return int(update[field]["chat"]["id"])
    query = update.get("callback_query")
    if query and "message" in query:
        return int(query["message"]["chat"]["id"])
    return 0


class WebhookPusher:
    """Posts the waiting updates to `url` until each is answered with 200."""

    def __init__(
        self,
        queue: Queue,
        url: str,
        secret: str | None,
        pushes: list[Push],
        connections: int = 40,
        timeout: float = 10.0,
        pause: float = 0.2,
    ) -> None:
        self.queue, self.url, self.secret = queue, url, secret
        self.connections, self.timeout, self.pause = connections, timeout, pause
        self.pushes = pushes  # every try, kept by the emulator across webhooks set
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        limit = asyncio.Semaphore(self.connections)
        busy: set[int] = set()  # chats with a delivery under way
        tasks: set[asyncio.Task[None]] = set()
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            try:
                async with self.queue.changed:
                    while True:
                        for update in self.queue.waiting_updates():
                            chat = chat_of(update)
                            if chat in busy:
                                continue  # the chat's earlier update first
                            busy.add(chat)
                            task = asyncio.create_task(
                                self._deliver(session, limit, update, chat, busy)
                            )
                            tasks.add(task)
                            task.add_done_callback(tasks.discard)
                        await self.queue.changed.wait()
            finally:
                for task in tasks:
                    task.cancel()

    async def _deliver(
        self,
        session: aiohttp.ClientSession,
        limit: asyncio.Semaphore,
        update: dict[str, Any],
        chat: int,
        busy: set[int],
    ) -> None:
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        while True:
            status: int | None = None
            async with limit:
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    async with session.post(self.url, json=update, headers=headers) as answer:
                        status = answer.status
            async with self.queue.changed:  # a test may wait for tries as for messages
                self.pushes.append(Push(update["update_id"], status))
                if status == 200:
                    busy.discard(chat)
                    self.queue.delivered(update["update_id"])
                self.queue.changed.notify_all()
            if status == 200:
                return
            await asyncio.sleep(self.pause)  # as Telegram: later, again
