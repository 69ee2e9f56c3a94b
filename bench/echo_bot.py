"""A bare python-telegram-bot echo bot: the framework's own floor for the benchmarks."""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer every message with its own text."""
    if update.message is not None and update.message.text:
        await update.message.reply_text(update.message.text)


def main() -> None:
    """Poll the Bot API at TELEGRAM_BASE_URL."""
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ.get("TELEGRAM_BASE_URL", "https://api.telegram.org/bot"))
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling()


if __name__ == "__main__":
    main()
