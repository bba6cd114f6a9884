"""Suggested crews: around one interest, with reasons, never two known in real life, never an EQ vacuum."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.suggest import Sizes, suggest
from tests.core.crew_fixture import BEN, KIM, OLU, SAM, person


def keen(name: str, number: int, *interests: str, ease: bool = False, known: bool = False) -> Person:
    """Someone marked interested."""
    return person(
        name,
        number,
        interests=interests,
        at_ease=Ease.YES if ease else Ease.NOT_YET_KNOWN,
        knows_in_person=known,
        standing=Standing.INTERESTED,
    )


def test_three_who_share_civics_are_suggested_with_reasons() -> None:
    """Ben, Kim and Sam share civics; the reason says so and names who is at ease and who is known."""
    sam = SAM.with_changes(standing=Standing.INTERESTED)
    result = suggest([OLU, BEN, KIM, sam], organiser=OLU, interest="Civics", sizes=Sizes(3, 5))
    assert [[p.name for p in s.people] for s in result.crews] == [["Ben", "Kim", "Sam"]]
    reason = result.crews[0].reason
    assert "all three care about civics" in reason
    assert "Kim and Sam are at ease with feelings" in reason
    assert "Sam is the one you know in real life" in reason


def test_only_interested_people_are_suggested() -> None:
    """Sam is not marked interested, so only Ben and Kim share civics; with room for two guests they do."""
    result = suggest([OLU, BEN, KIM, SAM], organiser=OLU, interest="civics")
    assert [[p.name for p in s.people] for s in result.crews] == [["Ben", "Kim"]]
    assert "both care about civics" in result.crews[0].reason


def test_what_is_missing_is_said() -> None:
    """Too few people, nobody at ease, or only people known in person: each is named."""
    alone = suggest([keen("Ann", 1, "wellbeing", ease=True)], interest="wellbeing")
    assert alone.crews == ()
    assert alone.missing == ("only one person shares 'wellbeing' besides you; a crew needs two besides you",)
    cerebral = suggest([keen("Ann", 1, "ai"), keen("Bo", 2, "ai"), keen("Cy", 3, "ai")], interest="ai")
    assert "EQ vacuum" in cerebral.missing[0]
    friends = suggest(
        [keen("Ann", 1, "x", ease=True, known=True), keen("Bo", 2, "x", known=True)], interest="x"
    )
    assert "know in real life, and a crew holds at most one" in friends.missing[0]
    nobody = suggest([BEN.with_changes(standing=Standing.FOUND)])
    assert nobody.missing == ("nobody on your list is marked interested in a crew yet",)


def test_an_at_ease_organiser_fills_the_ease_seat() -> None:
    """When the organiser is at ease, two cerebral guests can still make a crew."""
    guests = [keen("Ann", 11, "ai"), keen("Bo", 12, "ai")]
    assert suggest(guests, interest="ai").crews == ()
    result = suggest(guests, organiser=OLU, interest="ai")
    assert len(result.crews) == 1
    assert "you are at ease with feelings" in result.crews[0].reason


def test_many_people_split_into_several_crews_spreading_the_ease() -> None:
    """Eight who share civics, two at ease, make two crews of four guests, one at ease in each."""
    people = [keen(f"P{i}", i, "civics", ease=i in (1, 2)) for i in range(1, 9)]
    result = suggest(people, interest="civics", sizes=Sizes(3, 5))
    assert [len(s.people) for s in result.crews] == [4, 4]
    assert [sum(p.at_ease is Ease.YES for p in s.people) for s in result.crews] == [1, 1]


def test_two_at_ease_per_crew_where_there_are_enough() -> None:
    """Four at ease and four not, in two crews: each crew gets two people at ease, and the reason says so."""
    people = [keen(f"P{i}", i, "civics", ease=i <= 4) for i in range(1, 9)]
    result = suggest(people, interest="civics", sizes=Sizes(3, 5))
    assert [sum(p.at_ease is Ease.YES for p in s.people) for s in result.crews] == [2, 2]
    assert all("are at ease with feelings" in s.reason for s in result.crews)


def test_the_same_people_in_another_order_give_the_same_suggestions() -> None:
    """Suggestions depend on who, not on the order they are listed in."""
    people = [keen(f"P{i}", i, "civics", "ai", ease=i % 3 == 0, known=i % 4 == 0) for i in range(1, 30)]
    shuffled = people[:]
    random.Random(7).shuffle(shuffled)
    assert suggest(people) == suggest(shuffled)


people_lists = st.lists(
    st.builds(
        lambda n, interests, ease, known, standing: keen(
            f"P{n}", n, *interests, ease=ease, known=known
        ).with_changes(standing=standing),
        st.integers(min_value=1, max_value=10_000),
        st.lists(st.sampled_from(["civics", "ai", "wellbeing", "Civics"]), max_size=3),
        st.booleans(),
        st.booleans(),
        st.sampled_from(list(Standing)),
    ),
    max_size=40,
    unique_by=lambda p: p.id,
)


@given(
    people_lists, st.booleans(), st.integers(min_value=3, max_value=4), st.integers(min_value=0, max_value=3)
)
def test_every_suggestion_keeps_both_rules(
    people: list[Person], host: bool, smallest: int, more: int
) -> None:
    """No suggested crew holds two people known in real life or lacks someone at ease; sizes hold."""
    sizes = Sizes(smallest, smallest + more)
    organiser = OLU if host else None
    result = suggest(people, organiser=organiser, sizes=sizes)
    seats = 1 if sizes.with_organiser else 0
    for crew in result.crews:
        assert sum(p.knows_in_person for p in crew.people) <= 1
        assert any(p.at_ease is Ease.YES for p in crew.people) or host
        assert sizes.smallest <= len(crew.people) + seats <= sizes.largest
        assert all(p.standing is Standing.INTERESTED and crew.interest in p.interests for p in crew.people)
    for interest in {s.interest for s in result.crews}:
        ids = [p.id for s in result.crews if s.interest == interest for p in s.people]
        assert len(ids) == len(set(ids))  # one crew each, within an interest
