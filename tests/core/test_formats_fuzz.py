"""A fuzzer for format files: any file is a format or one FormatError line naming it, quickly.

It starts from a valid format and breaks it the ways issue 13 did (and
others Hypothesis invents): values swapped for huge numbers, deep arrays or
long and strange texts, lines added with dotted keys of any length, pieces cut
or doubled. The file goes through ``load_format`` as a user's file would.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_timer import paths
from clinic_timer.core.catalogue import DEFAULT_FORMAT, Catalogue, load_catalogue
from clinic_timer.core.formats import Format, FormatError, load_format
from tests.core.formats_fixture import CLINIC_TOML
from tests.fuzzing import FUZZ, HOSTILE_NUMBERS, HOSTILE_TEXT, NESTING, Timed, one_line

# A failing input may be 200 KB; Hypothesis then warns of its repr, which must not hide the failure.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

LINES = CLINIC_TOML.splitlines()
KEYS = [
    "title",
    "minutes",
    "turn_minutes",
    "warning_minutes",
    "at_minutes",
    "name",
    "texts",
    "kind",
    "spoken",
]


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, lone surrogates aside, which TOML refuses)."""
    return json.dumps(text)


values = st.one_of(
    HOSTILE_NUMBERS,
    NESTING,
    HOSTILE_TEXT.map(toml_string),
    HOSTILE_TEXT.map(lambda t: '"""' + t + '"""'),
    st.integers().map(str),
    st.floats().map(lambda f: "nan" if math.isnan(f) else repr(f)),  # repr gives TOML's inf and -inf
    st.lists(HOSTILE_TEXT.map(toml_string), max_size=30).map(lambda xs: "[" + ", ".join(xs) + "]"),
    st.sampled_from(["true", '"coaches"', '"bringer"', "0x" + "f" * 300, "{a = 1}", "[]"]),
)
keys = st.one_of(
    st.sampled_from(KEYS),
    (st.integers(1, 40) | st.sampled_from([5_000, 20_000])).map(lambda n: ".".join(["a"] * n)),
    st.text(min_size=1, max_size=10).map(toml_string),
)


REPRODUCTIONS = st.sampled_from(
    [
        ".".join(["a"] * 20_000) + " = 1",
        "x = " + "[" * 500 + "]" * 500,
        "x = " + "1" * 4301,
        "minutes = 1" + "0" * 309,
        'title = "' + "x" * 200_000 + '"',
    ]
)


@st.composite
def broken_formats(draw: st.DrawFn) -> str:
    """CLINIC_TOML with a few values replaced, lines inserted or pieces cut or doubled."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["value", "line", "cut", "double", "issue"]))
        if action == "issue":  # one of issue 13's reproductions, somewhere
            lines.insert(draw(st.integers(0, len(lines))), draw(REPRODUCTIONS))
        elif action == "value" and any(" = " in line for line in lines):
            index = draw(st.sampled_from([i for i, line in enumerate(lines) if " = " in line]))
            lines[index] = lines[index].split(" = ", 1)[0] + " = " + draw(values)
        elif action in {"line", "value"}:
            lines.insert(draw(st.integers(0, len(lines))), f"{draw(keys)} = {draw(values)}")
        else:
            start = draw(st.integers(0, max(len(lines) - 1, 0)))
            end = draw(st.integers(start, min(len(lines), start + 10)))
            piece = lines[start:end]
            lines[start:end] = [] if action == "cut" else piece * draw(st.integers(2, 40))
    return "\n".join(lines)


def test_a_broken_format_file_is_a_format_or_one_line_naming_it() -> None:
    """Whatever is done to a format file, loading it gives a Format or a short FormatError, in time."""
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.toml"

        @FUZZ
        @given(broken_formats() | st.text(max_size=200))
        def check(text: str) -> None:
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            try:
                fmt = timed(lambda: load_format(path))
            except FormatError as error:
                one_line(str(error), str(path))
            else:
                assert isinstance(fmt, Format)
                assert_fits_a_screen(fmt)

        check()


def assert_fits_a_screen(fmt: Format) -> None:
    """An accepted format's texts are bounded and its numbers finite and at most a day."""
    assert len(fmt.title) <= 80
    for phase in fmt.phases:
        assert len(phase.name) <= 60
        assert len(phase.instruction) <= 300
        assert all(len(t) <= 500 for t in (phase.spoken, phase.turn_spoken, phase.next_turn_spoken))
        for minutes in (phase.minutes, phase.turn_minutes, phase.warning_minutes):
            assert minutes is None or 0 <= minutes <= 24 * 60
        assert all(len(t) <= 200 for nudge in phase.nudges for t in nudge.texts)


def test_the_built_in_formats_load_next_to_any_broken_user_file() -> None:
    """A broken user file is one problem in the catalogue; the default format is always there."""
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.toml"

        @FUZZ
        @given(broken_formats())
        def check(text: str) -> None:
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            catalogue = timed(lambda: load_catalogue(paths.shipped("sessions"), Path(folder)))
            assert isinstance(catalogue, Catalogue)
            assert DEFAULT_FORMAT in catalogue.formats
            assert len(catalogue.problems) <= 1

        check()
