"""English: the words every chat reads, whatever its language."""

from __future__ import annotations

from bot.domain.grammar.words import Words

_DAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SHORT = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

# One phrase list per line would hide the words in a column: kept as written.
# fmt: off
WORDS = Words(
    name="English",
    dateparser=("en",),
    by=("by",),
    target=("target",),
    start=("from",),
    because=("because",),
    until=("until", "till", "til", "through"),
    pause_from=("from",),
    pause_for=("for",),
    day_units=("days", "day", "d"),
    week_units=("weeks", "week", "wks", "wk", "w"),
    title_tail=("for", "in", "during", "within", "by"),
    end_of=("end of the", "end of", "the end of the", "the end of"),
    this=("this",),
    last=("last", "previous"),
    everyone=("all", "everyone"),
    mine=("mine",),
    next=("next",),
    periods={"week": "week", "month": "month", "quarter": "quarter", "year": "year"},
    # Day names in every form, the plural too ("on mondays"), and their usual short forms.
    weekdays={**_DAYS, **{f"{d}s": n for d, n in _DAYS.items()}, **_SHORT,
              **{f"{d}s": n for d, n in _SHORT.items()}},
    weekday_abbreviations=_SHORT,
    on_track=("on track", "on-track", "ontrack", "on_track", "good", "ok", "okay", "fine",
              "great", "done", "yes", "did it", "✅", "👍", "✔️", "✔"),
    behind=("behind", "slow", "late", "bad", "missed", "missed it", "skipped", "skipped it",
            "sick", "meh", "no"),
    help=("help", "need help", "need-help", "stuck", "sos"),
    status_only=("on track", "on-track", "ontrack", "on_track", "behind", "help", "need help",
                 "need-help"),
    schedule={},
    counts={
        "once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3, "four": 4,
        "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    },
    times=("times", "time", "x"),
    per=("a", "an", "per", "each", "every", "/", "in a"),
    units={"day": "day", "week": "week", "month": "month"},
    count_days=("days", "day"),
    daily=("every day", "everyday", "each day", "daily", "a day", "per day", "every single day"),
    weekly=("every week", "each week", "weekly", "a week", "per week"),
    monthly=("every month", "each month", "monthly", "a month", "per month"),
    on_weekdays=("on weekdays", "every weekday", "weekdays", "week days", "on week days",
                 "every weekdays", "weekdays"),
    on_weekends=("on weekends", "every weekend", "weekends", "every weekends"),
    on_days=("on", "every"),
    and_words=("and",),
    at_least=("at least", "min", "minimum"),
    at_most=("at most", "no more than", "max", "maximum"),
    yesterday=("yesterday",),
    before_yesterday=("the day before yesterday", "day before yesterday"),
    duration_before=(
        "in", "within", "for", "after", "over", "than", "of", "take", "takes", "taking",
        "spend", "spent", "plan", "book", "only", "just", "once", "half", "whole", "entire",
    ),
    duration_after=(
        "off", "trip", "trips", "break", "away", "old", "long", "later", "ago", "early",
        "earlier", "late", "before",
    ),
    unit_names={"push-up": "pushup", "push-ups": "pushup", "classes": "class", "glasses": "glass",
                "people": "person"},
    countables=(
        "step", "page", "book", "word", "rep", "pushup", "squat", "chapter", "lesson", "class",
        "session", "workout", "run", "lap", "call", "email", "meeting", "post", "article",
        "video", "episode", "interview", "application", "customer", "client", "user", "lead",
        "deal", "sale", "subscriber", "follower", "visit", "review", "person", "problem",
        "task", "item", "coffee", "cup", "glass", "drink", "beer", "cigarette", "time",
    ),
    vague=(
        "improve", "better", "more", "less", "fit", "fitter", "healthier", "happier", "shape",
        "stuff", "things", "productive", "somehow", "work on", "try", "increase", "reduce",
        "decrease", "grow", "boost", "lose", "gain", "learn more", "get good",
    ),
)
# fmt: on
