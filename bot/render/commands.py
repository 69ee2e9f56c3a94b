"""How each command is used: its example, and what a command that could not be read is told."""

from __future__ import annotations

import re

from bot.domain.errors import BeyondHorizon, DateTooSoon, DateUnreadable, Usage, UsageProblem
from bot.render.errors import explain
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc

EXAMPLES = {
    "goal": N_("/goal Run a marathon by end of june target 42 km"),
    "milestone": N_("/milestone {n} Half marathon by end of march"),
    "done": N_("/done {n}.1  (a milestone)  or  /done {n}  (the whole goal)"),
    "progress": N_("/progress {n} 6  or  /progress {n} +2  or  /progress {n} -1"),
    "why": N_("/why {n} I want to run with my kids"),
    "target": N_("/target {n} 12 books  or  /target {n} 75 kg from 80 kg"),
    "reschedule": N_(
        "/reschedule {n} end of june because I was ill  or  /reschedule {n}.2 next friday"
    ),
    "abandon": N_("/abandon {n}"),
    "rename": N_("/rename {n} Run a half marathon  or  /rename {n}.2 30 km long run"),
    "delete": N_("/delete {n}.2  (a milestone; a whole goal: /abandon {n})"),
    "reopen": N_("/reopen {n}  (a goal)  or  /reopen {n}.1  (a milestone)"),
    "undo": N_("/undo {n}"),
    "habit": N_(
        "/habit Meditate 10 minutes every day  or  /habit Gym 3 times a week until end of march"
    ),
    "did": N_("/did {n}  or  /did {n} 25 pages  or  /did {n} yesterday"),
    "goals": N_("/goals  or  /goals all"),
    "partner": N_("/partner @username  (or reply to their message with /partner)"),
    "unpartner": N_("/unpartner"),
    "mentor": N_("/mentor @coach"),
    "unmentor": N_("/unmentor @coach"),
    "feedback": N_("/feedback @username Great pace this month, keep the long runs"),
    "digest": N_("/digest"),
    "journal": N_("/journal {n} Ran 12 km, knee felt fine  (or /journal {n} to read it)"),
    "pause": N_(
        "/pause until 2027-01-15 because family holiday  or  /pause from dec 24 for 10 days"
    ),
    "resume": N_("/resume"),
    "forgetme": N_("/forgetme"),
    "timeline": N_("/timeline  or  /timeline @username"),
    "chart": N_("/chart {n}"),
    "report": N_("/report month  or  /report quarter  or  /report last month"),
    "calendar": N_("/calendar  or  /calendar mine"),
    "export": N_("/export"),
    "wizard_title": N_("Read 12 books"),
    "wizard_deadline": N_("end of year"),
    "wizard_why": N_("I want to read to my kids"),
    "wizard_how_often": N_("4 times a week"),
    "wizard_until": N_("end of march"),
    "schedule": N_("/schedule checkin mon,thu 09:00"),
    "timezone": N_("/timezone Europe/Berlin"),
    "language": N_("/language de"),
    "checkin": N_("/checkin on-track  or  /checkin behind lost a week to flu  or  /checkin help"),
    "reflect": N_("/reflect Mornings worked; evenings didn't. Moving runs to 7am."),
}

USAGE: dict[UsageProblem, str] = {
    UsageProblem.NO_DEADLINE: N_(
        "It needs a date: add “by” and when, e.g. “by 2027-04-30” or “by end of month”."
    ),
    UsageProblem.EMPTY_TITLE: N_("The title is empty."),
    UsageProblem.LONG_TITLE: N_("That title is too long: keep it under 200 characters."),
    UsageProblem.BAD_TARGET: N_(
        "The target must be a positive number, then an optional unit, like “target 42 km”."
    ),
    UsageProblem.TWO_TARGETS: N_("Give one target, like “target 42 km”."),
    UsageProblem.BAD_BASELINE: N_(
        "After “from”, say where you start, as a number in the target's unit, like "
        "“target 75 kg from 80 kg”."
    ),
    UsageProblem.BASELINE_IS_TARGET: N_(
        "That's where you start. Give a target to move to, like “target 75 kg from 80 kg”."
    ),
    UsageProblem.NO_GOAL_NUMBER: N_("Which goal? Start with its number from /goals."),
    UsageProblem.BAD_REF: N_(
        "I couldn't read that number. Use the goal number from /goals, or 7.2 for a milestone."
    ),
    UsageProblem.GOAL_NOT_MILESTONE: N_(
        "That's a milestone number; this command takes a goal number."
    ),
    UsageProblem.NO_REF: N_("Which goal or milestone? Use its number from /goals."),
    UsageProblem.EXTRA: N_("There's more after the number than I expected."),
    UsageProblem.NO_VALUE: N_("What's the new value?"),
    UsageProblem.NEGATIVE_VALUE: N_("That would go below 0. Set the value directly instead."),
    UsageProblem.BAD_VALUE: N_("The value must be a number, like 6 or 2.5."),
    UsageProblem.BARE_K: N_(
        "Is that k thousands, or a distance? Write the number out (10000), give its unit "
        "(10k USD), or say km (10 km)."
    ),
    UsageProblem.EMPTY_WHY: N_("Say why it matters after the goal number."),
    UsageProblem.LONG_WHY: N_("That's a lot! Keep it under 1000 characters."),
    UsageProblem.NO_DATE: N_("What's the new date?"),
    UsageProblem.NO_FREQUENCY: N_(
        "Say how often: “every day”, “3 times a week”, “twice a month”, “on weekdays” or "
        "“mon, wed, fri”."
    ),
    UsageProblem.NEGATIVE_DID: N_(
        "An amount done can't be below 0: log what you did, and /undo takes an entry back."
    ),
    UsageProblem.DID_TOO_FAR_BACK: N_(
        "A habit is logged for today, or for yesterday when it slipped your mind; days before "
        "that stay as they were, so a streak says what happened."
    ),
    UsageProblem.BAD_HABIT_AMOUNT: N_(
        "After “at least” or “at most”, give a number and a unit, like “at least 20 pages”."
    ),
    UsageProblem.LONG_REASON: N_("Keep the reason under 1000 characters."),
    UsageProblem.BAD_ARGS: N_("That's not something this command takes."),
    UsageProblem.BAD_TIME: N_("Times are like 09:00, 17:30 or 5pm."),
    UsageProblem.BAD_DAYS: N_("Days are daily, weekdays, weekends, or a list like mon,thu."),
    UsageProblem.BAD_SCHEDULE: N_(
        "I know checkin, summary, review, reminders, habits, off, on and here."
    ),
    UsageProblem.BAD_SCHEDULE_OFF: N_(
        "Say what to switch: checkin, summary, review, reminders or habits."
    ),
    UsageProblem.BAD_SCHEDULE_CHECKIN: N_("Give the days, then the time."),
    UsageProblem.BAD_SCHEDULE_SUMMARY: N_("Give the days, then the time."),
    UsageProblem.BAD_DAY_OF_MONTH: N_(
        "The day of the month is a number from 1 to 31 (short months use their last day)."
    ),
    UsageProblem.BAD_SCHEDULE_REVIEW: N_(
        "Say monthly and the day of the month, or quarterly; then the time."
    ),
    UsageProblem.BAD_LEAD_DAYS: N_("Reminders can come 0 to 30 days ahead."),
    UsageProblem.BAD_SCHEDULE_REMINDERS: N_("Say how many days ahead."),
    UsageProblem.REMINDER_TIME_FIXED: N_(
        "Reminders always go out at 09:00; say only how many days ahead."
    ),
    UsageProblem.BAD_SCHEDULE_HABITS: N_("Give the time of the daily habit prompt, or off."),
    UsageProblem.BAD_SCHEDULE_HERE: N_(
        "Send it inside the topic the posts should go to; after here, name one kind if you "
        "like: checkin, summary, review, reminders or habits."
    ),
    UsageProblem.BAD_CHECKIN: N_(
        "Say how it's going: on-track, behind or help, then a note if you like."
    ),
    UsageProblem.LONG_NOTE: N_("Keep the note under 1000 characters."),
    UsageProblem.EMPTY_REFLECTION: N_("Write your reflection after the command."),
    UsageProblem.LONG_REFLECTION: N_("Keep it under 1000 characters."),
    UsageProblem.BAD_PARTNER: N_("Say who: an @username, or reply to their message."),
    UsageProblem.BAD_MENTOR: N_("Say who: an @username, or reply to their message."),
    UsageProblem.BAD_UNMENTOR: N_("Say who: an @username."),
    UsageProblem.BAD_FEEDBACK: N_(
        "Say who the feedback is for: an @username, or reply to their message."
    ),
    UsageProblem.EMPTY_FEEDBACK: N_("Write the feedback after the name."),
    UsageProblem.EMPTY_JOURNAL: N_(
        "Write the entry after the goal number, or leave it out to read the journal."
    ),
    UsageProblem.LONG_JOURNAL: N_("Keep an entry under 1000 characters."),
    UsageProblem.BAD_PAUSE: N_(
        "Say until when (until and a date, or for 2 weeks), from when if later, "
        "and/or because and a reason."
    ),
    UsageProblem.BAD_PERIOD: N_(
        "Pick week, month or quarter for this one so far, or last week, last month or "
        "last quarter for the whole one before."
    ),
    UsageProblem.BAD_TIMELINE: N_("Say whose: an @username, or nothing for everyone."),
    UsageProblem.BAD_CALENDAR: N_(
        "Say mine for only your deadlines, or nothing for the whole chat."
    ),
    UsageProblem.NO_NEW_TITLE: N_("What's the new title? Type it after the number."),
    UsageProblem.DELETE_GOAL: N_(
        "/delete removes a milestone: give its number, like 7.2. A whole goal is dropped with /abandon."
    ),
}

# The example that fits a problem better than the command's usual one.
PROBLEM_EXAMPLES: dict[UsageProblem, str] = {
    UsageProblem.BAD_SCHEDULE_SUMMARY: N_("/schedule summary fri 17:00"),
    UsageProblem.BAD_SCHEDULE_REVIEW: N_(
        "/schedule review monthly 1 10:00  or  /schedule review quarterly 10:00"
    ),
    UsageProblem.BAD_DAY_OF_MONTH: N_("/schedule review monthly 31 10:00"),
    UsageProblem.BAD_SCHEDULE_REMINDERS: N_("/schedule reminders 3 days"),
    UsageProblem.BAD_LEAD_DAYS: N_("/schedule reminders 3 days"),
    UsageProblem.REMINDER_TIME_FIXED: N_("/schedule reminders 2 days"),
    UsageProblem.BAD_SCHEDULE_HABITS: N_("/schedule habits 20:00  or  /schedule habits off"),
    UsageProblem.BAD_SCHEDULE_HERE: N_("/schedule here  or  /schedule here summary"),
}

_FIRST_NUMBER = re.compile(r"^\s*#?(\d{1,9})\b")


def typed_number(args: str) -> str:
    """The goal number the user typed first, or 7 when they gave none."""
    match = _FIRST_NUMBER.match(args)
    return match.group(1) if match else "7"


def example(command: str, args: str = "", words: Words = ENGLISH) -> str:
    """The command's example in the chat's language (its keywords and date words, so it can
    be sent as it is), with the user's goal number when they gave one."""
    return words.gettext(EXAMPLES[command], n=typed_number(args))


def example_line(command: str, args: str = "", words: Words = ENGLISH) -> str:
    """'Example: …' for the command, ready for HTML."""
    return words.gettext("Example: {example}", example=esc(example(command, args, words)))


@explain.register
def _usage(error: Usage, command: str, args: str = "", words: Words = ENGLISH) -> str:
    fitting = PROBLEM_EXAMPLES.get(error.problem)
    if fitting:
        ex = words.gettext("Example: {example}", example=esc(words.gettext(fitting)))
    else:
        ex = example_line(command, args, words)
    return f"{words.gettext(USAGE[error.problem])}\n{ex}"


@explain.register
def _beyond_horizon(
    error: BeyondHorizon, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    text = words.gettext(
        "{day} is further ahead than I plan: dates up to {limit} work.",
        day=words.day(error.when, error.today),
        limit=words.day(error.limit, error.today),
    )
    return f"{text}\n{example_line(command, args, words)}"


@explain.register
def _date_unreadable(
    error: DateUnreadable, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    if error.no_such_day:
        text = words.gettext(
            "“{text}” is no day on the calendar (dates in numbers are day first: "
            "15.02. is 15 February).",
            text=esc(error.text),
        )
    else:
        text = words.gettext(
            "I couldn't read “{text}” as a date. Try 2027-04-30, next friday, "
            "in 3 weeks or end of month.",
            text=esc(error.text),
        )
    return f"{text}\n{example_line(command, args, words)}"


@explain.register
def _date_too_soon(error: DateTooSoon, command: str, args: str = "", words: Words = ENGLISH) -> str:
    day = words.day(error.when, error.today)
    earliest = words.day(error.earliest, error.today)
    if error.when < error.today:
        text = words.gettext(
            "{day} is in the past: pick {earliest} or later.", day=day, earliest=earliest
        )
    else:
        text = words.gettext(
            "{day} is too soon: pick {earliest} or later.", day=day, earliest=earliest
        )
    return f"{text}\n{example_line(command, args, words)}"
