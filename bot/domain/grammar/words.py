"""The words a language reads commands with: one `Words` per language module."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Words:
    """Every word or phrase the bot reads in one language, in lower case. A phrase may hold
    spaces (matched as any run of spaces). English's words are read in every language besides
    these (see merged)."""

    # The language by its own name, as its speakers look for it in a list: "Deutsch".
    name: str
    # dateparser's names of the language ("de", "pt"): dates are read in these and English.
    dateparser: tuple[str, ...]

    # -- commands -------------------------------------------------------------------------
    by: tuple[str, ...]  # before a deadline: "by", "bis", "hasta", "до", "até"
    target: tuple[str, ...]  # "target 42 km"
    start: tuple[str, ...]  # where a target is measured from: "from 80 kg"
    because: tuple[str, ...]  # before a reason
    until: tuple[str, ...]  # a habit's or a pause's end
    pause_from: tuple[str, ...]  # a pause's first day
    pause_for: tuple[str, ...]  # "for 3 days"
    day_units: tuple[str, ...]  # "3 days" after "for"
    week_units: tuple[str, ...]  # "2 weeks" after "for"
    # Words left at the end of a title before a period ("Plan the offsite for next year").
    title_tail: tuple[str, ...] = ()

    # -- dates ----------------------------------------------------------------------------
    # Whole phrases said the English way: "monatsende" -> "end of month".
    date_phrases: Mapping[str, str] = field(default_factory=dict)
    end_of: tuple[str, ...] = ()  # "ende", "fin de", "конца", "fim do"
    this: tuple[str, ...] = ()  # "diese", "este", "этом"
    next: tuple[str, ...] = ()  # "nächsten", "próximo", "следующей"
    next_after: tuple[str, ...] = ()  # "que viene" in "el mes que viene"
    periods: Mapping[str, str] = field(default_factory=dict)  # "woche" -> "week"
    articles: tuple[str, ...] = ()  # dropped before a date: "el", "am", "в"
    # The one before, for /report: "last month", "letzten Monat", "прошлый месяц"; and words
    # that say it after the period: "mes pasado", "trimestre anterior".
    last: tuple[str, ...] = ()
    last_after: tuple[str, ...] = ()
    everyone: tuple[str, ...] = ()  # /goals all: "alle", "todas", "все"
    mine: tuple[str, ...] = ()  # /calendar mine: "meine", "mías", "мои", "minhas"
    # Weekday names as written in dates and habits, every form: "freitag", "пятницу" -> 4.
    weekdays: Mapping[str, int] = field(default_factory=dict)
    # Short names, read in schedules and day lists: "mo", "пн", "seg" -> 0.
    weekday_abbreviations: Mapping[str, int] = field(default_factory=dict)

    # -- check-ins ------------------------------------------------------------------------
    on_track: tuple[str, ...] = ()
    behind: tuple[str, ...] = ()
    help: tuple[str, ...] = ()
    # Of those, the ones that only name a status; with any other ("good") the note keeps it.
    status_only: tuple[str, ...] = ()

    # -- schedules ------------------------------------------------------------------------
    # A word of /schedule said the English way: "aus" -> "off", "täglich" -> "daily".
    schedule: Mapping[str, str] = field(default_factory=dict)

    # -- habits ---------------------------------------------------------------------------
    counts: Mapping[str, int] = field(default_factory=dict)  # "zweimal" -> 2
    # Counts that already say "times": "zweimal", "twice" (no "mal" after them).
    times: tuple[str, ...] = ()  # "times", "mal", "veces", "раз"
    per: tuple[str, ...] = ()  # "a", "pro", "por", "в"
    units: Mapping[str, str] = field(default_factory=dict)  # "woche" -> "week"
    count_days: tuple[str, ...] = ()  # "at least 4 days a week": "days", "tage"
    daily: tuple[str, ...] = ()  # "every day", "täglich", "каждый день"
    weekly: tuple[str, ...] = ()
    monthly: tuple[str, ...] = ()
    on_weekdays: tuple[str, ...] = ()  # "on weekdays", "werktags"
    on_weekends: tuple[str, ...] = ()
    weekday_adverbs: tuple[str, ...] = ()  # a day name that alone says every such day
    # Each weekday, Monday first, as "on Mondays" says it in a list the habit reads back:
    # "montags", "lunes", "segundas", "понедельникам".
    every_weekday: tuple[str, ...] = ()
    on_days: tuple[str, ...] = ()  # before day names: "on", "every", "jeden", "los", "по"
    and_words: tuple[str, ...] = ()  # in a list of days: "and", "und", "y", "и", "e"
    at_least: tuple[str, ...] = ()
    at_most: tuple[str, ...] = ()
    yesterday: tuple[str, ...] = ()
    before_yesterday: tuple[str, ...] = ()  # "vorgestern": further back than /did goes
    # Words before "a day" / "a week" that make it a duration ("in a week"), or after it.
    duration_before: tuple[str, ...] = ()
    duration_after: tuple[str, ...] = ()

    # -- amounts --------------------------------------------------------------------------
    # Units as this language writes them, said the English way, so '+3 км' counts on a goal
    # in km: "км" -> "km", "seiten" -> "page". Every form a unit takes (singular, plural, cases).
    unit_names: Mapping[str, str] = field(default_factory=dict)
    # Units counted in whole numbers (English's say "step", "page"; written forms map through
    # unit_names): where the decimal comma would make '1,500 steps' one and a half steps, the
    # thousands reading is asked about beside it.
    countables: tuple[str, ...] = ()
    # Thousands and millions written as a word after the number: "100 тыс ₽", "1,5 Mio. €",
    # "50 mil", glued or spaced ("50к"); lower case, with any point.
    scales: Mapping[str, int] = field(default_factory=dict)

    # -- the SMART check ------------------------------------------------------------------
    # Words that leave "what exactly?" open unless a number pins them down; regular
    # expressions, so that one stem covers its endings ("verbesser\w*").
    vague: tuple[str, ...] = ()
    # Things people repeat, as this language names them (regular expressions), by the
    # English activity they are (smart._ACTIVITIES): "lesen" is "read".
    activities: Mapping[str, str] = field(default_factory=dict)

    # -- commands -------------------------------------------------------------------------
    # A command's name as a member of this language may try it ("/fortschritt", "/прогресс"),
    # to answer with the real one: command names are English in every language.
    command_words: Mapping[str, str] = field(default_factory=dict)

    def merged(self, english: Words) -> Words:
        """These words with English's beside them (a German group may type "by friday");
        where the two disagree, this language's reading wins."""
        values: dict[str, object] = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(english, item.name)
            if isinstance(mine, str):
                values[item.name] = mine
            elif isinstance(mine, tuple):
                values[item.name] = tuple(dict.fromkeys((*mine, *theirs)))
            else:
                values[item.name] = {**theirs, **mine}
        return Words(**values)  # type: ignore[arg-type]
