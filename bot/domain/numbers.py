"""Numbers as people type and read them."""

from __future__ import annotations

import math
import re

_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d{1,4})?$")
_NUMBER = re.compile(r"^\d{1,12}(?:[.,]\d{1,4})?$")
# '42 km', '5.5kg', '5000€', '1,000 EUR': a number, then a unit spaced or glued on.
_WITH_UNIT = re.compile(
    r"^(?P<amount>\d[\d.,]*)(?:\s+(?P<spaced>.+?)|(?P<glued>[^\d\s.,][^\d]*?))?\s*$"
)


def parse_amount(text: str) -> float | None:
    """A non-negative number like '42', '6.5', '6,5' or '1,000'; None when it is not one."""
    cleaned = text.strip()
    if _THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    elif _NUMBER.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")
    else:
        return None
    value = float(cleaned)
    return value if math.isfinite(value) else None


def parse_amount_with_unit(text: str) -> tuple[float, str] | None:
    """'42 km' -> (42, 'km'), '5.5kg' -> (5.5, 'kg'), '12' -> (12, ''); None otherwise."""
    match = _WITH_UNIT.fullmatch(text.strip())
    if not match:
        return None
    amount = parse_amount(match.group("amount"))
    if amount is None:
        return None
    unit = match.group("spaced") or match.group("glued") or ""
    if unit[:1].isdigit():  # "2 500": a number written with a space, not 2 of "500"
        return None
    return amount, " ".join(unit.split())


def format_amount(value: float) -> str:
    """42.0 -> '42', 6.5 -> '6.5', 1/3 -> '0.33'."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
