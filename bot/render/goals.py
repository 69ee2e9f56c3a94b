"""Messages about goals: created, why, target, reschedule, rename and abandon, and refusals
about them (the /goals list is in goal_lists.py)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.errors import (
    AlreadyDue,
    AlreadyNamed,
    AlreadySet,
    GoalBeforeMilestones,
    GoalNotActive,
    GoalNotFound,
    NotOwner,
)
from bot.domain.languages import Lang
from bot.domain.models import AbandonResult, Goal, GoalStatus, Milestone
from bot.domain.pace import pace
from bot.domain.smart import SmartCheck, latest_achievable
from bot.render.commands import example_line, typed_number
from bot.render.common import GOAL_GONE
from bot.render.errors import explain
from bot.render.habit_goals import frequency_tip
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import (
    amount,
    day,
    due,
    esc,
    example_date,
    measure,
    name,
    pace_word,
    quoted,
    with_unit,
)

# A one-line /goal sent while a guided one was open.
DRAFT_DROPPED = N_("The guided /goal you had started is dropped: this goal takes its place.")


def _mark(ok: bool) -> str:
    return "✅" if ok else "⚠️"


def smart_line(check: SmartCheck, words: Words = ENGLISH) -> str:
    """'SMART ✅ specific ✅ measurable ...' with ⚪ for a missing 'why'."""
    return words.gettext(
        "SMART {specific} specific {measurable} measurable {achievable} achievable "
        "{relevant} relevant {time_bound} time-bound",
        specific=_mark(check.specific),
        measurable=_mark(check.measurable),
        achievable=_mark(check.achievable),
        relevant="✅" if check.relevant else "⚪",
        time_bound=_mark(check.time_bound),
    )


# "Talk to 50 customers" -> "50 customers": the number the title already names, as a target.
_COUNTED = re.compile(r"(?<![\w.,-])(\d[\d.,]*)\s+([^\W\d_]{2,20})\b")


def _target_hint(title: str, words: Words = ENGLISH) -> str:
    """A target to suggest: the title's own number and noun, else a placeholder."""
    found = _COUNTED.search(title)
    if found:
        return f"{found.group(1)} {esc(found.group(2))}"
    return words.gettext("&lt;number&gt; &lt;unit&gt;")


def smart_tips(
    goal: Goal, check: SmartCheck, today: date, private: bool = False, words: Words = ENGLISH
) -> list[str]:
    """One concrete tip for each SMART quality that does not hold yet."""
    n = goal.number
    tips = []
    if not check.specific:
        # "exercise more": something people repeat is made specific by how often
        tips.append(
            frequency_tip(goal, words)
            or words.gettext('Be specific: say exactly what, e.g. "increase sales by 10%".')
        )
    if not check.measurable:
        tips.append(
            words.gettext(
                "Measure it: how will you know you're there? Add a target "
                "(/target {number} {hint}) or milestones (/milestone {number} …).",
                number=n,
                hint=_target_hint(goal.title, words),
            )
        )
    if not check.achievable:
        tips.append(
            words.gettext(
                "Achievable? That deadline is more than 5 years away. Pick a nearer one and "
                "get there in steps: /reschedule {number} {date}",
                number=n,
                date=example_date(today, 365),
            )
        )
    if not check.relevant:
        tip = (
            N_("Tip: write down why it matters: /why {number} &lt;reason&gt;")
            if private
            else N_("Tip: tell the group why it matters: /why {number} &lt;reason&gt;")
        )
        tips.append(words.gettext(tip, number=n))
    return tips


def goal_headline(goal: Goal, today: date, words: Words = ENGLISH) -> str:
    """'0 / 42 km · due Fri 30 Apr 2027 (in 5 months)'."""
    parts = []
    if goal.target is not None:
        parts.append(amount(goal, words=words))
    parts.append(due(goal.deadline, today, words))
    return " · ".join(parts)


def goal_created(
    goal: Goal, check: SmartCheck, today: date, private: bool = False, words: Words = ENGLISH
) -> str:
    """The reply to a new goal: number, deadline, SMART check and the next step."""
    lines = [
        words.gettext(
            "🎯 Goal #{number} for {name}: {title}",
            number=goal.number,
            name=name(goal.owner),
            title=esc(goal.title),
        ),
        f"   {goal_headline(goal, today, words)}",
        smart_line(check, words),
        *smart_tips(goal, check, today, private, words),
    ]
    lines.append(
        words.gettext(
            "Next: break it into milestones: /milestone {number} First step by {date}",
            number=goal.number,
            date=halfway(today, goal.deadline).isoformat(),
        )
    )
    return "\n".join(lines)


def why_recorded(goal: Goal, check: SmartCheck, words: Words = ENGLISH) -> str:
    """The reply to /why."""
    return "\n".join(
        [
            words.gettext(
                "🎯 Goal #{number} {title}: why it matters is noted.",
                number=goal.number,
                title=esc(goal.title),
            ),
            quoted(goal.why or "", words),
            smart_line(check, words),
        ]
    )


def target_set(goal: Goal, check: SmartCheck, words: Words = ENGLISH) -> str:
    """The reply to /target."""
    sign = "-" if goal.goes_down else "+"
    return "\n".join(
        [
            words.gettext(
                "🎯 Goal #{number} {title}: {amount}",
                number=goal.number,
                title=esc(goal.title),
                amount=amount(goal, words=words),
            ),
            smart_line(check, words),
            words.gettext(
                "Log progress with /progress {number} {step}",
                number=goal.number,
                step=sign + with_unit(1, goal.unit, False, words),
            ),
        ]
    )


def rescheduled(
    goal: Goal,
    milestone: Milestone | None,
    old: date,
    reason: str | None,
    today: date,
    words: Words = ENGLISH,
) -> str:
    """The reply to /reschedule: the new date against the old one."""
    if milestone is None:
        line = words.gettext(
            "⏰ Goal #{number} {title} is now {due}, moved from {old}.",
            number=goal.number,
            title=esc(goal.title),
            due=due(goal.deadline, today, words),
            old=day(old, today, words),
        )
        new = goal.deadline
    else:
        line = words.gettext(
            "⏰ Milestone {ref} {title} is now {due}, moved from {old}.",
            ref=f"{goal.number}.{milestone.number}",
            title=esc(milestone.title),
            due=due(milestone.due_date, today, words),
            old=day(old, today, words),
        )
        new = milestone.due_date
    lines = [line]
    if reason:
        lines.append(words.gettext("Reason: {reason}", reason=esc(reason)))
    if milestone is None and new > latest_achievable(today):
        lines.append(
            words.gettext(
                "⚠️ That's more than 5 years away: is it still achievable? Milestones help."
            )
        )
    return "\n".join(lines)


def renamed(goal: Goal, milestone: Milestone | None, old_title: str, words: Words = ENGLISH) -> str:
    """The reply to /rename: the new title, and where the old one is kept."""
    if milestone is None:
        line = words.gettext(
            "🎯 Goal #{number} is now “{title}” (was “{old}”).",
            number=goal.number,
            title=esc(goal.title),
            old=esc(old_title),
        )
    else:
        line = words.gettext(
            "📍 Milestone {ref} is now “{title}” (was “{old}”).",
            ref=f"{goal.number}.{milestone.number}",
            title=esc(milestone.title),
            old=esc(old_title),
        )
    kept = words.gettext(
        "The old title stays in its history: /journal {number}", number=goal.number
    )
    return f"{line}\n{kept}"


def abandon_question(goal: Goal, words: Words = ENGLISH) -> tuple[str, InlineKeyboardMarkup]:
    """Ask the owner to confirm dropping a goal."""
    text = words.gettext(
        "Abandon goal #{number} {title}?\nIt leaves your goal list and gets no more reminders.",
        number=goal.number,
        title=esc(goal.title),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    words.gettext("Abandon #{number}", number=goal.number),
                    callback_data=callbacks.abandon(goal.id, True),
                ),
                InlineKeyboardButton(
                    words.gettext("Keep it"), callback_data=callbacks.abandon(goal.id, False)
                ),
            ]
        ]
    )
    return text, keyboard


_ALREADY = {
    GoalStatus.ACTIVE: N_("Goal #{number} is already active."),
    GoalStatus.COMPLETED: N_("Goal #{number} is already completed."),
    GoalStatus.ABANDONED: N_("Goal #{number} is already abandoned."),
}


def abandon_answer(
    goal: Goal, result: AbandonResult, words: Words = ENGLISH
) -> tuple[str | None, str]:
    """(new message text or None to leave it, toast) for a press on the abandon question."""
    n, title, owner = goal.number, esc(goal.title), name(goal.owner)
    match result:
        case AbandonResult.ABANDONED:
            return (
                words.gettext(
                    "Goal #{number} {title} was abandoned by {name}.\n"
                    "Dropping a goal is a decision too. Set a new one any time: /goal",
                    number=n,
                    title=title,
                    name=owner,
                ),
                words.gettext("Goal abandoned"),
            )
        case AbandonResult.KEPT:
            return (
                words.gettext(
                    "Goal #{number} {title} stays on. Keep going, {name}!",
                    number=n,
                    title=title,
                    name=owner,
                ),
                words.gettext("Kept"),
            )
        case AbandonResult.NOT_ACTIVE:
            return None, words.gettext(_ALREADY[goal.status], number=n)
        case AbandonResult.NOT_OWNER:
            return None, words.gettext(
                "Only {name} can abandon goal #{number}.", name=goal.owner.first_name, number=n
            )
        case AbandonResult.GONE:
            return None, words.gettext(GOAL_GONE)
        case _:
            assert_never(result)


def goal_progress_line(goal: Goal, today: date, words: Words = ENGLISH) -> str:
    """'Run a marathon: 2 of 3 milestones, 67% · on track'."""
    p = pace(goal, today)
    parts = [f"{esc(goal.title)}: {measure(goal, p, words)}".rstrip(": ")]
    if pace_word(p, words):
        parts.append(pace_word(p, words))
    return " · ".join(parts)


def halfway(today: date, deadline: date) -> date:
    """A date for a first milestone in examples: halfway there, and within four weeks."""
    return today + timedelta(days=min(max((deadline - today).days // 2, 1), 28))


# Refusals about goals.


def in_groups(
    number: int, groups: tuple[str, ...], command: str, args: str, words: Words = ENGLISH
) -> str:
    """In a private chat: where the member's goals with this number are, to be changed there."""
    typed = args.strip()
    if len(typed) > 30:
        typed = typed.split(maxsplit=1)[0] + " …"
    again = esc(f"/{command} {typed}".strip())
    if len(groups) == 1:
        return words.gettext(
            "Your goal #{number} is in {group}: send {command} there.",
            number=number,
            group=esc(groups[0]),
            command=again,
        )
    return words.gettext(
        "Your goals #{number} are in {groups}: send {command} in the one you mean.",
        number=number,
        groups=_groups(groups, words),
        command=again,
    )


def _groups(titles: tuple[str, ...], words: Words) -> str:
    """'Runners, Readers and Coders' as the language joins names (English without the serial
    comma, as it always read)."""
    names = [esc(title) for title in titles]
    if words.lang is Lang.EN:
        return ", ".join(names[:-1]) + f" and {names[-1]}"
    return words.listing(names)


@explain.register
def _goal_not_found(
    error: GoalNotFound, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    n = error.number
    if not error.private:
        return words.gettext(
            "There's no goal #{number} in this chat. See the goals here with /goals.", number=n
        )
    missing = words.gettext("You have no personal goal #{number} in this chat.", number=n)
    if error.elsewhere:
        return f"{missing}\n{in_groups(n, error.elsewhere, command, args, words)}"
    see = words.gettext("See yours with /goals (a group's goals are changed in that group).")
    return f"{missing} {see}"


@explain.register
def _not_owner(error: NotOwner, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "Goal #{number} is {name}'s: only {name} can change it. Set your own with /goal.",
        number=error.goal_number,
        name=esc(error.owner_name),
    )


_NOT_ACTIVE = {
    GoalStatus.ACTIVE: N_(
        "Goal #{number} is already active, so it can't change.\nWant it back? /reopen {number}"
    ),
    GoalStatus.COMPLETED: N_(
        "Goal #{number} is already achieved, so it can't change.\n"
        "Not finished after all? /reopen {number}"
    ),
    GoalStatus.ABANDONED: N_(
        "Goal #{number} is already abandoned, so it can't change.\nWant it back? /reopen {number}"
    ),
}


@explain.register
def _goal_not_active(
    error: GoalNotActive, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(_NOT_ACTIVE[error.status], number=error.goal_number)


@explain.register
def _already_due(error: AlreadyDue, command: str, args: str = "", words: Words = ENGLISH) -> str:
    when = day(error.when, error.today, words)
    if error.ref.milestone_number is not None:
        text = words.gettext(
            "Milestone {ref} is already due {day}, so nothing moved. Pick another date.",
            ref=str(error.ref),
            day=when,
        )
    else:
        text = words.gettext(
            "Goal #{ref} is already due {day}, so nothing moved. Pick another date.",
            ref=str(error.ref),
            day=when,
        )
    return f"{text}\n{example_line(command, args, words)}"


@explain.register
def _already_named(
    error: AlreadyNamed, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    if error.ref.milestone_number is not None:
        text = words.gettext(
            "Milestone {ref} is already called “{title}”, so nothing changed. "
            "Type the new title after the number.",
            ref=str(error.ref),
            title=esc(error.title),
        )
    else:
        text = words.gettext(
            "Goal #{ref} is already called “{title}”, so nothing changed. "
            "Type the new title after the number.",
            ref=str(error.ref),
            title=esc(error.title),
        )
    return f"{text}\n{example_line(command, args, words)}"


@explain.register
def _already_set(error: AlreadySet, command: str, args: str = "", words: Words = ENGLISH) -> str:
    values = {
        "ref": str(error.ref),
        "title": esc(error.title),
        "day": day(error.due, error.today, words),
    }
    if error.ref.milestone_number is not None:
        text = words.gettext(
            "You already have milestone {ref} “{title}”, due {day}: nothing new was added. "
            "See it with /goals; to move it: /reschedule {ref} &lt;date&gt;",
            **values,
        )
    else:
        text = words.gettext(
            "You already have goal #{ref} “{title}”, due {day}: nothing new was added. "
            "See it with /goals; to move it: /reschedule {ref} &lt;date&gt;",
            **values,
        )
    if error.target is not None:
        target = with_unit(error.target, error.unit, grouped=False, words=words)
        if error.baseline is not None:
            offer = words.gettext(
                "A new target for it? /target {ref} {target} from {start}",
                ref=str(error.ref),
                target=target,
                start=words.number(error.baseline),
            )
        else:
            offer = words.gettext(
                "A new target for it? /target {ref} {target}", ref=str(error.ref), target=target
            )
        text += "\n" + offer
    return text


@explain.register
def _goal_before_milestones(
    error: GoalBeforeMilestones, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    n = typed_number(args)
    return words.gettext(
        "Goal #{number} can't end on {limit}: a milestone is due {day}. Move milestone "
        "{ref} first (/reschedule {ref} …) or pick a later date.",
        number=n,
        limit=day(error.limit, error.today, words),
        day=day(error.when, error.today, words),
        ref=f"{n}.{error.milestone_number}",
    )
