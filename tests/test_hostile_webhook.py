"""Hostile input at the door: the webhook refuses what it should before reading it, an update
the Telegram library cannot read is skipped (webhook and polling) without holding up the
others, and neither the token nor the webhook secret reaches the logs, at any level."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from telegram.ext import Application

from bot.emulator import BotApiEmulator, Chat, User
from bot.emulator.balancer import free_port
from bot.emulator.server import DEFAULT_TOKEN
from bot.logs import HideSecretParameter, KeyValue
from bot.webhook import MAX_BODY, SECRET_HEADER
from tests.conftest import BotProcess, Group

SECRET = "hook-Secret_0f3c9a7e51"
HUGE = 99 * 1024 * 1024  # the size a forged request declares


@dataclass
class Hook:
    """The bot process on its webhook, and a group to talk in."""

    url: str
    port: int
    path: str
    alice: User
    chat: Chat


async def start_webhook(process: BotProcess, emulator: BotApiEmulator, **env: str) -> Hook:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    await process.start(
        ready="setWebhook", WEBHOOK_URL=url, WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET, **env,
    )  # fmt: skip
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    return Hook(url, port, "/telegram-hook", alice, chat)


@pytest.fixture
async def hook(process: BotProcess, emulator: BotApiEmulator) -> AsyncIterator[Hook]:
    yield await start_webhook(process, emulator)
    assert await process.stop() == 0


async def raw_post(
    port: int, path: str, declared: int | None, body: bytes, secret: str | None = None
) -> int:
    """Send a request's headers and `body` (perhaps far less than `declared`, or chunked if
    None), then read the answer's status line. With a declared size, the server must close
    the connection after answering (it waits for no more of the body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    if secret is not None:
        head += f"{SECRET_HEADER}: {secret}\r\n"
    head += f"Content-Length: {declared}\r\n" if declared is not None else ""
    head += "Transfer-Encoding: chunked\r\n" if declared is None else ""
    try:
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 10)
        if declared is not None:
            await asyncio.wait_for(reader.read(), 10)  # returns once the server closes
    finally:
        writer.close()
    return int(status.split()[1])


def broken_update(emulator: BotApiEmulator, user: User, chat: Chat, text: str) -> dict[str, Any]:
    """A message update python-telegram-bot cannot read: its "chat" is a string (the library
    raises TypeError; a "date" out of range raises OverflowError, and so on)."""
    update = emulator.message_update(user, chat, text)
    update["message"]["chat"] = "not a chat"
    return update


async def test_a_forged_huge_request_is_refused_before_its_body_is_read(hook: Hook) -> None:
    sent = b'{"update_id": 1, "message": ' + b"[" * 1000  # 1 KB of the 99 MB declared
    for secret in (None, "a-guess"):
        status = await raw_post(hook.port, hook.path, HUGE, sent, secret)
        assert status == 403
    # The answer came, and the connection was closed, while 99 MB were still to come: nothing
    # waits for (or reads) the rest.


async def test_a_huge_request_with_the_secret_is_refused_before_its_body_is_read(
    hook: Hook,
) -> None:
    status = await raw_post(hook.port, hook.path, HUGE, b"{" * 1000, SECRET)
    assert status == 413
    status = await raw_post(hook.port, hook.path, MAX_BODY + 1, b"{" * 1000, SECRET)
    assert status == 413


async def test_a_chunked_body_is_cut_off_past_the_limit(hook: Hook) -> None:
    piece = b" " * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(MAX_BODY // len(piece)))
    chunks += b"1\r\n \r\n0\r\n\r\n"  # one byte over
    status = await raw_post(hook.port, hook.path, None, chunks, SECRET)
    assert status == 413


async def test_a_body_cut_off_or_badly_chunked_is_dropped_quietly(
    hook: Hook, process: BotProcess, emulator: BotApiEmulator
) -> None:
    _, writer = await asyncio.open_connection("127.0.0.1", hook.port)
    head = f"POST {hook.path} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
    writer.write(f'{head}Content-Length: 1000\r\n\r\n{{"update_id"'.encode())
    await writer.drain()
    writer.close()  # gone with the body a thousand bytes short
    status = await raw_post(hook.port, hook.path, None, b"zz\r\n{}\r\n0\r\n\r\n", SECRET)
    assert status == 400
    real = emulator.message_update(hook.alice, hook.chat, "/goals")
    async with httpx.AsyncClient() as client:
        assert (await client.post(hook.url, json=real, headers={SECRET_HEADER: SECRET})).is_success
    assert "level=ERROR" not in process.log.read_text()  # nothing for an operator to chase


async def test_what_is_not_an_update_gets_400_and_other_addresses_404_or_405(
    hook: Hook, emulator: BotApiEmulator
) -> None:
    headers = {SECRET_HEADER: SECRET, "Content-Type": "application/json"}
    async with httpx.AsyncClient() as client:
        for body in (b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"[" * 100_000, b"{}"):
            answer = await client.post(hook.url, content=body, headers=headers)
            assert answer.status_code == 400, body[:10]
        text_id = await client.post(hook.url, json={"update_id": "7"}, headers=headers)
        assert text_id.status_code == 400
        assert (await client.get(hook.url, headers=headers)).status_code == 405
        elsewhere = hook.url.replace("telegram-hook", "other")
        assert (await client.post(elsewhere, json={}, headers=headers)).status_code == 404
        # The bot is fine: the next real update is answered.
        real = emulator.message_update(hook.alice, hook.chat, "/goal Run a marathon by 2030-01-01")
        assert (await client.post(hook.url, json=real, headers=headers)).status_code == 200
    assert "Goal #1 for Alice" in emulator.bot_messages(hook.chat)[0].text


async def test_an_update_the_library_cannot_read_is_answered_and_skipped(
    hook: Hook, process: BotProcess, emulator: BotApiEmulator
) -> None:
    headers = {SECRET_HEADER: SECRET}
    bad = broken_update(emulator, hook.alice, hook.chat, "/goal Unreadable plans by 2030-01-01")
    good = emulator.message_update(hook.alice, hook.chat, "/goal Run a marathon by 2030-01-01")
    async with httpx.AsyncClient() as client:
        skipped = await client.post(hook.url, json=bad, headers=headers)
        assert skipped.status_code == 200  # else Telegram would send it again and again
        assert (await client.post(hook.url, json=good, headers=headers)).status_code == 200
    (reply,) = emulator.bot_messages(hook.chat)
    assert "Goal #1 for Alice: Run a marathon" in reply.text
    log = process.log.read_text()
    (line,) = [ln for ln in log.splitlines() if "update skipped" in ln]
    assert f"update_id={bad['update_id']}" in line and "error=TypeError" in line
    assert "Unreadable plans" not in log  # the content is never logged, not even at DEBUG


async def test_each_update_is_handled_before_the_answer_and_only_once(
    hook: Hook, emulator: BotApiEmulator
) -> None:
    headers = {SECRET_HEADER: SECRET}
    update = emulator.message_update(hook.alice, hook.chat, "/goal Run a marathon by 2030-01-01")
    async with httpx.AsyncClient() as client:
        first = await client.post(hook.url, json=update, headers=headers)
        # No waiting: the reply was sent before the request was answered.
        assert first.status_code == 200 and len(emulator.bot_messages(hook.chat)) == 1
        # Telegram sends it again (it does, when an answer is slow): answered, not applied.
        again = await client.post(hook.url, json=update, headers=headers)
        assert again.status_code == 200 and len(emulator.bot_messages(hook.chat)) == 1
        listing = emulator.message_update(hook.alice, hook.chat, "/goals")
        await client.post(hook.url, json=listing, headers=headers)
    assert emulator.bot_messages(hook.chat)[1].text.count("Run a marathon") == 1


async def test_a_stop_lets_the_webhook_update_in_flight_finish(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    hook = await start_webhook(process, emulator)
    emulator.delay_next_send(hook.chat, 1.5)  # Telegram is slow to take the reply
    update = emulator.message_update(hook.alice, hook.chat, "/goal Run a marathon by 2030-01-01")
    async with httpx.AsyncClient() as client:
        posting = asyncio.create_task(
            client.post(hook.url, json=update, headers={SECRET_HEADER: SECRET}, timeout=30)
        )
        await emulator.wait_until(
            lambda: bool(emulator.calls_to("sendMessage")), what="the reply to be on its way"
        )
        assert process.proc is not None
        process.proc.send_signal(signal.SIGTERM)
        answer = await posting
    assert answer.status_code == 200
    assert await asyncio.wait_for(process.proc.wait(), 30) == 0
    assert "Goal #1 for Alice" in emulator.bot_messages(hook.chat)[0].text
    assert not emulator.calls_to("deleteWebhook")  # Telegram keeps updates for the next start
    await process.start(
        ready="setWebhook", WEBHOOK_URL=hook.url, WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(hook.port), WEBHOOK_SECRET=SECRET,
    )  # fmt: skip
    listing = emulator.message_update(hook.alice, hook.chat, "/goals")
    async with httpx.AsyncClient() as client:
        await client.post(hook.url, json=listing, headers={SECRET_HEADER: SECRET})
    assert "Run a marathon" in emulator.bot_messages(hook.chat)[1].text
    assert await process.stop() == 0


async def test_a_taken_port_stops_the_bot_with_one_line(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        await process.start(
            ready="getMe", WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET,
        )  # fmt: skip
        assert process.proc is not None
        assert await asyncio.wait_for(process.proc.wait(), 30) == 2
    assert f"error: cannot listen on 127.0.0.1:{port}" in process.log.read_text()


# ---- polling -----------------------------------------------------------------------------


async def test_polling_skips_an_update_the_library_cannot_read(
    bot: Application,  # type: ignore[type-arg]
    group: Group,
    emulator: BotApiEmulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    other = emulator.add_group("Book Club", admins=(group.alice.user,))
    bad = broken_update(emulator, group.alice.user, group.chat, "/goal Unreadable by 2030-01-01")
    polls_before = len(emulator.calls_to("getUpdates"))
    with caplog.at_level(logging.WARNING, logger="bot.incoming"):
        (bad_id,) = await emulator.queue_raw_updates(bad)
        reply = await emulator.person(group.alice.user, other).say(
            "/goal Read 12 books by 2030-01-01"
        )
        assert "Goal #1 for Alice: Read 12 books" in reply.text
        # A poll loop stuck on the bad update would never ask past it.
        await emulator.wait_until(lambda: emulator.unconfirmed_updates() == 0, what="offset")
    polls = len(emulator.calls_to("getUpdates")) - polls_before
    assert polls <= 5, polls  # each poll waits for news; none is repeated at once
    (record,) = [r for r in caplog.records if r.name == "bot.incoming"]
    assert record.__dict__["update_id"] == bad_id and "Unreadable" not in record.getMessage()
    # The offset moved past it: the group that sent it is answered too, once.
    assert "Goal #1 for Alice" in (await group.alice.say("/goal Run by 2030-01-01")).text


async def test_a_batch_with_an_unreadable_update_in_the_middle_is_handled_around_it(
    bot: Application,  # type: ignore[type-arg]
    group: Group,
    emulator: BotApiEmulator,
) -> None:
    other = emulator.add_group("Book Club", admins=(group.alice.user,))
    bad = broken_update(emulator, group.alice.user, other, "/goals")
    bad["message"]["date"] = 10**20  # and its date out of range
    await emulator.queue_raw_updates(
        emulator.message_update(group.alice.user, group.chat, "/goal Run by 2030-01-01"),
        bad,
        emulator.message_update(group.alice.user, other, "/goal Read by 2030-01-01"),
    )  # one getUpdates answer: python-telegram-bot alone would reject all three
    assert "Goal #1 for Alice" in (await emulator.next_bot_message(group.chat, 0)).text
    assert "Goal #1 for Alice" in (await emulator.next_bot_message(other, 0)).text


# ---- secrets in logs ---------------------------------------------------------------------

# `python -m bot run` with every logger at DEBUG, the HTTP clients' and servers' included
# (setup_logging keeps httpx and httpcore at WARNING; this undoes that).
EVERYTHING_AT_DEBUG = """
import logging, sys
from bot import __main__ as cli

usual = cli.setup_logging

def everything(config):
    usual(config)
    logging.getLogger().setLevel(logging.DEBUG)
    for name in ("telegram", "httpx", "httpcore", "aiohttp", "asyncio", "aiosqlite"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    for logger in list(logging.root.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            logger.setLevel(logging.DEBUG)

cli.setup_logging = everything
sys.exit(cli.main(["run"]))
"""


@pytest.mark.parametrize("log_format", ["kv", "json", "text"])
async def test_no_log_line_shows_the_token_or_the_secret_in_webhook_mode(
    process: BotProcess, emulator: BotApiEmulator, log_format: str
) -> None:
    hook = await start_webhook(
        process, emulator, LOG_FORMAT=log_format, python=("-c", EVERYTHING_AT_DEBUG)
    )
    update = emulator.message_update(hook.alice, hook.chat, "/goal Run a marathon by 2030-01-01")
    async with httpx.AsyncClient() as client:
        answer = await client.post(hook.url, json=update, headers={SECRET_HEADER: SECRET})
        assert answer.status_code == 200
        forged = await client.post(hook.url, json=update, headers={SECRET_HEADER: SECRET[:-1]})
        assert forged.status_code == 403
    assert await process.stop() == 0
    assert emulator.webhook["secret_token"] == SECRET  # Telegram was given it
    log = process.log.read_text()
    assert "setWebhook" in log and "httpcore" in log and "HTTP Request" in log  # all at DEBUG
    assert "[secret]" in log and "[token]" in log
    assert_no_secret(log)


async def test_no_log_line_shows_the_token_when_polling(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    await process.start(python=("-c", EVERYTHING_AT_DEBUG))
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    await emulator.person(alice, chat).say("/goal Run a marathon by 2030-01-01")
    assert await process.stop() == 0
    log = process.log.read_text()
    assert "getUpdates" in log and "httpcore" in log and "[token]" in log
    assert_no_secret(log)


def assert_no_secret(log: str) -> None:
    token_number, token_key = DEFAULT_TOKEN.split(":")
    for line in log.splitlines():
        assert token_key not in line and SECRET not in line, line
        assert json.dumps(SECRET)[1:-1] not in line
    assert token_number  # the bot's id is public (it is in getMe); only the key is secret


def test_the_formatter_hides_the_secret_wherever_it_turns_up() -> None:
    formatter = KeyValue(DEFAULT_TOKEN, SECRET)
    try:
        raise RuntimeError(f"header {SECRET_HEADER}: {SECRET}")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "sent %s to %s", (SECRET, DEFAULT_TOKEN), None
        )
        record.exc_info = sys.exc_info()
    line = formatter.format(record)
    assert SECRET not in line and DEFAULT_TOKEN not in line and line.count("[secret]") == 2
    # In the library's request lines the record itself no longer carries it.
    params = logging.LogRecord(
        "telegram.ext.ExtBot", logging.DEBUG, __file__, 1, "Calling `%s` with `%s`",
        ("setWebhook", {"url": "https://x", "secret_token": SECRET}), None,
    )  # fmt: skip
    assert HideSecretParameter().filter(params) and SECRET not in params.getMessage()
