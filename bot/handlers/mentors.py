"""/mentor, /unmentor and /feedback."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain import commands
from bot.domain.errors import NotAdmin, Usage, UsageProblem
from bot.handlers.common import actor, args_text, command, is_admin, is_private, spoken
from bot.handlers.people import replied_member, username_arg
from bot.render import people as render
from bot.render.i18n import Words
from bot.services import mentors as service


@command("mentor", anonymous_ok=True)
async def mentor(update: Update, context: BotContext) -> None:
    """Show the mentors, or (admins) make someone a mentor: /mentor @username."""
    assert update.message is not None
    username, rest = username_arg(args_text(update.message))
    replied = replied_member(update.message)
    words = Words(await spoken(update, context))
    if username is None and replied is None:
        if rest:
            raise Usage(UsageProblem.BAD_MENTOR)
        found = await service.listing(context.work, actor(update, context), context.now())
        await reply(update.message, render.mentor_list(found, words))
        return
    if not await is_admin(update, context):
        raise NotAdmin()
    member, added = await service.add(
        context.work, actor(update, context), context.now(), username=username, replied=replied
    )
    await reply(update.message, render.mentor_added(member, added, context.bot.username, words))


@command("unmentor", anonymous_ok=True)
async def unmentor(update: Update, context: BotContext) -> None:
    """(Admins) stop someone being a mentor: /unmentor @username."""
    assert update.message is not None
    username, _ = username_arg(args_text(update.message))
    if username is None:
        raise Usage(UsageProblem.BAD_UNMENTOR)
    if not await is_admin(update, context):
        raise NotAdmin()
    member, removed = await service.remove(
        context.work, actor(update, context), username, context.now()
    )
    words = Words(await spoken(update, context))
    await reply(update.message, render.mentor_removed(member, removed, words))


@command("feedback")
async def feedback(update: Update, context: BotContext) -> None:
    """(Mentors) feedback for a member, posted here and kept in their journal."""
    assert update.message is not None
    username, text = username_arg(args_text(update.message))
    replied = replied_member(update.message)
    text = " ".join(text.split())
    if username is None and replied is None:
        raise Usage(UsageProblem.BAD_FEEDBACK)
    if not text:
        raise Usage(UsageProblem.EMPTY_FEEDBACK)
    if len(text) > commands.MAX_NOTE:
        raise Usage(UsageProblem.LONG_NOTE)
    who = actor(update, context)
    member = await service.feedback(
        context.work, who, text, context.now(), username=username, replied=replied
    )
    words = Words(await spoken(update, context))
    await reply(update.message, render.feedback_posted(who.member, member, text, words))


@command("digest")
async def digest(update: Update, context: BotContext) -> None:
    """A mentor's digest of every group they mentor, now; it is sent in private only."""
    assert update.message is not None
    words = Words(await spoken(update, context))
    if not is_private(update):
        await reply(update.message, render.digest_in_private(words))
        return
    found = await service.my_digests(context.work, actor(update, context), context.now())
    for one in found:
        await reply(update.message, render.digest(one, on_demand=True, words=words))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the mentor commands."""
    app.add_handler(CommandHandler("mentor", mentor, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("unmentor", unmentor, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("feedback", feedback, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("digest", digest, filters=filters.UpdateType.MESSAGE))
