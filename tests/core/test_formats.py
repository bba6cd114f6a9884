"""Loading and checking clinic formats: good ones load, broken ones say exactly what is wrong."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer import paths
from clinic_timer.core.catalogue import DEFAULT_FORMAT, load_catalogue
from clinic_timer.core.formats import MAX_FILE_BYTES, Floor, FormatError, load_format, parse_format
from tests.core.formats_fixture import CLINIC_TOML

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


# -- hostile files: refused with one line, never a crash (issue 13, points 5 to 7) --------------


@pytest.mark.parametrize("key", ["minutes", "turn_minutes", "warning_minutes", "at_minutes"])
def test_a_number_too_big_for_a_float_is_refused(key: str) -> None:
    """1 followed by 309 zeros in any minutes field is a FormatError, not an OverflowError."""
    huge = "1" + "0" * 309
    text = {
        "minutes": CLINIC_TOML.replace("minutes = 20", f"minutes = {huge}", 1),
        "turn_minutes": CLINIC_TOML.replace("turn_minutes = 5", f"turn_minutes = {huge}", 1),
        "warning_minutes": CLINIC_TOML.replace("warning_minutes = 2", f"warning_minutes = {huge}", 1),
        "at_minutes": CLINIC_TOML.replace("at_minutes = 5", f"at_minutes = {huge}", 1),
    }[key]
    with pytest.raises(FormatError, match="numbers over 15 digits are not read"):
        parse_format(text, name="big", source="big.toml")


@pytest.mark.parametrize("value", ["0x" + "f" * 300, "1e400", "-1e400", "inf", "nan"])
def test_a_huge_number_past_the_digit_check_is_still_refused(value: str) -> None:
    """A short hexadecimal integer or float beyond a float's range is refused by the rules, without overflow."""
    text = MINIMAL.replace("minutes = 5", f"minutes = {value}")
    error = refuse(text)
    assert error.phase == "Talk"
    assert "minutes" in error.problem


@pytest.mark.parametrize(
    ("tail", "problem"),
    [
        ("x = " + "1" * 4301, "a number of 4301 digits"),
        ("x = " + "[" * 500 + "]" * 500, "nested more than 8 deep"),
        ("x = " + "{a = " * 500 + "1" + "}" * 500, "nested more than 8 deep"),
        (".".join(["a"] * 20_000) + " = 1", "a dotted key of more than 32 parts"),
        ('x = "' + "x" * 200_000 + '"', "a text of more than 10,000 characters"),
    ],
)
def test_a_file_beyond_the_parsers_limits_is_refused_before_parsing(tail: str, problem: str) -> None:
    """Deep nesting, 4,300-digit integers and 20,000-part keys are refused quickly, saying so."""
    start = time.perf_counter()
    error = refuse(CLINIC_TOML + "\n" + tail + "\n")
    assert time.perf_counter() - start < 1.0  # tomllib took 16 s on the dotted key
    assert problem in error.problem
    assert "is not read" in error.problem
    assert "\n" not in str(error)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    """A format file over MAX_FILE_BYTES is not read at all, and the message gives the limit."""
    path = tmp_path / "big.toml"
    path.write_text(CLINIC_TOML + "#" * MAX_FILE_BYTES, encoding="utf-8")
    with pytest.raises(FormatError, match=r"big\.toml: is .* bytes; files over 262,144 bytes are not read"):
        load_format(path)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('title = "Test clinic"', 'title = "' + "x" * 9_000 + '"', "title is 9,000 characters"),
        ('title = "Test clinic"', 'title = "' + "x" * 81 + '"', "at most 80 fit on a screen"),
        ('name = "Reflections"', 'name = "' + "R" * 61 + '"', "name is 61 characters"),
        ('instruction = "Advice is welcome now."', 'instruction = "' + "a" * 301 + '"', "instruction is 301"),
        ('spoken = "{bringer}, the', 'spoken = "' + "s" * 501 + "{bringer}, the", "spoken is 5"),
        ('kind = "curiosity"', 'kind = "' + "k" * 41 + '"', "kind is 41 characters"),
        ('"Ask a clarifying question."', '"' + "q" * 201 + '"', "texts is 201 characters"),
        (
            'title = "Test clinic"',
            'title = "Test\\u001b[31m clinic"',
            r"title holds a control character ('\x1b')",
        ),
        ('title = "Test clinic"', 'title = "Test\\nclinic"', "title holds a control character ('\\n')"),
    ],
)
def test_every_text_a_format_carries_is_bounded(old: str, new: str, problem: str) -> None:
    """Titles, names, instructions, prompts, kinds and nudge texts beyond a screen's worth are refused."""
    text = CLINIC_TOML.replace(old, new, 1)
    assert text != CLINIC_TOML
    start = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        parse_format(text, name="long", source="long.toml")
    assert time.perf_counter() - start < 1.0
    assert problem in caught.value.problem
    assert len(str(caught.value)) < 300  # the text itself is never echoed


def test_a_huge_unknown_key_is_not_echoed_whole() -> None:
    """An unknown key of 9,000 characters is named by its start only."""
    error = refuse(MINIMAL.replace('title = "Tiny"', 'title = "Tiny"\n"' + "k" * 9_000 + '" = 1'))
    assert "unknown key 'kkkk" in error.problem
    assert len(str(error)) < 200


def test_many_phases_nudges_or_texts_are_refused() -> None:
    """More phases, nudges or nudge texts than a clinic could use are refused by count."""
    phase = MINIMAL.split("\n", 4)[4]
    many_phases = MINIMAL + "".join(phase.replace('"Talk"', f'"Talk {i}"') for i in range(30))
    assert "has 31 phases; at most 30" in refuse(many_phases).problem
    nudge = '\n[[phase.nudge]]\nat_minutes = 1\nkind = "x"\ntexts = ["a"]\n'
    assert "has 21 nudges; at most 20" in refuse(MINIMAL + nudge * 21).problem
    texts = nudge.replace('["a"]', "[" + ", ".join(['"a"'] * 21) + "]")
    assert "has 21 texts; at most 20" in refuse(MINIMAL + texts).problem


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO named x.toml is refused as not a regular file; opening it never waits for a writer."""
    path = tmp_path / "x.toml"
    os.mkfifo(path)
    with pytest.raises(FormatError, match=r"x\.toml: is not a regular file \(it is a FIFO\)"):
        load_format(path)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    """A symlink to /dev/zero is refused as a device, never read until memory runs out."""
    path = tmp_path / "z.toml"
    path.symlink_to("/dev/zero")
    with pytest.raises(FormatError, match=r"z\.toml: is not a regular file \(it is a device\)"):
        load_format(path)


def test_hostile_user_formats_are_skipped_and_the_built_ins_still_load(tmp_path: Path) -> None:
    """A user's broken, huge, special or endless files are each one problem; every built-in loads."""
    user = tmp_path / "formats"
    user.mkdir()
    os.mkfifo(user / "fifo.toml")
    (user / "zero.toml").symlink_to("/dev/zero")
    (user / "big.toml").write_text(MINIMAL.replace("minutes = 5", "minutes = 1" + "0" * 309))
    (user / "title.toml").write_text(MINIMAL.replace("Tiny", "T" * 5_000_000))
    (user / "good.toml").write_text(MINIMAL)
    catalogue = load_catalogue(paths.shipped("sessions"), user)
    assert sorted(Path(p.source).name for p in catalogue.problems) == [
        "big.toml",
        "fifo.toml",
        "title.toml",
        "zero.toml",
    ]
    assert DEFAULT_FORMAT in catalogue.formats
    assert "good" in catalogue.formats
    assert all("\n" not in str(p) and len(str(p)) < 300 for p in catalogue.problems)


def test_a_format_has_a_case_bringer_or_a_host_not_both() -> None:
    """A phase for the host makes the format hosted; one for the bringer as well is refused, saying why."""
    hosted = parse_format(
        CLINIC_TOML.replace('floor = "bringer"', 'floor = "host"'), name="h", source="h.toml"
    )
    assert hosted.hosted
    assert not parse_format(CLINIC_TOML, name="c", source="c.toml").hosted
    both = CLINIC_TOML.replace('floor = "bringer"', 'floor = "host"', 1)
    error = refuse(both)
    assert "a clinic has a case bringer or a host, not both" in error.problem


def test_the_intro_and_landing_say_host() -> None:
    """The built-in formats with no case are hosted and speak of the host, never of a bringer."""
    catalogue = load_catalogue(paths.shipped("sessions"), None)
    for name in ("crew-intro-session", "crew-landing"):
        fmt = catalogue.get(name)
        assert fmt.hosted, name
        words = [
            fmt.description,
            *(t for p in fmt.phases for t in (p.spoken, p.turn_spoken, p.next_turn_spoken)),
        ]
        assert any("{host}" in w for w in words), name
        assert not any("{bringer}" in w or "as the bringer" in w for w in words), name
    assert not any(
        catalogue.get(n).hosted for n in catalogue.names() if n not in {"crew-intro-session", "crew-landing"}
    )
