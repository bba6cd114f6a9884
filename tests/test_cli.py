"""The command line: version, formats list and validate, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from clinic_timer import __version__, paths
from clinic_timer.cli import main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

GOOD = """
[format]
title = "Our own clinic"

[[phase]]
name = "Talk"
floor = "everyone"
minutes = 30
instruction = "Talk."
"""


def test_version_from_python_dash_m() -> None:
    """`python -m clinic_timer --version` prints the version and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "clinic_timer", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"clinic-timer {__version__}"


def test_formats_list_shows_name_title_minutes_and_origin(capsys: pytest.CaptureFixture[str]) -> None:
    """Each format is one line: name, title, total minutes, where it comes from."""
    assert main(["formats", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    default = next(line for line in lines if line.startswith("crew-case-clinic "))
    assert "Crew case clinic" in default
    assert "90 min" in default
    assert "built-in" in default
    assert len(lines) == 5


def test_a_user_format_is_listed_and_shadows_a_built_in(capsys: pytest.CaptureFixture[str]) -> None:
    """A user's crew-case-clinic.toml replaces the built-in one in the list."""
    folder = paths.user_formats_dir()
    folder.mkdir(parents=True)
    (folder / "crew-case-clinic.toml").write_text(GOOD)
    assert main(["formats", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("crew-case-clinic "))
    assert "Our own clinic" in line
    assert "30 min" in line
    assert "user" in line


def test_validate_exits_2_with_one_line_per_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Good files pass, bad ones get one line naming the file and the problem, exit code 2."""
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("minutes = 30", "minutes = -1"))
    missing = tmp_path / "missing.toml"
    assert main(["formats", "validate", str(good)]) == 0
    assert main(["formats", "validate", str(good), str(bad), str(missing)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"invalid: {bad}: phase 'Talk': minutes must be more than zero (it is -1)",
        f"invalid: {missing}: cannot be read (No such file or directory)",
    ]


def test_validate_never_shows_a_traceback(tmp_path: Path) -> None:
    """Even binary garbage gets a one-line answer from the real command."""
    junk = tmp_path / "junk.toml"
    junk.write_bytes(bytes(range(256)))
    result = subprocess.run(
        [sys.executable, "-m", "clinic_timer", "formats", "validate", str(junk)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"invalid: {junk}: is not UTF-8 text"


def test_hostile_user_formats_are_skipped_by_formats_list(capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO, a link to /dev/zero and a 310-digit duration in the user's folder: listed as skipped, exit 0."""
    folder = paths.user_formats_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    (folder / "big.toml").write_text(GOOD.replace("minutes = 30", "minutes = 1" + "0" * 309))
    assert main(["formats", "list"]) == 0
    captured = capsys.readouterr()
    assert "crew-case-clinic" in captured.out
    skipped = captured.err.splitlines()
    assert len(skipped) == 3
    assert all(line.startswith(f"skipped: {folder}/") for line in skipped)


def test_validate_refuses_an_overflowing_number_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """minutes = 1 followed by 309 zeros is exit 2 and one line, not an OverflowError traceback."""
    big = tmp_path / "big.toml"
    big.write_text(GOOD.replace("minutes = 30", "minutes = 1" + "0" * 309))
    assert main(["formats", "validate", str(big)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"invalid: {big}: is not read: line 8: a number of 310 digits; numbers over 15 digits are not read"
    ]


def test_listing_escapes_a_file_name_with_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    """A user format whose file name holds ESC is listed with it escaped."""
    folder = paths.user_formats_dir()
    folder.mkdir(parents=True)
    (folder / "red\x1b[31m.toml").write_text(GOOD)
    assert main(["formats", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "red\\x1b[31m" in out
