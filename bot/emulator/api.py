"""The Bot API methods the bot calls, answered from the World: long polling with offsets,
sends with HTML parse checks and length limits, edits, callback answers, chat admins, and
the faults a test injected."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import replace
from typing import Any

from aiohttp import web

from bot.emulator.html_text import EntityError, visible_text
from bot.emulator.models import (
    ApiError,
    Call,
    Chat,
    SentMessage,
    Topic,
    UploadedFile,
    _int,
)
from bot.emulator.push import WebhookPusher
from bot.emulator.world import World

MESSAGE_LIMIT = 4096
_JSON_KEYS = {
    "reply_markup", "reply_parameters", "allowed_updates", "commands", "scope", "entities",
    "link_preview_options",
}  # fmt: skip
_INT_KEYS = {
    "offset", "limit", "timeout", "message_id", "user_id", "reply_to_message_id",
    "message_thread_id",
}  # fmt: skip
_BOOL_KEYS = {"show_alert", "disable_notification", "drop_pending_updates"}


class BotApi(World):
    """The HTTP side: one aiohttp handler that dispatches to a method per Bot API call."""

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
        await self.stop_pushing()
        return True

    async def _api_setwebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = {"url": params.get("url", ""), "secret_token": params.get("secret_token")}
        if self.deliver_by_webhook:  # as Telegram: the updates are posted there from now on
            await self.stop_pushing()
            self.pusher = WebhookPusher(self, self.webhook["url"], self.webhook["secret_token"],
                                        self.pushes, timeout=self.push_timeout)  # fmt: skip
            self.pusher.start()
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
                self._changed.notify_all()  # a test may wait for its updates to be taken
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
        topic = self._send_topic(chat, params)
        reply_to = self._reply_target(chat, params)
        if topic is None and reply_to is not None and reply_to.topic is not None:
            topic = self._open_topic(reply_to.topic)  # a reply stays in its message's topic
        message = SentMessage(
            chat, self._next_message_id(chat), text, None, html=html,
            reply_markup=params.get("reply_markup"), reply_to=reply_to, file=upload, topic=topic,
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
        key = _for_language(scope, params.get("language_code"))
        self.commands[key] = list(params.get("commands") or [])
        return True

    async def _api_getmycommands(self, params: dict[str, Any]) -> Any:
        scope = (params.get("scope") or {}).get("type", "default")
        return self.commands.get(_for_language(scope, params.get("language_code")), [])

    async def _api_setmydescription(self, params: dict[str, Any]) -> Any:
        language = params.get("language_code") or ""
        self.descriptions[language] = str(params.get("description") or "")
        return True

    async def _api_setmyshortdescription(self, params: dict[str, Any]) -> Any:
        language = params.get("language_code") or ""
        self.short_descriptions[language] = str(params.get("short_description") or "")
        return True

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

    def _send_topic(self, chat: Chat, params: dict[str, Any]) -> Topic | None:
        """The topic a send asks for with message_thread_id (None: General, or no forum)."""
        thread = params.get("message_thread_id")
        if not thread:
            return None
        topic = self.topics.get((chat.id, _int(thread)))
        if topic is None or topic.deleted:
            raise ApiError(400, "Bad Request: message thread not found")
        return self._open_topic(topic)

    @staticmethod
    def _open_topic(topic: Topic) -> Topic:
        if topic.deleted:
            raise ApiError(400, "Bad Request: message thread not found")
        if topic.closed:
            raise ApiError(400, "Bad Request: TOPIC_CLOSED")
        return topic

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
        if len(text.encode("utf-16-le")) // 2 > limit:  # Telegram counts UTF-16 code units
            raise ApiError(400, "Bad Request: message is too long")
        return text


def _for_language(scope: str, language: str | None) -> str:
    """Where a command menu is kept: by scope, and by language when one is given (Telegram
    shows a user the menu of their client's language, else the one without a language)."""
    return f"{scope}:{language}" if language else scope
