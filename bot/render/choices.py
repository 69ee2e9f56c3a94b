"""Questions asked with buttons instead of a guess, and the answers to a press on them."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.choices import Doubt, HabitStop, Option, Question, TargetChange
from bot.domain.commands import GoalSpec, ProgressSpec
from bot.domain.errors import ChoiceAnswered, ReadsTwoWays
from bot.domain.frequencies import DidSpec
from bot.domain.numbers import same_unit
from bot.render.errors import explain
from bot.render.i18n import ENGLISH, N_, Words
from bot.render.text import esc, with_unit

# Units people set a number to get down to (a weight, a time): there a first value past the
# target may be where they start. A first 60 km on a 50 km goal is just a long ride.
GOT_DOWN_TO = ("kg", "lb", "min", "s", "h", "%")
NOT_YOURS = N_("This question is for the member who wrote the command.")
ANSWERED = N_("That question was answered already.")
NOTHING_RECORDED = N_("Nothing recorded.")
NEITHER = N_("Neither")
NO = N_("No, log nothing")
KEEP_HABIT = N_("No, keep it")


def option_label(option: Option, unit: str = "", words: Words = ENGLISH) -> str:
    """An option in full, as its button shows it: '79.25 kg', '+2,500 steps', '€1,500 from
    €800' (plain text: button labels are not HTML)."""
    match option:
        case ProgressSpec():
            value = abs(option.amount) if option.relative else option.amount
            sign = ("+" if option.amount >= 0 else "-") if option.relative else ""
            return sign + with_unit(value, option.unit or unit, grouped=True, words=words)
        case TargetChange():
            target, baseline, unit = (
                option.target.value,
                option.target.baseline,
                option.target.unit or unit,
            )
        case GoalSpec():
            assert option.target is not None
            target, baseline, unit = option.target, option.baseline, option.unit or unit
        case DidSpec():
            return with_unit(option.readings[0], unit, grouped=True, words=words)
        case HabitStop():
            return words.gettext("Stop #{number}", number=option.number)
    label = with_unit(target, unit, grouped=True, words=words)
    if baseline is None:
        return label
    return words.gettext(
        "{target} from {baseline}",
        target=label,
        baseline=with_unit(baseline, unit, grouped=True, words=words),
    )


def _either(labels: list[str], words: Words) -> str:
    """'79.25 kg or 7,925 kg': the readings, each joined to the next with 'or'."""
    text = labels[0]
    for label in labels[1:]:
        text = words.gettext("{first} or {second}", first=text, second=label)
    return text


def question_text(question: Question, words: Words = ENGLISH) -> str:
    """Why the bot asks, what it would record, and that nothing is recorded yet."""
    if question.doubt is Doubt.READS_TWO_WAYS:
        labels = [option_label(o, question.unit, words) for o in question.options]
        return words.gettext(
            "I can read that two ways: {options}. Which did you mean? "
            "Nothing is recorded until you choose.",
            options=_either(labels, words),
        )
    if question.doubt is Doubt.STOPS_HABIT:
        stop = question.options[0]
        assert isinstance(stop, HabitStop)
        return words.gettext(
            "Stop habit #{number} {title} for good? Its run stays in the "
            "reports; nothing more is asked of it. To take a break instead: /pause",
            number=stop.number,
            title=esc(stop.title),
        )
    goal, value = question.goal, question.value
    assert goal is not None and goal.target is not None and value is not None
    n, unit = goal.number, goal.unit
    if question.doubt is Doubt.NO_SUCH_GOAL:
        typed = esc(question.typed)
        first = question.typed.split()[0]
        if first.isdigit():
            return words.gettext(
                "You have no goal #{typed_number}. Did you mean /progress {number} {typed}?",
                typed_number=esc(first),
                number=n,
                typed=typed,
            )
        return words.gettext("Did you mean /progress {number} {typed}?", number=n, typed=typed)
    shown = with_unit(value, unit, grouped=True, words=words)
    target = with_unit(goal.target, unit, True, words)
    if question.doubt is Doubt.PAST_TARGET:
        text = words.gettext(
            "{value} is past #{number}'s target of {target} in one step, so I haven't logged it "
            "yet. Log it, and #{number} is achieved?",
            value=shown,
            number=n,
            target=target,
        )
        if (
            goal.baseline is None
            and goal.current == 0
            and value > goal.target
            and (any(same_unit(unit, u) for u in GOT_DOWN_TO))
        ):
            text += "\n" + words.gettext(
                "Is {target} a number to get down to? Say where you start instead: "
                "/target {number} {typed_target} from {start}",
                target=target,
                number=n,
                typed_target=with_unit(goal.target, unit, False, words),
                start=words.number(value),
            )
        return text
    left = with_unit(abs(goal.target - goal.current), unit, grouped=True, words=words)
    now = with_unit(goal.current, unit, grouped=True, words=words)
    return words.gettext(
        "{value} would take #{number} away from its target of {target}, by more than the "
        "{left} left from {now}, so I haven't logged it yet. Log it anyway?",
        value=shown,
        number=n,
        target=target,
        left=left,
        now=now,
    )


def question_keyboard(
    question: Question, choice_id: int, words: Words = ENGLISH
) -> InlineKeyboardMarkup:
    """A button per option, and one to record nothing."""
    if question.doubt is Doubt.READS_TWO_WAYS:
        labels = [option_label(o, question.unit, words) for o in question.options]
        last = NEITHER
    elif question.doubt is Doubt.STOPS_HABIT:
        assert isinstance(question.options[0], HabitStop)
        labels = [words.gettext("Yes, stop #{number}", number=question.options[0].number)]
        last = KEEP_HABIT
    elif question.doubt is Doubt.NO_SUCH_GOAL:
        assert question.goal is not None and question.value is not None
        labels = [
            words.gettext(
                "Yes, /progress {number} {typed}",
                number=question.goal.number,
                typed=question.typed,
            )
        ]
        last = NO
    else:
        assert question.value is not None
        labels = [
            words.gettext(
                "Yes, log {value}",
                value=with_unit(question.value, question.unit, grouped=True, words=words),
            )
        ]
        last = NO
    buttons = [
        InlineKeyboardButton(label, callback_data=callbacks.pick(choice_id, i))
        for i, label in enumerate(labels)
    ]
    none = InlineKeyboardButton(
        words.gettext(last), callback_data=callbacks.pick(choice_id, len(labels))
    )
    return InlineKeyboardMarkup([buttons, [none]])


def picked(option: Option | None, asked: str = "", words: Words = ENGLISH) -> str:
    """What the question becomes once answered: the question (as Telegram showed it), then
    the answer, with no buttons left."""
    if option is None:
        answer = words.gettext(NOTHING_RECORDED)
    else:
        answer = f"✓ {esc(option_label(option, words=words))}"
    return f"{esc(asked)}\n{answer}" if asked else answer


@explain.register
def _question(error: Question, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return question_text(error, words)


@explain.register
def _answered(error: ChoiceAnswered, command: str, args: str = "", words: Words = ENGLISH) -> str:
    return words.gettext(ANSWERED)


@explain.register
def _reads_two_ways(
    error: ReadsTwoWays, command: str, args: str = "", words: Words = ENGLISH
) -> str:
    shown = [with_unit(v, error.unit, grouped=True, words=words) for v in error.readings]
    plain = [with_unit(v, error.unit, grouped=False, words=words) for v in error.readings]
    return words.gettext(
        "“{typed}” reads two ways: {readings}. Write it so it reads one way, e.g. {plain}.",
        typed=esc(error.typed),
        readings=_either(shown, words),
        plain=_either(plain, words),
    )
