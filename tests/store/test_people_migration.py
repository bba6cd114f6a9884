"""Migration 3 (people by id) from ``notes-v2.sqlite3``, a database the release before it wrote."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.notes import Section
from clinic_timer.core.record import RECORD_SCHEMA
from clinic_timer.core.session import Session, State
from clinic_timer.store import NewerStore, Store, schema, schema_version
from clinic_timer.store.crews import CrewBook
from tests.core.crew_fixture import BEN, KIM, OLU
from tests.core.formats_fixture import clinic_format

FIXTURE = Path(__file__).parent / "fixtures" / "notes-v2.sqlite3"
KIMS = {"5768d16bcf47449abdc09d1b2ca559e2", "dd79c884"}  # "Kim" and "kim" bring these (the second by prefix)


def digest(path: Path) -> str:
    """The file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_database(db_path: Path) -> Path:
    """A copy of the fixture (five clinics naming people, the crew fixture's people and crew) where the app keeps its notes."""
    db_path.parent.mkdir(mode=0o700, parents=True)
    shutil.copyfile(FIXTURE, db_path)
    db_path.chmod(0o600)
    return db_path


def test_every_kept_clinic_is_rewritten_with_people_by_id(old_database: Path) -> None:
    """After opening, each record is of today's schema and its notes and runs name people of its roster by id."""
    before = digest(old_database)
    with Store.open(old_database) as store:
        records = [store.load(s.id) for s in store.list()]
    assert len(records) == 5
    raw = sqlite3.connect(old_database)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == schema_version() == 3
    schemas = {json.loads(r)["schema"] for (r,) in raw.execute("SELECT record FROM session")}
    raw.close()
    assert schemas == {RECORD_SCHEMA} == {2}
    for record in records:
        ids = {p.id for p in record.roster.people}
        reflections = [n for n in record.notebook.notes if n.section is Section.REFLECTION]
        assert reflections
        assert all(n.coach in ids for n in reflections)
        assert all(r.coach in ids for r in record.timeline.runs if r.coach is not None)
        assert [record.roster.name_of(n.coach) for n in reflections][:1] == ["Ben"]
    [copy] = old_database.parent.glob("notes.sqlite3.v2-*[0-9]")
    assert digest(copy) == before


def test_the_same_name_is_the_same_person_and_the_list_is_matched(old_database: Path) -> None:
    """Kim and kim are the organiser's Kim, Ben is the listed Ben, and Cy (not listed) is one person throughout."""
    with Store.open(old_database) as store:
        records = [store.load(s.id) for s in store.list()]
        kim = {s.id for s in store.list(bringer=KIM.id)}
        book = CrewBook(store)
        assert book.clinics_of(BEN.id) == 5
        assert book.clinics_of(KIM.id) == 2
        assert book.clinics_of(OLU.id) == 0
    assert {i for i in kim if i in KIMS or i[:8] in KIMS} == kim
    assert len(kim) == 2
    cys = {r.roster.named("Cy").id for r in records}
    adas = {r.roster.lead.id for r in records if r.roster.lead.name == "Ada"}
    assert len(cys) == len(adas) == 1
    assert cys.isdisjoint({p.id for p in (OLU, BEN, KIM)})
    assert {r.roster.lead.name for r in records if r.roster.lead.id == KIM.id} == {"Kim", "kim"}


def test_an_interrupted_clinic_still_resumes_at_its_turn(old_database: Path) -> None:
    """Eve's clinic, interrupted in Cy's turn, restores from its migrated snapshot, paused, with Cy speaking."""
    with Store.open(old_database) as store:
        [record] = store.interrupted()
    assert record.snapshot is not None
    session = Session.restore(clinic_format(), record.roster, FakeClock(), record.snapshot)
    view = session.view(session.clock.now())
    assert session.state is State.PAUSED
    assert view.speaker_id == record.roster.named(view.speaker).id
    assert set(session.order) == {c.id for c in record.roster.coaches}


def test_the_crews_held_week_still_names_its_clinic(old_database: Path) -> None:
    """The held week keeps its record and its away member; the clinic's roster holds the crew's Kim and Ben."""
    with Store.open(old_database) as store:
        book = CrewBook(store)
        week = book.crew("Civics").plan.meeting(2)
        assert week.record_id is not None
        record = store.load(week.record_id)
    assert week.absent == (OLU.id,)
    assert {KIM.id, BEN.id} <= {p.id for p in record.roster.people}


def test_a_release_before_people_by_id_refuses_the_migrated_database(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The release that knew two migrations refuses version 3 with a clear message and changes nothing."""
    Store.open(old_database).close()
    before = digest(old_database)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    with pytest.raises(NewerStore, match="database version 3; this one understands up to 2"):
        Store.open(old_database)
    assert digest(old_database) == before


def test_reading_alone_brings_an_old_database_up_to_date(old_database: Path) -> None:
    """A read-only open (the command line's) migrates first, copy kept, so the history reads its columns."""
    with Store.open_readonly(old_database) as store:
        assert len(store.list(bringer=KIM.id)) == 2
    assert len(list(old_database.parent.glob("notes.sqlite3.v2-*[0-9]"))) == 1


def test_a_record_that_cannot_be_read_is_left_as_it_was(old_database: Path) -> None:
    """A damaged row is not rewritten (nor does it stop the migration); the others are."""
    raw = sqlite3.connect(old_database)
    raw.execute(
        "UPDATE session SET record = '{\"schema\": 1, \"id\": 5}' WHERE title = 'Leaving the council'"
    )
    raw.commit()
    raw.close()
    with Store.open(old_database) as store:
        assert len(store.list()) == 5
        assert sum(1 for s in store.list() if s.bringer_id) == 4
    raw = sqlite3.connect(old_database)
    assert raw.execute("SELECT record FROM session WHERE title = 'Leaving the council'").fetchone()[0] == (
        '{"schema": 1, "id": 5}'
    )
    raw.close()
