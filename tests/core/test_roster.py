"""The roster: names that differ, a bringer and coaches that fit the format, read back from records."""

from __future__ import annotations

import dataclasses

import pytest

from clinic_timer.core.roster import Roster, RosterError
from tests.core.formats_fixture import clinic_format


def test_names_are_trimmed() -> None:
    """Stray spaces around names do not make different people."""
    roster = Roster("  Ada ", (" Ben", "Cy  "))
    assert (roster.bringer, roster.coaches) == ("Ada", ("Ben", "Cy"))


@pytest.mark.parametrize(
    ("bringer", "coaches", "problem"),
    [
        ("", ("Ben",), "case bringer needs a name"),
        ("Ada", ("Ben", " "), "every coach needs a name"),
        ("Ada", ("Ben", "ben"), "twice"),
        ("Ada", ("ADA",), "twice"),
        ("Ada", tuple(f"Coach {i}" for i in range(9)), "at most 8"),
    ],
)
def test_a_roster_that_cannot_be_is_refused_with_a_reason(
    bringer: str, coaches: tuple[str, ...], problem: str
) -> None:
    """A missing name, the same name twice (in any case) or too many coaches is a RosterError."""
    with pytest.raises(RosterError, match=problem):
        Roster(bringer, coaches)


def test_a_format_says_how_many_coaches_it_takes() -> None:
    """Too few or too many coaches for the format is refused, naming the format."""
    fmt = dataclasses.replace(clinic_format(), min_coaches=2, max_coaches=3)
    Roster("Ada", ("Ben", "Cy")).check_fits(fmt)
    with pytest.raises(RosterError, match="Test clinic needs at least 2"):
        Roster("Ada", ("Ben",)).check_fits(fmt)
    with pytest.raises(RosterError, match="Test clinic takes at most 3"):
        Roster("Ada", ("Ben", "Cy", "Dee", "Eve")).check_fits(fmt)


def test_a_roster_reads_back_equal_to_itself() -> None:
    """to_dict then from_dict gives the same people in the same order."""
    roster = Roster("Ada", ("Ben", "Cy", "Dee"))
    assert Roster.from_dict(roster.to_dict()) == roster


@pytest.mark.parametrize(
    "data", [{"bringer": "Ada", "coaches": "Ben"}, {"bringer": "Ada", "coaches": [1]}, {"bringer": 3}]
)
def test_a_roster_of_the_wrong_type_is_refused_on_reading(data: dict[str, object]) -> None:
    """Coaches that are not a list of names, or a bringer that is not a name, is a RosterError."""
    with pytest.raises(RosterError):
        Roster.from_dict(data)
