"""The bot as its own process: `python -m bot run` against the emulator, restarts, bad config."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.schedules import WEEKDAYS, Kind, ScheduleChange
from bot.emulator import BotApiEmulator
from bot.emulator.server import DEFAULT_TOKEN
from bot.services import schedules as schedule_service
from bot.services.common import Actor
from bot.storage.work import UnitOfWork
from tests.conftest import BotProcess, bot_env, make_store, sqlite_only


def run_once(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,  # no .env here
        env=bot_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "does not look like a bot token"),
        ({"DEFAULT_TIMEZONE": "Mars/Olympus"}, "'Mars/Olympus' is not a known time zone"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL 'LOUD'"),
    ],
)
def test_bad_configuration_exits_2_with_one_line(
    tmp_path: Path, overrides: dict[str, str], message: str
) -> None:
    result = run_once(tmp_path, **overrides)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@sqlite_only
def test_unwritable_database_path_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_once(tmp_path, DATABASE_PATH=str(blocker / "bot.sqlite3"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: DATABASE_PATH")
    assert len(result.stderr.strip().splitlines()) == 1


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEFAULT_TIMEZONE=Nowhere/Land\n")
    env = bot_env(tmp_path)
    env.pop("DEFAULT_TIMEZONE")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "Nowhere/Land" in result.stderr


async def test_the_bot_process_serves_a_group_and_keeps_data_across_restarts(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    me = emulator.person(alice, chat)
    # The process runs on the real clock, so its dates are relative to today.
    today = datetime.now(UTC).date()
    deadline, checkpoint = today + timedelta(days=200), today + timedelta(days=100)

    await process.start()
    names = {c["command"] for c in emulator.commands["all_group_chats"]}
    assert {"goal", "milestone", "done", "summary"} <= names
    reply = await me.say(f"/goal Run a marathon by {deadline.isoformat()} target 42 km")
    assert "Goal #1 for Alice: Run a marathon" in reply.text
    reply = await me.say(f"/milestone 1 Half marathon by {checkpoint.isoformat()}")
    assert "Milestone 1.1" in reply.text
    assert await process.stop() == 0

    await process.start()
    reply = await me.say("/goals")
    assert "Run a marathon" in reply.text and "0 / 42 km" in reply.text
    assert "📍 1.1 Half marathon" in reply.text
    reply = await me.say("/done 1.1")
    assert '🎉 Alice completed milestone 1.1 "Half marathon"!' in reply.text
    reply = await me.say("/progress 1 42")
    assert "🏆 Alice achieved goal #1 Run a marathon!" in reply.text
    assert await process.stop() == 0

    # Only the update kinds the bot handles are asked for.
    asked = {tuple(c.params.get("allowed_updates") or ()) for c in emulator.calls_to("getUpdates")}
    assert asked == {("message", "edited_message", "callback_query", "my_chat_member")}
    log = process.log.read_text()
    assert "getUpdates" in log  # DEBUG logging was on
    assert DEFAULT_TOKEN not in log
    assert DEFAULT_TOKEN.split(":")[1] not in log


async def test_a_post_missed_while_the_process_was_down_arrives_once(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    now = datetime.now(UTC)
    # Two days ago the group set a daily check-in for half an hour ago (the process runs on
    # the real clock); everything else is off. The bot has been down since.
    db = make_store(tmp_path / "data" / "bot.sqlite3")
    await db.open()
    who = Actor(chat.id, chat.type, chat.title, alice.id, alice.first_name)
    set_up = now - timedelta(days=2)
    at = (now - timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    await schedule_service.change(
        UnitOfWork(db), who, ScheduleChange((Kind.CHECKIN,), True, at, WEEKDAYS), set_up
    )
    off = (Kind.SUMMARY, Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW, Kind.REMINDERS)
    await schedule_service.change(UnitOfWork(db), who, ScheduleChange(off, False), set_up)
    await db.close()

    def prompts() -> int:
        return sum("Check-in time" in m.text for m in emulator.bot_messages(chat))

    await process.start()  # catch-up runs before the bot starts polling
    assert prompts() == 1
    assert await process.stop() == 0
    await process.start()
    assert prompts() == 1
    assert await process.stop() == 0


async def test_logs_are_one_structured_line_per_event_without_what_people_typed(
    process: BotProcess, emulator: BotApiEmulator
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    await process.start(LOG_FORMAT="json", LOG_LEVEL="INFO")
    await emulator.person(alice, chat).say("/goal Secret plan by 2030-01-01 target 5 km")
    assert await process.stop() == 0
    events = [json.loads(line) for line in process.log.read_text().splitlines() if line.strip()]
    commands = [e for e in events if e["event"] == "command"]
    assert commands == [
        {**commands[0], "chat_id": chat.id, "user_id": alice.id, "command": "/goal"}
    ]
    assert {"ts", "level", "logger"} <= set(commands[0])
    text = process.log.read_text()
    assert "Secret plan" not in text and DEFAULT_TOKEN not in text


def test_a_rejected_token_ends_the_run_in_one_line_without_the_token(tmp_path: Path) -> None:
    import asyncio as aio

    async def run_against_emulator() -> subprocess.CompletedProcess[str]:
        emulator = BotApiEmulator()
        await emulator.start()
        try:
            revoked = "123456789:REVOKED-token-cccccccccccccccccccccccccc"
            return await aio.to_thread(
                subprocess.run, [sys.executable, "-m", "bot", "run"], cwd=tmp_path,
                env=bot_env(tmp_path, TELEGRAM_BOT_TOKEN=revoked, TELEGRAM_BASE_URL=emulator.base_url),
                capture_output=True, text=True, timeout=60,
            )  # fmt: skip
        finally:
            await emulator.stop()

    result = aio.run(run_against_emulator())
    assert result.returncode == 4
    assert result.stderr.strip().splitlines()[-1].startswith("error: Telegram rejected")
    assert "REVOKED" not in result.stderr
    # What went wrong before that is logged, one line per event (a traceback stays in its line).
    assert all(line.startswith(("ts=", "error:")) for line in result.stderr.strip().splitlines())
