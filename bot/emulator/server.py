"""An aiohttp server speaking the Telegram Bot API, with people and chats a test can drive.

It behaves like Telegram where the bot can tell: long polling with offsets, privacy mode in
groups (the bot sees commands and replies to its own messages), HTML parse checks, message
length limits, "message is not modified", callback queries answered once, chat admins.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from aiohttp import web

from bot.emulator.html_text import EntityError, visible_text
from bot.emulator.models import (
    ApiError,
    Call,
    Chat,
    SentMessage,
    UploadedFile,
    User,
    _int,
)
from bot.emulator.person import Person

DEFAULT_TOKEN = "123456789:TEST-emulator-token-aaaaaaaaaaaaaaaaaaaa"
# Telegram's stand-in sender for anonymous group admins.
ANONYMOUS_ADMIN = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}
MESSAGE_LIMIT = 4096
_JSON_KEYS = {
    "reply_markup", "reply_parameters", "allowed_updates", "commands", "scope", "entities",
    "link_preview_options",
}  # fmt: skip
_INT_KEYS = {"offset", "limit", "timeout", "message_id", "user_id", "reply_to_message_id"}
_BOOL_KEYS = {"show_alert", "disable_notification", "drop_pending_updates"}


class BotApiEmulator:
    """The Bot API for one bot, on 127.0.0.1, plus the people and chats around it."""

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
        self.admins: dict[int, set[int]] = {}
        self.users: dict[int, User] = {}
        self.kicked: set[int] = set()
        self.webhook: dict[str, Any] = {}
        self.send_delays: dict[int, float] = {}  # chat -> seconds the next send takes
        self.migrated: dict[int, int] = {}
        # chat -> [(sends to let through first, the error)]
        self.failures: dict[int, list[tuple[int, ApiError]]] = {}
        self.drop_replies: dict[int, int] = {}  # chat -> sends delivered with no answer
        self.method_failures: dict[str, list[ApiError]] = {}
        self.dropped_methods: dict[str, int] = {}  # method -> answers to cut off
        self.hung_methods: dict[str, int] = {}  # method -> calls left unanswered
        self.chats: dict[int, Chat] = {}
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
        """Wake long polls and shut the server down."""
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

    def add_user(self, first_name: str, username: str | None = None) -> User:
        """A new Telegram user."""
        user = User(next(self._user_ids), first_name, username)
        self.users[user.id] = user
        return user

    def add_group(self, title: str, admins: tuple[User, ...] = (), supergroup: bool = True) -> Chat:
        """A new group the bot is a member of; `admins` are its administrators."""
        number = next(self._group_ids)
        chat_id = -1_001_000_000_000 - number if supergroup else -number
        chat = Chat(chat_id, "supergroup" if supergroup else "group", title)
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

    async def upgrade_to_supergroup(self, chat: Chat, by: User, notify: bool = True) -> Chat:
        """The group becomes a supergroup with a new id; sends to the old id fail from now on.

        notify: Telegram's migrate_to / migrate_from service messages reach the bot.
        """
        new = Chat(-1_002_000_000_000 - next(self._group_ids), "supergroup", chat.title)
        self.chats[new.id] = new
        self.admins[new.id] = set(self.admins.get(chat.id, set()))
        self.migrated[chat.id] = new.id
        if notify:
            old_note = SentMessage(
                chat, self._next_message_id(chat), "", by, service={"migrate_to_chat_id": new.id}
            )
            new_note = SentMessage(
                new, self._next_message_id(new), "", by, service={"migrate_from_chat_id": chat.id}
            )
            for note in (old_note, new_note):
                self._record(note)
                await self._push({"message": self._message_api(note)})
        return new

    async def _push(self, update: dict[str, Any]) -> None:
        async with self._changed:
            self._queue({"update_id": next(self._update_ids), **update})
            self._changed.notify_all()

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

    def message_update(self, user: User, chat: Chat, text: str) -> dict[str, Any]:
        """A new message as the update Telegram would post to a webhook (not queued)."""
        message = SentMessage(chat, self._next_message_id(chat), text, user)
        self._record(message)
        return {"update_id": next(self._update_ids), "message": self._message_api(message)}

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

    def person(self, user: User, chat: Chat) -> Person:
        """A handle to act as `user` in `chat`."""
        return Person(self, user, chat)

    # ---- acting as people ------------------------------------------------------------

    async def send(
        self,
        user: User,
        chat: Chat,
        text: str,
        reply_to: SentMessage | None = None,
        as_group: bool = False,
    ) -> SentMessage:
        """The user writes in the chat; the bot gets it if privacy mode lets it through.

        as_group: the user is an admin posting anonymously, as the group itself.
        """
        message = SentMessage(
            chat, self._next_message_id(chat), text, user, reply_to=reply_to, as_group=as_group
        )
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
        """The user presses an inline button on a bot message; returns the query id."""
        button = next((b for b in message.buttons() if b["text"] == button_text), None)
        if button is None:
            labels = [b["text"] for b in message.buttons()]
            raise AssertionError(f"no button {button_text!r} on the message; there are {labels}")
        query_id = str(next(self._query_ids))
        self._pending_queries[query_id] = message
        update = {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": query_id,
                "from": user.to_api(),
                "message": self._message_api(message),
                "chat_instance": str(message.chat.id),
                "data": button["callback_data"],
            },
        }
        async with self._changed:
            self._queue(update)
            self._changed.notify_all()
        return query_id

    async def redeliver_last_update(self) -> None:
        """Telegram sends the latest update again, same update_id (it happens)."""
        async with self._changed:
            self._updates.append(dict(self._last_update))
            self._changed.notify_all()

    def _queue(self, update: dict[str, Any]) -> None:
        self._updates.append(update)
        self._last_update = update

    def take_updates(self) -> list[dict[str, Any]]:
        """Hand pending updates to a caller that feeds the bot itself (the sandbox)."""
        taken, self._updates = self._updates, []
        return taken

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

    # ---- the Bot API -----------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        method = request.match_info["method"]
        params = await self._params(request)
        handler = getattr(self, f"_api_{method.lower()}", None)
        async with self._changed:
            self.calls.append(Call(method, params, time.monotonic()))
            self._changed.notify_all()
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        if self.hung_methods.get(method.lower()):
            self.hung_methods[method.lower()] -= 1
            await self._hang()
            return web.Response(status=504)  # nobody is listening any more
        try:
            failing = self.method_failures.get(method.lower())
            if failing:
                raise failing.pop(0)
            result = await handler(params)
        except ApiError as error:
            return web.json_response(error.to_api(), status=error.code)
        chat_id = params.get("chat_id")
        if self.dropped_methods.get(method.lower()):
            self.dropped_methods[method.lower()] -= 1
            assert request.transport is not None
            request.transport.abort()
        if method.lower().startswith("send") and self.drop_replies.get(_int(chat_id)):
            self.drop_replies[_int(chat_id)] -= 1
            assert request.transport is not None
            request.transport.abort()  # delivered, but the bot never hears back
        return web.json_response({"ok": True, "result": result})

    async def _hang(self) -> None:
        """Hold a call open, unanswered, until the emulator stops (or a minute passes); by
        then the caller has given up, so the answer goes nowhere."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait_for(lambda: self._closing), 60)

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            raw: dict[str, Any] = await request.json()
        else:
            form = await request.post()
            raw = {k: v for k, v in form.items() if isinstance(v, str)}
            files = {
                k: UploadedFile(v.filename, v.file.read(), v.content_type)
                for k, v in form.items()
                if isinstance(v, web.FileField)
            }
            raw["_files"] = files
        params: dict[str, Any] = {}
        for key, value in raw.items():
            if isinstance(value, str) and key in _JSON_KEYS:
                value = json.loads(value)
            elif isinstance(value, str) and (key in _INT_KEYS or key == "chat_id"):
                value = int(value) if value.lstrip("-").isdigit() else value
            elif isinstance(value, str) and key in _BOOL_KEYS:
                value = value.lower() == "true"
            params[key] = value
        return params

    async def _api_getme(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def _api_deletewebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {}
        return True

    async def _api_setwebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        return True

    async def _api_getwebhookinfo(self, params: dict[str, Any]) -> Any:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _api_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_logout(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_sendchataction(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getupdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout > 0 and not self._closing:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout,
                    )
            return self._updates[:limit]

    async def _api_sendmessage(self, params: dict[str, Any]) -> Any:
        chat = self._writable_chat(params.get("chat_id"))
        html = str(params.get("text", ""))
        text = self._visible(html, params.get("parse_mode"))
        delay = self.send_delays.pop(chat.id, 0.0)
        if delay:
            await asyncio.sleep(delay)  # the injected fault: Telegram answering slowly
        return await self._deliver(chat, params, text, html)

    async def _api_senddocument(self, params: dict[str, Any]) -> Any:
        return await self._send_file(params, "document")

    async def _api_sendphoto(self, params: dict[str, Any]) -> Any:
        return await self._send_file(params, "photo")

    async def _send_file(self, params: dict[str, Any], field_name: str) -> Any:
        chat = self._writable_chat(params.get("chat_id"))
        files: dict[str, UploadedFile] = params.get("_files") or {}
        ref = str(params.get(field_name, ""))
        upload = files.get(ref.removeprefix("attach://")) or files.get(field_name)
        if upload is None:
            raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
        upload = replace(upload, kind=field_name)
        html = str(params.get("caption", ""))
        caption = self._visible(html, params.get("parse_mode"), limit=1024, empty_ok=True)
        return await self._deliver(chat, params, caption, html, upload)

    def _writable_chat(self, chat_id: Any) -> Chat:
        chat = self._chat(chat_id)
        if chat.id in self.migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to=self.migrated[chat.id],
            )
        if chat.id in self.kicked:
            kind = "user" if chat.type == "private" else chat.type
            reason = (
                "bot was blocked by the user"
                if kind == "user"
                else f"bot was kicked from the {kind} chat"
            )
            raise ApiError(403, f"Forbidden: {reason}")
        queue = self.failures.get(chat.id)
        if queue:
            let_through, error = queue[0]
            if let_through == 0:
                queue.pop(0)
                raise error
            queue[0] = (let_through - 1, error)
        return chat

    async def _deliver(
        self,
        chat: Chat,
        params: dict[str, Any],
        text: str,
        html: str,
        upload: UploadedFile | None = None,
    ) -> Any:
        reply_to = self._reply_target(chat, params)
        message = SentMessage(
            chat, self._next_message_id(chat), text, None, html=html,
            reply_markup=params.get("reply_markup"), reply_to=reply_to, file=upload,
        )  # fmt: skip
        async with self._changed:
            self._record(message)
            self._changed.notify_all()
        return self._message_api(message)

    async def _api_editmessagetext(self, params: dict[str, Any]) -> Any:
        chat = self._chat(params.get("chat_id"))
        message = self._find(chat, int(params.get("message_id", 0)))
        html = str(params.get("text", ""))
        text = self._visible(html, params.get("parse_mode"))
        markup = params.get("reply_markup")
        if message.html == html and message.reply_markup == markup:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        async with self._changed:
            message.html, message.text, message.reply_markup = html, text, markup
            message.edits += 1
            self._changed.notify_all()
        return self._message_api(message)

    async def _api_answercallbackquery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._pending_queries or query_id in self.callback_answers:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        async with self._changed:
            self.callback_answers[query_id] = params
            self._changed.notify_all()
        return True

    async def _api_setmycommands(self, params: dict[str, Any]) -> Any:
        scope = (params.get("scope") or {}).get("type", "default")
        self.commands[scope] = list(params.get("commands") or [])
        return True

    async def _api_getmycommands(self, params: dict[str, Any]) -> Any:
        scope = (params.get("scope") or {}).get("type", "default")
        return self.commands.get(scope, [])

    async def _api_getchatmember(self, params: dict[str, Any]) -> Any:
        chat_id = params.get("chat_id")
        user = self.users.get(int(params.get("user_id", 0)))
        if user is None:
            raise ApiError(400, "Bad Request: user not found")
        return self._member_api(int(str(chat_id)), user)

    async def _api_getchatadministrators(self, params: dict[str, Any]) -> Any:
        chat_id = int(str(params.get("chat_id")))
        return [
            self._member_api(chat_id, self.users[uid])
            for uid in sorted(self.admins.get(chat_id, set()))
        ]

    # ---- helpers ---------------------------------------------------------------------

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

    def _reply_target(self, chat: Chat, params: dict[str, Any]) -> SentMessage | None:
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id") or params.get("reply_to_message_id")
        if not message_id:
            return None
        try:
            return self._find(chat, int(message_id))
        except ApiError:
            raise ApiError(400, "Bad Request: message to be replied not found") from None

    @staticmethod
    def _visible(
        html: str, parse_mode: Any, limit: int = MESSAGE_LIMIT, empty_ok: bool = False
    ) -> str:
        if parse_mode == "HTML":
            try:
                text = visible_text(html)
            except EntityError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
        else:
            text = html
        if not text.strip() and not empty_ok:
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > limit:
            raise ApiError(400, "Bad Request: message is too long")
        return text

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
        if message.sender is not None and message.text.startswith("/"):
            word = message.text.split(maxsplit=1)[0]
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(word)}]
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.reply_to is not None:
            inner = self._message_api(message.reply_to)
            inner.pop("reply_to_message", None)
            data["reply_to_message"] = inner
        if message.edits:
            data["edit_date"] = int(time.time())
        return data

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
