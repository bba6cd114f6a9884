"""What a crew member brought, recalled from their clinic's record: never a private note."""

from __future__ import annotations

from datetime import date, time

from clinic_timer.core.case_recall import recall, recall_text, recalls
from clinic_timer.core.crews import Crew, Schedule, Weekday
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.plan import hold, plan_for
from clinic_timer.core.record import SessionRecord
from clinic_timer.core.roster import Roster


def record(title: str, *notes: Note) -> SessionRecord:
    """A kept clinic with this case and these notes."""
    book = Notebook(title=title, help_wanted="how to choose")
    for note in notes:
        book.add(note)
    return SessionRecord(
        "r" * 32,
        "crew-case-clinic",
        "Crew case clinic",
        Roster.made("Ada", ("Ben",)),
        "2026-10-13T19:00:00+01:00",
        notebook=book,
    )


def test_the_recall_holds_the_title_help_and_non_private_takeaways_only() -> None:
    """Takeaways are kept in order; a private takeaway and the other sections are left out."""
    kept = record(
        "City or country",
        Note("First takeaway", Section.TAKEAWAYS, 5.0),
        Note("Private worry", Section.TAKEAWAYS, 6.0, private=True),
        Note("A reflection", Section.REFLECTION, 7.0, coach="Ben"),
        Note("Second takeaway", Section.TAKEAWAYS, 8.0),
    )
    case = recall("a0000001", 2, kept)
    assert (case.title, case.help_wanted, case.takeaways) == (
        "City or country",
        "how to choose",
        ("First takeaway", "Second takeaway"),
    )
    text = recall_text("Ada", [case])
    assert "Private worry" not in text
    assert text.splitlines() == [
        "What Ada brought",
        "Week 2: City or country",
        "Wanted help with: how to choose",
        "Takeaway: First takeaway",
        "Takeaway: Second takeaway",
    ]


def test_recalls_read_each_held_case_week_and_skip_what_cannot_be_read() -> None:
    """Held case weeks with a record are recalled by bringer; an unreadable record is left out."""
    crew = Crew(
        "c1c1c1c1", "Civics", "civics", "d0000004", ("a0000001", "b0000002", "d0000004"),
        Schedule(Weekday.TUE, time(19), "UTC", date(2026, 10, 6)),
    )  # fmt: skip
    plan = hold(crew, plan_for(crew), 2, record_id="kept", absent=())
    plan = hold(crew, plan, 3, record_id="lost", absent=())
    found = recalls(crew, plan, lambda rid: record("City or country") if rid == "kept" else None)
    assert [c.title for c in found["a0000001"]] == ["City or country"]
    assert found["b0000002"] == []
    assert "did not bring a case" in recall_text("Ben", found["b0000002"])
