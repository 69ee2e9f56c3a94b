"""PostgreSQL drivers side by side, on the statements the bot runs most: asyncpg (the one the
bot uses) and psycopg 3 (async), both on the same server and tables.

    .venv/bin/pip install "psycopg[binary]"   # only for this comparison
    .venv/bin/python bench/drivers.py [postgresql://postgres@127.0.0.1:5432/test]

Each round, CPU (this process) and wall seconds of:
- lookups: 2,000 one-row reads by key, each in its own transaction (a command's reads);
- writes: 1,000 transactions of one UPDATE ... RETURNING (a command's write, like numbering);
- a fan-out read: 20,000 goal rows with 80,000 milestones as JSON (one summary batch x 10).
Three rounds each, taking turns; the least of each is printed.
"""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import Awaitable, Callable

import asyncpg

URL = sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/test"
CHATS, GOALS_PER_CHAT, MILESTONES = 2_000, 10, 4
OPEN: list[Callable[[], Awaitable[None]]] = []  # each driver's connection, closed at the end

READ = """SELECT g.*, (SELECT COALESCE(json_agg(json_build_array(ms.id, ms.number, ms.title,
              ms.due_date) ORDER BY ms.number), '[]') FROM milestones ms WHERE ms.goal_id = g.id)
          AS milestones FROM goals g"""


async def seed(schema: str) -> None:
    conn = await asyncpg.connect(URL)
    await conn.execute(f"CREATE SCHEMA {schema}; SET search_path = {schema};")
    await conn.execute(
        """CREATE TABLE chats (chat_id BIGINT PRIMARY KEY, title TEXT, goals_numbered BIGINT);
           CREATE TABLE goals (id BIGINT PRIMARY KEY, chat_id BIGINT, number BIGINT,
                               title TEXT, target DOUBLE PRECISION, deadline TEXT);
           CREATE TABLE milestones (id BIGINT PRIMARY KEY, goal_id BIGINT, number BIGINT,
                                    title TEXT, due_date TEXT);
           CREATE INDEX ON milestones (goal_id);"""
    )
    await conn.copy_records_to_table(
        "chats", records=[(c, f"Group {c}", GOALS_PER_CHAT) for c in range(CHATS)]
    )
    goals = [
        (c * GOALS_PER_CHAT + n, c, n + 1, f"Goal {n}", 10.0, "2027-06-30")
        for c in range(CHATS)
        for n in range(GOALS_PER_CHAT)
    ]
    await conn.copy_records_to_table("goals", records=goals)
    steps = [
        (g * MILESTONES + m, g, m + 1, f"Step {m}", f"2027-0{m + 1}-15")
        for g in range(len(goals))
        for m in range(MILESTONES)
    ]
    await conn.copy_records_to_table("milestones", records=steps)
    await conn.close()


async def with_asyncpg(schema: str) -> dict[str, Callable[[], Awaitable[None]]]:
    conn = await asyncpg.connect(URL, server_settings={"search_path": schema})
    OPEN.append(conn.close)

    async def lookups() -> None:
        for n in range(2_000):
            async with conn.transaction():
                await conn.fetchrow("SELECT * FROM chats WHERE chat_id = $1", n % CHATS)

    async def writes() -> None:
        for n in range(1_000):
            async with conn.transaction():
                await conn.fetchval(
                    "UPDATE chats SET goals_numbered = goals_numbered + 1 WHERE chat_id = $1"
                    " RETURNING goals_numbered",
                    n % CHATS,
                )

    async def fan_out() -> None:
        for row in await conn.fetch(READ):
            row["milestones"]

    return {"lookups": lookups, "writes": writes, "fan-out read": fan_out}


async def with_psycopg(schema: str) -> dict[str, Callable[[], Awaitable[None]]]:
    import psycopg
    from psycopg.rows import dict_row

    conn = await psycopg.AsyncConnection.connect(
        URL, options=f"-c search_path={schema}", row_factory=dict_row, autocommit=True
    )

    OPEN.append(conn.close)

    async def lookups() -> None:
        for n in range(2_000):
            async with conn.transaction():
                await (
                    await conn.execute("SELECT * FROM chats WHERE chat_id = %s", (n % CHATS,))
                ).fetchone()

    async def writes() -> None:
        for n in range(1_000):
            async with conn.transaction():
                await (
                    await conn.execute(
                        "UPDATE chats SET goals_numbered = goals_numbered + 1 WHERE chat_id = %s"
                        " RETURNING goals_numbered",
                        (n % CHATS,),
                    )
                ).fetchone()

    async def fan_out() -> None:
        for row in await (await conn.execute(READ)).fetchall():
            row["milestones"]

    return {"lookups": lookups, "writes": writes, "fan-out read": fan_out}


async def main() -> None:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    await seed(schema)
    try:
        drivers = {"asyncpg": await with_asyncpg(schema), "psycopg 3": await with_psycopg(schema)}
        best: dict[tuple[str, str], tuple[float, float]] = {}
        for _ in range(3):
            for driver, tasks in drivers.items():
                for task, run in tasks.items():
                    cpu, wall = time.process_time(), time.perf_counter()
                    await run()
                    took = (time.process_time() - cpu, time.perf_counter() - wall)
                    key = (driver, task)
                    best[key] = min(best.get(key, took), took)
        print("| task | " + " | ".join(drivers) + " |")
        print("| --- |" + " --- |" * len(drivers))
        for task in next(iter(drivers.values())):
            cells = [
                f"CPU {best[(d, task)][0]:.2f} s, wall {best[(d, task)][1]:.2f} s" for d in drivers
            ]
            print(f"| {task} | " + " | ".join(cells) + " |")
    finally:
        for close in OPEN:
            await close()
        conn = await asyncpg.connect(URL)
        await conn.execute(f"DROP SCHEMA {schema} CASCADE")
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
