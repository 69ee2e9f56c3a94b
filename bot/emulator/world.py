"""What the emulated Telegram holds for one bot: people, chats, messages, pending updates,
injected faults, and what tests wait on."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.emulator.models import (
    ApiError,
    Call,
    Chat,
    SentMessage,
    Topic,
    User,
)
from bot.emulator.push import Push, WebhookPusher

DEFAULT_TOKEN = "123456789:TEST-emulator-token-aaaaaaaaaaaaaaaaaaaa"
# Telegram's stand-in sender for anonymous group admins.
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?(?![A-Za-z0-9_])")


# Telegram's stand-in sender for messages posted on behalf of a channel.
CHANNEL_BOT = {"id": 136817688, "is_bot": True, "first_name": "Channel", "username": "Channel_Bot"}


class World:
    """The emulator's state and the rules both sides share (privacy mode, message ids, the
    Bot API's objects); the Bot API and the people acting in it are built on top."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        username: str = "goals_test_bot",
        first_name: str = "Goals Bot",
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.messages: list[SentMessage] = []
        # The same messages by chat, and the bot's own by chat: waits look these up on every
        # change, so a long run must not rescan everything ever sent.
        self._in_chat: dict[int, dict[int, SentMessage]] = {}
        self._from_bot: dict[int, list[SentMessage]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.descriptions: dict[str, str] = {}  # by language code ("": the default)
        self.short_descriptions: dict[str, str] = {}
        self.admins: dict[int, set[int]] = {}
        self.users: dict[int, User] = {}
        self.kicked: set[int] = set()
        self.webhook: dict[str, Any] = {}
        # Post updates to the webhook as Telegram does (bot/emulator/push.py), instead of
        # keeping them for the test to post; off unless a test turns it on.
        self.deliver_by_webhook = False
        self.push_timeout = 10.0  # seconds Telegram waits for the bot's answer to a post
        self.pusher: WebhookPusher | None = None
        self.pushes: list[Push] = []  # every post of an update to the webhook, and its answer
        self.send_delays: dict[int, float] = {}  # chat -> seconds the next send takes
        self.migrated: dict[int, int] = {}
        # chat -> [(sends to let through first, the error)]
        self.failures: dict[int, list[tuple[int, ApiError]]] = {}
        self.drop_replies: dict[int, int] = {}  # chat -> sends delivered with no answer
        self.method_failures: dict[str, list[ApiError]] = {}
        self.dropped_methods: dict[str, int] = {}  # method -> answers to cut off
        self.hung_methods: dict[str, int] = {}  # method -> calls left unanswered
        self.chats: dict[int, Chat] = {}
        self.topics: dict[tuple[int, int], Topic] = {}  # (chat id, thread id) -> topic
        self._updates: list[dict[str, Any]] = []
        self._last_update: dict[str, Any] = {}
        # Telegram numbers updates on from wherever it left off; a restarted emulator must not
        # reuse numbers a bot (with its database) has already seen.
        self._update_ids = itertools.count(int(time.time() * 1000) % 10**12)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._pending_queries: dict[str, SentMessage] = {}
        self._changed = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def _push(self, update: dict[str, Any]) -> None:
        async with self._changed:
            self._queue({"update_id": next(self._update_ids), **update})
            self._changed.notify_all()

    def _queue(self, update: dict[str, Any]) -> None:
        self._updates.append(update)
        self._last_update = update

    # ---- the webhook's side (push.Queue) ----------------------------------------------

    @property
    def changed(self) -> asyncio.Condition:
        """Notified whenever something happens: an update comes, a message is sent."""
        return self._changed

    def waiting_updates(self) -> list[dict[str, Any]]:
        """The updates not delivered yet, oldest first."""
        return list(self._updates)

    def delivered(self, update_id: int) -> None:
        """The bot answered the post of this update with 200: it is not posted again."""
        self._updates = [u for u in self._updates if u["update_id"] != update_id]

    async def stop_pushing(self) -> None:
        """Stop posting updates to the webhook (deleteWebhook, or the emulator stopping)."""
        if self.pusher is not None:
            await self.pusher.stop()
            self.pusher = None

    # ---- what the test waits on ------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = 10.0, what: str = ""
    ) -> None:
        """Wait (on recorded events, not a sleep) until predicate() holds."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
            except TimeoutError:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what or predicate}"
                ) from None

    def bot_messages(self, chat: Chat) -> list[SentMessage]:
        """Every message the bot sent in the chat, in order."""
        return list(self._from_bot.get(chat.id, ()))

    def unconfirmed_updates(self) -> int:
        """Updates the bot has not confirmed yet (by asking for updates past them)."""
        return len(self._updates)

    def calls_to(self, method: str) -> list[Call]:
        """Every request for one API method."""
        return [c for c in self.calls if c.method == method]

    async def next_bot_message(self, chat: Chat, after: int, timeout: float = 10.0) -> SentMessage:
        """The first bot message in the chat beyond the first `after` ones."""
        await self.wait_until(
            lambda: len(self.bot_messages(chat)) > after,
            timeout,
            f"a bot message in {chat.title or chat.id}",
        )
        return self.bot_messages(chat)[after]

    # ---- shared rules ----------------------------------------------------------------

    def _bot_sees(self, message: SentMessage) -> bool:
        if message.chat.type == "private":
            return True
        if message.reply_to is not None and message.reply_to.from_bot:
            return True
        if message.text.startswith("/"):
            word = message.text.split(maxsplit=1)[0]
            if "@" in word:
                return word.split("@", 1)[1].lower() == str(self.bot_user["username"]).lower()
            return True
        return f"@{self.bot_user['username']}".lower() in message.text.lower()

    def _next_message_id(self, chat: Chat) -> int:
        return next(self._message_ids.setdefault(chat.id, itertools.count(1)))

    def _chat(self, chat_id: Any) -> Chat:
        try:
            return self.chats[int(str(chat_id))]
        except (KeyError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None

    def _record(self, message: SentMessage) -> None:
        self.messages.append(message)
        self._in_chat.setdefault(message.chat.id, {})[message.message_id] = message
        if message.from_bot:
            self._from_bot.setdefault(message.chat.id, []).append(message)

    def _find(self, chat: Chat, message_id: int) -> SentMessage:
        message = self._in_chat.get(chat.id, {}).get(message_id)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _message_api(self, message: SentMessage) -> dict[str, Any]:
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": message.chat.to_api(),
            "from": self.bot_user if message.sender is None else message.sender.to_api(),
            **(
                {"from": ANONYMOUS_ADMIN, "sender_chat": message.chat.to_api()}
                if message.as_group
                else {}
            ),
            **(
                {"from": CHANNEL_BOT, "sender_chat": message.as_channel.to_api()}
                if message.as_channel is not None
                else {}
            ),
        }
        if message.service:
            data.update(message.service)
        elif message.file is not None:
            data["caption"] = message.text
            size = len(message.file.data)
            ident = {
                "file_id": f"f{message.message_id}",
                "file_unique_id": f"u{message.message_id}",
            }
            if message.file.kind == "photo":
                data["photo"] = [{**ident, "width": 1, "height": 1, "file_size": size}]
            else:
                data["document"] = {**ident, "file_name": message.file.filename, "file_size": size}
        else:
            data["text"] = message.text
        # As Telegram does: a command is Latin letters, digits and underscores (and @bot).
        command = _COMMAND.match(message.text) if message.sender is not None else None
        if command:
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.topic is not None:
            data["message_thread_id"] = message.topic.thread_id
            data["is_topic_message"] = True
        # In a topic, a message that replies to nothing replies to the topic's first message,
        # the service message that created it (it carries the topic's name).
        reply_to = message.reply_to
        if reply_to is None and message.topic is not None and message is not message.topic.created:
            reply_to = message.topic.created
        if reply_to is not None:
            inner = self._message_api(reply_to)
            inner.pop("reply_to_message", None)
            data["reply_to_message"] = inner
        if message.edits:
            data["edit_date"] = int(time.time())
        return data

    def _callback_message(self, message: SentMessage) -> dict[str, Any]:
        """The message a callback query carries: the chat's message with this id as it is now
        (its current text and buttons, whatever copy the presser's phone showed), or, once it
        is gone, Telegram's InaccessibleMessage (date 0, nothing but the chat and the id)."""
        current = self._in_chat.get(message.chat.id, {}).get(message.message_id)
        if current is None:
            return {"chat": message.chat.to_api(), "message_id": message.message_id, "date": 0}
        return self._message_api(current)

    def _member_api(self, chat_id: int, user: User) -> dict[str, Any]:
        if user.id not in self.admins.get(chat_id, set()):
            return {"status": "member", "user": user.to_api()}
        rights = dict.fromkeys(
            (
                "can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages",
                "can_manage_video_chats", "can_restrict_members", "can_promote_members",
                "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
                "can_delete_stories",
            ),
            False,
        )  # fmt: skip
        return {"status": "administrator", "user": user.to_api(), **rights, "can_manage_chat": True}
