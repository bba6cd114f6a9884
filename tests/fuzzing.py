"""Shared set-up for the fuzzers of hostile files (formats, session imports, settings).

In the suite each fuzzer tries :data:`EXAMPLES` inputs, a few seconds' worth.
For a longer hunt set ``CLINIC_TIMER_FUZZ_EXAMPLES`` (say 20000) and run
``uv run pytest tests -k fuzz``. The values below are the hostile shapes
issue 13 found, offered to every fuzzer next to what Hypothesis invents.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

EXAMPLES = int(os.environ.get("CLINIC_TIMER_FUZZ_EXAMPLES", "120"))
SLOWEST_S = 2.0  # one input taking longer than this counts as a hang

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # timed by hand: a deadline's retries make slow machines flaky
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # the suite leaves nothing behind
)

# Numbers as they appear in a file's text: too big for a float, past int's 4,300 digits, odd forms.
HOSTILE_NUMBERS = st.sampled_from(
    [
        "1" + "0" * 309,
        "-1" + "0" * 309,
        "1" * 4301,
        "1e309",
        "-1e999",
        "1e308",
        "0",
        "-0",
        "1e-400",
        "9007199254740993",
        "123456789012345678",
    ]
)


def nested(depth: int, leaf: str = "1") -> str:
    """Arrays ``depth`` deep, as JSON or TOML text."""
    return "[" * depth + leaf + "]" * depth


NESTING = st.integers(0, 1200).map(nested)

# Text with what breaks screens, terminals and encoders: escapes, newlines, lone surrogates, bulk.
HOSTILE_CHARS = st.sampled_from(["\x1b[31m", "\n", "\r", "\x00", "\u202e", "\ud800", "\udfff", "é", "{", "}"])
HOSTILE_TEXT = st.one_of(
    st.text(max_size=20),
    st.lists(HOSTILE_CHARS | st.text(max_size=3), max_size=6).map("".join),
    st.integers(0, 400_000).map(lambda n: "x" * n),
)


class Timed:
    """Asserts that each block it times is over within :data:`SLOWEST_S`."""

    def __init__(self) -> None:
        self.slowest = 0.0

    def __call__(self, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        try:
            return action()
        finally:
            elapsed = time.perf_counter() - start
            self.slowest = max(self.slowest, elapsed)
            assert elapsed < SLOWEST_S, f"one input took {elapsed:.1f} s"


def one_line(message: str, source: str) -> None:
    """Asserts an error message is one short line that starts with the file's name."""
    assert message.startswith(f"{source}: "), message[:200]
    assert "\n" not in message, message[:200]
    assert len(message) < 1000, message[:200]


def walk(value: object, where: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], object]]:
    """Every (path, value) in a JSON-like tree, the root first."""
    yield where, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, (*where, index))
