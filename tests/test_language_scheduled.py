"""Scheduled posts and the people features in each new language, through the HTTP emulator:
the summary and the monthly review go out in the group's language when the fake clock gets
there, /schedule, /timezone, /pause and /resume answer in it, and a partner notice or a
mentor's digest by direct message speaks the member's private-chat language instead. A
changed language shows in the next post, and changes nothing stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.domain.errors import NotAdmin, NotPaused, UnknownTimezone
from bot.domain.languages import Lang
from bot.emulator import BotApiEmulator, SentMessage
from bot.render.errors import explain
from bot.render.i18n import Words
from bot.render.privacy import FORGET_QUESTION, KEPT, KEPT_TOAST
from tests.conftest import FakeClock, Forum, Group, carol_mentors, outside, peek, run_tick

FRIDAY_17 = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # the default summary time
NEXT_FRIDAY_17 = datetime(2026, 12, 11, 17, 0, tzinfo=UTC)
FIRST_OF_DECEMBER_10 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # the monthly review
TODAY = date(2026, 11, 28)


@dataclass(frozen=True)
class Spoken:
    """Words a member of a group in this language reads, written out by hand."""

    lang: Lang
    summary: str  # the scheduled summary's heading
    review: str  # the monthly review's heading
    schedule_line: str  # the summary's line in /schedule (Fridays at 17:00)
    timezone_set: str  # the reply to /timezone Europe/Berlin (Saturday 10:00 there)
    paused: str
    resumed: str
    other: Lang  # the language one member speaks with the bot in private
    not_paused: str  # /resume with no pause (a refusal)


SPOKEN = [
    Spoken(Lang.DE, "📊 Zusammenfassung: Runners Club", "🗓 Monatsrückblick, Runners Club",
           "Zusammenfassung: Fr. um 17:00", "🕰 Zeitzone auf Europe/Berlin gesetzt (dort jetzt Sa. 10:00)",
           "🏖 Genieß die Pause, Alice!", "👋 Willkommen zurück, Alice!", Lang.RU,
           "Du pausierst gerade nicht."),
    Spoken(Lang.ES, "📊 Resumen: Runners Club", "🗓 Revisión mensual, Runners Club",
           "Resumen: vie a las 17:00", "🕰 Zona horaria: Europe/Berlin (allí ahora: sáb 10:00)",
           "🏖 ¡Disfruta, Alice!", "👋 ¡Hola de nuevo, Alice!", Lang.DE,
           "No estás en pausa."),
    Spoken(Lang.PT_BR, "📊 Resumo: Runners Club", "🗓 Revisão mensal, Runners Club",
           "Resumo: sex. às 17:00", "🕰 Fuso horário definido como Europe/Berlin (agora sáb. 10:00 lá)",
           "🏖 Aproveite a pausa, Alice!", "👋 Que bom ter você de volta, Alice!", Lang.ES,
           "Você não está de pausa."),
    Spoken(Lang.RU, "📊 Сводка: Runners Club", "🗓 Обзор месяца, Runners Club",
           "Сводка: пт в 17:00", "🕰 Часовой пояс: Europe/Berlin (там сейчас сб 10:00)",
           "🏖 Хорошего отдыха, Alice!", "👋 С возвращением, Alice!", Lang.PT_BR,
           "Ты не на паузе."),
]  # fmt: skip
IDS = [str(s.lang) for s in SPOKEN]


def posts(emulator: BotApiEmulator, group: Group, marker: str) -> list[SentMessage]:
    return [m for m in emulator.bot_messages(group.chat) if marker in m.text]


def stored(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """What members keep here: goals, milestones, check-ins, schedules, progress, habits."""
    conn = peek(db_path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("goals", "milestones", "checkins", "schedules", "progress_log", "habits")
        }
    finally:
        conn.close()


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_the_scheduled_summary_and_monthly_review_speak_the_groups_language(
    spoken: Spoken,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    words = Words(spoken.lang)
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2026-12-02")
    await group.alice.say("/milestone 1 Long run by 2027-03-01")
    await group.alice.say("/done 1.1")
    await group.bob.say("/goal Read 12 books by 2026-12-10 target 12 books")
    clock.now = FIRST_OF_DECEMBER_10
    await run_tick(bot)
    (review,) = posts(emulator, group, spoken.review)
    assert words.gettext("Goals that need attention:") in review.text
    assert "Goals that need attention:" not in review.text
    behind = next(line for line in review.text.splitlines() if "#2 Read 12 books" in line)
    assert (
        words.gettext("due {day}", day=words.day(date(2026, 12, 10), date(2026, 12, 1))) in behind
    )
    clock.now = FRIDAY_17
    await run_tick(bot)
    (summary,) = posts(emulator, group, spoken.summary)
    milestones = words.ngettext("{n} milestone", "{n} milestones", 1)
    goals = words.ngettext("{n} goal", "{n} goals", 0)
    wins = words.gettext(
        "Wins since the last summary: {milestones} ✅ · {goals} 🏆",
        milestones=milestones,
        goals=goals,
    )
    assert wins in summary.text and "Wins" not in summary.text
    assert "✅ 1.1 Half marathon" in summary.text
    # A habit's line in the summary reads as in /goals, in the group's language.
    await group.alice.say("/habit Meditate every day")
    clock.now = NEXT_FRIDAY_17
    await run_tick(bot)
    later = posts(emulator, group, spoken.summary)[-1]
    await group.alice.say("/goals")
    listed = emulator.bot_messages(group.chat)[-1].text.splitlines()
    habit = next(n for n, line in enumerate(listed) if "🔁 #3 Meditate" in line)
    shown = later.text.splitlines()
    at = next(n for n, line in enumerate(shown) if "🔁 #3 Meditate" in line)
    assert [line.strip() for line in shown[at : at + 2]] == [
        line.strip() for line in listed[habit : habit + 2]
    ]
    assert "every day" not in shown[at] and "strength" not in shown[at + 1].lower()


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_schedule_and_timezone_answer_in_the_groups_language(
    spoken: Spoken, group: Group
) -> None:
    words = Words(spoken.lang)
    await group.alice.say(f"/language {spoken.lang.value}")
    listing = (await group.bob.say("/schedule")).text
    assert words.gettext("⏰ Schedules here (time zone {zone})", zone="UTC") in listing
    assert spoken.schedule_line in listing
    assert "Schedules here" not in listing
    changed = (await group.alice.say("/schedule summary mon 08:30")).text
    assert spoken.schedule_line not in changed
    assert words.gettext("{days} at {time}", days="", time="08:30").strip() in changed
    shown = (await group.bob.say("/timezone")).text
    assert words.gettext("Admins can change it: /timezone Europe/Berlin") in shown
    assert "Admins can change it" not in shown
    assert spoken.timezone_set in (await group.alice.say("/timezone Europe/Berlin")).text


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_pause_and_resume_answer_in_the_groups_language(spoken: Spoken, group: Group) -> None:
    words = Words(spoken.lang)
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    paused = (await group.alice.say("/pause until 2026-12-15 because holiday")).text
    assert paused.startswith(spoken.paused)
    until = words.gettext("until {day}", day=words.day(date(2026, 12, 15), TODAY))
    assert f"{until} (holiday)." in paused
    assert (
        words.gettext("No reminders or nudges for you meanwhile, and your streak waits for you.")
        in paused
    )
    away = words.gettext("🏖 away until {day}", day=words.day(date(2026, 12, 15), TODAY))
    assert away in (await group.bob.say("/summary")).text
    resumed = (await group.alice.say("/resume")).text
    assert resumed.startswith(spoken.resumed) and "Welcome back" not in resumed


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_a_partner_notice_by_direct_message_speaks_the_members_private_language(
    spoken: Spoken, group: Group, emulator: BotApiEmulator
) -> None:
    in_group, in_private = Words(spoken.lang), Words(spoken.other)
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.bob.say("/goals")
    invite = await group.alice.say("/partner @bob")
    await group.bob.press(invite, in_group.gettext("Accept"))
    await emulator.wait_until(lambda: invite.edits == 1, what="the acceptance")
    bob_private = emulator.private_chat(group.bob.user)
    bob_alone = emulator.person(group.bob.user, bob_private)
    await bob_alone.say("/start")
    await bob_alone.say(f"/language {spoken.other.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.alice.say("/milestone 1 Long run by 2027-03-15")
    before = len(emulator.bot_messages(bob_private))
    await group.alice.say("/done 1.1")
    note = await emulator.next_bot_message(bob_private, before)

    def notice(words: Words) -> str:
        return words.gettext(
            "🤝 {who}, your partner {name} just completed {detail} in {group}! 🎉",
            who="Bob",
            name="Alice",
            detail=words.gettext('milestone {ref} "{title}"', ref="1.1", title="Half marathon"),
            group="Runners Club",
        )

    assert note.text == notice(in_private)
    assert note.text != notice(in_group)


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_a_mentors_digest_speaks_their_private_language(
    spoken: Spoken,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.bob.say("/goal Read 12 books by 2027-02-28 target 12 books")
    carol_private = await carol_mentors(group, emulator)
    await emulator.person(group.carol.user, carol_private).say(f"/language {spoken.other.value}")
    clock.now = FRIDAY_17
    before = len(emulator.bot_messages(carol_private))
    await run_tick(bot)
    digest = await emulator.next_bot_message(carol_private, before)
    heading = Words(spoken.other).gettext("🧭 Weekly digest: {title}", title="Runners Club")
    assert digest.text.startswith(heading)
    assert Words(spoken.lang).gettext("🧭 Weekly digest: {title}", title="Runners Club") != heading


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_a_new_language_shows_in_the_next_post_and_changes_nothing_stored(
    spoken: Spoken,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
    db_path: Path,
) -> None:
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    await group.bob.say("/checkin on-track")
    clock.now = FRIDAY_17
    await run_tick(bot)
    assert len(posts(emulator, group, spoken.summary)) == 1
    before = stored(db_path)
    await group.alice.say(f"/language {spoken.other.value}")
    assert stored(db_path) == before
    clock.now = NEXT_FRIDAY_17
    await run_tick(bot)
    other = Words(spoken.other).gettext("📊 Summary: {title}", title="Runners Club")
    (latest,) = posts(emulator, group, other)
    assert latest is emulator.bot_messages(group.chat)[-1]
    assert len(posts(emulator, group, spoken.summary)) == 1  # the first one, not a second
    next_up = Words(spoken.other).gettext(
        "📍 Next: {milestone} · {day}",
        milestone="1.1 Half marathon",
        day=Words(spoken.other).day(date(2027, 2, 15), date(2026, 12, 11)),
    )
    assert "🎯 #1 Run a marathon" in latest.text and next_up in latest.text


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_the_quarterly_review_and_its_buttons_speak_the_groups_language(
    spoken: Spoken,
    group: Group,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    words = Words(spoken.lang)
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.alice.say("/goal Learn piano by 2027-06-30")
    clock.now = datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    await run_tick(bot)
    (review,) = posts(
        emulator, group, words.gettext("🧭 Quarterly review, {title}", title="Runners Club")
    )
    keep = words.gettext("#{number} keep", number=1)
    assert keep != "#1 keep" and keep in [b["text"] for b in review.buttons()]
    toast = await group.bob.press(review, keep)
    assert toast["text"] == words.gettext(
        "Only {name} can decide about goal #{n}.", name="Alice", n=1
    )
    toast = await group.alice.press(review, keep)
    assert toast["text"] == words.gettext("Keeping goal #{n}. Onward!", n=1)
    kept = f"· {words.gettext('✅ keep')}"
    await emulator.wait_until(lambda: kept in review.text, what="the review to show the choice")
    assert review.text.startswith(
        words.gettext("🧭 Quarterly review, {title}", title="Runners Club")
    )


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
def test_refusals_about_people_and_settings_read_in_the_language(spoken: Spoken) -> None:
    words = Words(spoken.lang)
    not_paused = explain.dispatch(NotPaused)(NotPaused(), "resume", "", words=words)
    assert not_paused == words.gettext(
        "You're not paused. To step away: /pause until 2027-01-15 because holiday"
    )
    assert not_paused.startswith(spoken.not_paused)
    not_admin = explain.dispatch(NotAdmin)(NotAdmin(), "schedule", "", words=words)
    assert "/schedule" in not_admin and "Only the group's admins" not in not_admin
    zone = explain.dispatch(UnknownTimezone)(
        UnknownTimezone("Europe/Berln", ("Europe/Berlin", "Europe/Bern")),
        "timezone",
        "",
        words=words,
    )
    assert words.gettext("I don't know the time zone “{name}”.", name="Europe/Berln") in zone
    assert "Europe/Berlin" in zone and " or " not in zone


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_forum_topics_are_told_in_the_groups_language(
    spoken: Spoken,
    forum: Forum,
    emulator: BotApiEmulator,
    bot: Application,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    words = Words(spoken.lang)
    await forum.alice.say(f"/language {spoken.lang.value}")
    moved = (await forum.alice.say("/schedule here summary")).text
    summaries = words.gettext("summaries")
    assert moved.startswith(
        words.gettext(
            "📌 {posts} go to this topic from now on.",
            posts=summaries[0].upper() + summaries[1:],
        )
    )
    running = words.gettext("the topic “{name}”", name="Running")
    assert words.gettext("in {place}", place=running) in moved
    await forum.alice.say("/schedule here")
    await emulator.close_topic(forum.topic, forum.alice.user)
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # Monday: the check-in prompt
    await run_tick(bot)
    (prompt,) = [m for m in outside(emulator, forum.chat, forum.topic) if m.buttons()]
    assert prompt.text.startswith(
        words.gettext(
            "⚠️ This was meant for {topic}, which is closed, so it is here in General; "
            "{posts} come here from now on.",
            topic=running,
            posts=words.gettext("scheduled posts"),
        )
    )
    shown = (await forum.bob_in_general.say("/schedule")).text
    assert words.gettext("📌 Posts go to {place}.", place=words.gettext("General")) in shown


@pytest.mark.parametrize("spoken", SPOKEN, ids=IDS)
async def test_journal_and_forgetme_answer_in_the_chats_language(
    spoken: Spoken, group: Group, emulator: BotApiEmulator
) -> None:
    words = Words(spoken.lang)
    await group.alice.say(f"/language {spoken.lang.value}")
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    written = (await group.alice.say("/journal 1 Ran 12 km")).text
    assert written == words.gettext(
        "📓 Added to the journal of goal #{number} {title}. Read it: /journal {number}",
        number=1,
        title="Run a marathon",
    )
    await group.alice.say("/rename 1 Run a full marathon")
    journal = (await group.bob.say("/journal 1")).text
    renamed = words.gettext(
        "renamed from “{old}” to “{new}”", old="Run a marathon", new="Run a full marathon"
    )
    assert renamed in journal and "renamed from" not in journal
    private = emulator.private_chat(group.bob.user)
    bob_alone = emulator.person(group.bob.user, private)
    await bob_alone.say(f"/language {spoken.lang.value}")
    question = await bob_alone.say("/forgetme")
    assert question.text.startswith(words.gettext(FORGET_QUESTION).split("\n")[0])
    toast = await bob_alone.press(question, words.gettext("Keep it"))
    assert toast["text"] == words.gettext(KEPT_TOAST)
    await emulator.wait_until(lambda: question.edits == 1, what="the answer on the question")
    assert question.text == words.gettext(KEPT)
