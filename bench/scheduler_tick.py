"""How long the scheduler's tick spends working out what is due, for many chats.

    .venv/bin/python bench/scheduler_tick.py [chats]

Prints the first (cold) tick and the average of the following ticks, when nothing is due.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.schedules import default_schedules, first_due
from bot.services.scheduled import due_posts
from bot.storage import chats, schedules
from bot.storage.database import Database

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]


async def main(count: int) -> None:
    """Seed `count` chats with the default schedules, then time due_posts."""
    start = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.sqlite3")
        await db.open()
        async with db.transaction() as conn:
            for n in range(count):
                chat_id = -1_000_000 - n
                await chats.upsert_chat(conn, chat_id, "supergroup", f"G{n}", ZONES[n % 5], start)
                for schedule in default_schedules(chat_id, start):
                    due = first_due(schedule, ZONES[n % 5])
                    await schedules.save(conn, schedule, due)
        now = start + timedelta(hours=1, minutes=1)
        began = time.perf_counter()
        await due_posts(db, now, timedelta(hours=6))
        cold = time.perf_counter() - began
        runs = 10
        began = time.perf_counter()
        for i in range(runs):
            await due_posts(db, now + timedelta(seconds=30 * (i + 1)), timedelta(hours=6))
        warm = (time.perf_counter() - began) / runs
        await db.close()
    print(f"{count} chats: first tick {cold * 1000:.0f} ms, later ticks {warm * 1000:.0f} ms each")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
