"""Webhook mode with its secret, and a graceful stop that lets a command in flight finish."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx

from bot.emulator import BotApiEmulator
from bot.emulator.balancer import free_port
from tests.conftest import BotProcess, bot_env

SECRET = "s3cret-Token_1"


async def test_webhook_answers_only_requests_with_the_secret(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    await process.start(
        ready="setWebhook", WEBHOOK_URL=url, WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port), WEBHOOK_SECRET=SECRET,
    )  # fmt: skip
    assert emulator.webhook == {"url": url, "secret_token": SECRET}
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    header = "X-Telegram-Bot-Api-Secret-Token"
    # A connection each, as Telegram's own requests come: the webhook server may close one
    # after refusing it, and a reused one would then fail to read instead of saying 403.
    async with httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0)) as client:
        forged = emulator.message_update(alice, chat, "/goal Forged by 2030-01-01")
        wrong = await client.post(url, json=forged, headers={header: "guess"})
        missing = await client.post(url, json=forged)
        assert (wrong.status_code, missing.status_code) == (403, 403)
        real = emulator.message_update(alice, chat, "/goal Run a marathon by 2030-01-01")
        ok = await client.post(url, json=real, headers={header: SECRET})
        assert ok.status_code == 200
        reply = await emulator.next_bot_message(chat, 0)
        assert "Goal #1 for Alice: Run a marathon" in reply.text  # #1: the forged one never ran
        listing = emulator.message_update(alice, chat, "/goals")
        await client.post(url, json=listing, headers={header: SECRET})
        goals = await emulator.next_bot_message(chat, 1)
        assert "Forged" not in goals.text
    assert await process.stop() == 0


def test_webhook_mode_needs_a_secret(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, capture_output=True, text=True,
        env=bot_env(tmp_path, WEBHOOK_URL="https://bot.example.org/hook"), timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "WEBHOOK_SECRET is required" in result.stderr


async def test_polling_removes_a_webhook_left_from_before(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    emulator.webhook = {"url": "https://old.example.org/hook", "secret_token": "x"}
    await process.start()
    assert emulator.calls_to("deleteWebhook") and emulator.webhook == {}
    assert await process.stop() == 0


async def test_sigterm_lets_the_command_in_flight_finish_and_commit(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    await process.start()
    emulator.delay_next_send(chat, 1.5)  # Telegram is slow to take the reply
    await emulator.send(alice, chat, "/goal Run a marathon by 2030-01-01")
    await emulator.wait_until(
        lambda: any(
            "Run a marathon" in c.params.get("text", "") for c in emulator.calls_to("sendMessage")
        ),
        what="the reply to be on its way",
    )
    assert process.proc is not None
    process.proc.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.proc.wait(), 30) == 0
    assert any("Goal #1 for Alice" in m.text for m in emulator.bot_messages(chat))
    await process.start()
    listing = await emulator.person(alice, chat).say("/goals")
    assert "Run a marathon" in listing.text
    assert await process.stop() == 0
