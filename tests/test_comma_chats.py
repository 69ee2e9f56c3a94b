"""A group that writes a decimal comma: its numbers read its way, except where that reading
cannot be meant; then both are offered with buttons, and nothing is stored before the press."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Group, peek


def stored_goals(db_path: Path) -> list[tuple[str, float | None, float]]:
    conn = peek(db_path)
    try:
        return conn.execute("SELECT title, target, current FROM goals ORDER BY number").fetchall()
    finally:
        conn.close()


async def test_a_weight_to_the_gram_reads_the_chats_way_without_asking(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/language de")
    reply = await group.alice.say("/goal Abnehmen bis Ende März Ziel 79,250 kg")
    assert reply.buttons() == []
    assert stored_goals(db_path) == [("Abnehmen", 79.25, 0.0)]


async def test_money_to_the_thousandth_is_asked_about_and_stored_once_chosen(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/language de")
    question = await group.alice.say("/goal Spenden sammeln bis Ende März Ziel 10,000 €")
    labels = [b["text"] for b in question.buttons()]
    assert len(labels) == 3  # the chat's reading, the other, neither
    assert stored_goals(db_path) == []  # nothing stored before the press
    await group.alice.press(question, labels[1])  # the thousands reading
    await group.alice.say("/help")  # answered in order: the press is handled
    assert stored_goals(db_path) == [("Spenden sammeln", 10000.0, 0.0)]


async def test_steps_added_in_english_numbers_read_by_the_goal(group: Group, db_path: Path) -> None:
    await group.alice.say("/language ru")
    await group.alice.say("/goal 10000 шагов до конца марта цель 10.000 шагов")
    # "+1,500 шагов" is 1.5 steps by the Russian comma: no one logs that; 1500 fits the goal.
    reply = await group.alice.say("/progress 1 +1,500 шагов")
    assert reply.buttons() == []
    assert stored_goals(db_path)[0][1:] == (10000.0, 1500.0)


async def test_a_unit_in_the_chats_language_counts_on_a_goal_in_english_units(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/language ru")
    await group.alice.say("/goal Пробежать до конца марта цель 100 km")
    reply = await group.alice.say("/progress 1 +3 км")
    assert reply.buttons() == []
    assert stored_goals(db_path)[0][1:] == (100.0, 3.0)


async def test_thousands_said_as_a_word_and_miles_in_the_chats_language(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/language ru")
    await group.alice.say("/goal Накопить на машину до конца года цель 100 тыс ₽")
    await group.alice.say("/progress 1 +1,5 тыс")
    assert stored_goals(db_path) == [("Накопить на машину", 100_000.0, 1500.0)]
    await group.alice.say("/language de")
    await group.alice.say("/goal Marathon laufen bis Ende März Ziel 42 km")
    refused = await group.alice.say("/progress 2 5 Meilen")
    assert "nicht Meilen" in refused.text and stored_goals(db_path)[1][2] == 0.0  # not 5 km
    await group.alice.say("/progress 2 +2½")
    assert stored_goals(db_path)[1][2] == 2.5


async def test_reais_are_money_written_where_brazil_writes_them(
    group: Group, db_path: Path
) -> None:
    await group.alice.say("/language pt-BR")
    reply = await group.alice.say("/goal Economizar até fim do ano meta R$ 1.500")
    assert stored_goals(db_path) == [("Economizar", 1500.0, 0.0)]
    assert "R$\u00a00 / R$\u00a01.500" in reply.text
    listed = await group.alice.say("/goal Juntar dinheiro até fim do mês meta 50 mil")
    assert "0 / 50.000 ·" in listed.text  # no stray space where no symbol is
