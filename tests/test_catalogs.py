"""The message catalogs: every sentence the render layer marks is translated in every
language, nothing fuzzy, the same {placeholders} as the English, the plural forms CLDR asks
for, and the compiled catalogs say what their sources say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.domain.languages import Lang
from bot.render.i18n import Words, translations

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "bot" / "locales"
TRANSLATED = [lang for lang in Lang if lang is not Lang.EN]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def marked() -> set[str | tuple[str, str]]:
    """Every sentence the code marks for translation, as babel.cfg tells extraction to look."""
    method_map = [("bot/render/**.py", "python")]
    found: set[str | tuple[str, str]] = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def catalog(lang: Lang) -> Catalog:
    with (LOCALES / lang.babel / "LC_MESSAGES" / "bot.po").open("rb") as source:
        return read_po(source, locale=lang.babel)


def test_something_is_marked_for_translation() -> None:
    assert "Commands" in marked() and len(marked()) > 40


@pytest.mark.parametrize("lang", TRANSLATED, ids=str)
def test_every_marked_sentence_is_translated_and_nothing_is_fuzzy(lang: Lang) -> None:
    found = catalog(lang)
    ids = {m.id for m in found if m.id}
    assert marked() <= ids, f"untranslated in {lang}: {marked() - ids}"
    for message in found:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"empty translation in {lang}: {message.id}"


@pytest.mark.parametrize("lang", TRANSLATED, ids=str)
def test_translations_keep_the_english_placeholders(lang: Lang) -> None:
    for message in catalog(lang):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = {name for text in sources for name in PLACEHOLDER.findall(text)}
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, (lang, message.id, text)


# CLDR: Russian 1, 2–4, 5–20…; Spanish and Portuguese set millions apart ("de" after them).
PLURALS = {Lang.DE: 2, Lang.ES: 3, Lang.RU: 3, Lang.PT_BR: 3}


@pytest.mark.parametrize("lang", TRANSLATED, ids=str)
def test_plural_forms_are_the_languages_and_babel_finds_no_error(lang: Lang) -> None:
    found = catalog(lang)
    assert found.num_plurals == get_plural(lang.babel).num_plurals == PLURALS[lang]
    assert [(m.id, errors) for m, errors in found.check()] == []


@pytest.mark.parametrize("lang", TRANSLATED, ids=str)
def test_the_installed_catalog_is_compiled_from_its_source(lang: Lang) -> None:
    compiled = translations(lang)
    for message in catalog(lang):
        if message.id and isinstance(message.id, str):
            found = (
                compiled.pgettext(message.context, message.id)
                if message.context
                else compiled.gettext(message.id)
            )
            assert found == message.string, (lang, message.context, message.id)


def test_english_is_the_source_text() -> None:
    assert Words().gettext("In a group also: {commands}.", commands="/summary") == (
        "In a group also: /summary."
    )
    assert Words(Lang.DE).gettext("In a group also: {commands}.", commands="/summary") == (
        "In einer Gruppe außerdem: /summary."
    )
