"""/timezone and /schedule: group settings, for chat admins."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import reply, topic_of
from bot.domain.dates import OWN_ZONE_OFF
from bot.domain.errors import NotAdmin
from bot.domain.schedules import TopicChange, parse_schedule_command
from bot.handlers.common import actor, args_text, command, is_admin, spoken
from bot.render import schedules as render
from bot.render.i18n import Words
from bot.services import schedules as service
from bot.services import zones


@command("timezone", anonymous_ok=True)
async def timezone(update: Update, context: BotContext) -> None:
    """Show the chat's time zone, or (admins) set it: /timezone Europe/Berlin; in a private
    chat, the member's own zone, used for them in every chat (/timezone off: each chat's)."""
    assert update.message is not None
    name = args_text(update.message).strip()
    now = context.now()
    who = actor(update, context)
    words = Words(await spoken(update, context))
    if who.is_private:  # a private chat sets the member's own zone, used in every chat
        if not name:
            own = await zones.show(context.work, who, now)
            await reply(update.message, render.own_zone_now(own.zone, now, words))
        elif name.lower() in OWN_ZONE_OFF:
            own = await zones.clear_own(context.work, who, now)
            await reply(update.message, render.own_zone_cleared(own.chat, Words(own.chat.language)))
        else:
            own = await zones.set_own(context.work, who, name, now)
            await reply(update.message, render.own_zone_set(own.zone or name, now, words))
        return
    if not name:
        own = await zones.show(context.work, who, now)
        await reply(update.message, render.timezone_now(own.chat, now, own.zone, words))
        return
    if not await is_admin(update, context):
        raise NotAdmin()
    view = await service.set_timezone(context.work, actor(update, context), name, now)
    await reply(update.message, render.timezone_set(view.chat, now, Words(view.chat.language)))


def _where(message: Message) -> service.Where:
    """The forum topic a message was sent in, with its name when Telegram shows it (a message
    in a topic answers the topic's first message, which carries the name)."""
    first = message.reply_to_message
    created = first.forum_topic_created if first is not None else None
    name = created.name if created is not None else None
    return service.Where(bool(message.chat.is_forum), topic_of(message), name)


@command("schedule", anonymous_ok=True)
async def schedule(update: Update, context: BotContext) -> None:
    """Show the schedules, or (admins) change one: /schedule checkin mon,thu 09:00; send
    /schedule here in a forum topic for the posts to go there."""
    message = update.message
    assert message is not None
    text = args_text(message).strip()
    now, who = context.now(), actor(update, context)
    lead = ""
    words = Words(await spoken(update, context))
    if not text:
        view = await service.show(context.work, who, now)
    else:
        change = parse_schedule_command(text, lang=words.lang)
        if not await is_admin(update, context):
            raise NotAdmin()
        if isinstance(change, TopicChange):
            where = _where(message)
            view = await service.set_topic(context.work, who, change, where, now)
            lead = render.topic_set(change.kinds, where.topic_id is not None, words) + "\n"
        else:
            view = await service.change(context.work, who, change, now)
    listing = render.schedule_list(
        view.chat,
        view.schedules,
        view.next_at,
        view.today,
        forum=bool(message.chat.is_forum),
        words=words,
    )
    await reply(message, lead + listing)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the settings commands."""
    app.add_handler(CommandHandler("timezone", timezone, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("schedule", schedule, filters=filters.UpdateType.MESSAGE))
