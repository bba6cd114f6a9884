"""People and crews in the notes database: kept at once, read back whole, refused when damaged."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from clinic_timer.core.plan import Ending, end, hold, plan_for, skip
from clinic_timer.store import CorruptStore, Store
from clinic_timer.store.crews import CrewBook, InUse
from tests.core.cast import pid
from tests.core.crew_fixture import BEN, KIM, OLU, PEOPLE, SAM, civics_crew
from tests.core.test_plan_properties import OPERATIONS, apply
from tests.store.records import full_record


def filled(path: Path) -> Store:
    """A store holding the fixture's four people and the civics crew with a changed plan."""
    store = Store.open(path)
    book = CrewBook(store)
    for person in PEOPLE:
        book.save_person(person)
    crew = civics_crew(call_link="https://meet.example/c")
    plan = skip(hold(crew, plan_for(crew), 1, record_id="ab" * 16, absent=(SAM.id,)), 3)
    book.save_crew(crew, end(crew, plan, Ending.CARRYING_ON, 2))
    return store


def read_everything(book: CrewBook) -> None:
    """Reads every person and every crew."""
    book.people()
    book.crews()


def test_people_and_crews_read_back_as_saved(db_path: Path) -> None:
    """Every person, and the crew with its held week, holiday, ending and extension, come back equal."""
    with filled(db_path) as store:
        book = CrewBook(store)
        assert book.people() == sorted(PEOPLE, key=lambda p: p.name)
        kept = book.crew("CIVICS")
        crew = civics_crew(call_link="https://meet.example/c")
        expected = end(
            crew,
            skip(hold(crew, plan_for(crew), 1, record_id="ab" * 16, absent=(SAM.id,)), 3),
            Ending.CARRYING_ON,
            2,
        )
        assert kept.crew == crew
        assert kept.plan == expected


def test_a_saved_crew_is_on_disk_at_once_in_wal_mode(db_path: Path) -> None:
    """A read-only reader sees the crew the moment save_crew returns; the journal is WAL."""
    with filled(db_path) as store:
        reader = sqlite3.connect(db_path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            assert reader.execute("SELECT name FROM crew").fetchall() == [("Civics",)]
            assert reader.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        finally:
            reader.close()
        assert (db_path.stat().st_mode & 0o777) == 0o600
        assert store.path == db_path


def test_a_renamed_person_stays_in_their_crew(db_path: Path) -> None:
    """Saving Ben under a new name keeps him a member: crews refer to ids."""
    with filled(db_path) as store:
        book = CrewBook(store)
        book.save_person(BEN.with_changes(name="Benjamin"))
        assert [p.name for p in book.people()] == ["Benjamin", "Kim", "Olu", "Sam"]
        assert BEN.id in book.crew("civics").crew.members


def test_two_crews_cannot_share_a_name(db_path: Path) -> None:
    """Another crew called 'civics' (any case) is refused with the name; the first is untouched."""
    with filled(db_path) as store:
        book = CrewBook(store)
        other = civics_crew().with_changes(id="0dd00dd0", name="CIVICS")
        with pytest.raises(InUse, match="already a crew called 'CIVICS'"):
            book.save_crew(other, plan_for(other))
        assert [k.crew.id for k in book.crews()] == ["c0ffee00"]


def test_a_crew_member_is_never_deleted_and_others_keep_their_clinics(db_path: Path) -> None:
    """Deleting a member is refused; someone outside every crew can go, and kept clinics still name them.

    Clinics are counted by the person's id: someone else of the same name has none.
    """
    with filled(db_path) as store:
        book = CrewBook(store)
        with pytest.raises(InUse, match="Civics crew"):
            book.delete_person(KIM.id)
        store.save(full_record(bringer="Zed"))
        zed = OLU.with_changes(id=pid("Zed"), name="Zed")
        book.save_person(zed)
        assert book.clinics_of(zed.id) == 1
        assert book.clinics_of(pid("Cy")) == 1  # a coach counts too
        assert book.clinics_of("0000000f") == 0  # another Zed is someone else
        assert book.delete_person(zed.id)
        assert store.list()[0].bringer == "Zed"
        assert book.delete_crew("c0ffee00")
        assert book.crews() == []
        assert book.delete_person(KIM.id)


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE person SET standing = 'bff' WHERE id = '00000002'", "person 00000002 cannot be read"),
        ("UPDATE crew SET time_zone = 'Mars/Olympus'", "crew 'Civics' cannot be read"),
        ("UPDATE crew_meeting SET absent = '{' WHERE number = 1", "crew 'Civics' cannot be read"),
        ("DELETE FROM crew_meeting", "it has no meetings"),
        ("UPDATE crew_meeting SET status = 7", "crew 'Civics' cannot be read"),
    ],
)
def test_a_damaged_row_is_refused_naming_the_file(db_path: Path, sql: str, problem: str) -> None:
    """A hand-edited or damaged row is a CorruptStore naming the database and the row, not a traceback."""
    filled(db_path).close()
    db = sqlite3.connect(db_path)
    db.execute(sql)
    db.commit()
    db.close()
    with Store.open_readonly(db_path) as store, pytest.raises(CorruptStore, match=problem) as caught:
        read_everything(CrewBook(store))
    assert str(db_path) in str(caught.value)


@settings(max_examples=30, deadline=None)
@given(OPERATIONS)
def test_any_changed_plan_reads_back_as_saved(operations: list[tuple[str, int, int]]) -> None:
    """Whatever the organiser changed, the plan kept in the database is the plan read back."""
    crew = civics_crew()
    plan = plan_for(crew)
    for operation in operations:
        plan = apply(crew, plan, operation)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "notes.sqlite3") as store:
        book = CrewBook(store)
        for person in PEOPLE:
            book.save_person(person)
        book.save_crew(crew, plan)
        assert book.crew(crew.id).plan == plan
