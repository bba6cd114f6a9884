"""Migrations 2 (people and crews) and 3 (people by id) from a database written by the release before crews."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from clinic_timer.store import NewerStore, Store, StoreError, schema, schema_version
from clinic_timer.store.crews import CrewBook
from tests.core.crew_fixture import PEOPLE

FIXTURE = Path(__file__).parent / "fixtures" / "notes-v1.sqlite3"


def digest(path: Path) -> str:
    """The file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_database(db_path: Path) -> Path:
    """A copy of the fixture written by the release before crews, where the app keeps its notes."""
    db_path.parent.mkdir(mode=0o700, parents=True)
    shutil.copyfile(FIXTURE, db_path)
    db_path.chmod(0o600)
    return db_path


def test_an_old_database_gains_the_crew_tables_and_keeps_every_session(old_database: Path) -> None:
    """Opening the fixture migrates it to the current version; its three sessions read back as before."""
    before = digest(old_database)
    with Store.open(old_database) as store:
        assert sorted(s.bringer for s in store.list()) == ["Ada", "Dee", "Eve"]
        assert store.load(store.resolve("7ca94903")).notebook.title == "City or country"
        assert store.count() == 3
        assert [r.roster.lead.name for r in store.interrupted()] == ["Eve"]
        book = CrewBook(store)
        assert book.people() == []
        for person in PEOPLE:
            book.save_person(person)
        assert len(book.people()) == 4
    db = sqlite3.connect(old_database)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version() == 3
    db.close()
    copies = list(old_database.parent.glob("notes.sqlite3.v1-*[0-9]"))
    assert len(copies) == 1
    assert digest(copies[0]) == before
    assert copies[0].stat().st_mode & 0o777 == 0o600


def test_the_copy_is_made_before_the_migration_runs(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no copy can be kept, the database is refused and left at version 1, byte for byte."""
    before = digest(old_database)
    monkeypatch.setattr("clinic_timer.store.database.keep_copy", lambda path, kind: None)
    with pytest.raises(StoreError, match="no copy could be kept first"):
        Store.open(old_database)
    assert digest(old_database) == before


def test_a_current_database_is_not_copied_again(old_database: Path) -> None:
    """Only a migration keeps a copy: opening the migrated database again adds none."""
    Store.open(old_database).close()
    Store.open(old_database).close()
    assert len(list(old_database.parent.glob("notes.sqlite3.v*[0-9]"))) == 1


def test_an_older_app_still_refuses_the_migrated_database(
    old_database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The release before crews (one migration) refuses a version-2 database and changes nothing."""
    Store.open(old_database).close()
    before = digest(old_database)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with pytest.raises(NewerStore, match="database version 3; this one understands up to 1"):
        Store.open(old_database)
    assert digest(old_database) == before
