"""Loading and checking clinic formats: good ones load, broken ones say exactly what is wrong."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer.core.formats import Floor, FormatError, load_format, parse_format
from tests.core.formats_fixture import CLINIC_TOML

if TYPE_CHECKING:
    from pathlib import Path

MINIMAL = """
[format]
title = "Tiny"

[[phase]]
name = "Talk"
floor = "everyone"
minutes = 5
instruction = "Talk."
"""


def refuse(text: str) -> FormatError:
    with pytest.raises(FormatError) as caught:
        parse_format(text, name="broken", source="broken.toml")
    return caught.value


def test_the_test_clinic_loads_with_its_phases_and_nudges() -> None:
    """A valid format keeps phase order, floors and nudge timings."""
    fmt = parse_format(CLINIC_TOML, name="t", source="t.toml")
    assert [p.name for p in fmt.phases][:2] == ["Case monologue", "Reflections"]
    assert fmt.phases[1].floor is Floor.COACHES
    assert [n.at_s for n in fmt.phases[0].nudges] == [300, 1020]
    assert fmt.planned_seconds(3) == 90 * 60


def test_bad_toml_names_the_file() -> None:
    """Syntax errors say which file is not TOML."""
    error = refuse("[format\ntitle=")
    assert error.source == "broken.toml"
    assert "not valid TOML" in str(error)


@pytest.mark.parametrize(
    ("change", "phase", "problem"),
    [
        (("minutes = 5", "minutes = 0"), "Talk", "more than zero"),
        (("minutes = 5", "minutes = -3"), "Talk", "more than zero"),
        (("minutes = 5\n", ""), "Talk", "no duration"),
        (('instruction = "Talk."', 'instruction = "Talk."\ncolour = "red"'), "Talk", "unknown key 'colour'"),
        (('floor = "everyone"', 'floor = "the moon"'), "Talk", "expected one of"),
    ],
)
def test_broken_phase_names_file_phase_and_problem(change: tuple[str, str], phase: str, problem: str) -> None:
    """Each rule's message names the file, the phase and the problem."""
    error = refuse(MINIMAL.replace(*change))
    assert error.phase == phase
    assert problem in error.problem
    assert str(error).startswith("broken.toml: phase 'Talk': ")


def test_a_nudge_after_its_phase_ends_is_refused() -> None:
    """A nudge timed at or past the phase's end could never show."""
    text = MINIMAL + '\n[[phase.nudge]]\nat_minutes = 5\nkind = "x"\ntexts = ["late"]\n'
    assert "after the phase or turn ends" in refuse(text).problem


def test_duplicate_phase_names_are_refused() -> None:
    """Two phases of one name would make notes ambiguous."""
    error = refuse(MINIMAL + MINIMAL.split("\n", 4)[4])
    assert error.phase == "Talk"
    assert "twice" in error.problem


def test_a_per_coach_phase_needs_coaches() -> None:
    """A format that allows no coaches cannot give them turns."""
    text = MINIMAL.replace('title = "Tiny"', 'title = "Tiny"\nmax_coaches = 0\nmin_coaches = 0').replace(
        'floor = "everyone"', 'floor = "coaches"'
    )
    assert "allows no coaches" in refuse(text).problem


def test_unreadable_file_names_it(tmp_path: Path) -> None:
    """A file that is not UTF-8 is refused by name."""
    path = tmp_path / "latin.toml"
    path.write_bytes(b"\xff\xfe[format]")
    with pytest.raises(FormatError, match=r"latin\.toml: is not UTF-8"):
        load_format(path)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_garbage_text_only_ever_raises_format_error(text: str) -> None:
    """Whatever the text, the loader answers with a format or its own error."""
    with contextlib.suppress(FormatError):
        parse_format(text, name="g", source="g.toml")


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
phase_keys = st.sampled_from(
    ["name", "floor", "minutes", "turn_minutes", "instruction", "nudge", "warning_minutes"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["title", "min_coaches", "max_coaches", "language"]), toml_values),
    st.lists(
        st.dictionaries(phase_keys, toml_values | st.sampled_from(["coaches", "bringer", 3, 0.5])), max_size=3
    ),
)
def test_structured_garbage_only_ever_raises_format_error(
    meta: dict[str, object], phases: list[object]
) -> None:
    """Plausible-looking tables with wrong types never crash the parser."""
    from clinic_timer.core.formats import _Parser

    with contextlib.suppress(FormatError):
        _Parser("g.toml").format({"format": meta, "phase": phases}, "g")
