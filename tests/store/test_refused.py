"""Databases the store must not write: damaged, foreign, newer, or held by another instance.

Each is refused with an error that names the file, the original is left
byte for byte as it was, a copy is kept beside it, and salvage still reads
what it can for export.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest

from clinic_timer.store import CorruptStore, LockedStore, NewerStore, Store, database, salvage
from tests.store.records import full_record

if TYPE_CHECKING:
    from pathlib import Path


def _filled(db_path: Path, count: int = 30) -> list[str]:
    ids = []
    with Store.open(db_path) as store:
        for _ in range(count):
            record = full_record()
            store.save(record)
            ids.append(record.id)
    return ids


def test_a_file_that_is_not_sqlite_is_refused_and_kept(db_path: Path) -> None:
    """Garbage in place of the database: CorruptStore naming the file; original untouched; a copy kept."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"these are not the notes you are looking for" * 100)
    before = db_path.read_bytes()
    with pytest.raises(CorruptStore, match="is not a SQLite database") as caught:
        Store.open(db_path)
    assert str(db_path) in str(caught.value)
    assert caught.value.copy is not None
    assert caught.value.copy.read_bytes() == before
    assert str(caught.value.copy) in str(caught.value)
    assert db_path.read_bytes() == before


def test_a_damaged_page_is_refused_and_the_rest_salvaged(db_path: Path) -> None:
    """Overwritten pages fail the integrity check; salvage still reads the sessions it can."""
    ids = _filled(db_path)
    data = bytearray(db_path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[3 * page : 5 * page] = b"\xff" * (2 * page)  # damage two pages in the middle
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptStore, match="is damaged"):
        Store.open(db_path)
    assert db_path.read_bytes() == bytes(data)
    rescued = salvage(db_path)
    assert rescued.records, rescued.problems
    assert {r.id for r in rescued.records} <= set(ids)
    assert db_path.read_bytes() == bytes(data)


def test_another_programs_database_is_not_taken_over(db_path: Path) -> None:
    """A SQLite file without our table is refused rather than migrated into."""
    db_path.parent.mkdir(parents=True)
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    with pytest.raises(CorruptStore, match="not a clinic-timer database"):
        Store.open(db_path)
    other = sqlite3.connect(db_path)
    assert [r[0] for r in other.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    other.close()


def test_a_newer_database_is_refused_kept_and_readable(db_path: Path) -> None:
    """user_version above ours: NewerStore says so; nothing is written; salvage reads it all."""
    ids = _filled(db_path, count=3)
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerStore, match=r"newer clinic-timer.*version 99") as caught:
        Store.open(db_path)
    assert caught.value.copy is not None
    assert caught.value.copy.exists()
    assert db_path.read_bytes() == before
    with pytest.raises(NewerStore):
        Store.open_readonly(db_path)
    assert sorted(r.id for r in salvage(db_path).records) == sorted(ids)


def test_refusing_the_same_file_twice_keeps_one_copy(db_path: Path) -> None:
    """An unchanged refused file is not copied again at every start."""
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"x" * 4096)
    for _ in range(3):
        with pytest.raises(CorruptStore):
            Store.open(db_path)
    assert len(list(db_path.parent.glob("notes.sqlite3.corrupt-*"))) == 1


def test_a_second_instance_is_locked_out_until_the_first_closes(db_path: Path) -> None:
    """The instance lock refuses a second writer with a clear message, and frees on close."""
    first = Store.open(db_path)
    with pytest.raises(LockedStore, match="in use by another running clinic-timer") as caught:
        Store.open(db_path)
    assert str(db_path) in str(caught.value)
    first.close()
    Store.open(db_path).close()


def test_a_lock_held_by_another_process_is_refused(db_path: Path) -> None:
    """A clinic-timer in another process holds the database: this one gets LockedStore."""
    Store.open(db_path).close()
    holder = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from clinic_timer.store import Store
        store = Store.open(Path({str(db_path)!r}))
        print("open", flush=True)
        sys.stdin.read()
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "open"
            with pytest.raises(LockedStore):
                Store.open(db_path)
        finally:
            process.kill()
    Store.open(db_path).close()  # a killed holder leaves no stale lock


def test_sqlite_busy_reads_as_locked(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer outside our lock (an old version, a sync tool) holding a write lock gives LockedStore."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.05)  # the wait is the app's; the answer is the test's
    record = full_record()
    with Store.open(db_path) as store:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(LockedStore):
                store.save(record)
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.save(record)
