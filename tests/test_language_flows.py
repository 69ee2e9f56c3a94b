"""A group in each new language, through the HTTP emulator: a goal with a date and a target
typed in that language, a milestone, progress with a decimal comma, a check-in by word and by
button, a habit with a frequency in that language; what is stored is read back with /goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator
from tests.conftest import FakeClock, Group, peek, run_tick


@dataclass(frozen=True)
class Flow:
    """What a member of a group in this language types, and what must be stored."""

    lang: Lang
    goal: str  # a goal with a date and a target in the language's words
    deadline: str  # the stored deadline
    milestone: str
    milestone_due: str
    progress: str  # a decimal comma
    checkin: str  # a check-in word
    habit: str  # a frequency in the language's words
    button: str  # the check-in prompt's first button, in the language


FLOWS = [
    Flow(Lang.DE, "/goal Marathon laufen bis Ende März Ziel 42 km", "2027-03-31",
         "/milestone 1 Halbmarathon bis 15.02.", "2027-02-15", "/progress 1 2,5",
         "/checkin läuft gut", "/habit Gym 3 mal pro Woche", "✅ Auf Kurs"),
    Flow(Lang.ES, "/goal Correr un maratón hasta el 30 de abril meta 42 km", "2027-04-30",
         "/milestone 1 Media maratón antes del 15 de febrero", "2027-02-15", "/progress 1 2,5",
         "/checkin bien", "/habit Gimnasio 3 veces por semana", "✅ Al día"),
    Flow(Lang.RU, "/goal Пробежать марафон до конца марта цель 42 км", "2027-03-31",
         "/milestone 1 Полумарафон до 15 февраля", "2027-02-15", "/progress 1 2,5",
         "/checkin по плану", "/habit Спортзал 3 раза в неделю", "✅ Всё по плану"),
    Flow(Lang.PT_BR, "/goal Correr uma maratona até 30 de abril meta 42 km", "2027-04-30",
         "/milestone 1 Meia maratona até 15 de fevereiro", "2027-02-15", "/progress 1 2,5",
         "/checkin no caminho", "/habit Academia 3 vezes por semana", "✅ No ritmo"),
]  # fmt: skip


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: str(f.lang))
async def test_a_group_in_its_own_language(
    flow: Flow,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
) -> None:
    await group.alice.say(f"/language {flow.lang.value}")
    assert "🎯" in (created := (await group.alice.say(flow.goal)).text) and "#1" in created
    assert "1.1" in (await group.alice.say(flow.milestone)).text
    await group.alice.say(flow.progress)
    await group.bob.say(flow.checkin)
    assert "#2" in (await group.bob.say(flow.habit)).text
    conn = peek(db_path)
    try:
        goal = conn.execute("SELECT deadline, target, unit, current FROM goals").fetchone()
        due = conn.execute("SELECT due_date FROM milestones").fetchone()
        habit = conn.execute("SELECT times, per FROM habits").fetchone()
        checkin = conn.execute("SELECT status FROM checkins").fetchone()
    finally:
        conn.close()
    assert goal[0] == flow.deadline and goal[1] == 42 and goal[3] == 2.5
    assert due == (flow.milestone_due,) and habit == (3, "week") and checkin == ("on_track",)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday: the check-in prompt
    await run_tick(bot)
    (prompt,) = [m for m in emulator.bot_messages(group.chat) if m.buttons() and "📋" in m.text]
    await group.alice.press(prompt, flow.button)
    await emulator.wait_until(lambda: "Alice ✅" in prompt.text, what="Alice on the prompt")


async def test_an_english_group_reads_a_german_date_as_nothing_it_guesses(group: Group) -> None:
    refused = await group.alice.say("/goal Marathon laufen bis Ende März")
    assert "Goal #1" not in refused.text
