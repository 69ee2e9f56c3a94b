"""Crash safety: the bot process is killed with SIGKILL again and again while users write.

Every command whose reply a user saw is in the database afterwards, the database passes its
integrity check, no command is applied twice, and no scheduled post goes out twice.
CRASH_COMMANDS and CRASH_KILLS set the size (CI: 200 commands, 5 kills; the full run is
CRASH_COMMANDS=500 CRASH_KILLS=8).
"""

from __future__ import annotations

import os
import random
import re
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.schedules import WEEKDAYS, Kind, ScheduleChange
from bot.emulator import BotApiEmulator
from bot.services import schedules as schedule_service
from bot.services.common import Actor
from bot.storage.work import UnitOfWork
from tests.conftest import ON_POSTGRESQL, BotProcess, make_store, peek

COMMANDS = int(os.environ.get("CRASH_COMMANDS", "200"))
KILLS = int(os.environ.get("CRASH_KILLS", "5"))
GROUPS = 20
TITLE = re.compile(r"Goal #\d+ for \w+: (G\d{4})")


async def seed_daily_checkins(db_path: Path, emulator: BotApiEmulator, groups: list) -> None:  # type: ignore[type-arg]
    """Every group has a daily check-in half an hour ago, owed (set up two days ago)."""
    now = datetime.now(UTC)
    at = (now - timedelta(minutes=30)).time().replace(second=0, microsecond=0)
    db = make_store(db_path)
    await db.open()
    for chat, admin in groups:
        who = Actor(chat.id, chat.type, chat.title, admin.id, admin.first_name)
        set_up = now - timedelta(days=2)
        await schedule_service.change(
            UnitOfWork(db), who, ScheduleChange((Kind.CHECKIN,), True, at, WEEKDAYS), set_up
        )
        rest = (Kind.SUMMARY, Kind.MONTHLY_REVIEW, Kind.QUARTERLY_REVIEW, Kind.REMINDERS)
        await schedule_service.change(UnitOfWork(db), who, ScheduleChange(rest, False), set_up)
    await db.close()


async def test_sigkill_at_random_moments_loses_nothing_confirmed(
    process: BotProcess,
    emulator: BotApiEmulator,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rng = random.Random(20261128)
    users = [emulator.add_user(name, name.lower()) for name in ("Alice", "Bob", "Carol", "Dmitri")]
    groups = [
        (emulator.add_group(f"Group {n}", admins=(users[0],)), users[0]) for n in range(GROUPS)
    ]
    db_path = tmp_path / "data" / "bot.sqlite3"
    await seed_daily_checkins(db_path, emulator, groups)
    kill_at = set(rng.sample(range(10, COMMANDS), KILLS))

    await process.start()
    for i in range(COMMANDS):
        chat, _ = groups[i % GROUPS]
        user = users[rng.randrange(len(users))]
        before = len(emulator.bot_messages(chat))
        sent = await emulator.send(user, chat, f"/goal G{i:04d} by 2030-01-01 target 5 km")
        if i in kill_at:
            assert process.proc is not None
            if rng.random() < 0.5:  # sometimes the bot is mid-way through it
                await emulator.wait_until(lambda: len(emulator.calls_to("sendMessage")) > 0)
            process.proc.send_signal(signal.SIGKILL)
            await process.proc.wait()
            await process.start()
            continue
        await emulator.wait_until(
            lambda sent=sent, chat=chat, before=before: any(  # type: ignore[misc]
                m.reply_to is sent for m in emulator.bot_messages(chat)[before:]
            ),
            timeout=60,
            what=f"the reply to command {i}",
        )
    assert await process.stop() == 0

    confirmed = {
        match.group(1) for m in emulator.messages if m.from_bot and (match := TITLE.search(m.text))
    }
    conn = peek(db_path)
    # SQLite's own check of its file (PostgreSQL keeps no file of ours to check).
    integrity = "ok" if ON_POSTGRESQL else conn.execute("PRAGMA integrity_check").fetchone()[0]
    titles = [r[0] for r in conn.execute("SELECT title FROM goals")]
    conn.close()
    stored = set(titles)
    prompts: dict[tuple[int, str], int] = {}
    for m in emulator.messages:
        if m.from_bot and "Check-in time" in m.text:
            key = (m.chat.id, datetime.now(UTC).date().isoformat())
            prompts[key] = prompts.get(key, 0) + 1
    duplicates = len(titles) - len(stored)
    twice = sum(1 for n in prompts.values() if n > 1)
    with capsys.disabled():
        print(
            f"\ncrash safety: {COMMANDS} commands sent, {KILLS} SIGKILLs, "
            f"{len(confirmed)} replies received, {len(stored)} goals stored, "
            f"{len(confirmed - stored)} confirmed but missing, {duplicates} applied twice, "
            f"{sum(prompts.values())} check-in prompts for {GROUPS} groups ({twice} doubled), "
            f"integrity {integrity}"
        )
    assert integrity == "ok"
    assert confirmed <= stored
    assert duplicates == 0
    assert twice == 0 and len(prompts) == GROUPS
