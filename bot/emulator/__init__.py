"""A local Telegram Bot API server for tests and trying the bot without Telegram."""

from bot.emulator.server import BotApiEmulator, Chat, Person, SentMessage, User

__all__ = ["BotApiEmulator", "Chat", "Person", "SentMessage", "User"]
