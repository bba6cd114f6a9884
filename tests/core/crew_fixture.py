"""People and a crew to plan with: the organiser Olu and friends, a Tuesday civics crew in London."""

from __future__ import annotations

from datetime import date, time

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.people import Ease, Person, Standing

START = date(2026, 10, 13)  # a Tuesday; London's clocks go back on 2026-10-25


def person(name: str, number: int, **details: object) -> Person:
    """A person with a readable fixed id (``0000000N``), so failures name them plainly."""
    return Person(id=f"{number:08x}", name=name, **details)  # type: ignore[arg-type]


OLU = person("Olu", 1, at_ease=Ease.YES, standing=Standing.IN_A_CREW)
BEN = person("Ben", 2, interests=("civics",), standing=Standing.INTERESTED, met="a conference")
KIM = person("Kim", 3, interests=("Civics", "wellbeing"), at_ease=Ease.YES, standing=Standing.INTERESTED)
SAM = person("Sam", 4, interests=("civics",), at_ease=Ease.YES, knows_in_person=True, notes="private!")
PEOPLE = (OLU, BEN, KIM, SAM)
NAMES = {p.id: p.name for p in PEOPLE}


def civics_crew(
    members: tuple[Person, ...] = (OLU, BEN, KIM, SAM), weeks: int = 6, **details: object
) -> Crew:
    """A crew meeting on Tuesdays at 19:00 in Europe/London from 13 October 2026."""
    return Crew(
        id="c0ffee00",
        name="Civics",
        interest="civics",
        organiser=OLU.id,
        members=tuple(m.id for m in members),
        schedule=Schedule(Weekday.TUE, time(19, 0), "Europe/London", START),
        weeks=weeks,
        **details,  # type: ignore[arg-type]
    )
