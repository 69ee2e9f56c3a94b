"""Dependencies point one way (STYLE.md): domain <- storage <- services <- delivery <-
handlers/jobs <- app; and only delivery talks to Telegram."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

# What each layer may import from the bot package (besides itself).
ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "services": {"domain", "storage"},
    "render": {"domain"},
    # Every send: it moves a migrated chat's data (services) and splits texts (render).
    "delivery": {"services", "render", "domain", "context"},
    "handlers": {"services", "render", "domain", "context", "delivery", "caches"},
    "jobs": {"services", "render", "domain", "context", "delivery"},
}
# Layers that must not know Telegram exists.
NO_TELEGRAM = {"domain", "storage", "services"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "bot":  # from bot import delivery
                names.update(f"bot.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_point_one_way(layer: str) -> None:
    folder = BOT / layer
    files = sorted(folder.rglob("*.py"))  # a layer's packages too (domain/grammar)
    if layer != "jobs":
        assert files, f"bot/{layer} has no modules"
    for path in files:
        for name in imports_of(path):
            if name.startswith("bot."):
                target = name.split(".")[1]
                assert target == layer or target in ALLOWED[layer], f"{path.name} imports {name}"
            if layer in NO_TELEGRAM:
                assert not name.startswith("telegram"), f"{path.name} imports {name}"


def test_sql_lives_only_in_storage() -> None:
    for path in BOT.rglob("*.py"):
        if "storage" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "UPDATE goals", "DELETE FROM"):
            assert keyword not in text, f"{path.relative_to(BOT)} contains SQL ({keyword.strip()})"


# Each database's driver is one module; everything else sees bot/storage/connection.py.
# (and the operator commands in __main__.py that back up and check the SQLite file, and the
# copy from a SQLite file into PostgreSQL).
DRIVER_MODULES = {
    "storage/sqlite.py",
    "storage/database.py",
    "storage/postgres.py",
    "storage/maintenance.py",
    "storage/copying.py",
    "__main__.py",
}


def test_only_the_driver_imports_the_database_library() -> None:
    for path in sorted(BOT.rglob("*.py")):
        where = path.relative_to(BOT).as_posix()
        if where in DRIVER_MODULES or where.startswith("emulator/"):
            continue
        for name in imports_of(path):
            library = name.split(".")[0]
            assert library not in {"aiosqlite", "sqlite3", "asyncpg"}, f"{where} imports {name}"


def test_no_statement_travels_through_a_context_variable() -> None:
    for path in sorted(BOT.rglob("*.py")):
        names = imports_of(path)
        assert "contextvars" not in names, f"{path.relative_to(BOT)} imports contextvars"


# python-telegram-bot's methods that send (or change what a chat shows).
SENDS = {
    "reply_text",
    "reply_photo",
    "reply_document",
    "reply_html",
    "reply_markdown_v2",
    "send_message",
    "send_photo",
    "send_document",
    "edit_message_text",
    "edit_message_reply_markup",
    "set_my_commands",
    "answer_callback_query",
}


def sends_in(source: str) -> list[str]:
    """Calls of a Telegram send method: those in SENDS, and `.answer(...)` on anything but a
    module (`service.answer(...)` is ours; `query.answer(...)` answers a button press)."""
    tree = ast.parse(source)
    modules = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        on_module = isinstance(owner, ast.Name) and owner.id in modules
        if name in SENDS or (name == "answer" and not on_module):
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}")
    return found


def test_only_delivery_talks_to_telegram() -> None:
    for path in sorted(BOT.rglob("*.py")):
        if {"delivery", "emulator"} & set(path.relative_to(BOT).parts):
            continue
        found = sends_in(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(BOT)} sends to Telegram itself: {found}"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("await update.message.reply_text('hi')", 1),
        ("await context.bot.send_message(1, 'hi', reply_markup=k)", 1),
        ("await query.answer('toast')", 1),
        ("await update.callback_query.answer('toast', show_alert=True)", 1),
        ("await query.edit_message_text('new')", 1),
        ("await app.bot.set_my_commands([])", 1),
        ("from bot.services import partners as service\nawait service.answer(1, 2)", 0),
        ("from bot.delivery import reply\nawait reply(message, 'hi')", 0),
    ],
)
def test_the_send_check_finds_sends(source: str, found: int) -> None:
    assert len(sends_in(source)) == found


def _catalog_constants() -> set[str]:
    """Names of the render layer's sentences kept for later translation: `NAME = N_(...)`."""
    found = set()
    for path in (BOT / "render").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name)
                and node.value.func.id == "N_"
            ):
                found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return found


def _untranslated_sends(source: str, constants: set[str]) -> list[str]:
    """Sends (reply, answer, say) given a marked sentence itself, not its translation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in {"reply", "answer", "say"}:
            continue
        for arg in node.args:
            named = arg.id if isinstance(arg, ast.Name) else getattr(arg, "attr", None)
            if named in constants:
                found.append(f"line {node.lineno}: {named}")
    return found


def test_a_marked_sentence_is_sent_only_translated() -> None:
    constants = _catalog_constants()
    assert {"STALE_BUTTON", "SORRY", "AS_CHANNEL"} <= constants
    sent_raw = {
        str(path.relative_to(BOT)): found
        for path in BOT.rglob("*.py")
        if "render" not in path.parts
        and (found := _untranslated_sends(path.read_text(), constants))
    }
    assert sent_raw == {}


def test_the_translation_check_finds_a_raw_send() -> None:
    source = (
        "async def f(q, m):\n    await answer(q, common.STALE_BUTTON)\n    await reply(m, SORRY)\n"
    )
    assert len(_untranslated_sends(source, {"STALE_BUTTON", "SORRY"})) == 2
    fine = "async def f(q):\n    await answer(q, words.gettext(common.STALE_BUTTON))\n"
    assert _untranslated_sends(fine, {"STALE_BUTTON"}) == []
