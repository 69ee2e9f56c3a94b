"""Welcome and help."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc

COMMANDS: list[tuple[str, str, str]] = [
    (
        "goal",
        N_("set a goal with a deadline"),
        N_("/goal Run a marathon by 2027-04-30 target 42 km"),
    ),
    (
        "milestone",
        N_("add a checkpoint to a goal"),
        N_("/milestone 1 Half marathon by end of march"),
    ),
    ("done", N_("complete a milestone or a goal"), N_("/done 1.1  or  /done 1")),
    (
        "progress",
        N_("log progress toward a target"),
        N_("/progress 1 21  or  /progress 1 +5  or  -1"),
    ),
    ("why", N_("say why a goal matters"), N_("/why 1 I want to feel strong at 40")),
    (
        "target",
        N_("give a goal a number to reach"),
        N_("/target 1 42 km  or  /target 1 75 kg from 80"),
    ),
    ("habit", N_("set a habit: how often, how much"), N_("/habit Meditate 10 minutes every day")),
    (
        "did",
        N_("log a habit done today (or yesterday)"),
        N_("/did 2  or  /did 2 25 pages  or  /did 2 yesterday"),
    ),
    ("goals", N_("your goals here (or everyone's)"), N_("/goals  or  /goals all")),
    ("summary", N_("everyone's progress in this chat"), N_("/summary")),
    ("checkin", N_("say how it's going"), N_("/checkin behind lost a week to flu")),
    ("reflect", N_("answer a review"), N_("/reflect Mornings work better for me")),
    (
        "schedule",
        N_("when check-ins, summaries, reviews come; /schedule here: to a topic"),
        N_("/schedule checkin mon,thu 09:00"),
    ),
    ("timezone", N_("the chat's time zone; in private, your own"), N_("/timezone Europe/Berlin")),
    ("language", N_("the language I speak here"), N_("/language de")),
    ("partner", N_("pair up with an accountability partner"), N_("/partner @username")),
    ("unpartner", N_("end your partnership"), N_("/unpartner")),
    ("mentor", N_("the group's mentors (admins add them)"), N_("/mentor @coach")),
    ("unmentor", N_("admins: remove a mentor"), N_("/unmentor @coach")),
    ("feedback", N_("mentors: feedback for a member"), N_("/feedback @username Great month!")),
    ("digest", N_("mentors: your groups' digest, now"), N_("/digest")),
    ("journal", N_("a goal's journal: write or read"), N_("/journal 1 Ran 12 km today")),
    ("pause", N_("step away for a while"), N_("/pause until 2027-01-15 because holiday")),
    ("resume", N_("come back early"), N_("/resume")),
    ("timeline", N_("the chat's goals as a picture"), N_("/timeline")),
    ("chart", N_("a goal's progress against its pace"), N_("/chart 1")),
    (
        "report",
        N_("numbers for this week, month or quarter so far, or the last one"),
        N_("/report month"),
    ),
    ("calendar", N_("deadlines as a calendar file"), N_("/calendar mine")),
    ("export", N_("your data (in a group, admins: the group's)"), N_("/export")),
    ("forgetme", N_("delete everything about you"), N_("/forgetme")),
    ("reschedule", N_("move a deadline"), N_("/reschedule 1.1 next friday because I was ill")),
    (
        "rename",
        N_("fix a goal's or milestone's title"),
        N_("/rename 1 Run a half marathon  or  /rename 1.2 30 km run"),
    ),
    ("delete", N_("remove a milestone (asks first)"), N_("/delete 1.2")),
    ("abandon", N_("drop a goal (asks first)"), N_("/abandon 1")),
    ("reopen", N_("undo a /done: a goal, or a milestone"), N_("/reopen 1  or  /reopen 1.2")),
    ("undo", N_("take back your last /progress, or a habit's last /did"), N_("/undo 1")),
    ("cancel", N_("stop a guided /goal"), N_("/cancel")),
    ("help", N_("this list"), N_("/help")),
]


GROUP_ONLY = {"summary", "partner", "unpartner", "mentor", "unmentor", "feedback"}
PRIVATE_ONLY = {"forgetme", "digest"}

# In a private chat /goals lists the member's goals from every chat; "all" adds nothing.
IN_PRIVATE = {"goals": (N_("your goals from every chat"), N_("/goals"))}

# What a group-only command sent in private gets instead: where it works, and what to use here.
GROUP_ONLY_REPLIES = {
    "summary": N_(
        "/summary shows everyone's progress in a group, so send it there. "
        "Here, /goals lists your goals from every chat."
    ),
    "partner": N_("Partners pair up in a group: send /partner @username there."),
    "unpartner": N_("Partnerships belong to a group: send /unpartner there."),
    "mentor": N_(
        "Mentors belong to a group: its admins appoint them there with /mentor @username."
    ),
    "unmentor": N_(
        "Mentors belong to a group: its admins remove them there with /unmentor @username."
    ),
    "feedback": N_("Mentors give feedback in their group: send /feedback @username … there."),
}


def _commands(hidden: set[str], private: bool) -> list[tuple[str, str, str]]:
    """The commands not hidden, described for a private chat or a group."""
    found = []
    for command, what, sample in COMMANDS:
        if command in hidden:
            continue
        if private and command in IN_PRIVATE:
            what, sample = IN_PRIVATE[command]
        found.append((command, what, sample))
    return found


def menu(private: bool, words: Words = ENGLISH) -> list[tuple[str, str]]:
    """The command menu Telegram shows: group commands in groups, personal ones in private."""
    hidden = GROUP_ONLY if private else PRIVATE_ONLY
    return [(command, words.gettext(what)) for command, what, _ in _commands(hidden, private)]


def description(words: Words = ENGLISH) -> tuple[str, str]:
    """What Telegram shows before a chat with the bot starts, and its one-line profile."""
    return (
        words.gettext(
            "I help groups reach their goals: SMART goals with milestones, habits, check-ins, "
            "reminders and a celebration for every win. Add me to a group, or press Start to "
            "set goals of your own."
        ),
        words.gettext("Goals, milestones, habits and check-ins for accountability groups."),
    )


def help_text(private: bool, words: Words = ENGLISH) -> str:
    """The commands that work in this chat, one example each; in private, which need a group."""
    lines = ["<b>" + words.gettext("Commands") + "</b>"]
    for command, what, sample in _commands(GROUP_ONLY if private else set(), private):
        example = esc(words.gettext(sample))
        lines.append(f"/{command}: {words.gettext(what)}\n   <code>{example}</code>")
    lines.append(words.gettext("Dates: 2027-04-30, next friday, in 3 weeks, end of month."))
    if private:
        in_groups = ", ".join(f"/{command}" for command, _, _ in COMMANDS if command in GROUP_ONLY)
        lines.append(words.gettext("In a group also: {commands}.", commands=in_groups))
    return "\n".join(lines)


def group_only(command: str, words: Words = ENGLISH) -> str:
    """Reply to a group-only command sent in a private chat."""
    return words.gettext(GROUP_ONLY_REPLIES[command])


def welcome(is_group: bool, chat_title: str | None, first_name: str, words: Words = ENGLISH) -> str:
    """What the bot does, then the commands."""
    if is_group:
        intro = words.gettext(
            "👋 Hi {group}! I help this group reach its goals: set SMART goals, break them "
            "into milestones, and I'll celebrate every win here.",
            group=esc(chat_title) if chat_title else words.gettext("everyone"),
        )
    else:
        intro = words.gettext(
            "👋 Hi {name}! I help you reach your goals: set SMART goals, break them into "
            "milestones, and track your progress.",
            name=esc(first_name),
        )
    return f"{intro}\n\n{help_text(not is_group, words)}"


# Commands most bots have: in a group, a near miss of one (/stats, /hlep) may be another
# bot's, so only the bot's own words are guessed at there.
COMMON_TO_BOTS = {"start", "help", "cancel"}


def command_names(private: bool) -> list[str]:
    """The commands a mistyped one may be matched with, without the slash."""
    names = [name for name, _, _ in COMMANDS] + ["start"]
    if private:  # a group-only command would only be pointed elsewhere
        return [n for n in names if n not in GROUP_ONLY]
    return [n for n in names if n not in COMMON_TO_BOTS and n not in PRIVATE_ONLY]


def unknown_command(
    word: str, meant: str | None = None, args: str = "", words: Words = ENGLISH
) -> str:
    """Reply to a command the bot does not have, with the one it probably meant (and the
    rest of what was typed, ready to send again)."""
    if meant:
        return words.gettext(
            "I don't know {word}. Did you mean {again}? Everything I can do: /help",
            word=esc(word),
            again=f"/{meant} {esc(args)}".rstrip(),
        )
    return words.gettext("I don't know {word}. Here's what I can do: /help", word=esc(word))


def commands_only(words: Words = ENGLISH) -> str:
    """Reply to plain chat in private."""
    return words.gettext("I work with commands. Start with /goal, or see everything with /help.")


def introduction(
    title: str | None, bot_username: str, words: Words = ENGLISH
) -> tuple[str, InlineKeyboardMarkup]:
    """What the bot says when added to a group, with a button to open a private chat."""
    text = words.gettext(
        "👋 Hi {group}! I'm your accountability bot: set SMART goals, break them into "
        "milestones, check in weekly, and I'll celebrate every win here.\n"
        "Start with /goal, or see everything with /help.\n"
        "Tap below once so I can send you private notes (partners, mentors).",
        group=esc(title) if title else words.gettext("everyone"),
    )
    button = InlineKeyboardButton(
        words.gettext("Open a private chat"), url=f"https://t.me/{bot_username}?start=hello"
    )
    return text, InlineKeyboardMarkup([[button]])


def slow_down(first_name: str, cooldown: timedelta, words: Words = ENGLISH) -> str:
    """The one notice a member gets for sending commands too fast."""
    minutes = max(1, round(cooldown.total_seconds() / 60))
    return words.ngettext(
        "Whoa, {name}, that's a lot of commands at once. I'll take a {n}-minute breather from "
        "yours, then carry on.",
        "Whoa, {name}, that's a lot of commands at once. I'll take a {n}-minute breather from "
        "yours, then carry on.",
        minutes,
        name=esc(first_name),
    )


EDITED_COMMAND = N_(
    "I act on new messages only, so that edit changed nothing. Send the command again as a "
    "new message."
)
