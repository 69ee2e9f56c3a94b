"""A local Telegram Bot API server for tests and trying the bot without Telegram."""

from bot.emulator.models import Chat, SentMessage, Topic, User
from bot.emulator.person import Person
from bot.emulator.server import BotApiEmulator

__all__ = ["BotApiEmulator", "Chat", "Person", "SentMessage", "Topic", "User"]
