"""Partners, mentors, feedback, journals and pauses."""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
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
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import bar, esc, mention, name, pace_word, quoted

# What a partner notice is about ('1.2 Long run', 'milestone 1.1 "Half marathon"'): plain text
# (the notice escapes it), or written in the words of whoever reads the notice.
Detail = str | Callable[[Words], str]


def invitation(
    invite_id: int, inviter: Member, invitee: Member, words: Words = ENGLISH
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask the invitee; only their press counts."""
    text = (
        words.gettext(
            "🤝 {inviter} asks {invitee} to be accountability partners here.",
            inviter=name(inviter),
            invitee=mention(invitee),
        )
        + "\n"
        + words.gettext(
            "Partners hear when the other misses a check-in, falls behind on a milestone, or "
            "completes one."
        )
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    words.gettext("Accept"), callback_data=callbacks.partner(invite_id, True)
                ),
                InlineKeyboardButton(
                    words.gettext("Decline"), callback_data=callbacks.partner(invite_id, False)
                ),
            ]
        ]
    )
    return text, keyboard


def invitation_answered(
    result: InviteResult, inviter: Member | None, invitee: Member | None, words: Words = ENGLISH
) -> tuple[str | None, str]:
    """(new text for the invitation or None, toast) after a press."""
    closed = words.gettext("This invitation is no longer open.")
    if inviter is None or invitee is None:
        return None, closed
    match result:
        case InviteResult.NOT_INVITEE:
            return None, words.gettext("Only {name} can answer this.", name=invitee.first_name)
        case InviteResult.ACCEPTED:
            return (
                words.gettext(
                    "🤝 {inviter} and {invitee} are accountability partners now. Go team!",
                    inviter=name(inviter),
                    invitee=name(invitee),
                ),
                words.gettext("You're partners now"),
            )
        case InviteResult.DECLINED:
            return words.gettext(
                "{invitee} declined {inviter}'s partner invitation.",
                invitee=name(invitee),
                inviter=name(inviter),
            ), words.gettext("Declined")
        case InviteResult.STALE:
            return None, closed
        case _:
            assert_never(result)


def partner_status(status: PartnerStatus, words: Words = ENGLISH) -> str:
    """/partner alone: your partner, or the invitations still waiting."""
    if status.partner is not None:
        return words.gettext(
            "🤝 Your accountability partner here is {name}. End it with /unpartner.",
            name=name(status.partner),
        )
    if not status.invited and not status.invited_by:
        return words.gettext(
            "You have no accountability partner here yet. Invite someone: /partner @username "
            "(or reply to one of their messages with /partner)."
        )
    lines = [words.gettext("You have no accountability partner here yet.")]
    for member in status.invited:
        lines.append(
            words.gettext("⏳ Waiting for {name} to accept your invitation.", name=name(member))
        )
    for member in status.invited_by:
        lines.append(
            words.gettext("⏳ {name} invited you: tap Accept on the invitation.", name=name(member))
        )
    return "\n".join(lines)


def unpartnered(former: Member, words: Words = ENGLISH) -> str:
    """The reply to /unpartner."""
    return words.gettext(
        "You and {name} are no longer partners here. Thanks for looking out for each other.",
        name=name(former),
    )


def completed_milestone(goal_number: int, milestone_number: int, title: str) -> Detail:
    """What a partner notice says was completed: 'milestone 1.1 "Half marathon"'."""
    ref = f"{goal_number}.{milestone_number}"
    return lambda words: words.gettext('milestone {ref} "{title}"', ref=ref, title=title)


def partner_notice(
    kind: NoticeKind,
    about: Member,
    detail: Detail,
    group: str | None,
    to: Member,
    direct: bool,
    words: Words = ENGLISH,
) -> str:
    """What a partner is told; in the group it mentions them, in private it names the group."""
    who = name(to) if direct else mention(to)
    said = esc(detail if isinstance(detail, str) else detail(words))
    values = {"who": who, "name": name(about), "detail": said}
    if direct and group:
        values["group"] = esc(group)
        return words.gettext(_NOTICES_FROM[kind], **values)
    return words.gettext(_NOTICES[kind], **values)


_NOTICES = {
    NoticeKind.MISSED_CHECKIN: N_(
        "🤝 {who}, your partner {name} missed the last check-in. A quick hello might help."
    ),
    NoticeKind.OVERDUE: N_(
        "🤝 {who}, your partner {name}'s milestone {detail} is overdue. Maybe check in?"
    ),
    NoticeKind.COMPLETED: N_("🤝 {who}, your partner {name} just completed {detail}! 🎉"),
    NoticeKind.STREAK_BROKEN: N_(
        "🤝 {who}, your partner {name}'s streak on {detail} ended. "
        "A kind word might help them start the next one."
    ),
}
# The same by direct message, naming the group.
_NOTICES_FROM = {
    NoticeKind.MISSED_CHECKIN: N_(
        "🤝 {who}, your partner {name} missed the last check-in in {group}. "
        "A quick hello might help."
    ),
    NoticeKind.OVERDUE: N_(
        "🤝 {who}, your partner {name}'s milestone {detail} is overdue in {group}. Maybe check in?"
    ),
    NoticeKind.COMPLETED: N_(
        "🤝 {who}, your partner {name} just completed {detail} in {group}! 🎉"
    ),
    NoticeKind.STREAK_BROKEN: N_(
        "🤝 {who}, your partner {name}'s streak on {detail} ended in {group}. "
        "A kind word might help them start the next one."
    ),
}


def mentor_added(member: Member, added: bool, bot_username: str, words: Words = ENGLISH) -> str:
    """The reply to /mentor @username."""
    if not added:
        return words.gettext("{name} is already a mentor here.", name=name(member))
    return words.gettext(
        "🧭 {name} is now a mentor here. Mentors get a weekly digest by direct message "
        "(open a chat with @{bot} and press Start) and can give /feedback.",
        name=name(member),
        bot=esc(bot_username),
    )


def mentor_removed(member: Member, removed: bool, words: Words = ENGLISH) -> str:
    """The reply to /unmentor."""
    if not removed:
        return words.gettext("{name} isn't a mentor here.", name=name(member))
    return words.gettext("{name} is no longer a mentor here.", name=name(member))


def mentor_list(found: list[Member], words: Words = ENGLISH) -> str:
    """/mentor alone."""
    if not found:
        return words.gettext("No mentors here yet. An admin can add one: /mentor @username")
    return words.gettext("🧭 Mentors here: {names}", names=", ".join(name(m) for m in found))


def feedback_posted(mentor: Member, member: Member, text: str, words: Words = ENGLISH) -> str:
    """Feedback, posted to the member in the group."""
    return (
        words.gettext(
            "🧭 Feedback from {mentor} for {member}:", mentor=name(mentor), member=mention(member)
        )
        + f"\n{quoted(text, words)}"
    )


def _digest_head(d: Digest, on_demand: bool, words: Words) -> str:
    title = esc(d.chat.title) if d.chat.title else words.gettext("your chat")
    if on_demand:
        return words.gettext("🧭 Digest now: {title}", title=title)
    return words.gettext("🧭 Weekly digest: {title}", title=title)


def digest(d: Digest, on_demand: bool = False, words: Words = ENGLISH) -> str:
    """The weekly mentor digest, or the same asked for with /digest."""
    lines = [_digest_head(d, on_demand, words)]
    if not d.members:
        lines.append(words.gettext("No active goals or habits this week."))
    for entry in d.members:
        lines.append("")
        head = f"<b>{name(entry.member)}</b>"
        if entry.away and entry.away_until:
            until = words.day(entry.away_until, d.today)
            head += " " + words.gettext("🏖 away until {day}", day=until)
        elif entry.away:
            head += " " + words.gettext("🏖 away")
        elif entry.missed_checkins:
            head += f" · {_missed(entry.missed_checkins, entry.recent_checkins, words)}"
        lines.append(head)
        for goal, pace in entry.goals:
            facts = [f"{bar(pace.actual)} {pace.percent}%"]
            if pace_word(pace, words):
                facts.append(pace_word(pace, words))
            facts.append(words.gettext("due {day}", day=words.day(goal.deadline, d.today)))
            if goal.id in entry.moved_lately:
                facts.append(
                    words.gettext("⏰ moved {n}× in the last month", n=entry.moved_lately[goal.id])
                )
            lines.append(f"  #{goal.number} {esc(goal.title)} · " + " · ".join(facts))
        for item in entry.overdue:
            lines.append("  " + words.gettext("⚠️ overdue: {what}", what=esc(item)))
        for trend in entry.habits:
            habit = trend.habit
            strength = words.gettext("strength {percent}%", percent=trend.now)
            change = _strength_change(trend, d.last_digest is not None, words)
            lines.append(f"  🔁 #{habit.number} {esc(habit.title)} · {strength} {change}")
    return "\n".join(lines)


def _strength_change(trend: StrengthChange, since_last: bool, words: Words) -> str:
    """'(+12 since the last digest)', '(−5 in the past week)', '(unchanged …)', '(new …)'."""
    if trend.then is None:
        if since_last:
            return words.gettext("(new since the last digest)")
        return words.gettext("(new in the past week)")
    if trend.change == 0:
        if since_last:
            return words.gettext("(unchanged since the last digest)")
        return words.gettext("(unchanged in the past week)")
    sign = "+" if trend.change > 0 else "−"
    change = f"{sign}{abs(trend.change)}"
    if since_last:
        return words.gettext("({change} since the last digest)", change=change)
    return words.gettext("({change} in the past week)", change=change)


def _missed(missed: int, of: int, words: Words) -> str:
    """'missed 2 of the last 4 check-ins', or 'missed 1 of 1 check-in' when there was one."""
    if of == 1:
        return words.gettext("missed 1 of 1 check-in")
    return words.ngettext(
        "missed {missed} of the last {n} check-in",
        "missed {missed} of the last {n} check-ins",
        of,
        missed=missed,
    )


def paused(member: Member, result: Paused, words: Words = ENGLISH) -> str:
    """The reply to /pause: a new break, a planned one, a changed one, or the one that runs."""
    pause, today = result.pause, result.today
    until = (
        words.gettext("until {day}", day=words.day(pause.ends_on, today))
        if pause.ends_on
        else words.gettext("until you /resume")
    )
    if pause.reason:  # said with the end, so a date's point can end the sentence
        until += f" ({esc(pause.reason)})"
    values = {"name": name(member), "until": until}
    if result.planned and result.starts_on is not None:
        values["start"] = words.day(result.starts_on, today)
        if result.unchanged:
            lead = words.gettext(
                "🏖 Your break is planned, {name}: you're away from {start} {until}.",
                **values,
            )
        elif result.replaced:
            lead = words.gettext("🏖 Changed, {name}: you're away from {start} {until}.", **values)
        else:
            lead = words.gettext("🏖 Planned, {name}: you're away from {start} {until}.", **values)
        return (
            lead
            + "\n"
            + words.gettext("Until then everything goes on as usual. Called off? /resume")
        )
    if result.unchanged:
        return (
            words.gettext("🏖 You're already away {until}, {name}.", **values)
            + "\n"
            + words.gettext("To change it: /pause until &lt;date&gt; · Back early? /resume")
        )
    if result.replaced:
        return words.gettext("🏖 Changed, {name}: you're away {until}.", **values)
    return (
        words.gettext("🏖 Enjoy the break, {name}! You're away {until}.", **values)
        + "\n"
        + words.gettext("No reminders or nudges for you meanwhile, and your streak waits for you.")
    )


def resumed(member: Member, result: Resumed, words: Words = ENGLISH) -> str:
    """The reply to /resume: back early, or a planned break called off."""
    if result.called_off:
        return words.gettext(
            "👍 Your break from {day} is called off, {name}. Nothing changes.",
            day=words.day(result.starts_on, result.today),
            name=name(member),
        )
    return words.gettext(
        "👋 Welcome back, {name}! Reminders are on again. See where you are: /goals",
        name=name(member),
    )


def digest_in_private(words: Words = ENGLISH) -> str:
    """/digest in a group: it is about members, so it goes privately."""
    return words.gettext("Digests are private: send me /digest in a private chat.")


# Refusals about people: who they are, partners, mentors and pauses.


@explain.register
def _unknown_member(
    error: UnknownMember, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    if error.username:
        seen = words.gettext(
            "I haven't seen {who} here yet. I only know people who have written in this chat: "
            "ask them to send any command here once, or reply to one of their messages with "
            "the command.",
            who=f"@{esc(error.username)}",
        )
    else:
        seen = words.gettext(
            "I haven't seen them here yet. I only know people who have written in this chat: "
            "ask them to send any command here once, or reply to one of their messages with "
            "the command."
        )
    return f"{seen}\n{example_line(command, args, words)}"


@explain.register
def _partner_is_self(
    error: PartnerIsSelf, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "You can't partner with yourself. Pick someone in this chat: /partner @username"
    )


@explain.register
def _already_partnered(
    error: AlreadyPartnered, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "You already have a partner here: {name}. To change, /unpartner first.",
        name=esc(error.partner_name),
    )


@explain.register
def _partner_taken(
    error: PartnerTaken, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "{name} already has a partner here, and partners come in pairs. "
        "Invite someone else: /partner @username",
        name=esc(error.invitee_name),
    )


@explain.register
def _no_partner(error: NoPartner, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext("You have no partner here. Invite someone: /partner @username")


@explain.register
def _not_mentoring(
    error: NotMentoring, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "You don't mentor any group yet. A group's admins make someone a mentor there: "
        "/mentor @username"
    )


@explain.register
def _not_mentor(error: NotMentor, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(
        "Only this chat's mentors give feedback. An admin can add one: /mentor @username"
    )


@explain.register
def _not_paused(error: NotPaused, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext("You're not paused. To step away: /pause until 2027-01-15 because holiday")


@explain.register
def _pause_too_far_ahead(
    error: PauseTooFarAhead, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    return words.gettext(
        "{day} is a long way off: a break can be planned up to {limit}.",
        day=words.day(error.when, error.today),
        limit=words.day(error.limit, error.today),
    )
