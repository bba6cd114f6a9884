"""The catalogue: the shipped formats and the user's own, by name, with broken files listed, never fatal."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clinic_timer import paths
from clinic_timer.core.catalogue import DEFAULT_FORMAT, load_catalogue

if TYPE_CHECKING:
    from pathlib import Path

TINY = """
[format]
title = "Tiny"

[[phase]]
name = "Talk"
floor = "everyone"
minutes = 5
instruction = "Talk."
"""


def folders(tmp_path: Path) -> tuple[Path, Path]:
    """An empty built-in and user formats folder."""
    builtin, user = tmp_path / "b", tmp_path / "u"
    builtin.mkdir()
    user.mkdir()
    return builtin, user


def test_shipped_formats_all_load() -> None:
    """Every built-in format is valid and the default is among them."""
    catalogue = load_catalogue(paths.shipped("sessions"), None)
    assert catalogue.problems == ()
    assert DEFAULT_FORMAT in catalogue.formats
    assert catalogue.get(DEFAULT_FORMAT).planned_seconds(3) == 90 * 60


def test_a_user_format_shadows_a_built_in_one(tmp_path: Path) -> None:
    """A user's file of the same name replaces the built-in format."""
    builtin, user = folders(tmp_path)
    (builtin / "tiny.toml").write_text(TINY)
    (user / "tiny.toml").write_text(TINY.replace("Tiny", "Mine"))
    (user / "broken.toml").write_text("nope = ")
    catalogue = load_catalogue(builtin, user)
    assert catalogue.get("tiny").title == "Mine"
    assert catalogue.get("tiny").origin == "user"
    assert [e.source for e in catalogue.problems] == [str(user / "broken.toml")]


def test_the_default_format_is_offered_first_then_the_rest_alphabetically(tmp_path: Path) -> None:
    """The picker's order: the crew clinic first, whatever the other names are."""
    builtin, user = folders(tmp_path)
    for name in ("zebra", DEFAULT_FORMAT, "alpha"):
        (builtin / f"{name}.toml").write_text(TINY)
    assert load_catalogue(builtin, user).names() == [DEFAULT_FORMAT, "alpha", "zebra"]


def test_an_unknown_name_says_which_formats_there_are(tmp_path: Path) -> None:
    """Asking for a format that is not there is a KeyError listing the known names."""
    builtin, _ = folders(tmp_path)
    (builtin / "tiny.toml").write_text(TINY)
    catalogue = load_catalogue(builtin, None)
    with pytest.raises(KeyError, match=r"no clinic format called 'huge' \(known: tiny\)"):
        catalogue.get("huge")


def test_a_missing_user_folder_is_no_problem(tmp_path: Path) -> None:
    """A user who never made a format has no folder; the built-in formats load and nothing is reported."""
    builtin, _ = folders(tmp_path)
    (builtin / "tiny.toml").write_text(TINY)
    catalogue = load_catalogue(builtin, tmp_path / "never-made")
    assert list(catalogue.formats) == ["tiny"]
    assert catalogue.get("tiny").origin == "built-in"
    assert catalogue.problems == ()
