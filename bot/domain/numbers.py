"""Numbers as people type and read them."""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"^\d{1,12}(?:[.,]\d{1,4})?$")


def parse_amount(text: str) -> float | None:
    """A non-negative number like '42', '6.5' or '6,5'; None when it is not one."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned.replace(",", "."))
    return value if math.isfinite(value) else None


def format_amount(value: float) -> str:
    """42.0 -> '42', 6.5 -> '6.5', 1/3 -> '0.33'."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
