"""Refusals: what was wrong, and the command that works, with the user's numbers filled in."""

from __future__ import annotations

import re

from bot.domain.dates import format_day
from bot.domain.errors import (
    AdminCheckFailed,
    AlreadyDue,
    AlreadySet,
    DateTooLate,
    DateTooSoon,
    DateUnreadable,
    GoalNotActive,
    GoalNotFound,
    GoalStillActive,
    MilestoneAlreadyDone,
    MilestoneNotFound,
    MilestoneStillOpen,
    NotAdmin,
    NoTarget,
    NothingToChart,
    NotMentor,
    NotMentoring,
    NotOwner,
    NotPaused,
    PartnerProblem,
    PastTargetAtOnce,
    UnitMismatch,
    UnknownMember,
    UnknownTimezone,
    Usage,
    UserError,
)
from bot.domain.numbers import format_amount
from bot.render.text import esc, with_unit

EXAMPLES = {
    "goal": "/goal Run a marathon by end of june target 42 km",
    "milestone": "/milestone {n} Half marathon by end of march",
    "done": "/done {n}.1  (a milestone)  or  /done {n}  (the whole goal)",
    "progress": "/progress {n} 6  or  /progress {n} +2  or  /progress {n} -1",
    "why": "/why {n} I want to run with my kids",
    "target": "/target {n} 12 books  or  /target {n} 75 kg from 80 kg",
    "reschedule": "/reschedule {n} end of june because I was ill  or  /reschedule {n}.2 next friday",
    "abandon": "/abandon {n}",
    "reopen": "/reopen {n}  (a goal)  or  /reopen {n}.1  (a milestone)",
    "goals": "/goals  or  /goals all",
    "partner": "/partner @username  (or reply to their message with /partner)",
    "unpartner": "/unpartner",
    "mentor": "/mentor @coach",
    "unmentor": "/unmentor @coach",
    "feedback": "/feedback @username Great pace this month, keep the long runs",
    "digest": "/digest",
    "journal": "/journal {n} Ran 12 km, knee felt fine  (or /journal {n} to read it)",
    "pause": "/pause until 2027-01-15 because family holiday  or  /pause from dec 24 for 10 days",
    "resume": "/resume",
    "forgetme": "/forgetme",
    "timeline": "/timeline  or  /timeline @username",
    "chart": "/chart {n}",
    "report": "/report month  or  /report quarter  or  /report last month",
    "calendar": "/calendar  or  /calendar mine",
    "export": "/export",
    "wizard_title": "Read 12 books",
    "wizard_deadline": "end of year",
    "wizard_why": "I want to read to my kids",
    "schedule": "/schedule checkin mon,thu 09:00",
    "timezone": "/timezone Europe/Berlin",
    "checkin": "/checkin on-track  or  /checkin behind lost a week to flu  or  /checkin help",
    "reflect": "/reflect Mornings worked; evenings didn't. Moving runs to 7am.",
}

USAGE = {
    "no_deadline": "It needs a date: add “by” and when, e.g. “by 2027-04-30” or “by end of month”.",
    "empty_title": "The title is empty.",
    "long_title": "That title is too long: keep it under 200 characters.",
    "bad_target": "The target must be a positive number, then an optional unit, like “target 42 km”.",
    "two_targets": "Give one target, like “target 42 km”.",
    "bad_baseline": (
        "After “from”, say where you start, as a number in the target's unit, like "
        "“target 75 kg from 80 kg”."
    ),
    "baseline_is_target": (
        "That's where you start. Give a target to move to, like “target 75 kg from 80 kg”."
    ),
    "no_goal_number": "Which goal? Start with its number from /goals.",
    "bad_ref": "I couldn't read that number. Use the goal number from /goals, or 7.2 for a milestone.",
    "goal_not_milestone": "That's a milestone number; this command takes a goal number.",
    "no_ref": "Which goal or milestone? Use its number from /goals.",
    "extra": "There's more after the number than I expected.",
    "no_value": "What's the new value?",
    "negative_value": "That would go below 0. Set the value directly instead.",
    "bad_value": "The value must be a number, like 6 or 2.5.",
    "bare_k": (
        "Is that k thousands, or a distance? Write the number out (10000), give its unit "
        "(10k USD), or say km (10 km)."
    ),
    "empty_why": "Say why it matters after the goal number.",
    "long_why": "That's a lot! Keep it under 1000 characters.",
    "no_date": "What's the new date?",
    "long_reason": "Keep the reason under 1000 characters.",
    "bad_args": "That's not something this command takes.",
    "bad_time": "Times are like 09:00, 17:30 or 5pm.",
    "bad_days": "Days are daily, weekdays, weekends, or a list like mon,thu.",
    "bad_schedule": "I know checkin, summary, review, reminders, off and on.",
    "bad_schedule_off": "Say what to switch: checkin, summary, review or reminders.",
    "bad_schedule_checkin": "Give the days, then the time.",
    "bad_schedule_summary": "Give the days, then the time.",
    "bad_day_of_month": "The day of the month is a number from 1 to 31 (short months use their last day).",
    "bad_schedule_review": "Say monthly and the day of the month, or quarterly; then the time.",
    "bad_lead_days": "Reminders can come 0 to 30 days ahead.",
    "bad_schedule_reminders": "Say how many days ahead.",
    "reminder_time_fixed": "Reminders always go out at 09:00; say only how many days ahead.",
    "bad_checkin": "Say how it's going: on-track, behind or help, then a note if you like.",
    "long_note": "Keep the note under 1000 characters.",
    "empty_reflection": "Write your reflection after the command.",
    "long_reflection": "Keep it under 1000 characters.",
    "bad_partner": "Say who: an @username, or reply to their message.",
    "bad_mentor": "Say who: an @username, or reply to their message.",
    "bad_unmentor": "Say who: an @username.",
    "bad_feedback": "Say who the feedback is for: an @username, or reply to their message.",
    "empty_feedback": "Write the feedback after the name.",
    "empty_journal": "Write the entry after the goal number, or leave it out to read the journal.",
    "long_journal": "Keep an entry under 1000 characters.",
    "bad_pause": (
        "Say until when (until and a date, or for 2 weeks), from when if later, "
        "and/or because and a reason."
    ),
    "bad_period": (
        "Pick week, month or quarter for this one so far, or last week, last month or "
        "last quarter for the whole one before."
    ),
    "bad_timeline": "Say whose: an @username, or nothing for everyone.",
    "bad_calendar": "Say mine for only your deadlines, or nothing for the whole chat.",
}

# The example that fits a problem better than the command's usual one.
PROBLEM_EXAMPLES = {
    "bad_schedule_summary": "/schedule summary fri 17:00",
    "bad_schedule_review": "/schedule review monthly 1 10:00  or  /schedule review quarterly 10:00",
    "bad_day_of_month": "/schedule review monthly 31 10:00",
    "bad_schedule_reminders": "/schedule reminders 3 days",
    "bad_lead_days": "/schedule reminders 3 days",
    "reminder_time_fixed": "/schedule reminders 2 days",
}

# Admin-only actions, each refusal saying what the member can do instead.
ADMIN_ONLY = {
    "mentor": "Only the group's admins appoint mentors. See who they are with /mentor.",
    "unmentor": "Only the group's admins remove mentors. See who they are with /mentor.",
    "export": (
        "Only the group's admins can export the group's data. "
        "For your own, send me /export in a private chat."
    ),
}

_FIRST_NUMBER = re.compile(r"^\s*#?(\d{1,9})\b")


def example(command: str, args: str = "") -> str:
    """The command's example, with the user's goal number when they gave one."""
    match = _FIRST_NUMBER.match(args)
    number = match.group(1) if match else "7"
    return EXAMPLES[command].format(n=number)


def _status_word(status: str) -> str:
    return "achieved" if status == "completed" else status


def explain(error: UserError, command: str, args: str = "") -> str:
    """A sentence on what was wrong and a working example."""
    ex = f"Example: {esc(example(command, args))}"
    if isinstance(error, Usage):
        if error.problem in PROBLEM_EXAMPLES:
            ex = f"Example: {esc(PROBLEM_EXAMPLES[error.problem])}"
        return f"{USAGE.get(error.problem, USAGE['bad_args'])}\n{ex}"
    if isinstance(error, DateUnreadable):
        return (
            f"I couldn't read “{esc(error.text)}” as a date. Try 2027-04-30, next friday, "
            f"in 3 weeks or end of month.\n{ex}"
        )
    if isinstance(error, DateTooSoon):
        past = "is in the past" if error.when < error.today else "is too soon"
        return (
            f"{format_day(error.when, error.today)} {past}: pick "
            f"{format_day(error.earliest, error.today)} or later.\n{ex}"
        )
    if isinstance(error, DateTooLate):
        return _too_late(error, args)
    if isinstance(error, GoalNotFound):
        return _goal_not_found(error, command, args)
    if isinstance(error, MilestoneNotFound):
        return _milestone_not_found(error, command, args)
    if isinstance(error, NotOwner):
        return (
            f"Goal #{error.goal_number} is {esc(error.owner_name)}'s: only "
            f"{esc(error.owner_name)} can change it. Set your own with /goal."
        )
    if isinstance(error, GoalNotActive):
        n = error.goal_number
        again = "Not finished after all?" if error.status == "completed" else "Want it back?"
        return (
            f"Goal #{n} is already {_status_word(error.status)}, so it can't change.\n"
            f"{again} /reopen {n}"
        )
    if isinstance(error, AlreadyDue):
        what = f"Milestone {error.ref}" if "." in error.ref else f"Goal #{error.ref}"
        when = format_day(error.when, error.today)
        return f"{what} is already due {when}, so nothing moved. Pick another date.\n{ex}"
    if isinstance(error, GoalStillActive):
        n = error.goal_number
        return f"Goal #{n} is still active: there's nothing to reopen. Finished it? /done {n}"
    if isinstance(error, AlreadySet):
        what = f"milestone {error.ref}" if "." in error.ref else f"goal #{error.ref}"
        text = (
            f"You already have {what} “{esc(error.title)}”, due "
            f"{format_day(error.due, error.today)}: nothing new was added. "
            f"See it with /goals; to move it: /reschedule {error.ref} &lt;date&gt;"
        )
        if error.target is not None:
            start = f" from {format_amount(error.baseline)}" if error.baseline is not None else ""
            target = with_unit(error.target, error.unit)
            text += f"\nA new target for it? /target {error.ref} {target}{start}"
        return text
    if isinstance(error, PastTargetAtOnce):
        n, unit = error.goal_number, error.unit
        value, target = with_unit(error.value, unit), with_unit(error.target, unit)
        if error.has_baseline:
            return (
                f"{value} is past #{n}'s target of {target} in one step, so I haven't logged "
                f"it.\nA typo? /progress {n} &lt;value&gt; · Reached it already? /done {n}"
            )
        return (
            f"{value} is past #{n}'s target of {target} in one step, so I haven't logged it.\n"
            f"Is {target} a number to get down to? Say where you start: "
            f"/target {n} {with_unit(error.target, unit)} from {format_amount(error.value)}"
            f"\nReached it already? /done {n}"
        )
    if isinstance(error, MilestoneStillOpen):
        ref = f"{error.goal_number}.{error.number}"
        return (
            f"Milestone {ref} isn't done yet: there's nothing to reopen. Finished it? /done {ref}"
        )
    if isinstance(error, MilestoneAlreadyDone):
        return f"Milestone {error.goal_number}.{error.number} is already done, so its date stays."
    if isinstance(error, UnitMismatch) and command == "target":
        n, given = error.goal_number, esc(error.given)
        return (
            f"Goal #{n} counts {esc(error.unit)}, and its progress can't be read as {given}. "
            f"To count it in {given}, say where it stands now: "
            f"/target {n} {format_amount(error.amount)} {given} from &lt;number&gt;"
        )
    if isinstance(error, UnitMismatch):
        n, unit = error.goal_number, esc(error.unit)
        sign = ("-" if error.amount < 0 else "+") if error.relative else ""
        return (
            f"Goal #{n} counts {unit}, not {esc(error.given)}, and I don't convert. "
            f"Log it in {unit}: /progress {n} {sign}&lt;how many {unit}&gt;"
        )
    if isinstance(error, NoTarget):
        n = error.goal_number
        return (
            f"Goal #{n} has no numeric target to measure. Add one first: /target {n} 12 books\n"
            f"Or track it by milestones: /done {n}.1"
        )
    if isinstance(error, UnknownTimezone):
        text = f"I don't know the time zone “{esc(error.name)}”."
        if error.suggestions:
            text += f" Did you mean {' or '.join(error.suggestions)}?"
        return (
            f"{text} Use an Area/City name such as Europe/Berlin, America/New_York, "
            f"Asia/Kolkata or UTC.\nExample: /timezone {error.suggestions[0] if error.suggestions else 'Europe/Berlin'}"
        )
    if isinstance(error, UnknownMember):
        who = f"@{esc(error.username)}" if error.username else "them"
        return (
            f"I haven't seen {who} here yet. I only know people who have written in this chat: "
            "ask them to send any command here once, or reply to one of their messages with "
            f"the command.\n{ex}"
        )
    if isinstance(error, PartnerProblem):
        return _partner_problem(error)
    if isinstance(error, NotMentoring):
        return (
            "You don't mentor any group yet. A group's admins make someone a mentor there: "
            "/mentor @username"
        )
    if isinstance(error, NotMentor):
        return "Only this chat's mentors give feedback. An admin can add one: /mentor @username"
    if isinstance(error, AdminCheckFailed):
        return "I couldn't check with Telegram whether you're an admin just now. Please try again in a minute."
    if isinstance(error, NothingToChart):
        n = error.goal_number
        return (
            f"Goal #{n} has no target or milestones yet, so there's no progress to draw. "
            f"Add one: /target {n} 10 km  or  /milestone {n} First step by end of month"
        )
    if isinstance(error, NotPaused):
        return "You're not paused. To step away: /pause until 2027-01-15 because holiday"
    if isinstance(error, NotAdmin):
        if command in ADMIN_ONLY:
            return ADMIN_ONLY[command]
        return (
            "Only the group's admins can change its settings. "
            "Ask one of them, or see the current ones with /schedule."
        )
    return "That didn't work. Try /help for examples."


def _in_groups(number: int, groups: tuple[str, ...], command: str, args: str) -> str:
    """In a private chat: where the member's goals with this number are, to be changed there."""
    typed = args.strip()
    if len(typed) > 30:
        typed = typed.split(maxsplit=1)[0] + " …"
    again = esc(f"/{command} {typed}".strip())
    if len(groups) == 1:
        return f"Your goal #{number} is in {esc(groups[0])}: send {again} there."
    names = ", ".join(esc(title) for title in groups[:-1]) + f" and {esc(groups[-1])}"
    return f"Your goals #{number} are in {names}: send {again} in the one you mean."


def _goal_not_found(error: GoalNotFound, command: str, args: str) -> str:
    n = error.number
    if not error.private:
        return f"There's no goal #{n} in this chat. See the goals here with /goals."
    missing = f"You have no personal goal #{n} in this chat."
    if error.elsewhere:
        return f"{missing}\n{_in_groups(n, error.elsewhere, command, args)}"
    return f"{missing} See yours with /goals (a group's goals are changed in that group)."


def _milestone_not_found(error: MilestoneNotFound, command: str, args: str) -> str:
    n = error.goal_number
    goal = f"Your personal goal #{n}" if error.elsewhere else f"Goal #{n}"
    if error.existing:
        refs = ", ".join(f"{n}.{m}" for m in error.existing)
        text = (
            f"{goal} has no milestone {n}.{error.number}; it has {refs}.\n"
            f"Example: /{command} {n}.{error.existing[0]}"
            + (" next friday" if command == "reschedule" else "")
        )
    else:
        text = f"{goal} has no milestones yet. Add one: /milestone {n} First step by end of month"
    if error.elsewhere:
        text += "\n" + _in_groups(n, error.elsewhere, command, args)
    return text


def _partner_problem(error: PartnerProblem) -> str:
    if error.problem == "self":
        return "You can't partner with yourself. Pick someone in this chat: /partner @username"
    if error.problem == "you_have":
        return f"You already have a partner here: {esc(error.other)}. To change, /unpartner first."
    if error.problem == "they_have":
        return (
            f"{esc(error.other)} already has a partner here, and partners come in pairs. "
            "Invite someone else: /partner @username"
        )
    return "You have no partner here. Invite someone: /partner @username"


def _too_late(error: DateTooLate, args: str) -> str:
    when_text = format_day(error.when, error.today)
    limit_text = format_day(error.limit, error.today)
    match = _FIRST_NUMBER.match(args)
    n = match.group(1) if match else "7"
    if error.what == "pause_ahead":
        return f"{when_text} is a long way off: a break can be planned up to {limit_text}."
    if error.what == "goal_before_milestones":
        return (
            f"Goal #{n} can't end on {limit_text}: a milestone is due {when_text}. "
            f"Move milestone {n}.{error.milestone_number} first "
            f"(/reschedule {n}.{error.milestone_number} …) or pick a later date."
        )
    return (
        f"{when_text} is after goal #{n}'s deadline ({limit_text}). Pick an earlier date, "
        f"or move the goal first: /reschedule {n} …"
    )
