"""Partners, mentors, feedback, journals and pauses."""

from __future__ import annotations

from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.dates import format_day
from bot.domain.errors import (
    AlreadyPartnered,
    NoPartner,
    NotMentor,
    NotMentoring,
    NotPaused,
    PartnerIsSelf,
    PartnerTaken,
    PauseTooFarAhead,
    UnknownMember,
)
from bot.domain.habit_history import StrengthChange
from bot.domain.models import Member
from bot.domain.pauses import Paused, Resumed
from bot.domain.people import (
    Digest,
    InviteResult,
    NoticeKind,
    PartnerStatus,
)
from bot.render.commands import example_line
from bot.render.errors import explain
from bot.render.text import bar, day, esc, mention, name, pace_word


def invitation(
    invite_id: int, inviter: Member, invitee: Member
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask the invitee; only their press counts."""
    text = (
        f"🤝 {name(inviter)} asks {mention(invitee)} to be accountability partners here.\n"
        "Partners hear when the other misses a check-in, falls behind on a milestone, or "
        "completes one."
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Accept", callback_data=callbacks.partner(invite_id, True)),
                InlineKeyboardButton("Decline", callback_data=callbacks.partner(invite_id, False)),
            ]
        ]
    )
    return text, keyboard


def invitation_answered(
    result: InviteResult, inviter: Member | None, invitee: Member | None
) -> tuple[str | None, str]:
    """(new text for the invitation or None, toast) after a press."""
    closed = "This invitation is no longer open."
    if inviter is None or invitee is None:
        return None, closed
    match result:
        case InviteResult.NOT_INVITEE:
            return None, f"Only {invitee.first_name} can answer this."
        case InviteResult.ACCEPTED:
            return (
                f"🤝 {name(inviter)} and {name(invitee)} are accountability partners now. Go team!",
                "You're partners now",
            )
        case InviteResult.DECLINED:
            return f"{name(invitee)} declined {name(inviter)}'s partner invitation.", "Declined"
        case InviteResult.STALE:
            return None, closed
        case _:
            assert_never(result)


def partner_status(status: PartnerStatus) -> str:
    """/partner alone: your partner, or the invitations still waiting."""
    if status.partner is not None:
        return (
            f"🤝 Your accountability partner here is {name(status.partner)}. "
            "End it with /unpartner."
        )
    lines = ["You have no accountability partner here yet."]
    for member in status.invited:
        lines.append(f"⏳ Waiting for {name(member)} to accept your invitation.")
    for member in status.invited_by:
        lines.append(f"⏳ {name(member)} invited you: tap Accept on the invitation.")
    if not status.invited and not status.invited_by:
        lines[0] += (
            " Invite someone: /partner @username (or reply to one of their messages with /partner)."
        )
    return "\n".join(lines)


def unpartnered(former: Member) -> str:
    """The reply to /unpartner."""
    return f"You and {name(former)} are no longer partners here. Thanks for looking out for each other."


def partner_notice(
    kind: NoticeKind, about: Member, detail: str, group: str | None, to: Member, direct: bool
) -> str:
    """What a partner is told; in the group it mentions them, in private it names the group."""
    where = f" in {esc(group)}" if direct and group else ""
    who = name(to) if direct else mention(to)
    match kind:
        case NoticeKind.MISSED_CHECKIN:
            return f"🤝 {who}, your partner {name(about)} missed the last check-in{where}. A quick hello might help."
        case NoticeKind.OVERDUE:
            return f"🤝 {who}, your partner {name(about)}'s milestone {esc(detail)} is overdue{where}. Maybe check in?"
        case NoticeKind.COMPLETED:
            return f"🤝 {who}, your partner {name(about)} just completed {esc(detail)}{where}! 🎉"
        case NoticeKind.STREAK_BROKEN:
            return (
                f"🤝 {who}, your partner {name(about)}'s streak on {esc(detail)} ended{where}. "
                "A kind word might help them start the next one."
            )
        case _:
            assert_never(kind)


def mentor_added(member: Member, added: bool, bot_username: str) -> str:
    """The reply to /mentor @username."""
    if not added:
        return f"{name(member)} is already a mentor here."
    return (
        f"🧭 {name(member)} is now a mentor here. Mentors get a weekly digest by direct message "
        f"(open a chat with @{esc(bot_username)} and press Start) and can give /feedback."
    )


def mentor_removed(member: Member, removed: bool) -> str:
    """The reply to /unmentor."""
    if not removed:
        return f"{name(member)} isn't a mentor here."
    return f"{name(member)} is no longer a mentor here."


def mentor_list(found: list[Member]) -> str:
    """/mentor alone."""
    if not found:
        return "No mentors here yet. An admin can add one: /mentor @username"
    return "🧭 Mentors here: " + ", ".join(name(m) for m in found)


def feedback_posted(mentor: Member, member: Member, text: str) -> str:
    """Feedback, posted to the member in the group."""
    return f"🧭 Feedback from {name(mentor)} for {mention(member)}:\n“{esc(text)}”"


def digest(d: Digest, on_demand: bool = False) -> str:
    """The weekly mentor digest, or the same asked for with /digest."""
    kind = "Digest now" if on_demand else "Weekly digest"
    lines = [f"🧭 {kind}: {esc(d.chat.title or 'your chat')}"]
    if not d.members:
        lines.append("No active goals or habits this week.")
    for entry in d.members:
        lines.append("")
        head = f"<b>{name(entry.member)}</b>"
        if entry.away:
            until = f" until {day(entry.away_until, d.today)}" if entry.away_until else ""
            head += f" 🏖 away{until}"
        elif entry.missed_checkins:
            head += f" · {_missed(entry.missed_checkins, entry.recent_checkins)}"
        lines.append(head)
        for goal, pace in entry.goals:
            facts = [f"{bar(pace.actual)} {pace.percent}%"]
            if pace_word(pace):
                facts.append(pace_word(pace))
            facts.append(f"due {day(goal.deadline, d.today)}")
            if goal.id in entry.moved_lately:
                facts.append(f"⏰ moved {entry.moved_lately[goal.id]}× in the last month")
            lines.append(f"  #{goal.number} {esc(goal.title)} · " + " · ".join(facts))
        for item in entry.overdue:
            lines.append(f"  ⚠️ overdue: {esc(item)}")
        for trend in entry.habits:
            habit = trend.habit
            lines.append(
                f"  🔁 #{habit.number} {esc(habit.title)} · strength {trend.now}% "
                f"{_strength_change(trend, d.last_digest is not None)}"
            )
    return "\n".join(lines)


def _strength_change(trend: StrengthChange, since_last: bool) -> str:
    """'(+12 since the last digest)', '(−5 in the past week)', '(unchanged …)', '(new …)'."""
    when = "since the last digest" if since_last else "in the past week"
    if trend.then is None:
        return f"(new {when})"
    if trend.change == 0:
        return f"(unchanged {when})"
    sign = "+" if trend.change > 0 else "−"
    return f"({sign}{abs(trend.change)} {when})"


def _missed(missed: int, of: int) -> str:
    """'missed 2 of the last 4 check-ins', or 'missed 1 of 1 check-in' when there was one."""
    if of == 1:
        return "missed 1 of 1 check-in"
    return f"missed {missed} of the last {of} check-ins"


def paused(member: Member, result: Paused) -> str:
    """The reply to /pause: a new break, a planned one, a changed one, or the one that runs."""
    pause, today = result.pause, result.today
    until = f" until {day(pause.ends_on, today)}" if pause.ends_on else " until you /resume"
    reason = f" ({esc(pause.reason)})" if pause.reason else ""
    if result.planned and result.starts_on is not None:
        away_when = f"away from {day(result.starts_on, today)}{until}{reason}"
        lead = "🏖 Your break is planned" if result.unchanged else "🏖 Planned"
        if result.replaced and not result.unchanged:
            lead = "🏖 Changed"
        return (
            f"{lead}, {name(member)}: you're {away_when}.\n"
            "Until then everything goes on as usual. Called off? /resume"
        )
    if result.unchanged:
        return (
            f"🏖 You're already away{until}{reason}, {name(member)}.\n"
            "To change it: /pause until &lt;date&gt; · Back early? /resume"
        )
    if result.replaced:
        return f"🏖 Changed, {name(member)}: you're away{until}{reason}."
    return (
        f"🏖 Enjoy the break, {name(member)}! You're away{until}{reason}.\n"
        "No reminders or nudges for you meanwhile, and your streak waits for you."
    )


def resumed(member: Member, result: Resumed) -> str:
    """The reply to /resume: back early, or a planned break called off."""
    if result.called_off:
        start = day(result.starts_on, result.today)
        return f"👍 Your break from {start} is called off, {name(member)}. Nothing changes."
    return f"👋 Welcome back, {name(member)}! Reminders are on again. See where you are: /goals"


def digest_in_private() -> str:
    """/digest in a group: it is about members, so it goes privately."""
    return "Digests are private: send me /digest in a private chat."


# Refusals about people: who they are, partners, mentors and pauses.


@explain.register
def _unknown_member(error: UnknownMember, command: str, args: str = "") -> str:
    who = f"@{esc(error.username)}" if error.username else "them"
    return (
        f"I haven't seen {who} here yet. I only know people who have written in this chat: "
        "ask them to send any command here once, or reply to one of their messages with "
        f"the command.\n{example_line(command, args)}"
    )


@explain.register
def _partner_is_self(error: PartnerIsSelf, command: str, args: str = "") -> str:
    return "You can't partner with yourself. Pick someone in this chat: /partner @username"


@explain.register
def _already_partnered(error: AlreadyPartnered, command: str, args: str = "") -> str:
    return (
        f"You already have a partner here: {esc(error.partner_name)}. To change, /unpartner first."
    )


@explain.register
def _partner_taken(error: PartnerTaken, command: str, args: str = "") -> str:
    return (
        f"{esc(error.invitee_name)} already has a partner here, and partners come in pairs. "
        "Invite someone else: /partner @username"
    )


@explain.register
def _no_partner(error: NoPartner, command: str, args: str = "") -> str:
    return "You have no partner here. Invite someone: /partner @username"


@explain.register
def _not_mentoring(error: NotMentoring, command: str, args: str = "") -> str:
    return (
        "You don't mentor any group yet. A group's admins make someone a mentor there: "
        "/mentor @username"
    )


@explain.register
def _not_mentor(error: NotMentor, command: str, args: str = "") -> str:
    return "Only this chat's mentors give feedback. An admin can add one: /mentor @username"


@explain.register
def _not_paused(error: NotPaused, command: str, args: str = "") -> str:
    return "You're not paused. To step away: /pause until 2027-01-15 because holiday"


@explain.register
def _pause_too_far_ahead(error: PauseTooFarAhead, command: str, args: str = "") -> str:
    return (
        f"{format_day(error.when, error.today)} is a long way off: a break can be planned up to "
        f"{format_day(error.limit, error.today)}."
    )
