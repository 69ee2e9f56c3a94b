"""Questions asked with buttons instead of a guess, and the answers to a press on them."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain import callbacks
from bot.domain.choices import Doubt, HabitStop, Option, Question, TargetChange
from bot.domain.commands import GoalSpec, ProgressSpec
from bot.domain.errors import ChoiceAnswered, ReadsTwoWays
from bot.domain.frequencies import DidSpec
from bot.domain.numbers import format_amount, same_unit
from bot.render.errors import explain
from bot.render.text import esc, with_unit

# Units people set a number to get down to (a weight, a time): there a first value past the
# target may be where they start. A first 60 km on a 50 km goal is just a long ride.
GOT_DOWN_TO = ("kg", "lb", "min", "s", "h", "%")
NOT_YOURS = "This question is for the member who wrote the command."
ANSWERED = "That question was answered already."
NOTHING_RECORDED = "Nothing recorded."
NEITHER = "Neither"
NO = "No, log nothing"
KEEP_HABIT = "No, keep it"


def option_label(option: Option, unit: str = "") -> str:
    """An option in full, as its button shows it: '79.25 kg', '+2,500 steps', '€1,500 from
    €800' (plain text: button labels are not HTML)."""
    match option:
        case ProgressSpec():
            value = abs(option.amount) if option.relative else option.amount
            sign = ("+" if option.amount >= 0 else "-") if option.relative else ""
            return sign + with_unit(value, option.unit or unit, grouped=True)
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
            return with_unit(option.readings[0], unit, grouped=True)
        case HabitStop():
            return f"Stop #{option.number}"
    label = with_unit(target, unit, grouped=True)
    if baseline is not None:
        label += f" from {with_unit(baseline, unit, grouped=True)}"
    return label


def question_text(question: Question) -> str:
    """Why the bot asks, what it would record, and that nothing is recorded yet."""
    if question.doubt is Doubt.READS_TWO_WAYS:
        labels = [option_label(o, question.unit) for o in question.options]
        return (
            f"I can read that two ways: {' or '.join(labels)}. Which did you mean? "
            "Nothing is recorded until you choose."
        )
    if question.doubt is Doubt.STOPS_HABIT:
        stop = question.options[0]
        assert isinstance(stop, HabitStop)
        return (
            f"Stop habit #{stop.number} {esc(stop.title)} for good? Its run stays in the "
            "reports; nothing more is asked of it. To take a break instead: /pause"
        )
    goal, value = question.goal, question.value
    assert goal is not None and goal.target is not None and value is not None
    n, unit = goal.number, goal.unit
    if question.doubt is Doubt.NO_SUCH_GOAL:
        typed = esc(question.typed)
        first = question.typed.split()[0]
        no_goal = f"You have no goal #{esc(first)}. " if first.isdigit() else ""
        return f"{no_goal}Did you mean /progress {n} {typed}?"
    shown, target = with_unit(value, unit, grouped=True), with_unit(goal.target, unit, True)
    if question.doubt is Doubt.PAST_TARGET:
        text = (
            f"{shown} is past #{n}'s target of {target} in one step, so I haven't logged it "
            f"yet. Log it, and #{n} is achieved?"
        )
        if (
            goal.baseline is None
            and goal.current == 0
            and value > goal.target
            and (any(same_unit(unit, u) for u in GOT_DOWN_TO))
        ):
            text += (
                f"\nIs {target} a number to get down to? Say where you start instead: "
                f"/target {n} {with_unit(goal.target, unit, False)} from {format_amount(value)}"
            )
        return text
    left = with_unit(abs(goal.target - goal.current), unit, grouped=True)
    now = with_unit(goal.current, unit, grouped=True)
    return (
        f"{shown} would take #{n} away from its target of {target}, by more than the {left} "
        f"left from {now}, so I haven't logged it yet. Log it anyway?"
    )


def question_keyboard(question: Question, choice_id: int) -> InlineKeyboardMarkup:
    """A button per option, and one to record nothing."""
    if question.doubt is Doubt.READS_TWO_WAYS:
        labels = [option_label(o, question.unit) for o in question.options]
        last = NEITHER
    elif question.doubt is Doubt.STOPS_HABIT:
        labels = [f"Yes, {option_label(question.options[0]).lower()}"]
        last = KEEP_HABIT
    elif question.doubt is Doubt.NO_SUCH_GOAL:
        assert question.goal is not None and question.value is not None
        labels = [f"Yes, /progress {question.goal.number} {question.typed}"]
        last = NO
    else:
        assert question.value is not None
        labels = [f"Yes, log {with_unit(question.value, question.unit, grouped=True)}"]
        last = NO
    buttons = [
        InlineKeyboardButton(label, callback_data=callbacks.pick(choice_id, i))
        for i, label in enumerate(labels)
    ]
    none = InlineKeyboardButton(last, callback_data=callbacks.pick(choice_id, len(labels)))
    return InlineKeyboardMarkup([buttons, [none]])


def picked(option: Option | None, asked: str = "") -> str:
    """What the question becomes once answered: the question (as Telegram showed it), then
    the answer, with no buttons left."""
    answer = NOTHING_RECORDED if option is None else f"✓ {esc(option_label(option))}"
    return f"{esc(asked)}\n{answer}" if asked else answer


@explain.register
def _question(error: Question, command: str, args: str = "") -> str:
    return question_text(error)


@explain.register
def _answered(error: ChoiceAnswered, command: str, args: str = "") -> str:
    return ANSWERED


@explain.register
def _reads_two_ways(error: ReadsTwoWays, command: str, args: str = "") -> str:
    shown = [with_unit(v, error.unit, grouped=True) for v in error.readings]
    plain = [with_unit(v, error.unit, grouped=False) for v in error.readings]
    return (
        f"“{esc(error.typed)}” reads two ways: {' or '.join(shown)}. "
        f"Write it so it reads one way, e.g. {' or '.join(plain)}."
    )
