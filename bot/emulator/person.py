"""A test's (or the sandbox's) handle on one person in one chat."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.emulator.models import Chat, SentMessage, Topic, User

if TYPE_CHECKING:
    from bot.emulator.server import BotApiEmulator


class Person:
    """A test's handle on one user in one chat (or one forum topic of it): say things, press
    buttons, read replies."""

    def __init__(
        self, emulator: BotApiEmulator, user: User, chat: Chat, topic: Topic | None = None
    ) -> None:
        self.emulator, self.user, self.chat, self.topic = emulator, user, chat, topic

    async def say(
        self, text: str, reply_to: SentMessage | None = None, timeout: float = 10.0
    ) -> SentMessage:
        """Send a message and return the bot's answer to it.

        In a group that is the bot's first message replying to this one (the bot quotes what
        it answers there); in a private chat, its next message.
        """
        before = len(self.emulator.bot_messages(self.chat))
        sent = await self.emulator.send(self.user, self.chat, text, reply_to, topic=self.topic)
        if self.chat.type == "private":
            return await self.emulator.next_bot_message(self.chat, before, timeout)

        def answer() -> SentMessage | None:
            later = self.emulator.bot_messages(self.chat)[before:]
            return next((m for m in later if m.reply_to is sent), None)

        await self.emulator.wait_until(
            lambda: answer() is not None, timeout, f"an answer to {text!r}"
        )
        found = answer()
        assert found is not None
        return found

    async def press(
        self, message: SentMessage, button_text: str, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Press a button and return the bot's answer to the press (its toast)."""
        query_id = await self.emulator.press(self.user, message, button_text)
        return await self._answer(query_id, repr(button_text), timeout)

    async def press_data(
        self, message: SentMessage, data: str | None, timeout: float = 10.0
    ) -> dict[str, Any]:
        """Press with callback data of our own choosing on any message (a modified client)
        and return the bot's answer to the press."""
        query_id = await self.emulator.press_data(self.user, message, data)
        return await self._answer(query_id, f"a press with {data!r}", timeout)

    async def _answer(self, query_id: str, what: str, timeout: float) -> dict[str, Any]:
        await self.emulator.wait_until(
            lambda: query_id in self.emulator.callback_answers, timeout, f"an answer to {what}"
        )
        return self.emulator.callback_answers[query_id]
