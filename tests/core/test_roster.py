"""The roster: people (ids and names), a bringer or a host and coaches that fit the format, read back from records."""

from __future__ import annotations

import dataclasses

import pytest

from clinic_timer.core.formats import Floor
from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster, RosterError, person_called
from tests.core.cast import someone
from tests.core.formats_fixture import clinic_format


def test_names_are_trimmed() -> None:
    """Stray spaces around typed names do not make different people."""
    roster = Roster.made("  Ada ", (" Ben", "Cy  "))
    assert [p.name for p in roster.people] == ["Ada", "Ben", "Cy"]
    assert roster.bringer is roster.lead
    assert roster.host is None


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
    """A missing name, the same typed name twice (in any case) or too many coaches is a RosterError."""
    with pytest.raises(RosterError, match=problem):
        Roster.made(bringer, coaches)


def test_typed_names_become_people_with_fresh_ids() -> None:
    """Each typed name is a person with an id of their own; the same name typed again is someone new."""
    first, second = Roster.made("Ada", ("Ben",)), Roster.made("Ada", ("Ben",))
    assert len({p.id for p in (*first.people, *second.people)}) == 4
    assert first.lead.name == second.lead.name == "Ada"


def test_a_known_name_is_the_known_person() -> None:
    """A name one known person has (in any case) is that person, shown as typed now."""
    kim = Person("0000000a", "Kim", notes="private")
    roster = Roster.made("kim", ("Ben",), known=[kim, Person("0000000b", "Ben")])
    assert roster.lead == Person("0000000a", "kim")
    assert roster.coaches[0].id == "0000000b"


def test_a_name_two_known_people_share_is_nobody_known() -> None:
    """Two Sams on the list: a typed "Sam" cannot say which, so it is a new person."""
    sams = [Person("0000000a", "Sam"), Person("0000000b", "Sam")]
    assert person_called("Sam", sams).id not in {"0000000a", "0000000b"}


def test_two_people_sharing_a_first_name_stay_apart() -> None:
    """Two coaches called Sam are two people: each is found by id, and each keeps their own name."""
    roster = Roster(bringer=someone("Ada"), coaches=(Person("0000000a", "Sam"), Person("0000000b", "Sam")))
    assert [roster.person(i).id for i in ("0000000a", "0000000b")] == ["0000000a", "0000000b"]
    with pytest.raises(KeyError, match="2 people"):
        roster.named("Sam")
    renamed = roster.renamed("0000000b", "Sam K.")
    assert [c.name for c in renamed.coaches] == ["Sam", "Sam K."]


def test_the_same_person_twice_is_refused() -> None:
    """One id in two places (the bringer coaching too) is a RosterError."""
    ada = someone("Ada")
    with pytest.raises(RosterError, match="'Ada' is on the roster twice"):
        Roster(bringer=ada, coaches=(someone("Ben"), ada))


def test_a_rename_keeps_the_id() -> None:
    """A renamed person is the same id under a new name; a blank name is refused."""
    roster = Roster.made("Ada", ("Ben", "Cy"))
    ben = roster.coaches[0]
    renamed = roster.renamed(ben.id, "Benedict")
    assert renamed.person(ben.id).name == "Benedict"
    assert renamed.name_of(ben.id) == "Benedict"
    with pytest.raises(RosterError, match="needs a name"):
        roster.renamed(ben.id, " ")
    with pytest.raises(KeyError):
        roster.renamed("ffffffff", "Nobody")


def test_only_who_someone_is_goes_into_a_roster() -> None:
    """The organiser's private details about a person never reach a roster, so never a record or an export."""
    sam = Person("0000000a", "Sam", notes="private!", met="a conference", interests=("civics",))
    roster = Roster(bringer=sam, coaches=())
    assert roster.lead == Person("0000000a", "Sam")
    assert roster.to_dict() == {"bringer": {"id": "0000000a", "name": "Sam"}, "coaches": []}


def test_a_host_leads_a_format_with_no_case() -> None:
    """A hosted roster has a host and no bringer; its lead is the host, labelled so."""
    roster = Roster.made("Olu", ("Ben",), hosted=True)
    assert (roster.bringer, roster.lead.name, roster.lead_role) == (None, "Olu", "Host")
    assert Roster.from_dict(roster.to_dict()) == roster
    with pytest.raises(RosterError, match="the host needs a name"):
        Roster.made(" ", ("Ben",), hosted=True)
    with pytest.raises(RosterError, match="one of the two"):
        Roster(bringer=someone("Ada"), coaches=(), host=someone("Olu"))


def test_a_roster_takes_the_roles_of_its_format() -> None:
    """An old record's bringer hosts a hosted format, and a host brings the case in a case clinic."""
    case = clinic_format()
    phases = tuple(
        dataclasses.replace(p, floor=Floor.HOST) if p.floor is Floor.BRINGER else p for p in case.phases
    )
    hosted = dataclasses.replace(case, phases=phases)
    assert hosted.hosted
    assert not case.hosted
    roster = Roster.made("Olu", ("Ben",))
    as_host = roster.in_roles_of(hosted)
    assert (as_host.host, as_host.bringer) == (roster.lead, None)
    assert as_host.in_roles_of(case) == roster
    assert roster.in_roles_of(case) is roster


def test_a_format_says_how_many_coaches_it_takes() -> None:
    """Too few or too many coaches for the format is refused, naming the format."""
    fmt = dataclasses.replace(clinic_format(), min_coaches=2, max_coaches=3)
    Roster.made("Ada", ("Ben", "Cy")).check_fits(fmt)
    with pytest.raises(RosterError, match="Test clinic needs at least 2"):
        Roster.made("Ada", ("Ben",)).check_fits(fmt)
    with pytest.raises(RosterError, match="Test clinic takes at most 3"):
        Roster.made("Ada", ("Ben", "Cy", "Dee", "Eve")).check_fits(fmt)


def test_a_roster_reads_back_equal_to_itself() -> None:
    """to_dict then from_dict gives the same people in the same order."""
    roster = Roster.made("Ada", ("Ben", "Cy", "Dee"))
    assert Roster.from_dict(roster.to_dict()) == roster


@pytest.mark.parametrize(
    "data",
    [
        {"bringer": {"id": "0000000a", "name": "Ada"}, "coaches": "Ben"},
        {"bringer": {"id": "0000000a", "name": "Ada"}, "coaches": [1]},
        {"bringer": {"id": "0000000a", "name": "Ada"}, "coaches": [{"id": "x", "name": "Ben"}]},
        {"bringer": {"id": "0000000a", "name": " "}, "coaches": []},
        {"bringer": "Ada", "coaches": []},
        {"bringer": 3},
        [],
    ],
)
def test_a_roster_of_the_wrong_type_is_refused_on_reading(data: dict[str, object]) -> None:
    """Coaches that are not a list of people, a bad id, a blank name or a bringer that is not a person is a RosterError."""
    with pytest.raises(RosterError):
        Roster.from_dict(data)
