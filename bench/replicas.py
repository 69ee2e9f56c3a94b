"""Past one machine, in one run: command throughput on SQLite (one process), on PostgreSQL with
one replica, and with one and three replicas in webhook mode behind HAProxy, each against the
bare echo bot; the weekly summary's fan-out to 10,000 groups with one and with three replicas
(CPU seconds per replica, wall time); and the seconds until the posts a killed replica had
claimed are taken over by the others.

    .venv/bin/python bench/replicas.py [--postgresql URL] [--groups 10000] [--repeats 3]
                                       [--only throughput|fan-out]

PostgreSQL defaults to the local server (postgresql://postgres@127.0.0.1:5432/test): each
measurement runs in a fresh schema, dropped after it. Needs HAProxy (apt-get install haproxy).
Telegram's flood limits are lifted on every side (RATE_LIMITS=off): this measures the bots.
Takes about ten minutes on two cores at full size; prints the rows for docs/PERFORMANCE.md.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fanout
import throughput

from bot.domain.schedules import WEEKDAYS, Kind, default_schedules
from bot.emulator import BotApiEmulator
from bot.emulator.balancer import balancer
from bot.storage import schedules
from bot.storage.copying import copy_to_postgresql
from bot.storage.database import Database
from bot.storage.postgres import PostgresDatabase

SECRET = "bench-replicas_1"
ECHO = str(Path(__file__).with_name("echo_bot.py"))


@asynccontextmanager
async def schema(url: str) -> AsyncIterator[str]:
    """A fresh schema on the server, dropped afterwards: the address that selects it."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url)
    await admin.execute(f"CREATE SCHEMA {name}")
    await admin.close()
    try:
        yield f"{url}{'&' if '?' in url else '?'}search_path={name}"
    finally:
        admin = await asyncpg.connect(url)
        await admin.execute(f"DROP SCHEMA {name} CASCADE")
        await admin.close()


class Replicas:
    """`python -m bot run` n times on one database, in webhook mode behind the balancer."""

    def __init__(self, emulator: BotApiEmulator, url: str, hook: str, ports: list[int]) -> None:
        self.emulator, self.url, self.hook, self.ports = emulator, url, hook, ports
        self.procs: list[subprocess.Popen[bytes]] = []
        self.started = len(emulator.calls_to("setWebhook"))  # what ready() waits for
        self.folder = Path(tempfile.mkdtemp(prefix="bench-replicas-"))

    def start(self, n: int, **env: str) -> None:
        """n more replicas, each on the next free port."""
        self.started += n
        for port in self.ports[len(self.procs) : len(self.procs) + n]:
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot", "run"],
                    env={
                        **os.environ,
                        "TELEGRAM_BOT_TOKEN": self.emulator.token,
                        "TELEGRAM_BASE_URL": self.emulator.base_url,
                        "DATABASE_URL": self.url,
                        "DATABASE_PATH": str(self.folder / "unused.sqlite3"),
                        "LOG_LEVEL": "WARNING",
                        "RATE_LIMITS": "off",
                        "FLOOD_PER_MINUTE": "100000",
                        "WEBHOOK_URL": self.hook,
                        "WEBHOOK_LISTEN": "127.0.0.1",
                        "WEBHOOK_PORT": str(port),
                        "WEBHOOK_SECRET": SECRET,
                        **env,
                    },
                    stderr=subprocess.DEVNULL,
                    cwd=self.folder,
                )
            )

    async def ready(self) -> None:
        """Every replica set its webhook (after its start-up, catch-up included)."""
        await self.emulator.wait_until(
            lambda: len(self.emulator.calls_to("setWebhook")) >= self.started, 1200
        )

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs if p.poll() is None]

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            proc.wait(60)
        self.procs.clear()


async def webhook_throughput(url: str, n: int, users: int, rounds: int) -> tuple[float, float]:
    """Round trips per second and CPU ms per round trip (all replicas) with n replicas."""
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.deliver_by_webhook = True
    emulator.push_timeout = 30.0
    folder = Path(tempfile.mkdtemp(prefix="bench-balancer-"))
    try:
        async with schema(url) as at, balancer(folder, n) as (hook, ports):
            replicas = Replicas(emulator, at, hook, ports)
            replicas.start(1)  # the first makes the schema; the others then start on it
            await replicas.ready()
            replicas.start(n - 1)
            await replicas.ready()
            try:
                return await throughput.converse(emulator, replicas.pids, users, rounds, True)
            finally:
                replicas.stop()
    finally:
        await emulator.stop()


async def throughput_rows(url: str, users: int, rounds: int, repeats: int) -> list[str]:
    """Each set-up `repeats` times, taking turns with the echo bot; medians."""
    runs: dict[str, list[tuple[float, float]]] = {
        k: [] for k in ("sqlite", "postgresql", "one", "three", "bare")
    }
    for _ in range(repeats):
        throughput.POSTGRESQL = ""
        runs["sqlite"].append(await throughput.drive(["-m", "bot", "run"], users, rounds, True))
        throughput.POSTGRESQL = url
        runs["postgresql"].append(await throughput.drive(["-m", "bot", "run"], users, rounds, True))
        runs["one"].append(await webhook_throughput(url, 1, users, rounds))
        runs["three"].append(await webhook_throughput(url, 3, users, rounds))
        runs["bare"].append(await throughput.drive([ECHO], users, rounds, False))
    rate = {k: statistics.median(r for r, _ in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    names = {
        "sqlite": "SQLite, one process (polling)",
        "postgresql": "PostgreSQL, one replica (polling)",
        "one": "PostgreSQL, one replica behind HAProxy (webhook)",
        "three": "PostgreSQL, three replicas behind HAProxy (webhook)",
    }
    return [
        f"| command throughput, {names[k]}, {users} users × {rounds} rounds (median of "
        f"{repeats}) | {rate[k]:.0f} round trips/s (bare echo bot {rate['bare']:.0f}/s); bot "
        f"CPU {cpu[k]:.1f} ms per round trip, all replicas (echo bot {cpu['bare']:.1f} ms) "
        f"| {rate[k] / rate['bare']:.2f} | |"
        for k in names
    ]


async def seeded(url: str, groups: int) -> None:
    """`groups` groups (fanout.py's data, without habits) copied into the schema at `url`, each
    with a daily summary due two minutes ago and nothing else scheduled."""
    now = datetime.now(UTC)
    folder = Path(tempfile.mkdtemp(prefix="bench-replicas-seed-"))
    path = folder / "bot.sqlite3"
    db = Database(path)
    await db.open()
    await db.close()
    child = multiprocessing.get_context("spawn").Process(
        target=fanout.seed, args=(path, groups, now, False)
    )
    child.start()
    child.join()
    await copy_to_postgresql(path, url)
    at = (now - timedelta(minutes=2)).time().replace(second=0, microsecond=0)
    store = PostgresDatabase(url)
    await store.open()
    async with store.transaction() as conn:
        for g in range(groups):
            for s in default_schedules(-1_000_000_000 - g, now - timedelta(days=3)):
                if s.kind is Kind.SUMMARY:
                    s = replace(s, at=at, days=WEEKDAYS)
                await schedules.save(conn, replace(s, enabled=s.kind is Kind.SUMMARY))
    await store.close()


async def owed_again(url: str) -> None:
    """The summaries owed again: no record of them, every schedule looked at afresh."""
    conn = await asyncpg.connect(url)
    await conn.execute("DELETE FROM deliveries")
    await conn.execute("UPDATE schedules SET next_due = NULL")
    await conn.close()


async def claims(url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


async def fan_out_rows(url: str, groups: int) -> list[str]:
    """The fan-out with one and three replicas, then three with one killed mid-way."""
    emulator = BotApiEmulator()
    await emulator.start()
    emulator.deliver_by_webhook = True
    for g in range(groups):
        emulator.add_group(f"Group {g}", chat_id=-1_000_000_000 - g)
    folder = Path(tempfile.mkdtemp(prefix="bench-fanout-balancer-"))
    rows = []
    try:
        async with schema(url) as at, balancer(folder, 3) as (hook, ports):
            began = time.perf_counter()
            await seeded(at, groups)
            seeding = time.perf_counter() - began
            replicas = Replicas(emulator, at, hook, ports)

            def sent() -> int:
                return len(emulator.calls_to("sendMessage"))

            # A start-up's own CPU (nothing due), to tell the fan-out's from it.
            conn = await asyncpg.connect(at)
            await conn.execute("UPDATE schedules SET next_due = '9999-12-31T00:00:00+00:00'")
            await conn.close()
            replicas.start(1)
            await replicas.ready()
            idle = throughput.cpu_seconds(replicas.pids[0])
            replicas.stop()
            for n in (1, 3):
                await owed_again(at)
                before, began = sent(), time.perf_counter()
                replicas.start(n)
                await emulator.wait_until(functools.partial(all_sent, sent, before, groups), 1800)
                wall = time.perf_counter() - began
                cpu = [throughput.cpu_seconds(pid) - idle for pid in replicas.pids]
                replicas.stop()
                per = ", ".join(f"{c:.1f}" for c in cpu)
                rows.append(
                    f"| summary fan-out to {groups} groups, {n} replica{'s' if n > 1 else ''} "
                    f"| wall {wall:.1f} s; CPU per replica {per} s (start-up's {idle:.1f} s "
                    f"left out) | {groups / wall:.0f} posts/s | |"
                )
            rows.append(await takeover(at, replicas, emulator, groups))
    finally:
        await emulator.stop()
    rows.append(
        f"| (seeding and copying {groups} groups to PostgreSQL took {seeding:.0f} s) | | | |"
    )
    return rows


def all_sent(sent: Callable[[], int], before: int, groups: int) -> bool:
    return sent() - before >= groups


async def takeover(url: str, replicas: Replicas, emulator: BotApiEmulator, groups: int) -> str:
    """Three replicas; the one holding the most claims is SIGKILLed a third of the way in:
    seconds until the posts it had only claimed are sent by the others."""
    await owed_again(url)
    before = len(emulator.calls_to("sendMessage"))
    replicas.start(3)
    await emulator.wait_until(
        lambda: len(emulator.calls_to("sendMessage")) - before >= groups // 3, 1800
    )
    held = await claims(
        url,
        """SELECT claimed_by, count(*) AS n FROM deliveries WHERE status = 'claimed'
           GROUP BY claimed_by ORDER BY n DESC LIMIT 1""",
    )
    holder = held[0]["claimed_by"]
    pid = int(holder.split(":")[1])
    os.kill(pid, signal.SIGKILL)
    killed = time.perf_counter()
    keys = await claims(
        url,
        "SELECT chat_id, period FROM deliveries WHERE claimed_by = $1 AND status = 'claimed'",
        holder,
    )
    wire = await claims(
        url, "SELECT count(*) AS n FROM deliveries WHERE claimed_by = $1 AND status = 'sending'",
        holder,
    )  # fmt: skip
    ids = [k["chat_id"] for k in keys]
    first = last = None
    while last is None:
        done = await claims(
            url,
            """SELECT count(*) AS n FROM deliveries WHERE kind = 'summary' AND status = 'sent'
               AND chat_id = ANY($1::bigint[])""",
            ids,
        )
        moment = time.perf_counter() - killed
        if done[0]["n"] and first is None:
            first = moment
        if done[0]["n"] == len(ids):
            last = moment
        await asyncio.sleep(0.5)
    replicas.stop()
    return (
        f"| a replica SIGKILLed during the fan-out (claim lease 120 s, tick 30 s) | its "
        f"{len(ids)} claimed posts taken over after {first:.0f} s (first) and {last:.0f} s "
        f"(all); {wire[0]['n']} it had on the wire left as the documented window | | |"
    )


async def main(url: str, groups: int, repeats: int, only: str = "") -> list[str]:
    rows = []
    if only in ("", "throughput"):
        rows += await throughput_rows(url, 20, 20, repeats)
    if only in ("", "fan-out"):
        rows += await fan_out_rows(url, groups)
    return rows


if __name__ == "__main__":
    args = sys.argv[1:]

    def option(name: str, default: str) -> str:
        return args[args.index(name) + 1] if name in args else default

    url = option("--postgresql", "postgresql://postgres@127.0.0.1:5432/test")
    groups, repeats = int(option("--groups", "10000")), int(option("--repeats", "3"))
    rows = asyncio.run(main(url, groups, repeats, option("--only", "")))
    print("\n".join(rows))
