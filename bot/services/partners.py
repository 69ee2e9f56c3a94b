"""Accountability partners: invitations, answers, and what a partner is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import (
    AlreadyPartnered,
    NoPartner,
    PartnerIsSelf,
    PartnerTaken,
    UnknownMember,
)
from bot.domain.models import Member
from bot.domain.people import InviteResult, InviteStatus, NoticeKind, PartnerStatus
from bot.services.common import Actor, register
from bot.storage import people
from bot.storage.work import UnitOfWork


@dataclass(frozen=True)
class Invitation:
    """A partner invitation waiting for the invitee's answer."""

    id: int
    inviter: Member
    invitee: Member


async def invite(
    work: UnitOfWork,
    actor: Actor,
    now: datetime,
    username: str | None = None,
    replied: Member | None = None,
) -> Invitation:
    """Invite someone, by @username (seen before) or by replying to their message."""
    async with work.transaction() as conn:
        chat = await register(conn, actor, now)
        if replied is not None:
            await people.upsert_seen(conn, chat.chat_id, replied, now)
            invitee: Member | None = replied
        else:
            invitee = await people.member_by_username(conn, chat.chat_id, username or "")
        if invitee is None:
            raise UnknownMember(username or "")
        if invitee.user_id == actor.user_id:
            raise PartnerIsSelf()
        mine = await people.partner_of(conn, chat.chat_id, actor.user_id)
        if mine is not None:
            raise AlreadyPartnered(mine.first_name)
        theirs = await people.partner_of(conn, chat.chat_id, invitee.user_id)
        if theirs is not None:
            raise PartnerTaken(invitee.first_name)
        invite_id = await people.invite(conn, chat.chat_id, actor.user_id, invitee.user_id, now)
    return Invitation(invite_id, actor.member, invitee)


@dataclass(frozen=True)
class InviteAnswer:
    """What a press on Accept / Decline did."""

    result: InviteResult
    inviter: Member | None = None
    invitee: Member | None = None


async def answer(
    work: UnitOfWork, chat_id: int, invite_id: int, presser_id: int, accept: bool, now: datetime
) -> InviteAnswer:
    """Only the invitee's press counts; an invitation is answered once, in its own chat."""
    async with work.transaction() as conn:
        found = await people.get_invite(conn, invite_id)
        if found is None or found[0] != chat_id:
            return InviteAnswer(InviteResult.STALE)
        _, inviter_id, invitee_id, status = found
        inviter = await people.member(conn, inviter_id)
        invitee = await people.member(conn, invitee_id)
        if presser_id != invitee_id:
            return InviteAnswer(InviteResult.NOT_INVITEE, inviter, invitee)
        if status is not InviteStatus.PENDING:
            return InviteAnswer(InviteResult.STALE, inviter, invitee)
        if not accept:
            await people.answer_invite(conn, invite_id, InviteStatus.DECLINED, now)
            return InviteAnswer(InviteResult.DECLINED, inviter, invitee)
        taken = await people.partner_of(conn, chat_id, inviter_id) or await people.partner_of(
            conn, chat_id, invitee_id
        )
        if taken is not None:
            await people.answer_invite(conn, invite_id, InviteStatus.WITHDRAWN, now)
            return InviteAnswer(InviteResult.STALE, inviter, invitee)
        await people.pair(conn, chat_id, inviter_id, invitee_id, now)
        await people.answer_invite(conn, invite_id, InviteStatus.ACCEPTED, now)
    return InviteAnswer(InviteResult.ACCEPTED, inviter, invitee)


async def partner(work: UnitOfWork, actor: Actor, now: datetime) -> PartnerStatus:
    """The actor's partner in this chat, and invitations still waiting either way."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        found = await people.partner_of(conn, actor.chat_id, actor.user_id)
        sent, received = await people.open_invites(conn, actor.chat_id, actor.user_id)
    return PartnerStatus(found, tuple(sent), tuple(received))


async def unpartner(work: UnitOfWork, actor: Actor, now: datetime) -> Member:
    """End the actor's partnership (either side may)."""
    async with work.transaction() as conn:
        await register(conn, actor, now)
        former = await people.unpair(conn, actor.chat_id, actor.user_id)
    if former is None:
        raise NoPartner()
    return former


@dataclass(frozen=True)
class Notice:
    """Tell a member's partner something, once; by direct message when possible."""

    partner: Member
    direct: bool


async def notice_for(
    work: UnitOfWork, chat_id: int, about: Member, kind: NoticeKind, subject: str, now: datetime
) -> Notice | None:
    """The partner to tell about `about` (claimed, so it goes out once), or None."""
    async with work.transaction() as conn:
        found = await people.partner_of(conn, chat_id, about.user_id)
        if found is None:
            return None
        if not await people.claim_notice(conn, chat_id, about.user_id, kind, subject, now):
            return None
        direct = await people.has_private_chat(conn, found.user_id)
    return Notice(found, direct)


async def direct_messages_closed(work: UnitOfWork, user_id: int) -> None:
    """The member blocked the bot in private: use the group from now on."""
    async with work.transaction() as conn:
        await people.set_private_chat(conn, user_id, False)
