"""Operator commands, run as a person would: backup, restore, check, stats, the run lock."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from bot.storage import maintenance
from tests.conftest import BotProcess, bot_env, sqlite_only

# backup, restore, the run lock and check on SQLite's file (PostgreSQL's: test_postgresql.py).
pytestmark = sqlite_only


def bot_command(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=tmp_path, env=bot_env(tmp_path, **env),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


async def test_backup_while_writing_then_restore(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    me = emulator.person(alice, chat)
    await process.start()
    await me.say("/goal Goal zero by 2030-01-01 target 5 km")

    async def keep_writing() -> int:
        done = 0
        for n in range(1, 13):  # the real rate limiter paces a group at 20 a minute
            await me.say(f"/goal Goal number {n} by 2030-01-01 target 5 km")
            done += 1
        return done

    writer = asyncio.create_task(keep_writing())
    copy = tmp_path / "backups" / "bot.sqlite3"
    result = await asyncio.to_thread(bot_command, tmp_path, "backup", str(copy))
    written = await writer
    assert result.returncode == 0, result.stderr
    assert "integrity ok" in result.stdout

    refused = bot_command(tmp_path, "restore", str(copy))
    assert refused.returncode == 6 and "a bot is running" in refused.stderr
    assert await process.stop() == 0

    restored_db = tmp_path / "restored" / "bot.sqlite3"
    restored = bot_command(tmp_path, "restore", str(copy), DATABASE_PATH=str(restored_db))
    assert restored.returncode == 0, restored.stderr
    conn = sqlite3.connect(restored_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    numbers = [r[0] for r in conn.execute("SELECT number FROM goals ORDER BY number")]
    conn.close()
    assert written == 12 and 1 <= len(numbers) <= 13
    assert numbers == list(range(1, len(numbers) + 1))  # a consistent prefix, no gaps


async def test_one_bot_per_database(process: BotProcess, tmp_path: Path) -> None:
    await process.start()
    second = bot_command(tmp_path, "run")
    assert second.returncode == 6
    assert "another bot is running" in second.stderr
    assert await process.stop() == 0


def test_check_reports_each_problem_with_its_exit_code(tmp_path: Path) -> None:
    offline = bot_command(tmp_path, "check", "--offline", TELEGRAM_BOT_TOKEN="")
    assert offline.returncode == 0, offline.stderr
    assert f"sqlite: ok ({sqlite3.sqlite_version})" in offline.stdout
    assert "database: not created yet" in offline.stdout
    unreachable = bot_command(tmp_path, "check", TELEGRAM_BASE_URL="http://127.0.0.1:9/bot")
    assert unreachable.returncode == 5 and "could not be reached" in unreachable.stderr
    db = tmp_path / "data" / "bot.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    broken = bot_command(tmp_path, "check", "--offline")
    assert broken.returncode == 3 and "database" in broken.stderr
    bad_config = bot_command(tmp_path, "check", "--offline", DEFAULT_TIMEZONE="Nowhere/Land")
    assert bad_config.returncode == 2


async def test_check_asks_telegram_about_the_token(
    emulator: BotApiEmulator, tmp_path: Path
) -> None:
    good = await asyncio.to_thread(
        bot_command, tmp_path, "check", TELEGRAM_BASE_URL=emulator.base_url
    )
    assert good.returncode == 0, good.stderr
    assert "token: ok (@goals_test_bot)" in good.stdout
    rejected = await asyncio.to_thread(
        bot_command, tmp_path, "check", TELEGRAM_BASE_URL=emulator.base_url,
        TELEGRAM_BOT_TOKEN="123456789:SOME-other-token-bbbbbbbbbbbbbbbbbbbbbb",
    )  # fmt: skip
    assert rejected.returncode == 4 and "rejected" in rejected.stderr


async def test_stats_counts_what_is_stored(
    process: BotProcess, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    alice = emulator.add_user("Alice", "alice")
    chat = emulator.add_group("Runners Club", admins=(alice,))
    me = emulator.person(alice, chat)
    await process.start()
    await me.say("/goal Run a marathon by 2030-01-01")
    await me.say("/milestone 1 Half marathon by 2029-01-01")
    await me.say("/goal Read books by 2030-01-01")
    await me.say("/done 2")
    result = await asyncio.to_thread(bot_command, tmp_path, "stats")
    assert result.returncode == 0, result.stderr
    assert "groups: 1 active, 0 inactive" in result.stdout
    assert "goals: 1 active, 1 achieved, 0 abandoned" in result.stdout
    assert "milestones: 0 done, 1 open" in result.stdout
    assert await process.stop() == 0


def test_an_sqlite_without_returning_is_named_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert maintenance.sqlite_problem() is None  # this machine's SQLite is new enough
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.34.1")
    assert maintenance.sqlite_problem() == "SQLite 3.34.1 is too old: the bot needs 3.35 or newer"


def test_backup_handles_odd_paths_and_makes_a_single_file(tmp_path: Path) -> None:
    import sqlite3 as sql

    odd = tmp_path / "a#b?c" / "bot.sqlite3"
    odd.parent.mkdir()

    conn = sql.connect(odd)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS marker (x)")
    conn.execute("INSERT INTO marker VALUES (42)")
    conn.commit()
    conn.close()
    copy = tmp_path / "copies" / "bot.sqlite3"
    result = bot_command(tmp_path, "backup", str(copy), DATABASE_PATH=str(odd))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in copy.parent.iterdir()) == ["bot.sqlite3"]
    conn = sql.connect(copy)
    assert conn.execute("SELECT x FROM marker").fetchall() == [(42,)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database" * 200)
    stats = bot_command(tmp_path, "stats", DATABASE_PATH=str(broken))
    assert stats.returncode == 3 and "Traceback" not in stats.stderr
