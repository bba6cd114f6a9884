"""Clinics run on a fake clock, with notes in every section, to save and export in tests."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.record import SessionRecord, Wall, record_of
from clinic_timer.core.session import Session
from tests.core.cast import pid, roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.roster import Roster

MIN = 60.0
CET = timezone(timedelta(hours=1))
TRICKY = "# not a heading *stars* _under_ [link](x) <b>tag</b> a|b &amp; 1. one\n- dash line\n\nnew para"
PRIVATE = "Ada seemed tired tonight (private)"


def wall_from(start: datetime) -> Wall:
    """A wall clock that moves a minute each time it is read."""
    moments = iter(start + timedelta(minutes=i) for i in range(10_000))
    return lambda: next(moments)


def start_clinic(coaches: tuple[str, ...] = ("Ben", "Cy", "Dee")) -> tuple[Session, FakeClock, Notebook]:
    """A running test clinic and an empty notebook."""
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", coaches), clock)
    session.start()
    return session, clock, Notebook()


def full_record(
    *,
    bringer: str = "Ada",
    title: str = "City or country",
    finished: bool = True,
    wall: Wall | None = None,
    roster: Roster | None = None,
) -> SessionRecord:
    """A clinic with case, phase, reflection (two coaches), takeaway, next-step and private notes.

    ``bringer`` brings the case to Ben and Cy (test people, :mod:`tests.core.cast`),
    unless ``roster`` gives other people, whose coaches' ids the reflections name.
    """
    clock = FakeClock()
    roster = roster or roster_of(bringer, ("Ben", "Cy"))
    ben, cy = (c.id for c in roster.coaches[:2])
    session = Session(clinic_format(), roster, clock)
    book = Notebook()
    session.start()
    book.set_case(title, "Should I move to the country?")
    book.add(Note("Bringer's partner loves the city.", Section.CASE, 30))
    book.add(Note(TRICKY, Section.CASE, 60))
    clock.advance(5 * MIN)
    book.add(Note("Long pause before 'home'.", Section.PHASE, clock.now() - 1000, phase="Case monologue"))
    book.add(Note(PRIVATE, Section.PHASE, 400, phase="Case monologue", private=True))
    clock.advance(15 * MIN)
    session.next()  # reflections: Ben
    clock.advance(2 * MIN)
    book.add(
        Note("Ben felt the pull of both places.", Section.REFLECTION, 1320, phase="Reflections", coach=ben)
    )
    session.add_time(MIN)
    clock.advance(4 * MIN)
    session.next()  # Cy
    clock.advance(3 * MIN)
    book.add(Note("Cy heard fear of regret.", Section.REFLECTION, 1740, phase="Reflections", coach=cy))
    clock.advance(2 * MIN)
    session.next()  # bringer's response
    book.add(Note("Choosing is not forever.", Section.TAKEAWAYS, 1900))
    book.add(Note("Visit the village for a weekend.", Section.NEXT_STEPS, 1950))
    if finished:
        clock.advance(10 * MIN)
        session.next()
        clock.advance(45 * MIN)
        session.next()
    return record_of(session, book, wall=wall or wall_from(datetime(2026, 3, 3, 19, 0, tzinfo=CET)))


def note_texts(record: SessionRecord, *, private: bool | None = None) -> list[str]:
    """Texts of the record's notes (only private or only shared ones, if asked)."""
    return [n.text for n in record.notebook.notes if private is None or n.private == private]


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Polls ``condition`` until it holds (pytest-qt's waitUntil, without Qt)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s")
        time.sleep(0.005)


def controlled_record(*, end_at_s: float = 72) -> SessionRecord:
    """A clinic with the controls pressed often, ended early with E ``end_at_s`` into the dialogue.

    A stray Next and Back in the monologue, a minute taken off it, a pause,
    five minutes taken off Ben's turn before he passes and comes back.
    """
    clock = FakeClock()
    session = Session(clinic_format(), roster_of("Ada", ("Ben", "Cy", "Dee")), clock)
    book = Notebook()
    session.start()
    clock.advance(28)
    session.next()
    clock.advance(1)
    session.previous()
    session.add_time(-MIN)
    clock.advance(10 * MIN)
    session.pause()
    clock.advance(30)
    session.resume()
    clock.advance(8 * MIN)
    session.next()  # Ben
    for _ in range(5):
        session.add_time(-MIN)
    clock.advance(20)
    session.pass_turn()  # Cy
    book.add(
        Note(
            "Ben will come back to it.",
            Section.REFLECTION,
            clock.now(),
            phase="Reflections",
            coach=pid("Ben"),
        )
    )
    for _ in range(3):  # Cy, Dee, then Ben again
        clock.advance(5 * MIN)
        session.next()
    clock.advance(10 * MIN)
    session.next()  # the dialogue
    clock.advance(end_at_s)
    session.end()
    return record_of(session, book, wall=wall_from(datetime(2026, 3, 3, 19, 0, tzinfo=CET)))


def long_record() -> SessionRecord:
    """Eight coaches who each pass once, speak, and are brought back: a timeline too long for one page."""
    clock = FakeClock()
    coaches = tuple(f"Coach {name}" for name in ("Ann", "Bo", "Cai", "Dan", "Eve", "Fay", "Gil", "Hal"))
    session = Session(clinic_format(), roster_of("Ada", coaches), clock)
    book = Notebook()
    session.start()
    for index in range(12):
        book.add(Note(f"Case note {index}, long enough to take a line of its own.", Section.CASE, 10 * index))
    clock.advance(20 * MIN)
    session.next()
    for _ in coaches:
        clock.advance(20)
        session.pass_turn()
    for index in range(3 * len(coaches)):  # a coach is brought back before each Next, so the phase goes on
        assert session.queue is not None
        ids = [pid(c) for c in coaches]
        again = next(c for c in ids[index % len(ids) :] + ids if c != session.queue.current)
        session.bring_back(again)
        clock.advance(MIN)
        session.next()
    while session.phase.name == "Reflections":
        clock.advance(MIN)
        session.next()
    return record_of(session, book, wall=wall_from(datetime(2026, 3, 3, 19, 0, tzinfo=CET)))
