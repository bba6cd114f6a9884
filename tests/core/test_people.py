"""People on the organiser's list: stable ids, tidy names, case-insensitive interests, enums for states."""

from __future__ import annotations

import pytest

from clinic_timer.core.people import (
    MAX_NAME,
    Ease,
    PeopleError,
    Person,
    Standing,
    find_person,
    name_problem,
    tag,
)
from tests.core.crew_fixture import BEN, KIM, PEOPLE


def test_a_new_person_gets_a_short_random_id() -> None:
    """Two people made with the same name have different eight-hex-digit ids."""
    first, second = Person.new("Sam"), Person.new("Sam")
    assert first.id != second.id
    assert len(first.id) == 8
    assert int(first.id, 16) >= 0


def test_interests_are_tags_in_any_case() -> None:
    """Interests are trimmed, case-folded, without repeats, and matched in any case."""
    person = Person.new(" Kim  Lee ", interests=["Civics ", "civics", "AI  safety", ""])
    assert person.name == "Kim Lee"
    assert person.interests == ("ai safety", "civics")
    assert person.cares_about("CIVICS")
    assert tag("  Well Being ") == "well being"


def test_a_renamed_person_keeps_their_id() -> None:
    """Changing the name keeps the id, so crews still find them."""
    renamed = BEN.with_changes(name="Benjamin")
    assert renamed.id == BEN.id
    assert renamed.name == "Benjamin"


def test_a_blank_name_or_bad_id_is_refused() -> None:
    """A person needs a name and an id of eight hex digits."""
    with pytest.raises(PeopleError, match="needs a name"):
        Person.new("   ")
    with pytest.raises(PeopleError, match="not a person id"):
        Person(id="Sam", name="Sam")


def test_a_person_reads_back_as_written() -> None:
    """to_dict and from_dict round-trip, enums included."""
    assert Person.from_dict(KIM.to_dict()) == KIM
    assert KIM.to_dict()["at_ease"] == "yes"
    assert KIM.to_dict()["standing"] == "interested"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"id": None}, "wrong kind"),
        ({"standing": "best friend"}, "best friend"),
        ({"at_ease": "maybe"}, "maybe"),
        ({"interests": "civics"}, "list of words"),
        ({"knows_in_person": "yes"}, "wrong kind"),
    ],
)
def test_a_hand_edited_person_is_refused_by_name(change: dict[str, object], problem: str) -> None:
    """A person with a field of the wrong kind is a PeopleError, never a TypeError."""
    with pytest.raises(PeopleError, match=problem):
        Person.from_dict(KIM.to_dict() | change)
    with pytest.raises(PeopleError, match="without 'name'"):
        Person.from_dict({"id": KIM.id})


def test_people_are_found_by_id_or_name_and_ambiguity_is_refused() -> None:
    """find_person takes an id or a name in any case; two people called Sam need an id."""
    assert find_person(list(PEOPLE), "kim") is KIM
    assert find_person(list(PEOPLE), BEN.id) is BEN
    twins = [Person.new("Sam"), Person.new("sam")]
    with pytest.raises(KeyError, match="2 people are called"):
        find_person(twins, "Sam")
    with pytest.raises(KeyError, match="nobody called 'Zed'"):
        find_person(twins, "Zed")


def test_states_are_enums() -> None:
    """Standing and ease are enums with the issue's five and two values."""
    assert [s.value for s in Standing] == ["found", "talked-1-1", "interested", "in-a-crew", "crewed-before"]
    assert [e.value for e in Ease] == ["yes", "not-yet-known"]


def test_control_characters_never_reach_a_name() -> None:
    """An escape sequence or a newline in a name (a record, an import) becomes a space, never a terminal command."""
    person = Person.new("\x1b[31mAda\nLovelace\x07")
    assert person.name == "[31mAda Lovelace"
    assert "\x1b" not in person.name


def test_a_name_too_long_for_any_screen_is_refused_where_it_is_typed() -> None:
    """Names given on the command line or typed are at most MAX_NAME characters; blanks and controls alone are no name."""
    assert name_problem("Ada") == ""
    assert name_problem("x" * MAX_NAME) == ""
    assert "at most 100 characters (5,000,000 given)" in name_problem("x" * 5_000_000)
    assert name_problem("\x1b\x07 ") == "a person needs a name"
