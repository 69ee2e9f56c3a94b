"""Command throughput: simulated users send /goal, /progress and /goals to the bot running as
its own process, through the local Bot API emulator; the same users then talk to a bare
python-telegram-bot echo bot on the same emulator. The ratio compares the two.

    .venv/bin/python bench/throughput.py [users] [rounds] [repeats] [--postgresql URL]

With --postgresql, the bot runs on that PostgreSQL server (a fresh schema each run, dropped
after it) instead of a SQLite file; the CPU figure is the bot process's, not the server's.

Telegram's flood limits are lifted on both sides (RATE_LIMITS=off), so this measures the bots,
not the rate limiter.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg

from bot.emulator import BotApiEmulator, Person

POSTGRESQL = ""  # --postgresql URL: the bot on PostgreSQL


def cpu_seconds(pid: int) -> float:
    """User plus system CPU a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive(script: list[str], users: int, rounds: int, commands: bool) -> tuple[float, float]:
    """Round trips per second for `users` people each doing `rounds` rounds of 3 messages,
    and the bot process's CPU milliseconds per round trip (start-up not counted)."""
    emulator = BotApiEmulator()
    await emulator.start()
    folder = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    env = {
        **os.environ, "TELEGRAM_BOT_TOKEN": emulator.token, "TELEGRAM_BASE_URL": emulator.base_url,
        "DATABASE_PATH": str(folder / "bot.sqlite3"), "LOG_LEVEL": "WARNING",
        "RATE_LIMITS": "off", "FLOOD_PER_MINUTE": "100000",
    }  # fmt: skip
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    if POSTGRESQL and commands:
        admin = await asyncpg.connect(POSTGRESQL)
        await admin.execute(f"CREATE SCHEMA {schema}")
        await admin.close()
        env["DATABASE_URL"] = f"{POSTGRESQL}{'&' if '?' in POSTGRESQL else '?'}search_path={schema}"
    proc = subprocess.Popen(
        [sys.executable, *script], env=env, stderr=subprocess.DEVNULL, cwd=folder
    )
    await emulator.wait_until(lambda: bool(emulator.calls_to("getUpdates")), 120)
    rate, cpu = await converse(emulator, [proc.pid], users, rounds, commands)
    proc.terminate()
    proc.wait(30)
    await emulator.stop()
    if "DATABASE_URL" in env:
        admin = await asyncpg.connect(POSTGRESQL)
        await admin.execute(f"DROP SCHEMA {schema} CASCADE")
        await admin.close()
    return rate, cpu


async def converse(
    emulator: BotApiEmulator, pids: list[int], users: int, rounds: int, commands: bool
) -> tuple[float, float]:
    """`users` people in their private chats each do `rounds` rounds of 3 messages at once:
    round trips per second, and the CPU milliseconds per round trip of the processes `pids`
    (the bot's replicas) while they do."""
    people = []
    for n in range(users):
        user = emulator.add_user(f"User{n}")
        people.append(Person(emulator, user, emulator.private_chat(user)))

    async def one(person: Person, index: int) -> None:
        if commands:
            await person.say(
                f"/goal Read {index + 12} books by 2030-01-01 target 100 books", timeout=60
            )
        for r in range(rounds):
            if commands:
                await person.say(f"/progress 1 +{r + 1}", timeout=60)
                await person.say("/goals", timeout=60)
                await person.say(f"/goal Goal {r} by 2030-01-01 target 5 km", timeout=60)
            else:
                for text in ("one", "two", "three"):
                    await person.say(f"{text} {r}", timeout=60)

    cpu, began = sum(map(cpu_seconds, pids)), time.perf_counter()
    await asyncio.gather(*(one(p, n) for n, p in enumerate(people)))
    elapsed = time.perf_counter() - began
    cpu = sum(map(cpu_seconds, pids)) - cpu
    trips = users * rounds * 3
    return trips / elapsed, cpu * 1000 / trips


async def main(users: int, rounds: int, repeats: int = 3) -> list[str]:
    """Both bots `repeats` times, taking turns; the medians go in the table (one run swings
    by a third with whatever else the machine is doing)."""
    echo = str(Path(__file__).with_name("echo_bot.py"))
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}
    for _ in range(repeats):
        runs["ours"].append(await drive(["-m", "bot", "run"], users, rounds, commands=True))
        runs["bare"].append(await drive([echo], users, rounds, commands=False))
    ours, bare = (statistics.median(rate for rate, _ in runs[k]) for k in ("ours", "bare"))
    ours_cpu, bare_cpu = (statistics.median(cpu for _, cpu in runs[k]) for k in ("ours", "bare"))
    spread = ", ".join(
        f"{a / b:.2f}" for (a, _), (b, _) in zip(runs["ours"], runs["bare"], strict=True)
    )
    return [
        f"| command throughput{' on PostgreSQL' if POSTGRESQL else ''}, {users} users × {rounds} rounds of /progress, /goals, /goal "
        f"(median of {repeats} runs each) | {ours:.0f} round trips/s (bare echo bot {bare:.0f}/s) "
        f"| {ours / bare:.2f} (runs: {spread}) | 0.8 or better |",
        f"| bot CPU per round trip in those runs (median) | {ours_cpu:.1f} ms (bare echo bot "
        f"{bare_cpu:.1f} ms) | {bare_cpu / ours_cpu:.2f} | (the same ratio, from CPU time) |",
    ]


if __name__ == "__main__":
    if "--postgresql" in sys.argv:
        at = sys.argv.index("--postgresql")
        POSTGRESQL = sys.argv[at + 1]
        del sys.argv[at : at + 2]
    args = [int(a) for a in sys.argv[1:4]]
    print("\n".join(asyncio.run(main(*(args or [20, 20])))))
