"""An aiohttp server speaking the Telegram Bot API, with people and chats a test can drive.

It behaves like Telegram where the bot can tell: long polling with offsets, privacy mode in
groups (the bot sees commands and replies to its own messages), HTML parse checks, message
length limits, "message is not modified", callback queries answered once and carrying the
message as it is now (any data a modified client sends, on any message: press_data), chat
admins, and forum topics (messages in a topic carry message_thread_id and is_topic_message;
a send to a closed topic fails with TOPIC_CLOSED, to a deleted one with "message thread not
found").
Its state is in world.py and the Bot API methods in api.py; this module adds the server's
lifecycle, the people and chats a test sets up, the faults it injects, and acting as people.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from bot.emulator.api import BotApi
from bot.emulator.models import (
    ApiError,
    Chat,
    SentMessage,
    Topic,
    User,
)
from bot.emulator.person import Person
from bot.emulator.world import DEFAULT_TOKEN

__all__ = ["DEFAULT_TOKEN", "BotApiEmulator"]


class BotApiEmulator(BotApi):
    """The Bot API for one bot, on 127.0.0.1, plus the people and chats around it."""

    # ---- lifecycle -------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Serve on host:port (0 picks a free port); returns the base URL for the bot."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self.base_url

    async def stop(self) -> None:
        """Wake long polls, stop posting to a webhook, and shut the server down."""
        await self.stop_pushing()
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_BASE_URL should be for the bot to talk to this server."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- people and chats ------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        username: str | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
    ) -> User:
        """A new Telegram user (numbered in order of arrival unless user_id is given), with
        the language their client is set to, if any."""
        number = next(self._user_ids) if user_id is None else user_id
        user = User(number, first_name, username, language_code=language_code)
        self.users[user.id] = user
        return user

    def add_group(
        self,
        title: str,
        admins: tuple[User, ...] = (),
        supergroup: bool = True,
        chat_id: int | None = None,
        forum: bool = False,
    ) -> Chat:
        """A new group the bot is a member of; `admins` are its administrators.

        chat_id: a fixed id (a negative number), instead of the next in order of creation.
        forum: a supergroup with topics (add them with create_topic).
        """
        if chat_id is None:
            number = next(self._group_ids)
            chat_id = -1_001_000_000_000 - number if supergroup else -number
        chat = Chat(chat_id, "supergroup" if supergroup else "group", title, is_forum=forum)
        self.admins[chat.id] = {u.id for u in admins}
        self.chats[chat.id] = chat
        return chat

    def private_chat(self, user: User) -> Chat:
        """The one-to-one chat between the user and the bot."""
        chat = Chat(user.id, "private", first_name=user.first_name)
        self.chats[chat.id] = chat
        return chat

    def kick_bot(self, chat: Chat) -> None:
        """The bot is removed from the group (or blocked in private): sends get 403."""
        self.kicked.add(chat.id)

    def readd_bot(self, chat: Chat) -> None:
        """The bot is added to the group again (without telling it; see add_bot)."""
        self.kicked.discard(chat.id)

    async def add_bot(self, chat: Chat, by: User) -> None:
        """Someone adds the bot to a group: it gets a my_chat_member update."""
        self.readd_bot(chat)
        self.chats[chat.id] = chat
        await self._membership(chat, by, "left", "member")

    async def remove_bot(self, chat: Chat, by: User) -> None:
        """Someone removes the bot (or blocks it, in private): sends get 403 from now on."""
        self.kick_bot(chat)
        await self._membership(chat, by, "member", "kicked")

    async def _membership(self, chat: Chat, by: User, old: str, new: str) -> None:
        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": self.bot_user}
            if status == "kicked":
                data["until_date"] = 0
            return data

        update = {
            "chat": chat.to_api(),
            "from": by.to_api(),
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        await self._push({"my_chat_member": update})

    async def upgrade_to_supergroup(
        self, chat: Chat, by: User, notify: bool = True, forum: bool = False
    ) -> Chat:
        """The group becomes a supergroup with a new id; sends to the old id fail from now on.

        notify: Telegram's migrate_to / migrate_from service messages reach the bot.
        forum: the supergroup has topics turned on.
        """
        new = Chat(
            -1_002_000_000_000 - next(self._group_ids), "supergroup", chat.title, is_forum=forum
        )
        self.chats[new.id] = new
        self.admins[new.id] = set(self.admins.get(chat.id, set()))
        self.migrated[chat.id] = new.id
        if notify:
            await self.announce_upgrade(chat, new, by)
        return new

    async def announce_upgrade(self, old: Chat, new: Chat, by: User) -> None:
        """Telegram's migrate_to / migrate_from service messages reach the bot (late, if the
        upgrade was made with notify=False)."""
        old_note = SentMessage(
            old, self._next_message_id(old), "", by, service={"migrate_to_chat_id": new.id}
        )
        new_note = SentMessage(
            new, self._next_message_id(new), "", by, service={"migrate_from_chat_id": old.id}
        )
        for note in (old_note, new_note):
            self._record(note)
            await self._push({"message": self._message_api(note)})

    # ---- forum topics ----------------------------------------------------------------

    async def create_topic(self, chat: Chat, name: str, by: User) -> Topic:
        """Someone opens a topic in a forum supergroup; the bot sees its forum_topic_created
        service message, whose id is the topic's message_thread_id from then on."""
        if not chat.is_forum:
            raise ApiError(400, "Bad Request: the chat is not a forum")
        note = SentMessage(
            chat, self._next_message_id(chat), "", by,
            service={"forum_topic_created": {"name": name, "icon_color": 7322096}},
        )  # fmt: skip
        topic = Topic(chat, note.message_id, name, note)
        note.topic = topic
        self.topics[(chat.id, topic.thread_id)] = topic
        await self._topic_note(topic, by, note)
        return topic

    async def close_topic(self, topic: Topic, by: User) -> None:
        """An admin closes the topic: sends to it fail with TOPIC_CLOSED until it reopens."""
        topic.closed = True
        await self._topic_note(topic, by, service={"forum_topic_closed": {}})

    async def reopen_topic(self, topic: Topic, by: User) -> None:
        """An admin reopens a closed topic."""
        topic.closed = False
        await self._topic_note(topic, by, service={"forum_topic_reopened": {}})

    def delete_topic(self, topic: Topic) -> None:
        """An admin deletes the topic with its messages (Telegram tells bots nothing): sends
        to it fail with "message thread not found"."""
        topic.deleted = True
        in_chat = self._in_chat.get(topic.chat.id, {})
        for message_id in [i for i, m in in_chat.items() if m.topic is topic]:
            in_chat.pop(message_id)

    async def _topic_note(
        self,
        topic: Topic,
        by: User,
        note: SentMessage | None = None,
        service: dict[str, Any] | None = None,
    ) -> None:
        if note is None:
            chat = topic.chat
            note = SentMessage(
                chat, self._next_message_id(chat), "", by, service=service, topic=topic
            )
        self._record(note)
        await self._push({"message": self._message_api(note)})

    # ---- faults to inject ------------------------------------------------------------

    def fail_next_send(
        self,
        chat: Chat,
        code: int,
        description: str,
        retry_after: int | None = None,
        after: int = 0,
    ) -> None:
        """A coming send to the chat fails with this error (e.g. 429 Too Many Requests);
        `after` sends go through first."""
        self.failures.setdefault(chat.id, []).append(
            (after, ApiError(code, description, retry_after))
        )

    def delay_next_send(self, chat: Chat, seconds: float) -> None:
        """The next send to the chat takes this long to be answered (a slow Telegram)."""
        self.send_delays[chat.id] = seconds

    def drop_reply_to_next_send(self, chat: Chat) -> None:
        """The next send is delivered, but the connection drops before the bot hears so."""
        self.drop_replies[chat.id] = self.drop_replies.get(chat.id, 0) + 1

    def drop_next_answer(self, method: str) -> None:
        """The next call of a method is handled, but the connection drops before the answer."""
        self.dropped_methods[method.lower()] = self.dropped_methods.get(method.lower(), 0) + 1

    def hang_next_call(self, method: str) -> None:
        """The next call of a method is never answered: the caller's connection times out."""
        self.hung_methods[method.lower()] = self.hung_methods.get(method.lower(), 0) + 1

    def fail_next_call(self, method: str, code: int, description: str) -> None:
        """The next call of a method (e.g. getChatMember) fails with this error."""
        self.method_failures.setdefault(method.lower(), []).append(ApiError(code, description))

    async def queue_raw_updates(self, *updates: dict[str, Any]) -> list[int]:
        """Queue updates exactly as given, in one go (one getUpdates answer takes them all),
        each with a new update_id: e.g. one python-telegram-bot cannot read, such as a message
        whose "chat" is a string. Returns their update_ids."""
        ids = []
        async with self._changed:
            for fields in updates:
                ids.append(next(self._update_ids))
                self._queue(dict(fields, update_id=ids[-1]))
            self._changed.notify_all()
        return ids

    # ---- acting as people ------------------------------------------------------------

    def person(self, user: User, chat: Chat, topic: Topic | None = None) -> Person:
        """A handle to act as `user` in `chat` (in one of its forum topics, if given)."""
        return Person(self, user, chat, topic)

    def message_update(self, user: User, chat: Chat, text: str) -> dict[str, Any]:
        """A new message as the update Telegram would post to a webhook (not queued)."""
        message = SentMessage(chat, self._next_message_id(chat), text, user)
        self._record(message)
        return {"update_id": next(self._update_ids), "message": self._message_api(message)}

    async def send(
        self,
        user: User,
        chat: Chat,
        text: str,
        reply_to: SentMessage | None = None,
        as_group: bool = False,
        as_channel: Chat | None = None,
        topic: Topic | None = None,
    ) -> SentMessage:
        """The user writes in the chat; the bot gets it if privacy mode lets it through.

        as_group: the user is an admin posting anonymously, as the group itself.
        as_channel: the user posts on behalf of this channel.
        topic: the forum topic it is written in (a reply is in its message's topic).
        """
        if topic is None and reply_to is not None:
            topic = reply_to.topic
        message = SentMessage(
            chat, self._next_message_id(chat), text, user, reply_to=reply_to, as_group=as_group,
            as_channel=as_channel, topic=topic,
        )  # fmt: skip
        async with self._changed:
            self._record(message)
            if self._bot_sees(message):
                self._queue(
                    {"update_id": next(self._update_ids), "message": self._message_api(message)}
                )
            self._changed.notify_all()
        return message

    async def edit(self, message: SentMessage, text: str) -> None:
        """The sender edits their message; the bot gets an edited_message update."""
        async with self._changed:
            message.text = text
            message.edits += 1
            if self._bot_sees(message):
                self._queue(
                    {
                        "update_id": next(self._update_ids),
                        "edited_message": self._message_api(message),
                    }
                )
            self._changed.notify_all()

    async def press(self, user: User, message: SentMessage, button_text: str) -> str:
        """The user presses an inline button on a bot message; returns the query id.

        `message` is what the user's phone shows: a copy taken before an edit still has the
        buttons it had then. The callback query carries the message as Telegram holds it now.
        """
        button = next((b for b in message.buttons() if b["text"] == button_text), None)
        if button is None:
            labels = [b["text"] for b in message.buttons()]
            raise AssertionError(f"no button {button_text!r} on the message; there are {labels}")
        return await self.press_data(user, message, button["callback_data"])

    async def press_data(self, user: User, message: SentMessage, data: str | None) -> str:
        """A press with any callback data on any message, the way a modified client can send
        one: Telegram passes the data on as it is (None: a query with no data), with the
        message as it holds it now (a deleted one as an inaccessible message). Returns the
        query id."""
        query_id = str(next(self._query_ids))
        self._pending_queries[query_id] = message
        query = {
            "id": query_id,
            "from": user.to_api(),
            "message": self._callback_message(message),
            "chat_instance": str(message.chat.id),
            **({} if data is None else {"data": data}),
        }
        update = {"update_id": next(self._update_ids), "callback_query": query}
        async with self._changed:
            self._queue(update)
            self._changed.notify_all()
        return query_id

    def delete(self, message: SentMessage) -> None:
        """Someone deletes the message: edits to it fail, presses on it come as inaccessible."""
        self._in_chat.get(message.chat.id, {}).pop(message.message_id, None)

    async def redeliver_last_update(self) -> None:
        """Telegram sends the latest update again, same update_id (it happens)."""
        async with self._changed:
            self._updates.append(dict(self._last_update))
            self._changed.notify_all()

    def take_updates(self) -> list[dict[str, Any]]:
        """Hand pending updates to a caller that feeds the bot itself (the sandbox)."""
        taken, self._updates = self._updates, []
        return taken
