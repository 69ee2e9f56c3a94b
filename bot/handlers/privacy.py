"""/forgetme and /export: a member's own data."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import BotContext
from bot.delivery import answer, edit, reply, reply_document
from bot.domain import callbacks
from bot.handlers.common import command, is_private, spoken
from bot.handlers.reports import export_group
from bot.render import privacy as render
from bot.render.i18n import Words
from bot.services import privacy as service


@command("forgetme")
async def forgetme(update: Update, context: BotContext) -> None:
    """Ask to confirm deleting everything the bot stores about the caller."""
    assert update.message is not None and update.effective_user is not None
    user_id = update.effective_user.id
    words = Words(await spoken(update, context))
    keyboard = render.forget_keyboard(user_id, words)
    await reply(update.message, words.gettext(render.FORGET_QUESTION), keyboard)


async def forget_pressed(update: Update, context: BotContext) -> None:
    """Only the person who asked can confirm; then everything about them goes."""
    query = update.callback_query
    assert query is not None and query.data is not None
    press = callbacks.parse_forget(query.data)
    words = Words(await spoken(update, context))  # read before the member's data goes
    if press is None or press.subject != query.from_user.id:
        await answer(query, words.gettext(render.NOT_YOURS))
        return
    if not press.yes:
        await answer(query, words.gettext(render.KEPT_TOAST))
        await edit(query, words.gettext(render.KEPT))
        return
    await service.forget(context.work, query.from_user.id)
    if context.user_data is not None:
        context.user_data.direct_messages_known = False
    await answer(query, words.gettext(render.DELETED_TOAST))
    await edit(query, words.gettext(render.FORGOTTEN))


@command("export")
async def export(update: Update, context: BotContext) -> None:
    """In private: the caller's own data as JSON. In a group: (admins) the group's data as CSV."""
    assert update.message is not None and update.effective_user is not None
    if not is_private(update):
        await export_group(update, context)
        return
    data = await service.export(context.work, update.effective_user.id, context.now())
    document = InputFile(data, filename=render.EXPORT_FILENAME)
    caption = Words(await spoken(update, context)).gettext(render.EXPORT_CAPTION)
    await reply_document(update.message, document, caption)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the personal-data commands."""
    app.add_handler(CommandHandler("forgetme", forgetme, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("export", export, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CallbackQueryHandler(forget_pressed, pattern=callbacks.FORGET_PATTERN))
