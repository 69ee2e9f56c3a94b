"""Goals and milestones in a group's own language, through the HTTP emulator: every reply
of /goal, /milestone, /progress, /done (the celebration), /goals, /target, /reschedule,
/rename, /why, /undo, /reopen, /abandon and /delete is in that language, with no English
sentence left, and the commands the replies suggest work when typed back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, SentMessage
from bot.render.i18n import Words
from tests.conftest import Group, peek


@dataclass(frozen=True)
class Speaker:
    """What a member of a group in this language types, and words its replies must use."""

    lang: Lang
    goal: str  # a goal with a date and a target in the language's words
    title: str  # the title the goal is stored with
    milestone: str
    milestone_title: str
    reschedule: str  # a new deadline in the language's words, and why
    reason: str  # the reason as stored (after the word for "because")
    why: str
    target: str  # a new target, with a baseline in the language's words
    smart_word: str  # "measurable" as the SMART line says it


SPEAKERS = [
    Speaker(Lang.DE, "/goal Marathon laufen bis Ende März Ziel 42 km", "Marathon laufen",
            "/milestone 1 Halbmarathon bis 15.02.", "Halbmarathon",
            "/reschedule 1 30. April weil ich krank war", "ich krank war", "Ich will mit 40 fit sein",
            "/target 1 75 kg von 80", "messbar"),
    Speaker(Lang.ES, "/goal Correr un maratón hasta el 30 de abril meta 42 km", "Correr un maratón",
            "/milestone 1 Media maratón antes del 15 de febrero", "Media maratón",
            "/reschedule 1 31 de mayo porque estuve enfermo", "estuve enfermo", "Quiero estar en forma",
            "/target 1 75 kg desde 80", "medible"),
    Speaker(Lang.PT_BR, "/goal Correr uma maratona até 30 de abril meta 42 km",
            "Correr uma maratona", "/milestone 1 Meia maratona até 15 de fevereiro",
            "Meia maratona", "/reschedule 1 31 de maio porque fiquei doente", "fiquei doente",
            "Quero ficar em forma", "/target 1 75 kg desde 80", "mensurável"),
    Speaker(Lang.RU, "/goal Пробежать марафон до конца марта цель 42 км", "Пробежать марафон",
            "/milestone 1 Полумарафон до 15 февраля", "Полумарафон",
            "/reschedule 1 30 апреля потому что болел", "болел", "Хочу быть в форме",
            "/target 1 75 кг от 80", "измеримая"),
]  # fmt: skip

# Words that only an English reply of these commands would hold.
ENGLISH = re.compile(
    r"\b(Goal|goal #|milestone|Milestone|celebrat\w*|completed|achieved|Next|due|Well done|"
    r"specific|measurable|on track|Log progress|Everyone|Reason|moved from|Took back|"
    r"active again|open again|Remove|Keep it|Abandon|stays on|now has)\b"
)


def english_in(reply: SentMessage) -> list[str]:
    """The English words left in a reply (commands like /goal and /milestone excluded)."""
    return ENGLISH.findall(re.sub(r"/\w+", "", reply.text))


def stored(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = peek(db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_goal_milestone_progress_done_and_goals_answer_in_the_language(
    s: Speaker, group: Group, db_path: Path
) -> None:
    words = Words(s.lang)
    await group.alice.say(f"/language {s.lang.value}")

    created = await group.alice.say(s.goal)
    head = words.gettext(
        "🎯 Goal #{number} for {name}: {title}", number=1, name="Alice", title=s.title
    )
    assert head in created.text and s.smart_word in created.text
    assert english_in(created) == [], created.text

    added = await group.alice.say(s.milestone)
    assert (
        words.gettext(
            "📍 Milestone {ref} for {name}: {title}",
            ref="1.1",
            name="Alice",
            title=s.milestone_title,
        )
        in added.text
    )
    assert english_in(added) == [], added.text

    logged = await group.alice.say("/progress 1 2,5")
    assert "2,5 / 42" in logged.text
    assert english_in(logged) == [], logged.text

    celebrated = await group.alice.say("/done 1.1")
    party = words.gettext(
        '🎉 {name} completed milestone {ref} "{title}"!',
        name="Alice",
        ref="1.1",
        title=s.milestone_title,
    )
    assert party in celebrated.text
    assert english_in(celebrated) == [], celebrated.text

    listed = await group.alice.say("/goals")
    assert words.gettext("Goals of {name}", name="Alice") in listed.text
    assert f"✅ 1.1 {s.milestone_title} · " in listed.text
    assert english_in(listed) == [], listed.text

    everyone = await group.alice.say("/goals all")
    assert words.gettext("Everyone's goals") in everyone.text
    assert english_in(everyone) == [], everyone.text

    achieved = await group.alice.say("/done 1")
    trophy = words.gettext(
        "🏆 {name} achieved goal #{number} {title}!", name="Alice", number=1, title=s.title
    )
    assert trophy in achieved.text
    assert words.gettext("🎉 Well done! What's next? /goal") in achieved.text
    assert english_in(achieved) == [], achieved.text


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_changing_a_goal_answers_in_the_language(
    s: Speaker, group: Group, db_path: Path
) -> None:
    words = Words(s.lang)
    await group.alice.say(f"/language {s.lang.value}")
    await group.alice.say(s.goal)
    await group.alice.say(s.milestone)
    replies = {
        "why": await group.alice.say(f"/why 1 {s.why}"),
        "reschedule": await group.alice.say(s.reschedule),
        "rename": await group.alice.say(f"/rename 1.1 {s.milestone_title} 21 km"),
        "target": await group.alice.say(s.target),
        "progress": await group.alice.say("/progress 1 78,5"),
        "undo": await group.alice.say("/undo 1"),
        "done": await group.alice.say("/done 1"),
        "reopen": await group.alice.say("/reopen 1"),
    }
    for command, reply in replies.items():
        assert english_in(reply) == [], (command, reply.text)
    assert (
        words.gettext(
            "🎯 Goal #{number} {title}: why it matters is noted.", number=1, title=s.title
        )
        in replies["why"].text
    )
    assert words.gettext("Reason: {reason}", reason=s.reason) in replies["reschedule"].text
    assert "⏰" in replies["reschedule"].text
    assert (
        words.gettext(
            "📍 Milestone {ref} is now “{title}” (was “{old}”).",
            ref="1.1",
            title=f"{s.milestone_title} 21 km",
            old=s.milestone_title,
        )
        in replies["rename"].text
    )
    assert "75 kg" in replies["target"].text or "75 кг" in replies["target"].text
    assert "78,5" in replies["progress"].text
    assert "78,5" in replies["undo"].text and "↩️" in replies["undo"].text
    assert (
        words.gettext("↩️ Goal #{number} is active again (it was achieved).", number=1)
        in replies["reopen"].text
    )
    await group.alice.say("/reschedule 1 2027-06-15")  # moved a second time
    listed = await group.alice.say("/goals")
    assert " · " + words.ngettext("moved {n}×", "moved {n}×", 2) in listed.text, listed.text
    assert english_in(listed) == [], listed.text


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_abandon_and_delete_ask_in_the_language(
    s: Speaker, group: Group, emulator: BotApiEmulator
) -> None:
    words = Words(s.lang)
    await group.alice.say(f"/language {s.lang.value}")
    await group.alice.say(s.goal)
    await group.alice.say(s.milestone)

    question = await group.alice.say("/delete 1.1")
    assert english_in(question) == [], question.text
    toast = await group.bob.press(question, words.gettext("Remove {ref}", ref="1.1"))
    assert toast["text"] == words.gettext(
        "Only {name} can remove milestone {ref}.", name="Alice", ref="1.1"
    )
    toast = await group.alice.press(question, words.gettext("Remove {ref}", ref="1.1"))
    assert toast["text"] == words.gettext("Milestone removed")

    question = await group.alice.say("/abandon 1")
    assert english_in(question) == [], question.text
    toast = await group.alice.press(question, words.gettext("Keep it"))
    assert toast["text"] == words.gettext("Kept")
    kept = words.gettext(
        "Goal #{number} {title} stays on. Keep going, {name}!",
        number=1,
        title=s.title,
        name="Alice",
    )
    await emulator.wait_until(lambda: kept in question.text, what="the question shows it stays")


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_the_commands_the_replies_suggest_work_as_typed(
    s: Speaker, group: Group, db_path: Path
) -> None:
    await group.alice.say(f"/language {s.lang.value}")
    empty = await group.alice.say("/goals")
    assert english_in(empty) == [], empty.text
    example = empty.text[empty.text.index("/goal ") :].strip()
    created = await group.alice.say(example)  # "/goal Read 12 books by <date> target 12 books"
    assert stored(db_path, "SELECT number, target FROM goals") == [(1, 12.0)], created.text
    (step,) = [line for line in created.text.splitlines() if "/milestone" in line]
    added = await group.alice.say(step[step.index("/milestone") :])
    assert stored(db_path, "SELECT number FROM milestones") == [(1,)], added.text


TWO_READINGS = {  # money to the thousandth cannot be meant: asked about, in the language
    Lang.DE: "/goal Spenden sammeln bis Ende März Ziel 10,000 €",
    Lang.ES: "/goal Recaudar fondos hasta el 30 de abril meta 10,000 €",
    Lang.PT_BR: "/goal Arrecadar doações até 30 de abril meta 10,000 €",
    Lang.RU: "/goal Собрать пожертвования до конца марта цель 10,000 €",
}


@pytest.mark.parametrize("lang", list(TWO_READINGS), ids=str)
async def test_a_question_between_two_readings_asks_in_the_language(
    lang: Lang, group: Group, emulator: BotApiEmulator
) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    question = await group.alice.say(TWO_READINGS[lang])
    labels = [b["text"] for b in question.buttons()]
    assert question.text == words.gettext(
        "I can read that two ways: {options}. Which did you mean? "
        "Nothing is recorded until you choose.",
        options=words.gettext("{first} or {second}", first=labels[0], second=labels[1]),
    )
    assert labels[-1] == words.gettext("Neither")
    toast = await group.bob.press(question, labels[1])
    assert toast["text"] == words.gettext("This question is for the member who wrote the command.")
    toast = await group.alice.press(question, labels[1])
    assert toast["text"] == f"✓ {labels[1]}"
    created = await group.alice.say("/goals")
    assert words.money(10000, "€") in created.text, created.text
    assert english_in(created) == [], created.text


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_refusals_about_goals_are_in_the_language(s: Speaker, group: Group) -> None:
    words = Words(s.lang)
    await group.alice.say(f"/language {s.lang.value}")
    await group.alice.say(s.goal)
    refusals = {
        "no goal": (
            await group.alice.say("/done 9"),
            words.gettext(
                "There's no goal #{number} in this chat. See the goals here with /goals.", number=9
            ),
        ),
        "still active": (
            await group.alice.say("/reopen 1"),
            words.gettext(
                "Goal #{number} is still active: there's nothing to reopen. Finished it? "
                "/done {number}",
                number=1,
            ),
        ),
        "no milestones": (
            await group.alice.say("/done 1.3"),
            words.gettext(
                "Goal #{number} has no milestones yet. "
                "Add one: /milestone {number} First step by end of month",
                number=1,
            ),
        ),
        "not owner": (
            await group.bob.say("/why 1 because"),
            words.gettext(
                "Goal #{number} is {name}'s: only {name} can change it. Set your own with /goal.",
                number=1,
                name="Alice",
            ),
        ),
        "same title": (
            await group.alice.say(f"/rename 1 {s.title}"),
            words.gettext(
                "Goal #{ref} is already called “{title}”, so nothing changed. "
                "Type the new title after the number.",
                ref="1",
                title=s.title,
            ),
        ),
        "nothing to undo": (
            await group.alice.say("/undo 1"),
            words.gettext(
                "Goal #{number} has no progress entry to take back. "
                "A /done by mistake? /reopen {number} (or /reopen {number}.1 for a milestone)",
                number=1,
            ),
        ),
    }
    for what, (reply, expected) in refusals.items():
        assert expected in reply.text, (what, reply.text)
        assert english_in(reply) == [], (what, reply.text)
    # The example in the refusal is a command that works as typed.
    example = refusals["no milestones"][0].text
    added = await group.alice.say(example[example.index("/milestone") :])
    assert "📍" in added.text and "1.1" in added.text, added.text


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_the_guided_goal_asks_in_the_language(s: Speaker, group: Group) -> None:
    words = Words(s.lang)
    await group.alice.say(f"/language {s.lang.value}")
    first = await group.alice.say("/goal")
    assert (
        words.gettext(
            "🎯 Let's set a goal, {name}. What do you want to reach? Say exactly what, "
            "e.g. “Read 12 books” or “Run 5 km without stopping”.\n(/cancel to stop)",
            name="Alice",
        )
        == first.text
    )
    kind = await group.alice.say(s.title, reply_to=first)
    labels = [b["text"] for b in kind.buttons()]
    assert labels == [words.gettext("🎯 Once"), words.gettext("🔁 Repeating")]
    await group.alice.press(kind, labels[0])
    cancelled = await group.alice.say("/cancel")
    assert cancelled.text == words.gettext("Okay, no goal set. Start again any time with /goal.")


VAGUE = {
    Lang.DE: "/goal Umsatz steigern bis Ende März",
    Lang.ES: "/goal Mejorar las ventas hasta el 30 de abril",
    Lang.PT_BR: "/goal Melhorar as vendas até 30 de abril",
    Lang.RU: "/goal Улучшить продажи до конца марта",
}


@pytest.mark.parametrize("lang", list(VAGUE), ids=str)
async def test_smart_tips_for_a_vague_goal_are_in_the_language(lang: Lang, group: Group) -> None:
    words = Words(lang)
    await group.alice.say(f"/language {lang.value}")
    created = await group.alice.say(VAGUE[lang])
    tips = [
        words.gettext('Be specific: say exactly what, e.g. "increase sales by 10%".'),
        words.gettext(
            "Measure it: how will you know you're there? Add a target "
            "(/target {number} {hint}) or milestones (/milestone {number} …).",
            number=1,
            hint=words.gettext("&lt;number&gt; &lt;unit&gt;"),
        ),
        words.gettext("Tip: tell the group why it matters: /why {number} &lt;reason&gt;", number=1),
    ]
    for tip in tips:
        assert tip in created.html, created.html
    assert "⚠️" in created.text and english_in(created) == [], created.text


REPEATED = {  # a goal about something people repeat, and how the habit tip begins
    Lang.DE: ("/goal exercise more bis Ende März", "Werde konkret: sag, wie oft"),
    Lang.ES: ("/goal exercise more hasta el 30 de abril", "Concreta: di con qué frecuencia"),
    Lang.PT_BR: ("/goal exercise more até 30 de abril", "Especifique: diga com que frequência"),
    Lang.RU: ("/goal exercise more до конца марта", "Конкретнее: скажи, как часто"),
}


@pytest.mark.parametrize("lang", list(REPEATED), ids=str)
async def test_a_goal_people_repeat_gets_the_habit_tip_in_the_language(
    lang: Lang, group: Group, db_path: Path
) -> None:
    goal, tip_start = REPEATED[lang]
    await group.alice.say(f"/language {lang.value}")
    created = await group.alice.say(goal)
    (tip,) = [line for line in created.text.splitlines() if "/habit" in line]
    assert tip.startswith(tip_start) and english_in(created) == [], created.text
    assert "times a week" not in tip and "until" not in tip, tip
    command = tip[tip.index("/habit") :].split(". ")[0]  # "/habit Exercise 3-mal pro Woche bis …"
    habit = await group.alice.say(command)
    assert stored(db_path, "SELECT times, per, until FROM habits") == [
        (3, "week", stored(db_path, "SELECT deadline FROM goals")[0][0])
    ], habit.text


@pytest.mark.parametrize("s", SPEAKERS, ids=lambda s: str(s.lang))
async def test_goals_everywhere_in_a_private_chat_are_in_its_language(
    s: Speaker, group: Group, emulator: BotApiEmulator
) -> None:
    words = Words(s.lang)
    await group.alice.say("/goal Read 12 books by 2027-06-30 target 12 books")  # in English
    private = emulator.person(group.alice.user, emulator.private_chat(group.alice.user))
    await private.say(f"/language {s.lang.value}")
    await private.say(s.goal)
    listed = await private.say("/goals")
    assert words.gettext("Your goals everywhere") in listed.text
    assert words.gettext("Personal (this chat)") in listed.text and "Runners Club" in listed.text
    assert (
        words.gettext(
            "Group goals are changed in their group; commands here act on your personal goals."
        )
        in listed.text
    )
    assert english_in(listed) == [], listed.text


@dataclass(frozen=True)
class Guided:
    """Answers to the guided /goal's questions, typed in the chat's language."""

    lang: Lang
    once: str
    deadline: str
    skip: str
    repeating: str
    until_skip: str


GUIDED = [
    Guided(Lang.DE, "einmal", "Ende März", "überspringen", "wiederkehrend", "Überspringen"),
    Guided(Lang.ES, "una vez", "fin de año", "saltar", "repetido", "omitir"),
    Guided(Lang.PT_BR, "Uma vez", "fim do ano", "pular", "repetindo", "não"),
    Guided(Lang.RU, "один раз", "конец года", "пропустить", "регулярно", "нет"),
]


@pytest.mark.parametrize("g", GUIDED, ids=lambda g: str(g.lang))
async def test_the_guided_goal_is_answered_in_the_language(
    g: Guided, group: Group, db_path: Path, emulator: BotApiEmulator
) -> None:
    words = Words(g.lang)
    await group.alice.say(f"/language {g.lang.value}")
    question = await group.alice.say("/goal")
    question = await group.alice.say("Marathon", reply_to=question)
    question = await group.alice.say(g.once, reply_to=question)  # typed, not pressed
    assert question.text == words.gettext("By when? e.g. 2027-04-30, in 3 months, end of year.")
    question = await group.alice.say(g.deadline, reply_to=question)
    question = await group.alice.say(g.skip, reply_to=question)  # no target
    created = await group.alice.say(g.skip, reply_to=question)  # no reason
    assert "🎯" in created.text and english_in(created) == [], created.text
    assert stored(db_path, "SELECT title, target, why FROM goals") == [("Marathon", None, None)]

    question = await group.alice.say("/goal")
    question = await group.alice.say("Yoga", reply_to=question)
    question = await group.alice.say(g.repeating, reply_to=question)
    labels = [b["text"] for b in question.buttons()]
    assert labels[0] == words.gettext("Every day") and labels[-1] == words.gettext("Other: type it")
    toast = await group.alice.press(question, labels[0])
    assert toast["text"] == words.gettext("Every day").lower()
    ask_until = words.gettext(
        "Until when? e.g. end of march, in 3 months. Or skip to keep it going until you stop it."
    )

    def until_question() -> SentMessage | None:
        return next((m for m in emulator.bot_messages(group.chat) if m.text == ask_until), None)

    await emulator.wait_until(lambda: until_question() is not None, what="until when?")
    until = until_question()
    assert until is not None
    await group.alice.say(g.until_skip, reply_to=until)
    assert stored(db_path, "SELECT title, until FROM habits") == [("Yoga", None)]


HOW_OFTEN_GOALS = {  # a /goal whose title says how often, without and with a total to reach
    Lang.DE: ("/goal Jeden Tag lesen bis Ende März", " Ziel 600 Seiten"),
    Lang.ES: ("/goal Leer todos los días hasta el 30 de abril", " meta 600 páginas"),
    Lang.PT_BR: ("/goal Ler todo dia até 30 de abril", " meta 600 páginas"),
    Lang.RU: ("/goal Читать каждый день до конца марта", " цель 600 страниц"),
}


@pytest.mark.parametrize("lang", list(HOW_OFTEN_GOALS), ids=str)
async def test_a_goal_that_says_how_often_is_explained_in_the_language(
    lang: Lang, group: Group, db_path: Path
) -> None:
    goal, total = HOW_OFTEN_GOALS[lang]
    await group.alice.say(f"/language {lang.value}")
    made = await group.alice.say(goal)  # a habit, with how to set a goal reached once
    assert english_in(made) == [] and "each day" not in made.text, made.text
    assert stored(db_path, "SELECT count(*) FROM habits") == [(1,)]
    once = made.text[made.text.rindex("/goal ") :]
    await group.alice.say("/done 1")
    await group.alice.say(once)
    assert stored(db_path, "SELECT count(*) FROM goals") == [(1,)], once

    both = await group.alice.say(goal + total)  # a goal, with the habit it could be
    assert english_in(both) == [] and "with a streak" not in both.text, both.text
    habit = both.text[both.text.rindex("/habit ") : both.text.rindex(" (")]
    await group.alice.say(habit)
    assert stored(db_path, "SELECT count(*) FROM habits WHERE status = 'active'") == [(1,)], habit


DOWN_TO = {  # a number to get down to, typed as if it were the start
    Lang.DE: ("/goal Abnehmen bis Ende März Ziel 75 kg", "kg"),
    Lang.ES: ("/goal Bajar de peso hasta el 30 de abril meta 75 kg", "kg"),
    Lang.PT_BR: ("/goal Perder peso até 30 de abril meta 75 kg", "kg"),
    Lang.RU: ("/goal Похудеть до конца марта цель 75 кг", "кг"),
}


@pytest.mark.parametrize("lang", list(DOWN_TO), ids=str)
async def test_a_value_past_the_target_is_asked_about_in_the_language(
    lang: Lang, group: Group, db_path: Path
) -> None:
    words = Words(lang)
    goal, unit = DOWN_TO[lang]
    await group.alice.say(f"/language {lang.value}")
    await group.alice.say(goal)
    question = await group.alice.say("/progress 1 80")
    assert (
        words.gettext(
            "{value} is past #{number}'s target of {target} in one step, so I haven't logged it "
            "yet. Log it, and #{number} is achieved?",
            value=f"80 {unit}",
            number=1,
            target=f"75 {unit}",
        )
        in question.text
    )
    labels = [b["text"] for b in question.buttons()]
    assert labels == [
        words.gettext("Yes, log {value}", value=f"80 {unit}"),
        words.gettext("No, log nothing"),
    ]
    assert english_in(question) == [], question.text
    suggested = question.text[question.text.index("/target") :]  # "/target 1 75 kg von 80"
    await group.alice.say(suggested)
    assert stored(db_path, "SELECT target, baseline, current FROM goals") == [(75.0, 80.0, 80.0)]
