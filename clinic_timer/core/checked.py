"""Reading fields out of JSON-like data with their types checked.

Records come back from files a person may have edited or another program
written (``sessions import``). A wrong type must be refused where it is read,
with a ValueError naming the field, never carried into the store where it
would crash an export or a window later. Numbers are bounded as well as
finite: a ``planned_s`` of 1e308 was once imported, then overflowed to
infinity when an export summed it.
"""

from __future__ import annotations

from typing import Any

MAX_SECONDS = 366 * 24 * 3600  # a year: no moment or length in a clinic comes near it
MAX_WHOLE = 1_000_000  # slot numbers and the like


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
    """A number of seconds, finite and within a year either way (``default`` if absent, when given).

    Every number a record holds is seconds into or of a clinic; some may be
    negative (time taken away). The bound is checked before any conversion
    to float, which overflows for an integer past 1e308.
    """
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{key} must be a number, not {shown(value)}")
    if not -MAX_SECONDS <= value <= MAX_SECONDS:  # NaN fails this too
        raise ValueError(f"{key} must be a number of seconds within a year, not {shown(value)}")
    return float(value)


def optional_number(data: dict[str, Any], key: str) -> float | None:
    """A finite number field that may be absent or null."""
    return None if data.get(key) is None else number(data, key)


def flag(data: dict[str, Any], key: str, default: bool | None = None) -> bool:
    """A true/false field (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, not {shown(value)}")
    return value


def whole(data: dict[str, Any], key: str, default: int | None = None) -> int:
    """A whole-number field from 0 to :data:`MAX_WHOLE` (``default`` if absent, when one is given)."""
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WHOLE:
        raise ValueError(f"{key} must be a whole number from 0 to {MAX_WHOLE:,}, not {shown(value)}")
    return value


def shown(value: object, limit: int = 40) -> str:
    """A value as a message may quote it: ASCII-escaped and cut short (it may be megabytes long)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return "a number too long to show"  # str() of a 4,301-digit int raises ValueError
    text = ascii(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
