"""The limits a format file is held to, and the helpers that keep hostile values harmless."""

from __future__ import annotations

import math

import pytest

from clinic_timer.core.format_limits import as_float, first_key, quoted, text_problem


def test_a_text_may_be_as_long_as_its_screen_allows_and_no_longer() -> None:
    """A title of 80 characters fits; 81 is refused, saying the length and the limit."""
    assert text_problem("title", "t" * 80) == ""
    assert text_problem("title", "t" * 81) == "title is 81 characters long; at most 80 fit on a screen"


def test_a_spoken_prompt_has_the_spoken_limit() -> None:
    """Keys with no limit of their own are prompts, which may run to 500 characters."""
    assert text_problem("turn_spoken", "w" * 500) == ""
    assert "at most 500" in text_problem("turn_spoken", "w" * 501)


@pytest.mark.parametrize(
    ("key", "value", "refused"),
    [
        ("title", "Crew\nclinic", True),  # one line only
        ("description", "Two\nlines\twith a tab", False),
        ("instruction", "Listen\u2028closely", True),  # a line separator no screen shows
        ("description", "bell\x07", True),
        ("name", "Reflections\x85", True),  # a C1 control
        ("kind", "émotion", False),
    ],
)
def test_control_characters_are_refused_where_they_cannot_be_shown(
    key: str, value: str, refused: bool
) -> None:
    """Newlines and tabs only in multi-line texts; other controls nowhere, named in the message."""
    problem = text_problem(key, value)
    assert bool(problem) is refused
    if refused:
        assert problem.startswith(f"{key} holds a control character (")


def test_numbers_too_big_for_a_float_become_infinite_and_non_numbers_none() -> None:
    """A 309-digit integer is infinite, not an OverflowError; true, text and lists are no number."""
    assert as_float(10**309) == math.inf
    assert as_float(-(10**309)) == -math.inf
    assert as_float(3) == 3.0
    assert as_float(0.5) == 0.5
    assert as_float(True) is None
    assert as_float("3") is None
    assert as_float([3]) is None


def test_a_hostile_key_is_quoted_short_and_in_ascii() -> None:
    """A megabyte-long key, or one with odd characters, is a short ASCII literal in a message."""
    assert quoted("phase") == "'phase'"
    assert quoted("x" * 1_000_000) == repr("x" * 40 + "...")
    assert quoted("a\u202eb") == "'a\\u202eb'"
    assert first_key({"zeta", "alpha"}) == "'alpha'"
