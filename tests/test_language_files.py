"""Habits, pictures, /report and the files a group takes away, in each new language, through
the HTTP emulator: /habit, /did, /undo and the habit prompt's buttons; the captions of /chart
and /timeline; /report; the .ics file's event text; the CSV export, which a spreadsheet in
that language opens (';' between fields, a decimal comma) while English keeps its commas."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import pytest
from icalendar import Calendar
from telegram.ext import Application

from bot.domain.errors import AlreadyDoneToday, HabitNotFound, NotHabitOwner, NothingToChart
from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, SentMessage
from bot.render.errors import explain
from bot.render.habits import EXAMPLE
from bot.render.i18n import Words
from bot.render.reports import column_name
from tests.conftest import START, FakeClock, Group, run_tick
from tests.test_language_flows import FLOWS, Flow

SATURDAY_20 = START.replace(hour=20)
TITLES = {Lang.DE: "Gym", Lang.ES: "Gimnasio", Lang.RU: "Спортзал", Lang.PT_BR: "Academia"}
NOW = {Lang.DE: "jetzt", Lang.ES: "ahora", Lang.RU: "сейчас", Lang.PT_BR: "agora"}


def _around(words: Words, message: str, **values: object) -> list[str]:
    """The fixed parts of a translated sentence, between its placeholders' values."""
    marker = "\x00"
    text = words.gettext(message, **{k: marker for k in values})
    return [part for part in text.split(marker) if part.strip()]


def photos(emulator: BotApiEmulator, group: Group) -> list[SentMessage]:
    return [
        m
        for m in emulator.bot_messages(group.chat)
        if m.file is not None and m.file.kind == "photo"
    ]


async def picture(emulator: BotApiEmulator, group: Group, command: str) -> SentMessage:
    """The photo the bot sends for the command (its caption is its text)."""
    before = len(photos(emulator, group))
    await emulator.send(group.alice.user, group.chat, command)
    await emulator.wait_until(lambda: len(photos(emulator, group)) > before, what="a picture")
    return photos(emulator, group)[-1]


async def document(emulator: BotApiEmulator, group: Group, command: str) -> SentMessage:
    """The file the bot sends for the command."""
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, command)
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.file is not None
    return reply


def read_csv(archive: zipfile.ZipFile, name: str, delimiter: str) -> list[dict[str, str]]:
    data = archive.read(name)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: str(f.lang))
async def test_habit_replies_and_the_prompt_speak_the_language(
    flow: Flow,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    words, title = Words(flow.lang), TITLES[flow.lang]
    await group.alice.say(f"/language {flow.lang.value}")
    created = await group.alice.say(flow.habit)
    assert words.gettext("Streak and strength show in /goals.") in created.text
    assert words.ngettext("{n} time a week", "{n} times a week", 3) in created.text
    assert "Streak and strength" not in created.text

    done = await group.alice.say("/did 1")
    assert words.gettext("✅ #{number} {title}: done today.", number=1, title=title) in done.text
    # Set on a Saturday: this week asks for the one day left in it.
    assert words.gettext("{done}/{asked} this week", done="1", asked=1) in done.text
    cheer = "🎉 {who} met {title} for a whole week, the first one!"
    assert words.gettext(cheer, who="Alice", title=title) in done.text
    undone = await group.alice.say("/undo 1")
    took_back = "↩️ Took back today's entry for #{number} {title}."
    assert words.gettext(took_back, number=1, title=title) in undone.text
    assert words.gettext("{done}/{asked} this week", done="0", asked=1) in undone.text

    clock.now = SATURDAY_20
    await run_tick(bot)
    head = words.gettext("🔁 Habits for {day}", day=words.day(SATURDAY_20.date(), START.date()))
    (prompt,) = [m for m in emulator.bot_messages(group.chat) if m.text.startswith(head)]
    assert words.gettext("Tap yours when it's done (or /did and its number).") in prompt.text
    button = f"✅ {title} · Alice"
    refused = await group.bob.press(prompt, button)
    mine_only = "That one is {owner}'s habit: only {owner} can log it. Yours carry your name."
    assert refused["text"] == words.gettext(mine_only, owner="Alice")
    toast = await group.alice.press(prompt, button)
    assert toast["text"].startswith(words.gettext("✅ {title}: done today", title=title))
    shown = words.gettext("🎉 All done for the day. Well kept!")
    await emulator.wait_until(lambda: shown in prompt.text, what="the prompt edited")
    assert words.gettext("{done}/{asked} this week", done="1", asked=1) in prompt.text


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: str(f.lang))
async def test_pictures_the_report_and_the_files_speak_the_language(
    flow: Flow, group: Group, emulator: BotApiEmulator
) -> None:
    words, title = Words(flow.lang), TITLES[flow.lang]
    await group.alice.say(f"/language {flow.lang.value}")
    await group.alice.say(flow.goal)
    await group.alice.say(flow.progress)  # 2,5 km
    await group.alice.say(flow.habit)
    await group.alice.say("/did 2")

    chart = await picture(emulator, group, "/chart 1")
    assert chart.text.startswith("📈 #1 ") and f"{NOW[flow.lang]} 2,5" in chart.text
    habit_chart = await picture(emulator, group, "/chart 2")
    assert words.ngettext("{n} day done", "{n} days done", 1) in habit_chart.text
    assert "day done" not in habit_chart.text
    timeline = await picture(emulator, group, "/timeline")
    heading = words.gettext("Goals timeline · {chat}", chat="Runners Club")
    counted = words.ngettext("🗓 {title}: {n} goal", "🗓 {title}: {n} goals", 1, title=heading)
    assert timeline.text.startswith(counted)

    before = len(photos(emulator, group))
    report = await group.alice.say("/report")
    await emulator.wait_until(lambda: len(photos(emulator, group)) > before, what="its timeline")
    assert report.text.startswith(_around(words, "📊 Report · {period}", period=1)[0])
    for part in _around(words, "Habits: {percent} of what was asked done", percent=1):
        assert part in report.text
    assert "Report" not in report.text and "of what was asked" not in report.text

    ics = await document(emulator, group, "/calendar")
    assert ics.file is not None and ics.file.filename == "goals.ics"
    (event,) = [
        e for e in Calendar.from_ical(ics.file.data).walk("VEVENT") if "🔁" in str(e["summary"])
    ]
    assert str(event["summary"]) == f"🔁 #2 {title} (Alice)"
    description = str(event["description"])
    log_it = words.gettext("{rule}. Log each time with /did {number}.", rule="", number=2)
    assert description.endswith(log_it.removeprefix("."))
    often = words.ngettext("{n} time a week", "{n} times a week", 3)
    assert description.startswith(often[0].upper() + often[1:])

    export = await document(emulator, group, "/export")
    assert export.file is not None and export.file.filename == "group-data.zip"
    assert export.text == words.gettext(
        "🗂 This group's goals, milestones, progress, check-ins and habits (CSV). "
        "Your own data from every chat: /export in a private chat with me."
    )
    archive = zipfile.ZipFile(io.BytesIO(export.file.data))
    (goal,) = read_csv(archive, "goals.csv", ";")
    assert "title" not in goal and goal[column_name("title", words)].startswith(
        flow.goal.split()[1]
    )
    current = goal[column_name("current", words)]
    assert current == "2,5" and float(current.replace(",", ".")) == 2.5
    (logged,) = read_csv(archive, "progress.csv", ";")
    assert float(logged[column_name("value", words)].replace(",", ".")) == 2.5
    (habit,) = read_csv(archive, "habits.csv", ";")
    assert habit[column_name("title", words)] == title


async def test_an_english_export_keeps_its_commas_and_column_names(
    group: Group, emulator: BotApiEmulator
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/progress 1 2.5")
    export = await document(emulator, group, "/export")
    assert export.file is not None
    archive = zipfile.ZipFile(io.BytesIO(export.file.data))
    text = archive.read("goals.csv").decode("utf-8-sig")
    assert text.startswith("number,owner,title,why,target,baseline,unit,current,deadline,")
    (goal,) = read_csv(archive, "goals.csv", ",")
    assert goal["current"] == "2.5" and goal["target"] == "42.0"
    assert export.text.startswith("🗂 This group's goals")


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: str(f.lang))
async def test_the_example_habits_a_refusal_suggests_are_read_as_written(
    flow: Flow, group: Group
) -> None:
    words = Words(flow.lang)
    await group.alice.say(f"/language {flow.lang.value}")
    example = words.gettext(EXAMPLE)
    assert example != EXAMPLE
    first, second = (part.strip() for part in example.split("  ") if part.startswith("/habit"))
    for number, typed in enumerate((first, second), start=1):
        created = await group.alice.say(typed)
        assert f"#{number}" in created.text
        assert words.gettext("Streak and strength show in /goals.") in created.text
    habit = (await group.alice.say("/goals")).text
    assert "10" in habit and "3" in habit


@pytest.mark.parametrize("lang", [f.lang for f in FLOWS], ids=str)
def test_habit_refusals_read_in_the_language(lang: Lang) -> None:
    words = Words(lang)
    missing = explain(HabitNotFound(9), "did", "", words)
    assert words.gettext(EXAMPLE) in missing and "There's no habit" not in missing
    twice = explain(AlreadyDoneToday(3, "Gym", yesterday=False, times=2), "did", "", words)
    assert twice == words.gettext(
        "#{n} {title} already counts in full for today ({times} times). "
        "Logged it by mistake? /undo {n}",
        n=3,
        title="Gym",
        times=2,
    )
    assert "already counts" not in twice
    english = explain(NotHabitOwner(2, "Bob"), "did", "", Words(Lang.EN))
    assert english == "Habit #2 is Bob's: only Bob can log it. Set your own with /habit."


@pytest.mark.parametrize("flow", FLOWS, ids=lambda f: str(f.lang))
async def test_a_goal_with_nothing_to_draw_is_refused_with_examples_that_work(
    flow: Flow, group: Group
) -> None:
    words = Words(flow.lang)
    await group.alice.say(f"/language {flow.lang.value}")
    await group.alice.say(flow.goal.split(" Ziel ")[0].split(" цель ")[0].split(" meta ")[0])
    refusal = explain(NothingToChart(1), "chart", "1", words)
    target, _or, milestone = refusal.split(": ", 1)[1].split("  ")
    assert "no progress to draw" not in refusal
    assert "1.1" in (await group.alice.say(milestone)).text
    assert target.startswith("/target 1 10 ")
    set_target = await group.alice.say(target)
    assert "10" in set_target.text and "/target" not in set_target.text  # not a refusal


DAILY_UNTIL = {
    Lang.DE: "/habit Lesen jeden Tag bis 2026-11-29",
    Lang.ES: "/habit Leer todos los días hasta 2026-11-29",
    Lang.RU: "/habit Чтение каждый день до 2026-11-29",
    Lang.PT_BR: "/habit Ler todo dia até 2026-11-29",
}


@pytest.mark.parametrize("lang", list(DAILY_UNTIL), ids=str)
async def test_a_habits_end_is_summed_up_in_the_language(
    lang: Lang,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    created = await group.alice.say(DAILY_UNTIL[lang])
    title = DAILY_UNTIL[lang].split()[1]
    assert words.gettext("every day") in created.text
    for _ in range(2):  # Saturday and Sunday, its last day
        await run_tick(bot)
        await group.alice.say("/did 1")
        clock.advance(days=1)
    await run_tick(bot)
    last, today = date(2026, 11, 29), clock.now.date()
    head = words.gettext(
        "🏁 Habit #{number} {title} of {name} has reached its end date ({day}).",
        number=1,
        title=title,
        name="Alice",
        day=words.day(last, today),
    )
    await emulator.wait_until(
        lambda: any(head in m.text for m in emulator.bot_messages(group.chat)), what=head
    )
    (summary,) = [m.text for m in emulator.bot_messages(group.chat) if head in m.text]
    best = "🔥 " + words.ngettext("{n} day", "{n} days", 2)
    assert "has reached its end date" not in summary and "best streak" not in summary
    counted = words.ngettext(
        "Done {n} time from {first} · best streak {streak} · strength {strength}% at the end",
        "Done {n} times from {first} · best streak {streak} · strength {strength}% at the end",
        2,
        first=words.day(START.date(), today),
        streak=best,
        strength="\x00",
    )
    assert counted.split("\x00")[0] in summary
