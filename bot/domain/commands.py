"""Reading command arguments into plain specs; every shape error is a Usage."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from bot.domain.errors import Usage, UsageProblem
from bot.domain.grammar import grammar
from bot.domain.languages import Lang
from bot.domain.numbers import is_known_unit, read_amount_with_unit, same_unit

MAX_TITLE = 200
MAX_NOTE = 1000

# The keywords (by, target, from, because, until, for) are the chat's language's and
# English's: see bot/domain/grammar. "Run target 42 km by June": a target may come before
# the deadline when a number follows; "Talk to 50 customers this quarter" is due at the
# period's end; "Plan the offsite for next year": the title ends before "for".
_REF = re.compile(r"^#?(?P<goal>\d{1,9})(?:\.(?P<milestone>\d{1,9}))?$")


@dataclass(frozen=True)
class TargetSpec:
    """A numeric target, its unit, and where it is measured from (None: from 0)."""

    value: float
    unit: str = ""
    baseline: float | None = None
    # Other ways the numbers as written read ('1.500 €': 1.5 or 1500), this one among them.
    readings: tuple[TargetSpec, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """True when the numbers read more than one way: ask before taking one."""
        return len(self.readings) > 1


@dataclass(frozen=True)
class GoalSpec:
    """What /goal asked for, before the date is resolved."""

    title: str
    date_text: str
    target: float | None = None
    unit: str = ""
    baseline: float | None = None
    # When the target's numbers read more than one way: every reading, to be asked about.
    target_readings: tuple[TargetSpec, ...] = ()
    why: str | None = None  # the guided /goal asks for it

    def readings(self) -> tuple[GoalSpec, ...]:
        """This spec once for each way its target reads."""
        if len(self.target_readings) < 2:
            return (self,)
        return tuple(
            replace(self, target=t.value, unit=t.unit, baseline=t.baseline, target_readings=())
            for t in self.target_readings
        )


@dataclass(frozen=True)
class MilestoneSpec:
    """What /milestone asked for."""

    goal_number: int
    title: str
    date_text: str


@dataclass(frozen=True)
class Ref:
    """A goal (7) or one of its milestones (7.2)."""

    goal_number: int
    milestone_number: int | None = None

    def __str__(self) -> str:
        if self.milestone_number is None:
            return str(self.goal_number)
        return f"{self.goal_number}.{self.milestone_number}"


@dataclass(frozen=True)
class ProgressSpec:
    """A new value, or an amount to add when relative."""

    goal_number: int
    amount: float
    relative: bool
    unit: str = ""
    bare_k: bool = False  # '2k' with no unit: thousands, read before the goal was known
    # The other reading of the number as written ('79,250': 79.25, else 79250), signed.
    other_amount: float | None = None
    # The member confirmed a value the bot asked about (past the target, the wrong way).
    confirmed: bool = False
    # Words after the value that name no unit: '78,5 after christmas', '-1 today'.
    note: str = ""

    def readings(self) -> tuple[ProgressSpec, ...]:
        """This spec once for each way its number reads, each with one amount."""
        if self.other_amount is None:
            return (self,)
        return (replace(self, other_amount=None), replace(self, amount=self.other_amount,
                                                          other_amount=None))  # fmt: skip


@dataclass(frozen=True)
class RescheduleSpec:
    """A deadline move with an optional reason."""

    ref: Ref
    date_text: str
    reason: str | None


@dataclass(frozen=True)
class RenameSpec:
    """A new title for a goal (7) or a milestone (7.2)."""

    ref: Ref
    title: str


def check_title(title: str) -> str:
    """A trimmed title, refused when empty or over the length limit."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise Usage(UsageProblem.EMPTY_TITLE)
    if len(cleaned) > MAX_TITLE:
        raise Usage(UsageProblem.LONG_TITLE)
    return cleaned


def parse_target(text: str, zero_ok: bool = False, *, lang: Lang = Lang.EN) -> TargetSpec:
    """A numeric target with an optional unit ('42 km', '10 %', '5.5kg'), and optionally
    where it starts from ('75 kg from 80 kg', '25 min from 28'): then it may go down, to 0.
    zero_ok: 0 without 'from' is left for the caller to judge (a goal may have a baseline)."""
    reading = grammar(lang)
    if reading.has_target.search(text):
        raise Usage(UsageProblem.TWO_TARGETS)
    target_text, *from_text = reading.start.split(text.strip(), maxsplit=1)
    parsed = read_amount_with_unit(target_text, lang=lang)
    if parsed is None or len(parsed[1]) > 30:
        raise Usage(UsageProblem.BAD_TARGET)
    values, unit = parsed
    if not from_text:
        if any(v <= 0 for v in values) and not (zero_ok and values == (0,)):
            raise Usage(UsageProblem.BAD_TARGET)
        return _with_readings([TargetSpec(v, unit) for v in values])
    start = read_amount_with_unit(from_text[0], lang=lang) if from_text[0].strip() else None
    if start is None or (unit and start[1] and not same_unit(start[1], unit)):
        raise Usage(UsageProblem.BAD_BASELINE)
    pairs = [(v, b) for v in values for b in start[0] if v != b]
    if not pairs:
        raise Usage(UsageProblem.BASELINE_IS_TARGET)
    # '75 kg from 79,250': a start a thousand times the target is not what anyone means.
    near = [(v, b) for v, b in pairs if max(v, b) <= 10 * min(v, b)]
    unit = unit or start[1]
    return _with_readings([TargetSpec(v, unit, b) for v, b in near or pairs])


def _with_readings(specs: list[TargetSpec]) -> TargetSpec:
    """The first reading, carrying all of them when there is more than one."""
    if len(specs) == 1:
        return specs[0]
    readings = tuple(specs)
    return replace(specs[0], readings=tuple(replace(r, readings=()) for r in readings))


def _split_deadline(text: str, lang: Lang) -> tuple[str, str]:
    """Split 'title by date' at the last ' by ', so titles may contain 'by'. A title ending in
    'this quarter' or 'next month' (no 'by') is due at that period's end."""
    reading = grammar(lang)
    line = " " + text.strip()
    found = list(reading.by.finditer(line))
    if not found:
        period = reading.period_at_end.search(text.strip())
        title = reading.title_tail.sub("", text.strip()[: period.start()]) if period else ""
        if period and title.strip():
            due = f"end of {period.group('period')}{period.group('target') or ''}"
            return title.strip(), due
        raise Usage(UsageProblem.NO_DEADLINE)
    title = line[: found[-1].start()].strip()
    date_text = line[found[-1].end() :].strip()
    if not date_text:
        raise Usage(UsageProblem.NO_DEADLINE)
    return title, date_text


def parse_goal(text: str, *, lang: Lang = Lang.EN) -> GoalSpec:
    """/goal <title> by <date> [target <number> <unit> [from <number>]] (the target may also
    come before 'by'), in the chat's language or English."""
    target: TargetSpec | None = None
    reading = grammar(lang)
    title, date_text = _split_deadline(text, lang)
    after = reading.target.search(" " + date_text)
    before = reading.target_in_title.search(title)
    if after:
        target = parse_target(after.group("rest") or "", lang=lang)
        date_text = (" " + date_text)[: after.start()].strip()
        if not date_text:
            raise Usage(UsageProblem.NO_DEADLINE)
    elif before:
        target = parse_target(before.group("rest"), lang=lang)
        title = title[: before.start()]
    return goal_spec(check_title(title), date_text, target)


def goal_spec(title: str, date_text: str, target: TargetSpec | None) -> GoalSpec:
    """A goal's spec with its target, if it has one."""
    if target is None:
        return GoalSpec(title, date_text)
    readings = target.readings if target.ambiguous else ()
    return GoalSpec(title, date_text, target.value, target.unit, target.baseline, readings)


def parse_everyone(text: str, *, lang: Lang = Lang.EN) -> bool:
    """/goals' one word: nothing for the member's own goals, 'all' (or 'alle', 'todas', 'все',
    in the chat's language) for everyone's."""
    said = text.strip().lower()
    if said and said not in grammar(lang).words.everyone:
        raise Usage(UsageProblem.BAD_ARGS)
    return bool(said)


def parse_mine(text: str, *, lang: Lang = Lang.EN) -> bool:
    """/calendar's one word: nothing for the chat's deadlines, 'mine' (or 'meine', 'mías',
    'мои', 'minhas') for the member's own."""
    said = text.strip().lower()
    if said and said not in grammar(lang).words.mine:
        raise Usage(UsageProblem.BAD_CALENDAR)
    return bool(said)


def parse_goal_number(token: str) -> int:
    """'7' or '#7' as a goal number."""
    ref = parse_ref(token)
    if ref.milestone_number is not None:
        raise Usage(UsageProblem.GOAL_NOT_MILESTONE)
    return ref.goal_number


def parse_ref(token: str) -> Ref:
    """'7' or '7.2' (a leading '#' is fine)."""
    match = _REF.fullmatch(token.strip())
    if not match:
        raise Usage(UsageProblem.BAD_REF)
    milestone = match.group("milestone")
    return Ref(int(match.group("goal")), int(milestone) if milestone else None)


def _first_and_rest(text: str, missing: UsageProblem) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    if not parts:
        raise Usage(missing)
    return parts[0], parts[1] if len(parts) > 1 else ""


def parse_milestone(text: str, *, lang: Lang = Lang.EN) -> MilestoneSpec:
    """/milestone <goal#> <title> by <date>."""
    first, rest = _first_and_rest(text, UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(first)
    title, date_text = _split_deadline(rest, lang)
    return MilestoneSpec(number, check_title(title), date_text)


def parse_done(text: str) -> Ref:
    """/done <goal#>.<n> or /done <goal#>."""
    first, rest = _first_and_rest(text, UsageProblem.NO_REF)
    if rest:
        raise Usage(UsageProblem.EXTRA)
    return parse_ref(first)


def parse_reopen(text: str) -> Ref:
    """/reopen <goal#> or /reopen <goal#>.<n> (a milestone done by mistake)."""
    return parse_done(text)


def parse_progress(text: str, *, lang: Lang = Lang.EN) -> ProgressSpec:
    """/progress <goal#> <value>, or +<n> / -<n> to add or take away; the number as the
    chat's locale writes it."""
    first, rest = _first_and_rest(text, UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(first)
    value_text = rest.strip()
    if not value_text:
        raise Usage(UsageProblem.NO_VALUE)
    sign = value_text[0] if value_text[0] in "+-−" else ""
    bare_k = False
    try:
        parsed = read_amount_with_unit(value_text[len(sign) :], lang=lang)
    except Usage:  # '+2k': thousands, unless the goal counts a distance (the service knows)
        parsed = read_amount_with_unit(value_text[len(sign) :], bare_k_ok=True, lang=lang)
        bare_k = True
    if parsed is None:
        raise Usage(UsageProblem.BAD_VALUE)
    factor = -1 if sign in ("-", "−") else 1
    amounts = [factor * v for v in parsed[0]]
    other = amounts[1] if len(amounts) > 1 else None
    unit, note = _unit_and_note(parsed[1])
    if len(note) > MAX_NOTE:
        raise Usage(UsageProblem.LONG_NOTE)
    return ProgressSpec(
        number, amounts[0], relative=bool(sign), unit=unit, bare_k=bare_k, other_amount=other,
        note=note,
    )  # fmt: skip


def unit_from_note(spec: ProgressSpec, unit: str, others: set[str]) -> ProgressSpec:
    """'3 books read on the train' on a goal counting books: the unit, then a note. One word
    that is no unit anyone uses ('today'), here or elsewhere (`others`: the units the chat's
    goals count), on a goal counting something else is a note."""
    first, _, rest = spec.note.partition(" ")
    if not spec.unit and first and same_unit(first, unit):
        return replace(spec, unit=first, note=rest.strip())
    alone = spec.unit and not spec.note
    counted = is_known_unit(spec.unit) or any(same_unit(spec.unit, u) for u in others if u)
    if alone and not same_unit(spec.unit, unit) and not counted:
        return replace(spec, unit="", note=spec.unit)
    return spec


def _unit_and_note(words: str) -> tuple[str, str]:
    """What follows a value: a unit, then a note ('kg (morning weight)'), or a note alone
    ('after christmas'). One word alone is a unit, to be checked against the goal's."""
    first, _, rest = words.partition(" ")
    if not first or (rest and not is_known_unit(first)):
        return "", words
    return first, rest.strip()


def parse_goal_and_text(text: str, empty: UsageProblem, too_long: UsageProblem) -> tuple[int, str]:
    """/why <goal#> <text> and similar: a goal number and free text, refused as `empty` when
    there is none and as `too_long` past the length limit."""
    first, rest = _first_and_rest(text, UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(first)
    note = " ".join(rest.split())
    if not note:
        raise Usage(empty)
    if len(note) > MAX_NOTE:
        raise Usage(too_long)
    return number, note


def parse_target_command(text: str, *, lang: Lang = Lang.EN) -> tuple[int, TargetSpec]:
    """/target <goal#> <number> [unit] [from <number>]."""
    first, rest = _first_and_rest(text, UsageProblem.NO_GOAL_NUMBER)
    number = parse_goal_number(first)
    return number, parse_target(rest, zero_ok=True, lang=lang)


def parse_reschedule(text: str, *, lang: Lang = Lang.EN) -> RescheduleSpec:
    """/reschedule <goal#>[.<n>] <date> [because <reason>]."""
    first, rest = _first_and_rest(text, UsageProblem.NO_REF)
    ref = parse_ref(first)
    reason: str | None = None
    parts = grammar(lang).because.split(" " + rest.strip(), maxsplit=1)
    date_text = parts[0].strip()
    if len(parts) == 2:
        reason = " ".join(parts[1].split()) or None
        if reason and len(reason) > MAX_NOTE:
            raise Usage(UsageProblem.LONG_REASON)
    if not date_text:
        raise Usage(UsageProblem.NO_DATE)
    return RescheduleSpec(ref, date_text, reason)


def parse_rename(text: str) -> RenameSpec:
    """/rename <goal#>[.<n>] <new title>."""
    first, rest = _first_and_rest(text, UsageProblem.NO_REF)
    ref = parse_ref(first)
    if not rest.strip():
        raise Usage(UsageProblem.NO_NEW_TITLE)
    return RenameSpec(ref, check_title(rest))


def parse_delete(text: str) -> Ref:
    """/delete <goal#>.<n>: a milestone (a whole goal is dropped with /abandon)."""
    ref = parse_done(text)
    if ref.milestone_number is None:
        raise Usage(UsageProblem.DELETE_GOAL)
    return ref


def parse_single_goal(text: str) -> int:
    """/abandon <goal#> and similar."""
    first, rest = _first_and_rest(text, UsageProblem.NO_GOAL_NUMBER)
    if rest:
        raise Usage(UsageProblem.EXTRA)
    return parse_goal_number(first)


@dataclass(frozen=True)
class PauseSpec:
    """What /pause asked for: when it starts (None: now), until when or for how many days."""

    start_text: str | None = None
    until_text: str | None = None
    days: int | None = None
    reason: str | None = None

    @property
    def says_anything(self) -> bool:
        """False for a bare /pause."""
        return any(
            v is not None for v in (self.start_text, self.until_text, self.days, self.reason)
        )


def parse_pause(text: str, *, lang: Lang = Lang.EN) -> PauseSpec:
    """/pause [from <date>] [until <date> | for <n> days|weeks] [because <reason>]."""
    cleaned = " ".join(text.split())
    reading = grammar(lang)
    match = reading.pause.fullmatch(cleaned)
    if not match:
        raise Usage(UsageProblem.BAD_PAUSE)
    reason = match.group("reason")
    if reason and len(reason) > MAX_NOTE:
        raise Usage(UsageProblem.LONG_REASON)
    days = None
    if match.group("n"):
        weeks = match.group("unit").lower() in reading.words.week_units
        days = int(match.group("n")) * (7 if weeks else 1)
        if days == 0:
            raise Usage(UsageProblem.BAD_PAUSE)
    return PauseSpec(match.group("start"), match.group("until"), days, reason)


def closest_command(word: str, names: list[str], lang: Lang = Lang.EN) -> str | None:
    """The command a mistyped one most likely meant ('/progres' -> 'progress'; in the chat's
    language, '/fortschritt' or '/прогресс' -> 'progress'), if any."""
    typed = word.lstrip("/").split("@", 1)[0].lower()
    native = grammar(lang).words.command_words
    close = difflib.get_close_matches(typed, [*names, *native], n=1, cutoff=0.75)
    found = native.get(close[0], close[0]) if close else None
    return found if found in names else None
