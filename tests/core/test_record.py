"""The session record: built from a live session, copied, and read back exactly."""

from __future__ import annotations

from datetime import datetime

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.notes import Note, Section
from clinic_timer.core.record import ArchiveError, RecordStatus, SessionRecord, record_of
from clinic_timer.core.session import Session, State
from tests.core.formats_fixture import clinic_format
from tests.store.records import CET, MIN, PRIVATE, full_record, start_clinic, wall_from


def test_a_record_reads_back_equal_to_itself() -> None:
    """to_dict then from_dict gives an equal record, timeline and notes included."""
    record = full_record()
    assert SessionRecord.from_dict(record.to_dict()) == record
    assert record.status is RecordStatus.FINISHED
    assert record.timeline.adjustments
    assert len(record.notebook.notes) == 8


def test_record_of_keeps_id_and_start_across_saves() -> None:
    """Later saves pass the previous record as base and keep its id and start time."""
    session, clock, book = start_clinic()
    wall = wall_from(datetime(2026, 3, 3, 19, 0, tzinfo=CET))
    first = record_of(session, book, wall=wall)
    clock.advance(MIN)
    second = record_of(session, book, base=first, wall=wall)
    assert (second.id, second.started_at) == (first.id, "2026-03-03T19:00:00+01:00")
    assert second.status is RecordStatus.RUNNING
    assert second.ended_at is None
    session.end()
    third = record_of(session, book, base=second, wall=wall)
    assert third.status is RecordStatus.FINISHED
    assert third.ended_at == "2026-03-03T19:01:00+01:00"
    assert third.snapshot is None


def test_record_is_a_copy_of_the_live_notes() -> None:
    """Typing after a record was made does not change it (the autosave thread may be reading it)."""
    session, _clock, book = start_clinic()
    note = book.add(Note("first", Section.CASE, 1))
    record = record_of(session, book)
    book.edit(note.id, text="changed")
    book.add(Note("second", Section.CASE, 2))
    assert [n.text for n in record.notebook.notes] == ["first"]


def test_the_snapshot_in_a_record_resumes_the_session() -> None:
    """A running record's snapshot restores the session at the same phase, turn and times."""
    session, clock, book = start_clinic()
    clock.advance(20 * MIN)
    session.next()
    clock.advance(90)
    record = SessionRecord.from_dict(record_of(session, book).to_dict())
    assert record.snapshot is not None
    again = Session.restore(clinic_format(), record.roster, FakeClock(5.0), record.snapshot)
    assert again.state is State.PAUSED
    assert again.view(again.clock.now()).speaker == "Ben"
    assert again.slot_elapsed(again.clock.now()) == pytest.approx(90)
    assert again.elapsed(again.clock.now()) == pytest.approx(20 * MIN + 90)


def test_crew_copy_has_no_private_note() -> None:
    """for_crew drops private notes and keeps the rest."""
    record = full_record()
    crew = record.for_crew()
    assert PRIVATE not in [n.text for n in crew.notebook.notes]
    assert len(crew.notebook.notes) == len(record.notebook.notes) - 1
    assert any(n.private for n in record.notebook.notes)


def test_a_record_from_a_newer_app_is_refused() -> None:
    """A schema number above ours is an ArchiveError naming both versions."""
    data = full_record().to_dict()
    data["schema"] = 99
    with pytest.raises(ArchiveError, match=r"schema 99.*newer"):
        SessionRecord.from_dict(data)


@pytest.mark.parametrize(
    ("key", "value"),
    [("id", "not hex!"), ("started_at", "yesterday"), ("status", "lost"), ("roster", {"bringer": ""})],
)
def test_a_damaged_record_is_an_archive_error(key: str, value: object) -> None:
    """Bad fields raise ArchiveError, never KeyError or TypeError."""
    data = full_record().to_dict()
    data[key] = value
    with pytest.raises(ArchiveError, match="cannot be read"):
        SessionRecord.from_dict(data)


def test_search_text_holds_names_case_and_notes() -> None:
    """The search text is casefolded and has the bringer, coaches, title and note texts."""
    text = full_record().search_text()
    for word in ("ada", "ben", "city or country", "fear of regret", "test clinic"):
        assert word in text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("text", 5),
        ("at_s", "soon"),
        ("private", "yes"),
        ("coach", 3),
        ("section", "gossip"),
        ("at_s", float("nan")),
    ],
)
def test_a_note_of_the_wrong_type_is_refused_on_reading(field: str, value: object) -> None:
    """An imported note whose field has the wrong type is an ArchiveError, not a crash later."""
    data = full_record().to_dict()
    data["notebook"]["notes"][0][field] = value
    with pytest.raises(ArchiveError, match=f"(?i){field}"):
        SessionRecord.from_dict(data)


def test_a_timeline_of_the_wrong_type_is_refused_on_reading() -> None:
    """A run whose times are text is refused where it is read."""
    data = full_record().to_dict()
    data["timeline"]["runs"][0]["started_s"] = "at noon"
    with pytest.raises(ArchiveError, match="started_s"):
        SessionRecord.from_dict(data)


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ("phases", "planned_s", float("inf")),  # JSON's 1e999: an export would fail on round()
        ("phases", "name", 7),
        ("snapshot", "session_elapsed", "abc"),  # the history shows it as the clinic's length
        ("roster", "coaches", [1, 2]),
        ("format", "title", None),
    ],
)
def test_plan_snapshot_roster_and_format_of_the_wrong_type_are_refused(
    where: str, field: str, value: object
) -> None:
    """Every field an export or the history later reads is checked where the record is read."""
    record = full_record()
    record.snapshot = {"version": 1, "session_elapsed": 60.0}
    data = record.to_dict()
    part = data[where][0] if where == "phases" else data[where]
    part[field] = value
    with pytest.raises(ArchiveError, match="cannot be read"):
        SessionRecord.from_dict(data)


def test_crew_copy_has_no_draft_and_no_recovery_data() -> None:
    """The crew's copy drops the unfinished draft and the recovery snapshot."""
    record = full_record()
    record.notebook.set_draft("half a thought about Ada's father")
    record.snapshot = {"version": 1, "order": ["Ben", "Cy"], "absent": ["Dee"]}
    crew = record.for_crew()
    assert crew.notebook.draft == ""
    assert crew.snapshot is None
    assert SessionRecord.from_dict(record.to_dict()).notebook.draft == "half a thought about Ada's father"
