"""The notes database: saving, listing, searching, permissions and the schema's version."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.record import RecordStatus
from clinic_timer.store import Store, StoreError, default_path, schema, schema_version
from tests.core.cast import pid
from tests.store.records import CET, full_record, wall_from

if TYPE_CHECKING:
    from pathlib import Path


def test_default_path_follows_the_data_dir_variable(tmp_path: Path) -> None:
    """CLINIC_TIMER_DATA_DIR (set by the root conftest) moves the database."""
    assert default_path() == tmp_path / "data" / "notes.sqlite3"


def test_a_data_dir_variable_with_a_tilde_means_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CLINIC_TIMER_DATA_DIR=~/notes is read as --data-dir ~/notes is: in the home folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLINIC_TIMER_DATA_DIR", "~/clinic-notes")
    assert default_path() == tmp_path / "clinic-notes" / "notes.sqlite3"


def test_a_saved_record_loads_back_equal(db_path: Path) -> None:
    """save then load gives back an equal record."""
    record = full_record()
    with Store.open(db_path) as store:
        store.save(record)
        assert store.load(record.id) == record
        assert store.count() == 1


def test_saving_again_replaces_the_row(db_path: Path) -> None:
    """A second save of the same id updates it: one row, the new notes."""
    record = full_record()
    with Store.open(db_path) as store:
        store.save(record)
        record.notebook.set_case("A new title", "")
        store.save(record)
        assert store.count() == 1
        assert store.load(record.id).notebook.title == "A new title"
        assert [s.title for s in store.list()] == ["A new title"]


def test_files_and_folder_are_owner_only(db_path: Path) -> None:
    """A newly made folder is 0700; the database, its -wal/-shm and the lock file are 0600, whatever the umask."""
    old = os.umask(0o002)
    try:
        with Store.open(db_path) as store:
            store.save(full_record())
            names = [db_path.name + s for s in ("", "-wal", "-shm", ".lock")]
            modes = {n: stat.S_IMODE((db_path.parent / n).stat().st_mode) for n in names}
            assert modes == dict.fromkeys(names, 0o600)
            assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_an_existing_folder_keeps_its_mode_and_the_files_are_still_owner_only(tmp_path: Path) -> None:
    """--data-dir pointed at the user's own folder (their home, say) does not chmod it; the notes are 0600."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    with Store.open(home / "notes.sqlite3") as store:
        store.save(full_record())
        assert stat.S_IMODE(home.stat().st_mode) == 0o755
        names = ["notes.sqlite3" + s for s in ("", "-wal", "-shm", ".lock")]
        assert {n: stat.S_IMODE((home / n).stat().st_mode) for n in names} == dict.fromkeys(names, 0o600)


def test_missing_parent_folders_are_made_owner_only(tmp_path: Path) -> None:
    """Every folder the store has to make on the way is 0700; the one that was there is left alone."""
    tmp_path.chmod(0o755)
    with Store.open(tmp_path / "a" / "b" / "notes.sqlite3"):
        pass
    modes = [stat.S_IMODE(p.stat().st_mode) for p in (tmp_path, tmp_path / "a", tmp_path / "a" / "b")]
    assert modes == [0o755, 0o700, 0o700]


def test_the_database_is_in_wal_mode_at_our_version(db_path: Path) -> None:
    """A new database is in WAL mode and stamped with the schema version."""
    Store.open(db_path).close()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    db.close()


def test_history_is_newest_first_and_searchable(db_path: Path) -> None:
    """list orders by start, newest first, and finds words in notes, names and titles, any case."""
    older = full_record(
        bringer="Ada", title="City or country", wall=wall_from(datetime(2026, 1, 5, 19, tzinfo=CET))
    )
    newer = full_record(
        bringer="Zoe", title="Changing teams", wall=wall_from(datetime(2026, 2, 5, 19, tzinfo=CET))
    )
    with Store.open(db_path) as store:
        store.save(older)
        store.save(newer)
        assert [s.bringer for s in store.list()] == ["Zoe", "Ada"]
        assert [s.bringer for s in store.list("CHANGING")] == ["Zoe"]
        assert [s.bringer for s in store.list("country ZOE")] == ["Zoe"]
        assert [s.bringer for s in store.list("fear of regret")] == ["Zoe", "Ada"]
        assert [s.bringer for s in store.list("100%")] == []
        assert [s.bringer for s in store.list(bringer=pid("Ada"))] == ["Ada"]
        assert store.list(bringer="Ada") == []  # a person is found by id, never by a spelling
        assert len(store.list(format_name="test-clinic", limit=1)) == 1
        summary = store.list()[0]
        assert (summary.note_count, summary.coaches) == (8, ("Ben", "Cy"))
        assert store.last() == newer


def test_percent_and_underscore_are_searched_literally(db_path: Path) -> None:
    """A search for '50%' or 'a_b' matches those characters, not SQL wildcards."""
    record = full_record()
    record.notebook.notes[0].text = "raised rent by 50% for a_b"
    with Store.open(db_path) as store:
        store.save(record)
        assert len(store.list("50%")) == 1
        assert len(store.list("a_b")) == 1
        assert store.list("5_%") == []


def test_interrupted_sessions_can_be_closed_as_they_stand(db_path: Path) -> None:
    """A running record is listed as interrupted; closing it ends it and counts it as held."""
    running = full_record(finished=False)
    with Store.open(db_path) as store:
        store.save(running)
        store.save(full_record())
        assert [r.id for r in store.interrupted()] == [running.id]
        assert store.held_count() == 1
        closed = store.mark_closed(running.id)
        assert closed.status is RecordStatus.CLOSED_INTERRUPTED
        assert closed.ended_at
        assert store.interrupted() == []
        assert store.held_count() == 2
        assert store.load(running.id).notebook == running.notebook


def test_delete_removes_one_session(db_path: Path) -> None:
    """delete removes the row and says whether there was one."""
    record = full_record()
    with Store.open(db_path) as store:
        store.save(record)
        assert store.delete(record.id) is True
        assert store.delete(record.id) is False
        with pytest.raises(KeyError):
            store.load(record.id)


def test_an_id_prefix_resolves_when_unique(db_path: Path) -> None:
    """resolve finds the one id starting with a prefix and refuses unknown or ambiguous ones."""
    first, second = full_record(), full_record()
    second = replace(second, id=first.id[:4] + "0" * 28)
    with Store.open(db_path) as store:
        store.save(first)
        store.save(second)
        assert store.resolve(first.id[:8]) == first.id
        with pytest.raises(KeyError, match="more than one"):
            store.resolve(first.id[:4])
        with pytest.raises(KeyError, match="not a session id"):
            store.resolve("xyz")


def test_read_only_store_reads_beside_the_writer_and_refuses_writes(db_path: Path) -> None:
    """open_readonly works while the app holds the lock, and cannot save."""
    record = full_record()
    with Store.open(db_path) as writer:
        writer.save(record)
        with Store.open_readonly(db_path) as reader:
            assert reader.load(record.id) == record
            with pytest.raises(StoreError, match="read-only"):
                reader.save(record)


def test_a_missing_database_cannot_be_opened_read_only(db_path: Path) -> None:
    """open_readonly on no file says that no session was kept, naming the file."""
    with pytest.raises(StoreError, match="does not exist") as caught:
        Store.open_readonly(db_path)
    assert str(db_path) in str(caught.value)


def test_an_older_database_is_migrated_in_one_step(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database opened by an app with one more migration gains it and keeps its rows."""
    record = full_record()
    with Store.open(db_path) as store:
        store.save(record)

    def add_column(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE session ADD COLUMN rating INTEGER")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_column])
    with Store.open(db_path) as store:
        assert store.load(record.id) == record
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    assert "rating" in [row[1] for row in db.execute("PRAGMA table_info(session)")]
    db.close()


def test_a_failing_migration_leaves_the_old_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A migration that fails half-way is rolled back: version and schema stay as they were."""
    Store.open(db_path).close()
    current = schema.schema_version()

    def half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE session ADD COLUMN rating INTEGER")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, half_done])
    with pytest.raises(StoreError, match="disk I/O error"):
        Store.open(db_path)
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == current
    assert "rating" not in [row[1] for row in db.execute("PRAGMA table_info(session)")]
    db.close()
    monkeypatch.undo()
    Store.open(db_path).close()  # the lock was released


def test_a_second_connection_that_cannot_open_names_the_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autosave thread's own connection fails as a StoreError naming the database, like every other."""
    store = Store.open(db_path)
    try:

        def unopenable(*_args: object, **_kwargs: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(sqlite3, "connect", unopenable)  # as when the disk has gone away
        with pytest.raises(StoreError, match=f"{re.escape(str(db_path))}.*unable to open database file"):
            store.sibling()
    finally:
        monkeypatch.undo()
        store.close()


def test_a_full_disk_names_itself_and_saving_works_again_once_there_is_room(db_path: Path) -> None:
    """SQLITE_FULL reaches the caller as itself (not "no transaction is active"), and the next save can succeed."""
    record = full_record()
    with Store.open(db_path) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[
            0
        ]  # SQLite's own limit stands in for the disk
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        for _ in range(2):
            with pytest.raises(StoreError, match=r"database or disk is full"):
                store.save(record)
        store._db.execute("PRAGMA max_page_count = 1000000")
        store.save(record)
        assert store.load(record.id) == record
