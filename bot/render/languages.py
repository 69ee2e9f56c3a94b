"""/language: which language the bot speaks in a chat."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.grammar import words_of
from bot.domain.languages import Lang
from bot.render.i18n import Words

# Each language by its own name, as its speakers look for it in a list (its grammar's words).
NAMES = {lang: words_of(lang).name for lang in Lang}


def choices(current: Lang) -> tuple[str, InlineKeyboardMarkup]:
    """/language alone: the language spoken here, and a button for each of the five."""
    words = Words(current)
    text = words.gettext(
        "🌐 I speak {language} here. Choose another, or send /language de ({codes}).",
        language=NAMES[current],
        codes=", ".join(lang.value for lang in Lang),
    )
    buttons = [
        InlineKeyboardButton(
            ("✓ " if lang is current else "") + NAMES[lang], callback_data=callbacks.language(lang)
        )
        for lang in Lang
    ]
    return text, InlineKeyboardMarkup([buttons[:3], buttons[3:]])


def changed(lang: Lang, private: bool) -> str:
    """The first sentence in the new language."""
    words = Words(lang)
    if private:
        return words.gettext(
            "🌐 From now on I speak {language} with you. /help lists what I can do.",
            language=NAMES[lang],
        )
    return words.gettext(
        "🌐 From now on I speak {language} in this group: scheduled posts, pictures and files "
        "too. /help lists what I can do.",
        language=NAMES[lang],
    )


def unknown(typed: str, current: Lang) -> str:
    """/language with something that is no language of the bot."""
    return Words(current).gettext(
        "I don't speak “{typed}”. I speak English (en), Deutsch (de), Español (es), Русский "
        "(ru) and Português (pt-BR).\nExample: /language de",
        typed=typed,
    )


def only_admins(current: Lang) -> str:
    """A member who is no admin pressed a language button in a group."""
    return Words(current).gettext("Only the group's admins choose its language.")
