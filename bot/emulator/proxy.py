"""A faulty HTTP proxy between the bot and the emulator: the way to Telegram, going wrong.

It forwards every request to the emulator and its answer back, except where a test asked for a
fault: the answers a gateway in front of Telegram gives while it restarts (HTML 502/503 pages),
Telegram's own JSON errors (a 500, a 429, "message is too long"), a 504 after the request was
passed on (Telegram has the message, the bot hears a timeout), a connection reset before the
request is passed on or after, a slow answer, and no proxy at all (connections refused).

It speaks HTTP/1.1 itself over asyncio streams, so it can break a connection at any point.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import struct
from collections.abc import Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qs

import httpx

_LENGTH = re.compile(rb"content-length: *(\d+)", re.IGNORECASE)
_TYPE = re.compile(rb"content-type: *([^\r\n]+)", re.IGNORECASE)
PHRASES = {
    400: "Bad Request", 429: "Too Many Requests", 500: "Internal Server Error",
    502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out",
}  # fmt: skip


def gateway_page(status: int) -> bytes:
    """The page nginx shows for a gateway error."""
    title = f"{status} {PHRASES[status]}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1>"
        "</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode()


def telegram_error(status: int, description: str, retry_after: int | None = None) -> bytes:
    """Telegram's own JSON for a failed request."""
    body: dict[str, object] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return json.dumps(body).encode()


class Act(StrEnum):
    """What the proxy does with a request a rule matched."""

    ANSWER = "answer"  # answer with the rule's status and body; nothing is passed on
    AFTER = "after"  # pass it on (Telegram takes it), then answer with the rule's instead
    RESET_BEFORE = "reset_before"  # reset the connection; nothing is passed on
    RESET_AFTER = "reset_after"  # pass it on, then reset the connection
    SLOW = "slow"  # pass it on, and answer after `seconds`
    GO_DOWN = "go_down"  # pass it on, answer, then refuse connections for `seconds`


@dataclass
class Rule:
    """A fault for the next `times` calls of a method (to one chat, or any), or for the next
    answers containing `contains` (a getUpdates that brings a command, say)."""

    method: str
    act: Act
    chat_id: int | None = None
    times: int = 1
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    seconds: float = 0.0
    contains: str | None = None


@dataclass
class Seen:
    """One request the proxy got: its method, its chat, its text, and what it did with it."""

    method: str
    chat_id: int | None
    text: str
    fault: Act | None


@dataclass
class FaultyProxy:
    """Forwards the Bot API to `upstream` (the emulator's base URL, ending in /bot)."""

    upstream: str
    rules: list[Rule] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _client: httpx.AsyncClient | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    # ---- lifecycle -------------------------------------------------------------------

    async def start(self) -> str:
        """Listen on 127.0.0.1 (a free port); the base URL the bot should use."""
        self._client = httpx.AsyncClient(timeout=None)
        await self._listen()
        return self.base_url

    async def stop(self) -> None:
        """Close everything."""
        self._close_listener()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        if self._client is not None:
            await self._client.aclose()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_BASE_URL should be for the bot to talk through the proxy."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def down(self) -> bool:
        """Connections are refused now."""
        return self._server is None

    async def go_down(self) -> None:
        """Stop listening, and close every idle connection: new ones are refused."""
        self._close_listener()
        for writer in list(self._writers):
            writer.close()

    async def come_back(self) -> None:
        """Listen again, on the same port."""
        if self._server is None:
            await self._listen()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = int(self._server.sockets[0].getsockname()[1])

    def _close_listener(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    # ---- faults ----------------------------------------------------------------------

    def add(self, rule: Rule) -> None:
        """Apply this fault to the next matching calls."""
        self.rules.append(rule)

    def page(self, chat_id: int, status: int, times: int = 1) -> None:
        """The next sends to the chat get a gateway's HTML page (502, 503, 504, 500)."""
        self.add(Rule("sendMessage", Act.ANSWER, chat_id, times, status, gateway_page(status),
                      "text/html"))  # fmt: skip

    def json_error(
        self,
        chat_id: int,
        status: int,
        description: str,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """The next sends to the chat get Telegram's JSON error; nothing is passed on."""
        body = telegram_error(status, description, retry_after)
        self.add(Rule("sendMessage", Act.ANSWER, chat_id, times, status, body))

    def timeout_after_taken(self, chat_id: int, html: bool, times: int = 1) -> None:
        """The next sends to the chat reach Telegram, and the bot hears a 504."""
        body = gateway_page(504) if html else telegram_error(504, "Gateway Timeout")
        kind = "text/html" if html else "application/json"
        self.add(Rule("sendMessage", Act.AFTER, chat_id, times, 504, body, kind))

    def reset_before(self, chat_id: int, times: int = 1) -> None:
        """The next sends to the chat: the connection is reset before they are passed on."""
        self.add(Rule("sendMessage", Act.RESET_BEFORE, chat_id, times))

    def reset_after(self, chat_id: int, times: int = 1) -> None:
        """The next sends to the chat are passed on, then the connection is reset."""
        self.add(Rule("sendMessage", Act.RESET_AFTER, chat_id, times))

    def slow(self, chat_id: int, seconds: float, times: int = 1) -> None:
        """The next sends to the chat are passed on and answered `seconds` later."""
        self.add(Rule("sendMessage", Act.SLOW, chat_id, times, seconds=seconds))

    def down_after_update(self, contains: str, seconds: float) -> None:
        """Once the bot is handed an update containing this text, the proxy goes away for
        `seconds` (a restart): the bot's answer to it finds connections refused."""
        self.add(Rule("getUpdates", Act.GO_DOWN, seconds=seconds, contains=contains))

    def sends(self, chat_id: int, text: str = "") -> list[Seen]:
        """The sends to the chat (containing text) that reached the proxy, faulty or not."""
        return [
            s
            for s in self.seen
            if s.method == "sendMessage" and s.chat_id == chat_id and text in s.text
        ]

    def _match(self, method: str, chat_id: int | None, answer: bytes | None) -> Rule | None:
        for rule in self.rules:
            if rule.method.lower() != method.lower() or rule.times <= 0:
                continue
            if rule.chat_id is not None and rule.chat_id != chat_id:
                continue
            if (rule.contains is None) != (answer is None):
                continue
            if rule.contains is not None and rule.contains.encode() not in (answer or b""):
                continue
            rule.times -= 1
            return rule
        return None

    # ---- serving ---------------------------------------------------------------------

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            while await self._serve_one(reader, writer):
                pass
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._writers.discard(writer)
            self._tasks.discard(task)
            writer.close()

    async def _serve_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """One request on the connection; False when the connection is done."""
        head = await reader.readuntil(b"\r\n\r\n")
        self._writers.discard(writer)  # busy: going down does not cut it short
        try:
            return await self._answer(head, reader, writer)
        finally:
            if self.down:
                writer.close()  # gone away meanwhile: no connection outlives it
            elif not writer.is_closing():
                self._writers.add(writer)

    async def _answer(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        length = _LENGTH.search(head)
        body = await reader.readexactly(int(length.group(1)) if length else 0)
        kind = _TYPE.search(head)
        content_type = kind.group(1).decode() if kind else "application/x-www-form-urlencoded"
        path = head.split(b" ")[1].decode()
        method = path.rsplit("/", 1)[-1]
        chat_id, text = _chat_and_text(body, content_type)
        rule = self._match(method, chat_id, None)
        self.seen.append(Seen(method, chat_id, text, rule.act if rule else None))
        if rule is not None and rule.act is Act.ANSWER:
            await _respond(writer, rule.status, rule.body, rule.content_type)
            return True
        if rule is not None and rule.act is Act.RESET_BEFORE:
            _reset(writer)
            return False
        status, answer, answer_type = await self._forward(path, body, content_type)
        if rule is not None and rule.act is Act.RESET_AFTER:
            _reset(writer)
            return False
        if rule is not None and rule.act is Act.AFTER:
            await _respond(writer, rule.status, rule.body, rule.content_type)
            return True
        if rule is not None and rule.act is Act.SLOW:
            await asyncio.sleep(rule.seconds)
        after = self._match(method, chat_id, answer)
        if after is not None and after.act is Act.GO_DOWN:
            await self.go_down()  # before the bot can act on the answer
            await _respond(writer, status, answer, answer_type, close=True)
            self._later(after.seconds, self.come_back())
            return False
        await _respond(writer, status, answer, answer_type)
        return True

    async def _forward(self, path: str, body: bytes, content_type: str) -> tuple[int, bytes, str]:
        assert self._client is not None
        url = self.upstream.removesuffix("/bot") + path
        got = await self._client.post(url, content=body, headers={"content-type": content_type})
        return got.status_code, got.content, got.headers.get("content-type", "application/json")

    def _later(self, seconds: float, then: Coroutine[Any, Any, None]) -> None:
        async def run() -> None:
            await asyncio.sleep(seconds)
            await then

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _chat_and_text(body: bytes, content_type: str) -> tuple[int | None, str]:
    """The chat_id and text of a form-encoded request (others: None and "")."""
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return None, ""
    form = parse_qs(body.decode("utf-8", "replace"))
    chat = form.get("chat_id", [""])[0]
    chat_id = int(chat) if chat.lstrip("-").isdigit() else None
    return chat_id, form.get("text", [""])[0]


def _reset(writer: asyncio.StreamWriter) -> None:
    """Break the connection with a TCP reset."""
    sock = writer.get_extra_info("socket")
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _respond(
    writer: asyncio.StreamWriter, status: int, body: bytes, kind: str, close: bool = False
) -> None:
    phrase = PHRASES.get(status, "OK")
    connection = "close" if close else "keep-alive"
    head = (
        f"HTTP/1.1 {status} {phrase}\r\nContent-Type: {kind}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: {connection}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    if close:
        writer.close()
