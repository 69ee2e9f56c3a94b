"""A member alone with the bot: what private help, menus and refusals say."""

from __future__ import annotations

from bot.emulator import BotApiEmulator, Person
from tests.conftest import Group

IN_A_GROUP = "In a group also: /summary, /partner, /unpartner, /mentor, /unmentor, /feedback."


def alone(emulator: BotApiEmulator, person: Person) -> Person:
    """The same person in their private chat with the bot."""
    return emulator.person(person.user, emulator.private_chat(person.user))


def listed(help_text: str) -> set[str]:
    """The commands a help message lists, one per line as '/command: what it does'."""
    return {line.split(":")[0] for line in help_text.splitlines() if line.startswith("/")}


async def test_private_help_lists_what_works_here_then_names_the_group_commands(
    emulator: BotApiEmulator, group: Group
) -> None:
    me = alone(emulator, group.alice)
    for command in ("/help", "/start"):
        reply = await me.say(command)
        commands = listed(reply.text)
        assert {"/goal", "/done", "/goals", "/checkin", "/export", "/forgetme"} <= commands
        assert not {"/summary", "/partner", "/unpartner", "/mentor", "/unmentor", "/feedback"} & (
            commands
        )
        assert reply.text.splitlines()[-1] == IN_A_GROUP
        assert "/goals: your goals from every chat" in reply.text
    in_group = await group.alice.say("/help")
    assert {"/summary", "/partner", "/mentor", "/feedback"} <= listed(in_group.text)
    assert "In a group also" not in in_group.text


async def test_summary_in_private_points_to_the_group_and_to_goals(
    emulator: BotApiEmulator, group: Group
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    reply = await alone(emulator, group.alice).say("/summary")
    assert reply.text == (
        "/summary shows everyone's progress in a group, so send it there. "
        "Here, /goals lists your goals from every chat."
    )
    assert (await group.alice.say("/summary")).text.startswith("📊 Group progress: Runners Club")
    reply = await alone(emulator, group.alice).say("/sumary")  # not guessed: group-only
    assert reply.text == "I don't know /sumary. Here's what I can do: /help"


async def test_mentors_feedback_and_partners_in_private_point_to_the_group(
    emulator: BotApiEmulator, group: Group
) -> None:
    await group.bob.say("/goals")  # the bot has seen Bob
    me = alone(emulator, group.alice)
    replies = {
        "/feedback @bob Great month": "Mentors give feedback in their group: "
        "send /feedback @username … there.",
        "/mentor": "Mentors belong to a group: its admins appoint them there with "
        "/mentor @username.",
        "/mentor @bob": "Mentors belong to a group: its admins appoint them there with "
        "/mentor @username.",
        "/unmentor @bob": "Mentors belong to a group: its admins remove them there with "
        "/unmentor @username.",
        "/partner @bob": "Partners pair up in a group: send /partner @username there.",
        "/unpartner": "Partnerships belong to a group: send /unpartner there.",
    }
    for said, expected in replies.items():
        reply = await me.say(said)
        assert reply.text == expected, said
        assert "An admin can add one" not in reply.text
    assert "No mentors here yet" in (await group.alice.say("/mentor")).text  # nothing made


async def test_command_menus_agree_on_what_is_for_groups(
    emulator: BotApiEmulator, bot: object
) -> None:
    private = {c["command"]: c["description"] for c in emulator.commands["all_private_chats"]}
    groups = {c["command"] for c in emulator.commands["all_group_chats"]}
    group_only = {"summary", "partner", "unpartner", "mentor", "unmentor", "feedback"}
    assert not group_only & set(private)
    assert group_only <= groups
    assert private["goals"] == "your goals from every chat"


async def test_examples_never_name_the_member_reading_them(group: Group) -> None:
    await group.bob.say("/goals")
    help_text = (await group.alice.say("/help")).text
    refusals = [
        await group.alice.say(said)
        for said in ("/partner hello", "/mentor @nobody_here", "/feedback", "/timeline @nobody")
    ]
    for text in [help_text, *(reply.text for reply in refusals)]:
        assert "@alice" not in text and "Alice's" not in text, text
    reply = await group.alice.say("/partner @username")  # the help's example, typed as is
    assert "can't partner with yourself" not in reply.text


async def test_private_goals_and_refusals_say_group_goals_change_in_their_group(
    emulator: BotApiEmulator, group: Group
) -> None:
    await group.alice.say("/goal Run a marathon by 2027-04-30 target 42 km")
    await group.alice.say("/milestone 1 Half marathon by 2027-02-15")
    me = alone(emulator, group.alice)
    listing = await me.say("/goals")
    assert "📍 1.1 Half marathon" in listing.text
    assert listing.text.splitlines()[-1] == (
        "Group goals are changed in their group; set a personal one here with /goal."
    )
    reply = await me.say("/done 1.1")
    assert reply.text == (
        "You have no personal goal #1 in this chat.\n"
        "Your goal #1 is in Runners Club: send /done 1.1 there."
    )
    reply = await me.say("/progress 1 +5")
    assert "Your goal #1 is in Runners Club: send /progress 1 +5 there." in reply.text

    await me.say("/goal Meditate 100 days by 2027-06-01 target 100 days")
    listing = await me.say("/goals")
    assert listing.text.splitlines()[-1] == (
        "Group goals are changed in their group; commands here act on your personal goals."
    )
    reply = await me.say("/done 1.1")
    assert reply.text == (
        "Your personal goal #1 has no milestones yet. Add one: "
        "/milestone 1 First step by end of month\n"
        "Your goal #1 is in Runners Club: send /done 1.1 there."
    )
    reply = await me.say("/done 5")
    assert reply.text == (
        "You have no personal goal #5 in this chat. "
        "See yours with /goals (a group's goals are changed in that group)."
    )
    assert "completed milestone 1.1" in (await group.alice.say("/done 1.1")).text


async def test_a_private_refusal_names_every_group_with_that_goal_and_no_one_elses(
    emulator: BotApiEmulator, group: Group
) -> None:
    books = emulator.add_group("Book Club", admins=(group.alice.user,))
    await group.alice.say("/goal Run a marathon by 2027-04-30")
    await emulator.person(group.alice.user, books).say("/goal Read 12 books by 2027-12-31")
    reply = await alone(emulator, group.alice).say("/why 1 I want to feel strong at forty")
    assert reply.text.splitlines()[-1] == (
        "Your goals #1 are in Book Club and Runners Club: send /why 1 … in the one you mean."
    )
    reply = await alone(emulator, group.bob).say("/done 1")  # Bob has no goal #1 anywhere
    assert "Runners Club" not in reply.text and "Book Club" not in reply.text
    assert reply.text.startswith("You have no personal goal #1 in this chat.")
