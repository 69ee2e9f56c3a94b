"""The bot's message catalogs: one gettext catalog (bot.po, compiled to bot.mo at install) per
language, under <locale>/LC_MESSAGES/; English is the source language and has none."""
