"""/partner, /unpartner and the Accept / Decline buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply
from bot.domain import callbacks
from bot.domain.errors import Usage, UsageProblem
from bot.handlers.common import actor, args_text, command, spoken, stale_button
from bot.handlers.people import replied_member, username_arg
from bot.render import people as render
from bot.render.i18n import Words
from bot.services import partners as service


@command("partner")
async def partner(update: Update, context: BotContext) -> None:
    """Invite a partner (/partner @username, or as a reply), or show yours (/partner)."""
    assert update.message is not None
    username, rest = username_arg(args_text(update.message))
    replied = replied_member(update.message)
    words = Words(await spoken(update, context))
    if username is None and replied is None:
        if rest:
            raise Usage(UsageProblem.BAD_PARTNER)
        status = await service.partner(context.work, actor(update, context), context.now())
        await reply(update.message, render.partner_status(status, words))
        return
    invitation = await service.invite(
        context.work, actor(update, context), context.now(), username=username, replied=replied
    )
    text, keyboard = render.invitation(invitation.id, invitation.inviter, invitation.invitee, words)
    await reply(update.message, text, keyboard)


@command("unpartner")
async def unpartner(update: Update, context: BotContext) -> None:
    """End your partnership here."""
    assert update.message is not None
    former = await service.unpartner(context.work, actor(update, context), context.now())
    await reply(update.message, render.unpartnered(former, Words(await spoken(update, context))))


async def answered(update: Update, context: BotContext) -> None:
    """Accept or Decline: only the invitee's press counts."""
    query = update.callback_query
    assert query is not None and query.data is not None
    press = callbacks.parse_partner(query.data)
    if press is None:
        await stale_button(update, context)
        return
    chat = update.effective_chat
    assert chat is not None  # the gate let it through: it is on a message, in a chat
    result = await service.answer(
        context.work, chat.id, press.subject, query.from_user.id, press.yes, context.now()
    )
    words = Words(await spoken(update, context))
    text, toast = render.invitation_answered(result.result, result.inviter, result.invitee, words)
    await answer(query, toast)
    if text is not None:
        await edit(query, text)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the partner commands and buttons."""
    app.add_handler(CommandHandler("partner", partner, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("unpartner", unpartner, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CallbackQueryHandler(answered, pattern=callbacks.PARTNER_PATTERN))
