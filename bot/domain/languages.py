"""The languages the bot speaks and reads, and the one a Telegram user's client names."""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """A language of the bot: what it says (its catalog) and what it reads (its grammar)."""

    EN = "en"
    DE = "de"
    ES = "es"
    RU = "ru"
    PT_BR = "pt-BR"

    @property
    def telegram(self) -> str:
        """The two-letter code Telegram keeps a command menu or description under."""
        return self.value.split("-")[0]

    @property
    def babel(self) -> str:
        """The locale name Babel and gettext use ("pt_BR")."""
        return self.value.replace("-", "_")


def from_telegram(code: str | None) -> Lang | None:
    """The language a Telegram client names (an IETF tag: "de", "de-AT", "pt-br", "ru"),
    when the bot speaks it; Portuguese of any country is read as Brazilian Portuguese."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return {
        "en": Lang.EN,
        "de": Lang.DE,
        "es": Lang.ES,
        "ru": Lang.RU,
        "pt": Lang.PT_BR,
    }.get(base)


def from_command(text: str) -> Lang | None:
    """The language a /language command names: its code in any case ("DE", "pt-br", "pt_BR")
    or "pt"; None for anything else."""
    wanted = text.strip().lower().replace("_", "-")
    if wanted == "pt":
        return Lang.PT_BR
    return next((lang for lang in Lang if lang.value.lower() == wanted), None)
