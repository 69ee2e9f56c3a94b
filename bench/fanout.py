"""Scheduled fan-out: 10,000 groups (5 members, 3 goals each, 4 milestones a goal, and one
habit each with 12 weeks of entries) with a summary due in the same minute. Measures the CPU to
work out and render every summary with its habits, the event loop's lag meanwhile, and the
database start-up of a bot process on that data.

    .venv/bin/python bench/fanout.py [groups] [--habits batched|each|none|absent]

--habits says how the habits are worked out: `batched` (the default, as the summaries read
them: a few queries per batch of chats), `each` (as /goals does for one chat: each habit's
log read on its own), `none` (habits seeded, their lines not counted again), or `absent` (no
habits seeded at all: the same code's fan-out without habits, the figure to compare with).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.schedules import Kind, default_schedules, first_due, next_occurrence
from bot.emulator import BotApiEmulator
from bot.jobs.scheduled_posts import RENDER_SLICE, SUMMARY_BATCH
from bot.render.habits import habit_line
from bot.render.summary import group_summary
from bot.render.text import split_message
from bot.services import scheduled
from bot.services.habits import HabitView, habits_here
from bot.services.summary import ChatSummary, scheduled_summaries
from bot.storage import schedules
from bot.storage.codec import ts
from bot.storage.database import Database

MEMBERS, GOALS, MILESTONES = 5, 3, 4
HABIT_WEEKS = 12
# Each member's habit: how often (times, per, weekdays), and an at-least amount or none.
HABITS = [
    (1, "day", "0123456", None),
    (3, "week", "0123456", None),
    (1, "day", "01234", None),
    (1, "day", "0123456", 20.0),
    (2, "month", "0123456", None),
]
TELEGRAM_SECONDS = 10_000 / 30  # Telegram's ~30 messages a second for 10,000 posts


def seed(path: Path, groups: int, now: datetime, habits: bool = True) -> None:
    """Fill the database quickly with plain sqlite3 (the schema comes from the migrations)."""
    made = ts(now - timedelta(days=30))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    chats, members, links, goals, milestones = [], [], [], [], []
    goal_id = milestone_id = 0
    for g in range(groups):
        chat_id = -1_000_000_000 - g
        chats.append((chat_id, "supergroup", f"Group {g}", "UTC", made))
        for m in range(MEMBERS):
            user_id = 1_000_000 + g * MEMBERS + m
            members.append((user_id, f"Member{m}", made))
            links.append((chat_id, user_id, made, made))
            for k in range(GOALS):
                goal_id += 1
                number = m * GOALS + k + 1
                goals.append((goal_id, chat_id, number, user_id, f"Goal {number}", 10.0, "km",
                              float(k), "2027-06-30", made, made))  # fmt: skip
                for n in range(1, MILESTONES + 1):
                    milestone_id += 1
                    done = made if n == 1 else None
                    milestones.append(
                        (milestone_id, goal_id, n, f"Step {n}", f"2027-0{n}-15", made, done)
                    )
    conn.executemany(
        "INSERT INTO chats (chat_id, type, title, timezone, registered_at) VALUES (?,?,?,?,?)",
        chats,
    )
    conn.executemany(
        "INSERT INTO members (user_id, first_name, updated_at) VALUES (?,?,?)", members
    )
    conn.executemany("INSERT INTO chat_members VALUES (?,?,?,?)", links)
    conn.executemany(
        """INSERT INTO goals (id, chat_id, number, owner_id, title, target, unit, current,
           deadline, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
        goals,
    )
    conn.executemany(
        """INSERT INTO milestones (id, goal_id, number, title, due_date, created_at, completed_at)
           VALUES (?,?,?,?,?,?,?)""",
        milestones,
    )
    if habits:
        seed_habits(conn, groups, now)
    conn.commit()
    conn.close()


def seed_habits(conn: sqlite3.Connection, groups: int, now: datetime) -> None:
    """One habit per member, started 12 weeks ago, done on about three days in four."""
    today = now.date()
    starts = today - timedelta(weeks=HABIT_WEEKS)
    made = ts(now - timedelta(weeks=HABIT_WEEKS))
    habits, entries = [], []
    habit_id = 0
    for g in range(groups):
        chat_id = -1_000_000_000 - g
        for m in range(MEMBERS):
            habit_id += 1
            user_id = 1_000_000 + g * MEMBERS + m
            times, per, weekdays, amount = HABITS[m]
            habits.append((habit_id, chat_id, MEMBERS * GOALS + m + 1, user_id, f"Habit {m}",
                           times, per, weekdays, "at_least" if amount else None, amount,
                           "pages" if amount else "", starts.isoformat(), made))  # fmt: skip
            for n in range((today - starts).days + 1):
                day = starts + timedelta(days=n)
                if str(day.weekday()) in weekdays and (n * 7 + m + g) % 4:
                    value = (20.0 if n % 3 else 10.0) if amount else None
                    entries.append((habit_id, day.isoformat(), value, made))
    conn.executemany(
        """INSERT INTO habits (id, chat_id, number, owner_id, title, times, per, weekdays,
           direction, amount, unit, starts_on, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        habits,
    )
    conn.executemany(
        "INSERT INTO habit_entries (habit_id, day, amount, logged_at) VALUES (?,?,?,?)", entries
    )


async def habit_lines(db: Database, results: list[ChatSummary], now: datetime, how: str) -> int:
    """How many habits the summaries show. "batched": counted in the summaries as the scheduled
    summaries worked them out (with the rest of each summary, from a handful of queries; their
    lines are rendered with the summary); "each": worked out again chat by chat, one habit at a
    time, and rendered, to compare."""
    if how in ("none", "absent"):
        return 0
    if how == "batched":
        return sum(len(entry.habits) for r in results for entry in r.progress.members)
    async with db.reading() as conn:
        views = {r.chat.chat_id: await habits_here(conn, r.chat, now) for r in results}
    shown: list[HabitView] = [v for chat_views in views.values() for v in chat_views]
    return sum(1 for v in shown if habit_line(v.habit, v.stats))


async def add_schedules(db: Database, groups: int, set_up: datetime, now: datetime) -> None:
    """The chats' schedules, set up a few days ago; the evening habit prompt as a running bot
    leaves it, next due tonight (last night's went out), not owed since the set-up."""
    async with db.transaction() as conn:
        for g in range(groups):
            for schedule in default_schedules(-1_000_000_000 - g, set_up):
                due = (
                    next_occurrence(schedule, now, "UTC")
                    if schedule.kind is Kind.HABITS
                    else first_due(schedule, "UTC")
                )
                await schedules.save(conn, schedule, due)


async def lag_probe(samples: list[float], stop: asyncio.Event) -> None:
    """How late a 10 ms sleep wakes up: the event loop's lag."""
    while not stop.is_set():
        began = time.perf_counter()
        await asyncio.sleep(0.01)
        samples.append(time.perf_counter() - began - 0.01)


async def fan_out(
    db: Database, now: datetime, how: str = "batched"
) -> tuple[int, float, float, list[float], int]:
    """Work out every due summary and render it, as the tick does before sending."""
    samples: list[float] = []
    stop = asyncio.Event()
    probe = asyncio.create_task(lag_probe(samples, stop))
    cpu, wall = time.process_time(), time.perf_counter()
    posts = [
        p for p in await scheduled.due_posts(db, now, timedelta(hours=6)) if p.kind is Kind.SUMMARY
    ]
    lines = 0
    for start in range(0, len(posts), SUMMARY_BATCH):  # as the tick does: a batch at a time
        batch = [p.chat_id for p in posts[start : start + SUMMARY_BATCH]]
        results = await scheduled_summaries(db, batch, now)
        lines += await habit_lines(db, results, now, how)
        for n, result in enumerate(results, 1):
            split_message(group_summary(result.chat.title, result.progress, scheduled=True))
            if n % RENDER_SLICE == 0:
                await asyncio.sleep(0)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    stop.set()
    await probe
    return len(posts), cpu, wall, samples, lines


async def start_up(db_path: Path) -> tuple[float, float, int]:
    """Seconds from process start to polling, for this bot and for a bare echo bot; RSS (KiB)."""
    timings = []
    rss = 0
    for script in (["-m", "bot", "run"], [str(Path(__file__).with_name("echo_bot.py"))]):
        emulator = BotApiEmulator()  # a fresh one each: nothing left from the other process
        await emulator.start()
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_BASE_URL": emulator.base_url,
               "DATABASE_PATH": str(db_path), "LOG_LEVEL": "WARNING"}  # fmt: skip
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *script], env=env, stderr=subprocess.DEVNULL)
        await emulator.wait_until(lambda e=emulator: bool(e.calls_to("getUpdates")), 300)  # type: ignore[misc]
        timings.append(time.perf_counter() - began)
        if script[0] == "-m":
            status = Path(f"/proc/{proc.pid}/status").read_text()
            rss = int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            )
        proc.terminate()
        proc.wait(30)
        await emulator.stop()
    return timings[0], timings[1], rss


async def main(groups: int, how: str = "batched", start: bool = True) -> list[str]:
    now = datetime(2026, 12, 4, 17, 0, 30, tzinfo=UTC)  # a Friday, the summaries' minute
    folder = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
    db_path = folder / "bot.sqlite3"
    db = Database(db_path)
    await db.open()
    await db.close()
    began = time.perf_counter()
    # Seeded in a child process, so this one's memory is the fan-out's alone.
    child = multiprocessing.get_context("spawn").Process(
        target=seed, args=(db_path, groups, now, how != "absent")
    )
    child.start()
    child.join()
    await db.open()
    await add_schedules(db, groups, now - timedelta(days=3), now)
    if how == "batched":  # last week's summaries left each habit's mark, as they do
        week_ago = now - timedelta(days=7)
        ids = [-1_000_000_000 - g for g in range(groups)]
        for first in range(0, groups, SUMMARY_BATCH):
            await scheduled_summaries(db, ids[first : first + SUMMARY_BATCH], week_ago)
    seeded = time.perf_counter() - began
    count, cpu, wall, lag, lines = await fan_out(db, now, how)
    await db.close()
    rss_fanout = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ours, bare, rss_start = await start_up(db_path) if start else (0.0, 0.0, 0)
    p99 = statistics.quantiles(lag, n=100)[98] if len(lag) > 2 else 0.0
    scale = TELEGRAM_SECONDS * groups / 10_000
    return [
        f"| fan-out: {count} summaries worked out and rendered, with "
        f"{0 if how == 'absent' else count * MEMBERS} habits "
        f"({how}: {lines} habits shown) | CPU {cpu:.1f} s (wall {wall:.1f} s) | "
        f"{cpu / scale:.3f} of the {scale:.0f} s Telegram needs to deliver them | target under 0.01 |",
        f"| event-loop lag during the fan-out | p99 {p99 * 1000:.0f} ms | | target under 100 ms |",
        f"| start-up to polling with {groups} groups | {ours:.1f} s (bare framework {bare:.1f} s) | "
        f"{ours - bare:+.1f} s beyond the framework | target under 3 s |",
        f"| resident memory | bot: {rss_start / 1024:.0f} MB after start-up; {rss_fanout / 1024:.0f} MB peak while working out the fan-out | | target under 150 MB |",
        f"| (seeding the data took {seeded:.0f} s) | | | |",
    ]


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    how = sys.argv[sys.argv.index("--habits") + 1] if "--habits" in sys.argv else "batched"
    args = [a for a in args if a != how]
    rows = asyncio.run(
        main(int(args[0]) if args else 10_000, how, start="--no-start-up" not in sys.argv)
    )
    print("\n".join(rows))
