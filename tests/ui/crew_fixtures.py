"""Shared fixtures for the Crews window's tests: a real store in a temporary folder, and a desk over it."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.core.plan import plan_for
from clinic_timer.store import Store
from clinic_timer.store.crews import CrewBook
from clinic_timer.ui.crew_desk import CrewDesk

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

TODAY = date(2026, 10, 13)  # a Tuesday


@pytest.fixture
def crew_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh notes database, closed after the test."""
    opened = Store.open(tmp_path / "crews.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def crew_book(crew_store: Store) -> CrewBook:
    """The people and crews in the fresh store."""
    return CrewBook(crew_store)


def add_crew(
    book: CrewBook, names: tuple[str, ...] = ("Ada", "Ben", "Cy", "Dee"), first: date = TODAY
) -> Crew:
    """Saves four people and a civics crew of them (the last one organises), first meeting on ``first``."""
    people = [
        Person.new(n, interests=("civics",), standing=Standing.IN_A_CREW, at_ease=Ease.YES) for n in names
    ]
    for person in people:
        book.save_person(person)
    crew = Crew(
        id="c1c1c1c1",
        name="Civics",
        interest="civics",
        organiser=people[-1].id,
        members=tuple(p.id for p in people),
        schedule=Schedule(Weekday(first.weekday()), time(19, 0), "Europe/London", first),
    )
    book.save_crew(crew, plan_for(crew))
    return crew


@pytest.fixture
def desk(qtbot: object, crew_book: CrewBook) -> CrewDesk:
    """A desk over the fresh store, today fixed to TODAY."""
    return CrewDesk(crew_book, today=lambda: TODAY)
