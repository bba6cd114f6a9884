"""Reading fields out of JSON-like data with their types checked.

Records come back from files a person may have edited or another program
written (``sessions import``). A wrong type must be refused where it is read,
with a ValueError naming the field, never carried into the store where it
would crash an export or a window later.
"""

from __future__ import annotations

import math
from typing import Any


def text(data: dict[str, Any], key: str, default: str | None = None) -> str:
    """A string field (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text, not {type(value).__name__}")
    return value


def optional_text(data: dict[str, Any], key: str) -> str | None:
    """A string field that may be absent or null."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text or null, not {type(value).__name__}")
    return value


def number(data: dict[str, Any], key: str, default: float | None = None) -> float:
    """A finite number field (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{key} must be a number, not {value!r}")
    return float(value)


def optional_number(data: dict[str, Any], key: str) -> float | None:
    """A finite number field that may be absent or null."""
    return None if data.get(key) is None else number(data, key)


def flag(data: dict[str, Any], key: str, default: bool | None = None) -> bool:
    """A true/false field (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {value!r}")
    return value


def whole(data: dict[str, Any], key: str, default: int | None = None) -> int:
    """A whole-number field (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number, not {value!r}")
    return value
