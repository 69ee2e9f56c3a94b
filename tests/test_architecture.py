"""Dependencies point one way (STYLE.md): domain <- storage <- services <- handlers/jobs <- app."""

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
    "handlers": {"services", "render", "domain", "context", "delivery"},
    "jobs": {"services", "render", "domain", "context", "messaging"},
}
# Sending shared by handlers and jobs sits beside them and may use what they use.
SHARED = {"messaging": {"services", "render", "domain", "context"}}
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
            if node.module == "bot":  # from bot import messaging
                names.update(f"bot.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_point_one_way(layer: str) -> None:
    folder = BOT / layer
    files = sorted(folder.glob("*.py"))
    if layer != "jobs":
        assert files, f"bot/{layer} has no modules"
    for path in files:
        for name in imports_of(path):
            if name.startswith("bot."):
                target = name.split(".")[1]
                assert target == layer or target in ALLOWED[layer], f"{path.name} imports {name}"
            if layer in NO_TELEGRAM:
                assert not name.startswith("telegram"), f"{path.name} imports {name}"


@pytest.mark.parametrize("module", sorted(SHARED))
def test_shared_modules_import_only_their_layers(module: str) -> None:
    for name in imports_of(BOT / f"{module}.py"):
        if name.startswith("bot."):
            assert name.split(".")[1] in SHARED[module], f"{module}.py imports {name}"


def test_sql_lives_only_in_storage() -> None:
    for path in BOT.rglob("*.py"):
        if "storage" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "UPDATE goals", "DELETE FROM"):
            assert keyword not in text, f"{path.relative_to(BOT)} contains SQL ({keyword.strip()})"
