"""Reading dates in each language: dateparser restricted to the chat's language and English,
against reading the same phrases with every language dateparser knows.

    .venv/bin/python bench/dates.py [rounds]
"""

from __future__ import annotations

import contextlib
import sys
import time
from datetime import UTC, datetime

from dateparser.date import DateDataParser

from bot.domain.dates import parse_date
from bot.domain.errors import UserError
from bot.domain.languages import Lang

NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)
PHRASES = {
    Lang.EN: ["next friday", "end of march", "in 3 weeks", "30 april", "tomorrow"],
    Lang.DE: ["nächsten Freitag", "bis Ende März", "in 3 Wochen", "30. April", "morgen"],
    Lang.ES: ["el próximo viernes", "finales de marzo", "en 3 semanas", "30 de abril", "mañana"],
    Lang.RU: ["до пятницы", "до конца марта", "через 3 недели", "30 апреля", "завтра"],
    Lang.PT_BR: ["até sexta-feira", "fim de março", "em 3 semanas", "30 de abril", "amanhã"],
}


def _per_call(rounds: int, read: object) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        read()  # type: ignore[operator]
    return (time.perf_counter() - start) / rounds * 1000


def main() -> None:
    """Print milliseconds per phrase for each language, two languages against all of them."""
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    for lang, phrases in PHRASES.items():
        first = time.perf_counter()
        for phrase in phrases:
            parse_date(phrase, NOW, "Europe/Berlin", lang=lang)
        first_ms = (time.perf_counter() - first) * 1000

        def ours(phrases: list[str] = phrases, lang: Lang = lang) -> None:
            for phrase in phrases:
                with contextlib.suppress(UserError):
                    parse_date(phrase, NOW, "Europe/Berlin", lang=lang)

        def every_language(phrases: list[str] = phrases) -> None:
            parser = DateDataParser(settings={"PREFER_DATES_FROM": "future"})
            for phrase in phrases:
                parser.get_date_data(phrase)

        mine = _per_call(rounds, ours) / len(phrases)
        every = _per_call(rounds, every_language) / len(phrases)
        print(
            f"{lang.value:6} first pass {first_ms:7.1f} ms · {mine:5.2f} ms a phrase "
            f"(all languages: {every:5.2f} ms)"
        )


if __name__ == "__main__":
    main()
