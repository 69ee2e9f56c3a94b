"""Which language a Telegram client or a /language command names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.grammar import words_of
from bot.domain.languages import Lang, found, from_command, from_telegram


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("en", Lang.EN), ("en-GB", Lang.EN), ("de", Lang.DE), ("de-AT", Lang.DE),
        ("es", Lang.ES), ("es-419", Lang.ES), ("ru", Lang.RU), ("pt-br", Lang.PT_BR),
        ("pt", Lang.PT_BR), ("pt-PT", Lang.PT_BR), ("PT_BR", Lang.PT_BR), ("fr", None),
        ("uk", None), ("", None), (None, None),
    ],
)  # fmt: skip
def test_a_clients_language_is_one_the_bot_speaks_or_none(code: str | None, lang: Lang) -> None:
    assert from_telegram(code) is lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [("de", Lang.DE), (" DE ", Lang.DE), ("pt-BR", Lang.PT_BR), ("pt_br", Lang.PT_BR),
     ("pt", Lang.PT_BR), ("ru", Lang.RU), ("english", None), ("fr", None), ("", None)],
)  # fmt: skip
def test_a_language_command_names_a_code(text: str, lang: Lang | None) -> None:
    assert from_command(text) is lang


def test_babel_locale_names() -> None:
    assert [lang.babel for lang in Lang] == ["en", "de", "es", "pt_BR", "ru"]


def test_a_sixth_language_is_found_from_its_grammar_module_alone(tmp_path: Path) -> None:
    for module in ("__init__", "words", "en", "de", "fr", "pt_br"):
        (tmp_path / f"{module}.py").write_text("")
    assert found(tmp_path) == [("EN", "en"), ("DE", "de"), ("FR", "fr"), ("PT_BR", "pt-BR")]


def test_every_language_has_its_name_and_its_words() -> None:
    assert [lang.value for lang in Lang] == [tag for _, tag in found()]
    assert {lang: words_of(lang).name for lang in Lang} == {
        Lang.EN: "English", Lang.DE: "Deutsch", Lang.ES: "Español",
        Lang.PT_BR: "Português (Brasil)", Lang.RU: "Русский",
    }  # fmt: skip
