"""Usage examples and refusals in each language, through the HTTP emulator: every example a
refusal or /help shows, sent as it reads in a group of that language (with a real goal number
for {n}), is taken; a malformed /goal, /progress, /milestone or /did is refused in the
language, with its example; /help lists every command."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.domain.errors import UsageProblem, UserError
from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, Chat
from bot.emulator.html_text import visible_text
from bot.emulator.person import Person
from bot.emulator.world import SentMessage
from bot.handlers import common
from bot.render import commands
from bot.render import common as common_text
from bot.render.commands import EXAMPLES, PROBLEM_EXAMPLES
from bot.render.i18n import ENGLISH, Words
from bot.render.reports import column_name
from bot.render.start import (
    COMMANDS,
    EDITED_COMMAND,
    GROUP_ONLY,
    GROUP_ONLY_REPLIES,
    slow_down,
)
from tests.conftest import START, FakeClock, Forum, Group, peek

LANGS = [Lang.DE, Lang.ES, Lang.PT_BR, Lang.RU]
NOTE = re.compile(r"\s{2}\([^)]*\)")  # "  (a milestone)": what an example says about itself
ALTERNATIVE = re.compile(r"\s{2}\S+\s{2}")  # "  or  " in the language
# Names the examples hold a place for, and the members of the test group who stand in.
STAND_INS = {"@username": "@bob", "@coach": "@carol"}


def sendable(example: str) -> list[str]:
    """The commands an example shows, each as a member would copy it."""
    commands_shown = ALTERNATIVE.split(NOTE.sub("", example))
    for placeholder, member in STAND_INS.items():
        commands_shown = [c.replace(placeholder, member) for c in commands_shown]
    return [c.strip() for c in commands_shown]


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every refusal the bot explains while the test runs (the reply says so too; this names
    the error, so a failure says which one)."""
    seen: list[str] = []
    real = common.explain

    def explaining(error: UserError, command: str, args: str = "", words: Words = ENGLISH) -> str:
        seen.append(f"{type(error).__name__} for /{command} {args}")
        return real(error, command, args, words)

    monkeypatch.setattr(common, "explain", explaining)
    yield seen


def example(lang: Lang, key: str, n: int = 7) -> list[str]:
    """The example's commands in the language, with goal number n."""
    return sendable(Words(lang).gettext(EXAMPLES[key], n=n))


# Goals and habits the examples act on, set in English (read in every language) between them.
SETUP = {
    "milestone": [
        "/goal Second by 2027-05-31",  # 2
        "/milestone 2 First by 2027-01-31",
        "/milestone 2 Second by 2027-02-28",
        "/goal Third by 2027-05-31",  # 3
        "/milestone 3 First by 2027-01-31",
        "/goal Fourth by 2027-05-31",  # 4, 5: no target yet
        "/goal Fifth by 2027-05-31",
    ],
    "rename": ["/milestone 1 Second by 2027-02-28"],
    "did": ["/habit Read at least 20 pages every day"],  # 8
}
# The examples in the order they are sent, with the goal or habit number each command of the
# example stands for: goal #1 comes from the /goal example, habits #6 and #7 from /habit.
ORDER: list[tuple[str, tuple[int, ...]]] = [
    ("goal", ()), ("milestone", (1,)), ("why", (1,)), ("progress", (1, 1, 1)), ("undo", (1,)),
    ("target", (4, 5)), ("rename", (1, 1)), ("reschedule", (2, 2)), ("done", (3, 3)),
    ("reopen", (3, 3)), ("journal", (1,)), ("chart", (1,)), ("goals", ()), ("timeline", ()),
    ("report", ()), ("calendar", ()), ("export", ()), ("habit", ()), ("did", (7, 8, 6)),
    ("schedule", ()), ("timezone", ()), ("checkin", ()), ("reflect", ()), ("pause", ()),
    ("resume", ()), ("partner", ()), ("unpartner", ()), ("mentor", ()), ("feedback", ()),
    ("unmentor", ()), ("delete", (1,)), ("abandon", (2,)),
]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_every_example_works_as_written_in_the_language(
    lang: Lang,
    group: Group,
    emulator: BotApiEmulator,
    clock: FakeClock,
    db_path: Path,
    refusals: list[str],
) -> None:
    async def say(person: Person, text: str) -> SentMessage:
        clock.advance(seconds=10)  # a member types: flood control never steps in
        return await person.say(text)

    elsewhere = {"digest", "forgetme", "language"}  # in private, and last
    wizard = {key for key in EXAMPLES if key.startswith("wizard_")}  # a test of its own
    assert {key for key, _ in ORDER} | elsewhere | wizard == set(EXAMPLES)

    await say(group.alice, f"/language {lang.value}")
    await say(group.bob, "/goals")
    await say(group.carol, "/goals")  # the bot knows @bob and @carol
    for key, numbers in ORDER:
        if key == "did":
            clock.advance(days=1)  # so a habit set yesterday can be logged for yesterday
        for text in SETUP.get(key, []):
            await say(group.alice, text)
        sender = group.carol if key == "feedback" else group.alice
        # {n} stays a placeholder until each command of the example gets its own number.
        for i, text in enumerate(sendable(Words(lang).gettext(EXAMPLES[key], n="{n}"))):
            reply = await say(sender, text.format(n=numbers[i] if numbers else 7))
            if key == "partner":  # Bob accepts (the first button), so there is one to end
                await group.bob.press(reply, reply.buttons()[0]["text"])
        if key == "schedule":  # the examples for a problem with /schedule (topics: below)
            for problem, fitting in PROBLEM_EXAMPLES.items():
                if problem is UsageProblem.BAD_SCHEDULE_HERE:
                    continue
                for text in sendable(Words(lang).gettext(fitting)):
                    await say(group.alice, text)
        if key == "feedback":  # a mentor's digest comes to their private chat
            carol = emulator.person(group.carol.user, emulator.private_chat(group.carol.user))
            await say(carol, "/start")
            for text in example(lang, "digest"):
                assert "🧭" in (await say(carol, text)).text
    bob = emulator.person(group.bob.user, emulator.private_chat(group.bob.user))
    for text in example(lang, "forgetme"):
        assert (await say(bob, text)).buttons()  # it asks first
    assert not refusals
    conn = peek(db_path)
    try:  # what the /goal, /progress and /habit examples said is what is stored
        goal = conn.execute("SELECT deadline, target, current FROM goals WHERE number = 1")
        habit = conn.execute("SELECT times, per, until FROM habits WHERE number = 7")
        assert (goal.fetchone(), habit.fetchone()) == (
            ("2027-06-30", 42, 8),
            (3, "week", "2027-03-31"),
        )
    finally:
        conn.close()
    (switched,) = example(lang, "language")
    assert "🌐" in (await say(group.alice, switched)).text
    assert not refusals


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_the_topic_example_works_in_a_topic(
    lang: Lang, forum: Forum, refusals: list[str]
) -> None:
    await forum.alice.say(f"/language {lang.value}")
    for text in sendable(Words(lang).gettext(PROBLEM_EXAMPLES[UsageProblem.BAD_SCHEDULE_HERE])):
        assert "Running" in (await forum.alice.say(text)).text, text
    assert not refusals


def refusal(lang: Lang, problem: UsageProblem, command: str, args: str = "") -> str:
    """What a member of a chat in the language is told for a malformed command."""
    words = Words(lang)
    return (
        f"{words.gettext(commands.USAGE[problem])}\n{commands.example_line(command, args, words)}"
    )


EXAMPLE_WORD = {Lang.DE: "Beispiel: /", Lang.ES: "Ejemplo: /", Lang.PT_BR: "Exemplo: /",
                Lang.RU: "Пример: /"}  # fmt: skip
# A title, and the words before a deadline and a target, in each language.
TITLE = {Lang.DE: "Marathon laufen", Lang.ES: "Correr un maratón",
         Lang.PT_BR: "Correr uma maratona", Lang.RU: "Пробежать марафон"}  # fmt: skip
BY = {Lang.DE: "bis", Lang.ES: "para", Lang.PT_BR: "até", Lang.RU: "до"}
TARGET = {Lang.DE: "Ziel", Lang.ES: "meta", Lang.PT_BR: "meta", Lang.RU: "цель"}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_bad_input_is_refused_in_the_language_with_its_example(
    lang: Lang, group: Group
) -> None:
    await group.alice.say(f"/language {lang.value}")
    title = TITLE[lang]
    cases = [
        (f"/goal {title}", refusal(lang, UsageProblem.NO_DEADLINE, "goal")),
        ("/milestone", refusal(lang, UsageProblem.NO_GOAL_NUMBER, "milestone")),
        (
            f"/goal {title} {BY[lang]} 2027-04-30 {TARGET[lang]} viel",
            refusal(lang, UsageProblem.BAD_TARGET, "goal"),
        ),
        (f"/goal {title} {BY[lang]} 2027-04-30", None),  # goal #1
        ("/progress", refusal(lang, UsageProblem.NO_GOAL_NUMBER, "progress")),
        ("/progress 1", refusal(lang, UsageProblem.NO_VALUE, "progress", "1")),
        ("/progress 1 viel", refusal(lang, UsageProblem.BAD_VALUE, "progress", "1")),
        (f"/milestone 1 {title}", refusal(lang, UsageProblem.NO_DEADLINE, "milestone", "1")),
        ("/did", refusal(lang, UsageProblem.NO_GOAL_NUMBER, "did")),
        ("/did 1 -3", refusal(lang, UsageProblem.NEGATIVE_DID, "did", "1")),
    ]
    for text, expected in cases:
        reply = (await group.alice.say(text)).text
        if expected is None:
            continue
        assert reply == expected, text
        assert EXAMPLE_WORD[lang] in reply
    words = Words(lang)
    unreadable = (await group.alice.say(f"/goal {title} {BY[lang]} 2027-02-30")).text
    assert (
        words.gettext(
            "I couldn't read “{text}” as a date. Try 2027-04-30, next friday, in 3 weeks or end of "
            "month.",
            text="2027-02-30",
        )
        in unreadable
    )
    past = (await group.alice.say(f"/goal {title} {BY[lang]} 2026-11-20")).text
    assert past.startswith(
        words.gettext(
            "{day} is in the past: pick {earliest} or later.",
            day=words.day(date(2026, 11, 20), START.date()),
            earliest=words.day(date(2026, 11, 29), START.date()),
        )
    )
    assert EXAMPLE_WORD[lang] + "goal" in past


# The /help examples in the order they are sent; they name goal #1 and habit #2 themselves.
HELP_ORDER = [
    "goal", "milestone", "why", "progress", "undo", "target", "did", "goals",
    "summary", "checkin", "reflect", "schedule", "timezone", "journal", "pause", "resume",
    "timeline", "chart", "report", "calendar", "export", "reschedule", "rename", "delete",
    "abandon", "done", "reopen", "cancel", "help", "habit", "partner", "unpartner", "mentor", "feedback",
    "unmentor",
]  # fmt: skip


# What the /help examples take as given, set in English before them.
HELP_SETUP = {
    "milestone": ["/habit Read at least 20 pages every day"],  # 2
    "rename": ["/milestone 1 Second by 2027-03-15"],
    "done": ["/done 1.2"],  # so that /reopen 1.2 has something to reopen
}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_help_shows_each_command_with_an_example_that_works_in_the_language(
    lang: Lang, group: Group, clock: FakeClock, refusals: list[str]
) -> None:
    await group.alice.say(f"/language {lang.value}")
    await group.bob.say("/goals")
    await group.carol.say("/goals")
    words = Words(lang)
    listing = (await group.alice.say("/help")).text
    samples = {command: sample for command, _, sample in COMMANDS}
    for command, what, sample in COMMANDS:
        assert f"/{command}: {words.gettext(what)}\n   {words.gettext(sample)}" in listing
    assert set(HELP_ORDER) | {"language", "forgetme", "digest"} == set(samples)
    for command in HELP_ORDER:
        for text in HELP_SETUP.get(command, []):
            await group.alice.say(text)
        if command == "did":
            clock.advance(days=1)  # habit #2 was set yesterday: /did 2 yesterday counts
        for text in sendable(words.gettext(samples[command])):
            if not text.startswith("/"):
                continue  # "-1" after "/progress 1 +5  or": the same command, shorter
            clock.advance(seconds=10)
            sender = group.carol if command == "feedback" else group.alice
            reply = await sender.say(text)
            if command == "partner":
                await group.bob.press(reply, reply.buttons()[0]["text"])
            if command == "did":  # each way of logging is shown on its own: take it back
                await group.alice.say("/undo 2")
    assert not refusals


TELEGRAM_CODE = {Lang.DE: "de", Lang.ES: "es", Lang.PT_BR: "pt-br", Lang.RU: "ru"}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_what_is_said_around_the_commands_is_in_the_language(
    lang: Lang,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    words = Words(lang)
    user = emulator.add_user("Ana", "ana", language_code=TELEGRAM_CODE[lang])
    here = emulator.person(user, emulator.private_chat(user))
    assert (await here.say("/summary")).text == words.gettext(GROUP_ONLY_REPLIES["summary"])
    assert (await here.say("/gaol x")).text == words.gettext(
        "I don't know {word}. Did you mean {again}? Everything I can do: /help",
        word="/gaol",
        again="/goal x",
    )
    assert (await here.say("/zzz")).text == words.gettext(
        "I don't know {word}. Here's what I can do: /help", word="/zzz"
    )
    assert (await here.say("hello?")).text == words.gettext(
        "I work with commands. Start with /goal, or see everything with /help."
    )
    chat = emulator.add_group("Lauftreff", admins=(user,))
    await emulator.add_bot(chat, by=user)
    hello = await emulator.next_bot_message(chat, 0)
    assert hello.text.startswith(words.gettext("👋 Hi {group}! I'm your accountability bot: set "
        "SMART goals, break them into milestones, check in weekly, and I'll celebrate every win "
        "here.\nStart with /goal, or see everything with /help.\nTap below once so I can send "
        "you private notes (partners, mentors).", group="Lauftreff"))  # fmt: skip
    assert [b["text"] for b in hello.buttons()] == [words.gettext("Open a private chat")]
    member = emulator.person(user, chat)
    await member.say("/goals")
    sent = next(m for m in emulator.messages if m.chat is chat and m.text == "/goals")
    before = len(emulator.bot_messages(chat))
    await emulator.edit(sent, "/goals all")
    edited = await emulator.next_bot_message(chat, before)
    assert edited.text == words.gettext(EDITED_COMMAND)


def test_the_slow_down_notice_counts_minutes_in_the_language() -> None:
    assert slow_down("Ira", timedelta(minutes=1), Words(Lang.RU)).count("на 1 минуту") == 1
    assert "на 2 минуты" in slow_down("Ira", timedelta(minutes=2), Words(Lang.RU))
    assert "5 Minuten" in slow_down("Ira", timedelta(minutes=5), Words(Lang.DE))
    assert "1-minute breather" in slow_down("Ira", timedelta(minutes=1))


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_the_guided_goal_shows_examples_that_answer_its_questions(
    lang: Lang, group: Group, db_path: Path
) -> None:
    await group.alice.say(f"/language {lang.value}")
    words = Words(lang)
    alice = group.alice
    question = await alice.say("/goal")
    question = await alice.say(words.gettext(EXAMPLES["wizard_title"]), reply_to=question)
    question = await alice.say("once", reply_to=question)
    question = await alice.say("someday-ish", reply_to=question)  # refused, with the example
    assert commands.example_line("wizard_deadline", "", words) in question.text
    question = await alice.say(words.gettext(EXAMPLES["wizard_deadline"]), reply_to=question)
    question = await alice.say("skip", reply_to=question)
    await alice.say(words.gettext(EXAMPLES["wizard_why"]), reply_to=question)
    question = await group.bob.say("/goal")
    question = await group.bob.say("Gym", reply_to=question)
    # How often answers "once, or repeating?" too.
    question = await group.bob.say(words.gettext(EXAMPLES["wizard_how_often"]), reply_to=question)
    question = await group.bob.say("someday-ish", reply_to=question)
    assert commands.example_line("wizard_until", "", words) in question.text
    await group.bob.say(words.gettext(EXAMPLES["wizard_until"]), reply_to=question)
    conn = peek(db_path)
    try:
        goal = conn.execute("SELECT title, deadline, why FROM goals").fetchone()
        habit = conn.execute("SELECT times, per, until FROM habits").fetchone()
    finally:
        conn.close()
    assert goal == (
        words.gettext(EXAMPLES["wizard_title"]),
        "2026-12-31",
        words.gettext(EXAMPLES["wizard_why"]),
    )
    assert habit == (4, "week", "2027-03-31")


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_help_in_private_lists_its_commands_and_the_group_ones_in_the_language(
    lang: Lang,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
) -> None:
    words = Words(lang)
    user = emulator.add_user("Ana", "ana", language_code=TELEGRAM_CODE[lang])
    listing = (await emulator.person(user, emulator.private_chat(user)).say("/help")).text
    for command, what, sample in COMMANDS:
        if command in GROUP_ONLY:
            assert f"/{command}:" not in listing
        elif command != "goals":  # in private: every chat's goals (below)
            assert f"/{command}: {words.gettext(what)}\n   {words.gettext(sample)}" in listing
    assert f"/goals: {words.gettext('your goals from every chat')}" in listing
    in_groups = ", ".join(f"/{c}" for c, _, _ in COMMANDS if c in GROUP_ONLY)
    assert words.gettext("In a group also: {commands}.", commands=in_groups) in listing


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_a_forged_press_and_a_post_as_a_channel_are_answered_in_the_language(
    lang: Lang, group: Group, emulator: BotApiEmulator
) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    question = await group.alice.say("/abandon 1")
    toast = await group.alice.press_data(question, "v1:abandon:999:yes")
    assert toast["text"] == words.gettext(common_text.STALE_BUTTON) != common_text.STALE_BUTTON
    channel = Chat(-1009990001, "channel", title="Club news")
    before = len(emulator.bot_messages(group.chat))
    await emulator.send(group.alice.user, group.chat, "/goals", as_channel=channel)
    reply = await emulator.next_bot_message(group.chat, before)
    assert reply.text == visible_text(words.gettext(common_text.AS_CHANNEL))
    await emulator.send(group.alice.user, group.chat, "/goals", as_group=True)
    reply = await emulator.next_bot_message(group.chat, before + 1)
    assert reply.text == visible_text(words.gettext(common_text.ANONYMOUS))


EVERYONE = {Lang.DE: "alle", Lang.ES: "todas", Lang.PT_BR: "todas", Lang.RU: "все"}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_everyones_goals_are_asked_for_in_the_language(lang: Lang, group: Group) -> None:
    await group.alice.say(f"/language {lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.bob.say("/goal Read 12 books by 2027-06-30")
    assert "Read 12 books" not in (await group.alice.say("/goals")).text
    listing = (await group.alice.say(f"/goals {EVERYONE[lang]}")).text
    assert "Run a marathon" in listing and "Read 12 books" in listing


WEEKDAYS_WORD = {Lang.DE: "werktags", Lang.ES: "laborables", Lang.PT_BR: "úteis", Lang.RU: "будни"}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_monday_to_friday_reads_as_such_in_the_schedule(lang: Lang, group: Group) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    reply = await group.alice.say(f"/schedule checkin {WEEKDAYS_WORD[lang]} 09:00")
    on_weekdays = words.pgettext("schedule", "weekdays")
    assert words.gettext("{days} at {time}", days=on_weekdays, time="09:00") in reply.text
    # The same English word as an export's column is the days a habit runs on.
    assert on_weekdays != column_name("weekdays", words)


READ_DAILY = {
    Lang.DE: "/habit Lesen täglich", Lang.ES: "/habit Leer todos los días",
    Lang.PT_BR: "/habit Ler todos os dias", Lang.RU: "/habit Читать каждый день",
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_a_habit_named_in_the_language_is_coached_in_it(
    lang: Lang, group: Group, db_path: Path
) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    reply = (await group.alice.say(READ_DAILY[lang])).text
    pages = words.ngettext("{n} page", "{n} pages", 20)
    assert words.gettext("at least {amount}", amount=pages) in reply and "pages" not in reply
    smart_line = next(line for line in reply.splitlines() if line.startswith("SMART"))
    assert smart_line.split()[1] == "✅"  # specific: reading is something one repeats
    # The command the tip suggests works as typed, with the unit in the language.
    suggested = next(line for line in reply.splitlines() if "/habit" in line)
    command = re.search(r"/habit [^()]*?" + re.escape(pages), suggested)
    assert command is not None
    await group.alice.say(command.group(0))
    conn = peek(db_path)
    try:
        amounts = conn.execute("SELECT amount, unit FROM habits ORDER BY number").fetchall()
    finally:
        conn.close()
    assert amounts[-1] == (20.0, pages.split(" ", 1)[1])


QUOTES = {Lang.DE: ("„", "“"), Lang.ES: ("«", "»"), Lang.PT_BR: ("“", "”"), Lang.RU: ("«", "»")}


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_a_members_own_words_are_quoted_as_the_language_quotes(
    lang: Lang, group: Group
) -> None:
    opening, closing = QUOTES[lang]
    await group.alice.say(f"/language {lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    why = await group.alice.say("/why 1 I want to run with my kids")
    assert f"{opening}I want to run with my kids{closing}" in why.text


NATIVE_COMMANDS = {
    Lang.DE: ("/fortschritt 1 5", "/progress 1 5"), Lang.ES: ("/progreso 1 5", "/progress 1 5"),
    Lang.PT_BR: ("/progresso 1 5", "/progress 1 5"), Lang.RU: ("/прогресс 1 5", "/progress 1 5"),
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS, ids=str)
async def test_a_command_named_in_the_language_is_answered_with_the_real_one(
    lang: Lang, group: Group
) -> None:
    typed, meant = NATIVE_COMMANDS[lang]
    await group.alice.say(f"/language {lang.value}")
    reply = await group.alice.say(typed)
    assert meant in reply.text and "/help" in reply.text


async def test_a_command_word_with_letters_past_latin_is_still_answered(group: Group) -> None:
    # Telegram takes '/löschen' for the command '/l': the whole word is what was meant.
    await group.alice.say("/language de")
    await group.alice.say("/goal Marathon laufen bis Ende März")
    await group.alice.say("/milestone 1 Halbmarathon bis 15.02.")
    reply = await group.alice.say("/löschen 1.1")
    assert "/delete 1.1" in reply.text
