"""Compiles the message catalogs (.po to .mo) whenever the package is built or installed,
editable installs included; everything else is in pyproject.toml."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALES = Path(__file__).parent / "bot" / "locales"


def compile_catalogs() -> None:
    """Each bot.po to the bot.mo beside it (Babel's compile, fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(LOCALES.glob("*/LC_MESSAGES/bot.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)


class BuildWithCatalogs(build_py):
    """build_py that compiles the catalogs first, so the .mo files ship as package data."""

    def run(self) -> None:
        compile_catalogs()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
