"""/start, /help, and commands the bot does not know."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.context import BotContext
from bot.delivery import reply
from bot.domain import commands
from bot.handlers.common import actor, args_text, command, is_private, spoken
from bot.render import start as render
from bot.render.i18n import Words
from bot.services import start as service


@command("start")
async def start(update: Update, context: BotContext) -> None:
    """Register the chat and introduce the bot."""
    assert update.message is not None
    who = actor(update, context)
    chat = await service.start(context.work, who, context.now())
    words = Words(chat.language)
    await reply(
        update.message, render.welcome(not chat.is_private, chat.title, who.first_name, words)
    )


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands with one example each."""
    assert update.message is not None
    lang = await spoken(update, context)
    await reply(update.message, render.help_text(is_private(update), Words(lang)))


async def group_only(update: Update, context: BotContext) -> None:
    """A group-only command in a private chat: say where it works and what to use here."""
    assert update.message is not None and update.message.text is not None
    word = update.message.text.split(maxsplit=1)[0].lstrip("/").split("@", 1)[0].lower()
    words = Words(await spoken(update, context))
    await reply(update.message, render.group_only(word, words))


async def unknown(update: Update, context: BotContext) -> None:
    """Answer an unknown command in private, or one addressed to this bot in a group."""
    message = update.message
    assert message is not None and message.text is not None
    word = message.text.split(maxsplit=1)[0]
    addressed = word.lower().endswith(f"@{context.bot.username}".lower())
    lang = await spoken(update, context)
    meant = commands.closest_command(word, render.command_names(is_private(update)), lang)
    # In a group, other bots' commands are not ours to answer: only a near miss of ours is.
    if is_private(update) or addressed or meant:
        await reply(message, render.unknown_command(word, meant, args_text(message), Words(lang)))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add /start, /help and the private answer to group-only commands; `register_unknown` goes last."""
    app.add_handler(CommandHandler("start", start, filters=filters.UpdateType.MESSAGE))
    app.add_handler(CommandHandler("help", help_command, filters=filters.UpdateType.MESSAGE))
    # Registered before the features that own these commands, so in private they only point
    # to the group.
    in_private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler(sorted(render.GROUP_ONLY), group_only, filters=in_private))


async def chatter(update: Update, context: BotContext) -> None:
    """Plain text in a private chat, outside a guided /goal: point to the commands."""
    assert update.message is not None
    await reply(update.message, render.commands_only(Words(await spoken(update, context))))


async def edited(update: Update, context: BotContext) -> None:
    """An edited command of ours: say once that only new messages act (no handler acts on
    edits, so an edit can never apply a command twice)."""
    message = update.edited_message
    assert message is not None and message.text is not None
    word = message.text.split(maxsplit=1)[0].split("@")[0].lstrip("/").lower()
    if word in {name for name, _, _ in render.COMMANDS} | {"start"}:
        words = Words(await spoken(update, context))
        await reply(message, words.gettext(render.EDITED_COMMAND))


def register_unknown(app: Application) -> None:  # type: ignore[type-arg]
    """Catch commands no other handler took; must be registered after every feature."""
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.COMMAND, edited))
    app.add_handler(MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, unknown))
    # '/прогресс 1 5': a command in letters Telegram does not take for one (command names are
    # Latin), answered like a mistyped one.
    slashed = filters.TEXT & ~filters.COMMAND & filters.Regex(r"^/[^\W\d_]")
    app.add_handler(MessageHandler(slashed & filters.UpdateType.MESSAGE, unknown))
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(private_text & filters.UpdateType.MESSAGE, chatter))
