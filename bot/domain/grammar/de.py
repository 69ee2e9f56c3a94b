"""German: the words a German chat reads, beside English's."""

from __future__ import annotations

from bot.domain.grammar.words import Words

_DAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")

# One phrase list per line would hide the words in a column: kept as written.
# fmt: off
WORDS = Words(
    dateparser=("de",),
    by=("bis", "bis zum", "bis zur", "bis spätestens", "spätestens"),
    target=("ziel",),
    start=("von", "ab"),
    because=("weil", "da"),
    until=("bis", "bis zum", "bis zur"),
    pause_from=("ab", "von", "vom"),
    pause_for=("für",),
    day_units=("tage", "tagen", "tag"),
    week_units=("wochen", "woche"),
    title_tail=("für", "im", "in", "bis"),
    date_phrases={
        "monatsende": "end of month", "jahresende": "end of year",
        "quartalsende": "end of quarter", "wochenende": "saturday",
        "am wochenende": "saturday", "dieses wochenende": "saturday",
        "nächstes wochenende": "next weekend", "weihnachten": "25 december",
        "heiligabend": "24 december", "silvester": "31 december", "neujahr": "1 january",
    },
    end_of=("ende", "ende des", "ende der", "zum ende des", "zum ende der", "am ende des",
            "am ende der"),
    this=("diese", "dieser", "dieses", "diesen", "diesem"),
    next=("nächste", "nächsten", "nächster", "nächstes", "nächstem", "kommende", "kommenden",
          "kommender", "kommendes"),
    periods={
        "woche": "week", "monat": "month", "monats": "month", "monates": "month",
        "quartal": "quarter", "quartals": "quarter", "jahr": "year", "jahres": "year",
        "jahrs": "year",
    },
    articles=("am", "zum", "zur", "den", "dem", "der", "die", "das"),
    weekdays={**{d: n for n, d in enumerate(_DAYS)}, **{f"{d}s": n for n, d in enumerate(_DAYS)}},
    weekday_abbreviations={"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6},
    on_track=("läuft", "läuft gut", "auf kurs", "im plan", "gut", "super", "passt", "erledigt",
              "geschafft", "ja"),
    behind=("hinterher", "im rückstand", "verzug", "im verzug", "schlecht", "verpasst",
            "ausgelassen", "krank", "nein", "langsam"),
    help=("hilfe", "brauche hilfe", "ich brauche hilfe", "hänge fest", "komme nicht weiter"),
    status_only=("läuft", "auf kurs", "im plan", "hinterher", "im rückstand", "hilfe",
                 "brauche hilfe", "ich brauche hilfe"),
    schedule={
        "aus": "off", "an": "on", "ein": "on", "hier": "here", "zusammenfassung": "summary",
        "rückblick": "review", "rückblicke": "reviews", "monatlich": "monthly",
        "vierteljährlich": "quarterly", "quartalsweise": "quarterly",
        "erinnerungen": "reminders", "gewohnheiten": "habits", "gewohnheit": "habit",
        "tage": "days", "tag": "day", "täglich": "daily", "werktags": "weekdays",
        "wochentags": "weekdays", "wochenende": "weekends", "wochenenden": "weekends",
        "und": "and",
    },
    counts={
        "einmal": 1, "zweimal": 2, "dreimal": 3, "viermal": 4, "fünfmal": 5, "sechsmal": 6,
        "siebenmal": 7, "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4,
        "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    },
    times=("mal", "-mal"),
    per=("pro", "die", "in der", "im", "am", "je", "jede", "jeden"),
    units={"tag": "day", "woche": "week", "monat": "month"},
    count_days=("tage", "tag"),
    daily=("täglich", "jeden tag", "pro tag", "am tag", "jeden einzelnen tag", "tagtäglich"),
    weekly=("wöchentlich", "jede woche", "pro woche", "einmal die woche"),
    monthly=("monatlich", "jeden monat", "pro monat", "einmal im monat"),
    on_weekdays=("werktags", "an werktagen", "wochentags", "an wochentagen",
                 "montags bis freitags", "montag bis freitag"),
    on_weekends=("am wochenende", "an wochenenden", "wochenends", "jedes wochenende"),
    weekday_adverbs=tuple(f"{d}s" for d in _DAYS),
    on_days=("am", "jeden", "an"),
    and_words=("und",),
    at_least=("mindestens", "wenigstens", "min."),
    at_most=("höchstens", "maximal", "max.", "nicht mehr als"),
    yesterday=("gestern",),
    before_yesterday=("vorgestern",),
    vague=(r"verbesser\w*", r"besser\w*", "mehr", "weniger", r"fitter\w*", r"gesünder\w*",
           r"glücklicher\w*", r"produktiver\w*", "irgendwie", "sachen", "dinge", r"versuch\w*",
           r"steiger\w*", r"reduzier\w*", r"erhöh\w*", r"abnehm\w*", r"zunehm\w*",
           r"arbeiten an", "in form"),
)
# fmt: on
