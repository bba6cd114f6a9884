"""Records of schema 1 (people by name) read as schema 2: names become people, the same name the same person."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_timer.core import record as record_module
from clinic_timer.core.notes import Section
from clinic_timer.core.people import Person
from clinic_timer.core.record import ArchiveError, SessionRecord
from clinic_timer.core.record_v1 import by_name, upgrade

EXPORT = Path(__file__).parents[1] / "store" / "fixtures" / "session-v1.json"


def old_record() -> dict[str, object]:
    """The session inside the fixture export, as the release before people-as-ids wrote it."""
    document = json.loads(EXPORT.read_text(encoding="utf-8"))
    assert document["export_version"] == 1
    assert document["session"]["schema"] == 1
    session: dict[str, object] = document["session"]
    return session


def test_an_old_record_becomes_people_whose_notes_and_runs_keep_their_names() -> None:
    """Each name is a person; reflections and runs hold that person's id and show the same name as before."""
    record = SessionRecord.from_dict(old_record())
    assert [p.name for p in record.roster.people] == ["Ada", "Ben", "Cy"]
    ids = {p.name: p.id for p in record.roster.people}
    reflections = [n for n in record.notebook.notes if n.section is Section.REFLECTION]
    assert [n.coach for n in reflections] == [ids["Ben"], ids["Cy"]]
    turns = [r for r in record.timeline.runs if r.coach is not None]
    assert [record.speaker_of(r) for r in turns] == ["Ben", "Cy"]
    assert {r.coach for r in turns} == {ids["Ben"], ids["Cy"]}
    assert [a.coach for a in record.timeline.adjustments if a.coach] == [ids["Ben"], ids["Ben"], ids["Cy"]]
    assert record.to_dict()["schema"] == record_module.RECORD_SCHEMA == 2


def test_the_data_read_is_left_as_it_was() -> None:
    """Upgrading copies: the schema-1 data a caller holds still names people."""
    data = old_record()
    upgrade(data)
    assert data["schema"] == 1
    assert data["roster"] == {"bringer": "Ada", "coaches": ["Ben", "Cy"]}


def test_known_people_are_who_the_names_mean() -> None:
    """A name in ``people`` (any case) is that person; a new name is added for the next record to share."""
    ben = Person("0000000b", "Ben")
    people = by_name([ben])
    first = SessionRecord.from_dict(old_record(), people)
    again = SessionRecord.from_dict(old_record(), people)
    assert first.roster.named("Ben").id == "0000000b"
    assert first.roster.named("Cy").id == again.roster.named("Cy").id == people["cy"].id
    assert first.roster.lead.id == again.roster.lead.id


def test_a_name_two_people_share_means_neither() -> None:
    """Two listed Bens: by_name leaves the name out, so an old "Ben" is someone new."""
    people = by_name([Person("0000000b", "Ben"), Person("0000000c", "ben")])
    assert "ben" not in people
    assert SessionRecord.from_dict(old_record(), people).roster.named("Ben").id not in {
        "0000000b",
        "0000000c",
    }


def test_a_record_of_schema_2_is_refused_by_an_app_that_reads_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """The release before people-as-ids (RECORD_SCHEMA 1) refuses today's record, saying it is newer."""
    data = SessionRecord.from_dict(old_record()).to_dict()
    monkeypatch.setattr(record_module, "RECORD_SCHEMA", 1)
    with pytest.raises(ArchiveError, match=r"has schema 2; this clinic-timer reads up to 1 .*newer version"):
        SessionRecord.from_dict(data)


def test_a_damaged_old_record_is_still_an_archive_error() -> None:
    """A schema-1 record whose coaches are not names is refused as before, not half-upgraded."""
    data = old_record()
    data["roster"] = {"bringer": "Ada", "coaches": [3]}
    with pytest.raises(ArchiveError, match="coach must be a person"):
        SessionRecord.from_dict(data)
