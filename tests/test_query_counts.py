"""The number of SQL statements a command runs does not grow with the group's size."""

from __future__ import annotations

from telegram.ext import Application

from bot.emulator import BotApiEmulator, Person


async def statements_for_summary(
    emulator: BotApiEmulator,
    bot: Application,
    size: int,  # type: ignore[type-arg]
) -> int:
    chat = emulator.add_group(f"Group of {size}")
    people = [Person(emulator, emulator.add_user(f"M{size}x{n}"), chat) for n in range(size)]
    for n, person in enumerate(people):
        await person.say(f"/goal Goal {n} by 2027-06-01 target 10 km")
        await person.say(f"/milestone {n + 1} Step by 2027-03-01")
        await person.say("/checkin on-track")
    seen: list[str] = []
    db = bot.bot_data.db
    await db.trace(seen.append)
    reply = await people[0].say("/summary")
    await db.trace(None)
    assert f"M{size}x0" in reply.text
    return len([s for s in seen if s.strip().upper().startswith(("SELECT", "INSERT", "UPDATE"))])


async def test_summary_runs_the_same_queries_for_5_and_50_members(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    small = await statements_for_summary(emulator, bot, 5)
    large = await statements_for_summary(emulator, bot, 50)
    assert small == large, (small, large)
