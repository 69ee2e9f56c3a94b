"""The languages the bot speaks and reads, and the one a Telegram user's client names.

A language is one module of words in bot/domain/grammar (named after its Babel locale in lower
case: de.py, pt_br.py) and one catalog in bot/locales: the languages are found from the
grammar's modules, so a sixth needs no code beyond its words (and its catalog).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

ENGLISH = "en"
GRAMMAR = Path(__file__).parent / "grammar"


class Language(StrEnum):
    """A language of the bot: what it says (its catalog) and what it reads (its grammar)."""

    @property
    def telegram(self) -> str:
        """The two-letter code Telegram keeps a command menu or description under."""
        return self.value.split("-")[0]

    @property
    def babel(self) -> str:
        """The locale name Babel and gettext use ("pt_BR")."""
        return self.value.replace("-", "_")


def found(folder: Path = GRAMMAR) -> list[tuple[str, str]]:
    """Each language's member name and IETF tag, from the grammar's modules ("pt_br.py" ->
    ("PT_BR", "pt-BR")): English first, then by tag."""
    tags = []
    for module in folder.glob("*.py"):
        base, _, region = module.stem.partition("_")
        if module.stem in ("__init__", "words") or len(base) != 2:
            continue
        tags.append(f"{base}-{region.upper()}" if region else base)
    ordered = sorted(tags, key=lambda tag: (tag != ENGLISH, tag))
    return [(tag.replace("-", "_").upper(), tag) for tag in ordered]


if TYPE_CHECKING:  # the languages the code names; at run time, every one found

    class Lang(Language):
        EN = "en"
        DE = "de"
        ES = "es"
        PT_BR = "pt-BR"
        RU = "ru"

else:
    Lang = Language("Lang", found(), module=__name__)


def from_telegram(code: str | None) -> Lang | None:
    """The language a Telegram client names (an IETF tag: "de", "de-AT", "pt-br", "ru"),
    when the bot speaks it; Portuguese of any country is read as Brazilian Portuguese (the
    first language the bot speaks under that two-letter code)."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return next((lang for lang in Lang if lang.telegram == base), None)


def from_command(text: str) -> Lang | None:
    """The language a /language command names: its code in any case ("DE", "pt-br", "pt_BR")
    or its two letters ("pt"); None for anything else."""
    wanted = text.strip().lower().replace("_", "-")
    exact = next((lang for lang in Lang if lang.value.lower() == wanted), None)
    if exact is not None or "-" in wanted:
        return exact
    return next((lang for lang in Lang if lang.telegram == wanted), None)
