"""Which language the bot speaks in a chat, /language, and the menus Telegram shows in each
language; what the bot says in them comes from the catalogs (tests/test_catalogs.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.domain.checkins import CheckinStatus
from bot.domain.habits import Frequency, Habit, HabitGoal, HabitStatus, Per, Safety
from bot.domain.languages import Lang
from bot.domain.models import Member
from bot.domain.schedules import PeriodDays
from bot.emulator import BotApiEmulator
from bot.render import checkins as render_checkins
from bot.render import habit_prompts as render_habits
from bot.render.i18n import Words
from bot.render.languages import NAMES
from bot.render.start import COMMANDS
from tests.conftest import FakeClock, Group, peek, run_tick

OPENING = {Lang.EN: "I help groups", Lang.DE: "Ich helfe Gruppen", Lang.ES: "Ayudo a los grupos",
           Lang.RU: "Я помогаю группам", Lang.PT_BR: "Ajudo grupos"}  # fmt: skip
HELP_TITLE = {Lang.EN: "Commands", Lang.DE: "Befehle", Lang.ES: "Comandos",
              Lang.RU: "Команды", Lang.PT_BR: "Comandos"}  # fmt: skip


async def test_a_private_chat_speaks_the_members_telegram_language(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    dieter = emulator.add_user("Dieter", "dieter", language_code="de")
    here = emulator.person(dieter, emulator.private_chat(dieter))
    welcome = await here.say("/start")
    assert welcome.text.startswith("👋 Hallo Dieter! Ich helfe dir, deine Ziele zu erreichen")
    assert "Befehle" in welcome.text and "/goal: ein Ziel mit Frist setzen" in welcome.text
    amelie = emulator.add_user("Amélie", "amelie", language_code="fr")  # not one of the five
    there = emulator.person(amelie, emulator.private_chat(amelie))
    assert (await there.say("/start")).text.startswith("👋 Hi Amélie! I help you")


async def test_a_group_speaks_the_language_of_whoever_first_used_it(
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    marina = emulator.add_user("Marina", "marina", language_code="ru")
    bob = emulator.add_user("Bob", "bob", language_code="en")
    chat = emulator.add_group("Бегуны", admins=(marina,))
    first = await emulator.person(marina, chat).say("/help")
    assert first.text.startswith("Команды\n/goal: поставить цель со сроком")
    later = await emulator.person(bob, chat).say("/help")  # Bob's English changes nothing
    assert "Команды" in later.text and "/goal: поставить цель со сроком" in later.text


async def test_language_alone_shows_the_five_with_buttons_and_a_press_switches(
    group: Group, emulator: BotApiEmulator
) -> None:
    shown = await group.alice.say("/language")
    assert "I speak English here" in shown.text
    assert [b["text"] for b in shown.buttons()] == [
        "✓ English", "Deutsch", "Español", "Português (Brasil)", "Русский",
    ]  # fmt: skip
    assert "(en, de, es, pt-BR, ru)" in shown.text
    toast = await group.bob.press(shown, "Deutsch")  # Bob is no admin
    assert toast["text"] == "Only the group's admins choose its language."
    assert "Commands" in (await group.bob.say("/help")).text
    toast = await group.alice.press(shown, "Español")
    assert toast["text"] == "Español"
    await emulator.wait_until(lambda: shown.edits == 1, what="the confirmation")
    assert shown.text.startswith("🌐 Idioma: Español. A partir de ahora hablo en español en este")
    assert "Comandos" in (await group.bob.say("/help")).text


async def test_language_with_a_code_sets_it_for_admins_only_and_refuses_what_it_does_not_speak(
    group: Group,
) -> None:
    refused = await group.bob.say("/language de")
    assert "admin" in refused.text.lower() and "Befehle" not in (await group.bob.say("/help")).text
    unknown = await group.alice.say("/language klingon")
    assert "I don't speak “klingon”" in unknown.text and "Example: /language de" in unknown.text
    done = await group.alice.say("/language PT-br")
    assert done.text.startswith("🌐 Idioma: Português (Brasil). A partir de agora falo português")
    assert "Comandos" in (await group.bob.say("/help")).text
    back = await group.alice.say("/language en")
    assert back.text.startswith("🌐 From now on I speak English in this group")


@pytest.mark.parametrize("lang", list(Lang), ids=str)
async def test_help_in_each_language_lists_every_command(group: Group, lang: Lang) -> None:
    await group.alice.say(f"/language {lang.value}")
    listing = (await group.bob.say("/help")).text
    words = Words(lang)
    assert HELP_TITLE[lang] in listing
    for command, what, _ in COMMANDS:
        assert f"/{command}: {words.gettext(what)}" in listing, (lang, command)


async def test_menus_and_descriptions_are_registered_in_each_language(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/help")  # the bot has started: menus are set before polling
    menus = emulator.commands
    assert {"all_private_chats", "all_group_chats"} <= set(menus)
    for lang in Lang:
        suffix = "" if lang is Lang.EN else f":{lang.telegram}"
        groups = {c["command"]: c["description"] for c in menus[f"all_group_chats{suffix}"]}
        assert groups["goal"] == Words(lang).gettext("set a goal with a deadline")
        assert groups["language"] == Words(lang).gettext("the language I speak here")
        assert "forgetme" not in groups  # private only
        private = {c["command"] for c in menus[f"all_private_chats{suffix}"]}
        assert "summary" not in private and "forgetme" in private
        key = "" if lang is Lang.EN else lang.telegram
        assert emulator.descriptions[key].startswith(OPENING[lang])
        assert len(emulator.short_descriptions[key]) <= 120
    assert menus["all_group_chats:de"][0]["description"] == "ein Ziel mit Frist setzen"
    assert NAMES[Lang.PT_BR] == "Português (Brasil)"


async def test_switching_the_language_changes_the_next_message_and_nothing_stored(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")

    def rows() -> dict[str, list[tuple[object, ...]]]:
        conn = peek(db_path)
        try:
            return {
                table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in ("goals", "milestones", "members", "chat_members", "schedules")
            }
        finally:
            conn.close()

    await group.bob.say("/goals all")  # Bob is known: what he does next adds no one
    assert "Commands" in (await group.bob.say("/help")).text
    before = rows()
    await group.alice.say("/language ru")
    assert "Команды" in (await group.bob.say("/help")).text
    assert rows() == before
    assert "Run a marathon" in (await group.bob.say("/goals all")).text


async def test_the_check_in_prompt_and_its_answers_speak_the_groups_language(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await group.alice.say("/language de")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday: the check-in prompt
    await run_tick(bot)
    (prompt,) = [m for m in emulator.bot_messages(group.chat) if "Check-in" in m.text]
    assert prompt.text.startswith("📋 Zeit für den Check-in, Runners Club!")
    assert [b["text"] for b in prompt.buttons()] == [
        "✅ Auf Kurs",
        "⚠️ Im Verzug",
        "🆘 Brauche Hilfe",
    ]
    toast = await group.alice.press(prompt, "✅ Auf Kurs")
    assert toast["text"] == "Eingecheckt für die Woche ab Mo., 30. Nov.: auf Kurs. Serie: 1"
    await emulator.wait_until(lambda: "Eingecheckt: Alice ✅" in prompt.text, what="the roll")
    reply = await group.bob.say("/checkin help stuck on week 3")
    assert "🆘 Bob hat eingecheckt: braucht Hilfe." in reply.text
    assert "Gezählt für die Woche ab Mo., 30. Nov." in reply.text


@pytest.mark.parametrize(
    ("streak", "line"),
    [(2, "🔥 2 чек-ина подряд."), (5, "🔥 5 чек-инов подряд."), (21, "🔥 21 чек-ин подряд."),
     (12, "🔥 12 чек-инов подряд."), (104, "🔥 104 чек-ина подряд.")],
)  # fmt: skip
def test_russian_counts_check_ins_in_its_three_plural_forms(streak: int, line: str) -> None:
    days = PeriodDays(date(2026, 11, 30), date(2026, 12, 6))
    text = render_checkins.checked_in(
        Member(1, "Марина"), CheckinStatus.ON_TRACK, streak, None, days, date(2026, 12, 1),
        Words(Lang.RU),
    )  # fmt: skip
    assert line in text and text.startswith("✅ Марина: чек-ин — всё по плану.")
    assert "Засчитан за неделю с пн, 30 нояб." in text


async def test_deadline_reminders_and_nudges_speak_the_groups_language(
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await group.alice.say("/language de")
    await group.alice.say("/goal Marathon laufen bis 2026-12-10")
    await group.alice.say("/milestone 1 Halbmarathon bis 02.12.2026")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (soon,) = [m for m in emulator.bot_messages(group.chat) if m.text.startswith("⏰")]
    assert (
        "⏰ Alice, Zwischenschritt 1.1 Halbmarathon ist fällig am Mi., 2. Dez. (in 2 Tagen)."
        in (soon.text)
    )
    assert "Mehr Zeit nötig? /reschedule 1.1 <Datum>" in soon.text
    clock.now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    await run_tick(bot)
    await run_tick(bot)
    (late,) = [m for m in emulator.bot_messages(group.chat) if m.text.startswith("⚠️")]
    assert "⚠️ Alice, Zwischenschritt 1.1 Halbmarathon war am Mi., 2. Dez. fällig." in late.text


@pytest.mark.parametrize(
    ("left", "ending"),
    [(1, "остался 1 день."), (2, "осталось 2 дня."), (5, "осталось 5 дней."),
     (21, "остался 21 день.")],
)  # fmt: skip
def test_a_russian_habit_reminder_counts_the_days_left_in_russian(left: int, ending: str) -> None:
    habit = HabitGoal(
        id=1, chat_id=-1, number=3, owner=Member(1, "Марина"), title="Спортзал",
        rules=Habit(Frequency(3, Per.WEEK), date(2026, 11, 30)), status=HabitStatus.ACTIVE,
        created_at=datetime(2026, 11, 30, tzinfo=UTC),
    )  # fmt: skip
    text = render_habits.reminder(habit, Safety(2, left), Words(Lang.RU))
    assert "#3 Спортзал нужно сделать сегодня: ещё 2 на этой неделе, " + ending in text
    assert text.endswith("Готово? /did 3")
