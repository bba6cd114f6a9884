"""Damage found by probing, each from its reproduction: refused with a message naming the file, never written.

One wrong byte in the schema, a write-ahead log that cannot be applied, and
a database (or a file beside it) that is a symbolic link.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

import pytest

from clinic_timer.store import CorruptStore, Store, StoreError, UnsafeStore, salvage
from clinic_timer.store.files import side_file
from tests.store.damage import FILES, contents, crashed, filled

if TYPE_CHECKING:
    from pathlib import Path


def flip_in_schema(path: Path, name: bytes = b"sqlite_autoindex_session_1") -> None:
    """Changes one byte of ``name`` where the schema table holds it (0x73, "s", to 0x8c)."""
    data = bytearray(path.read_bytes())
    at = data.index(name)
    assert data[at] == 0x73
    data[at] = 0x8C
    path.write_bytes(bytes(data))


def assert_copied_aside(error: StoreError, before: dict[str, bytes | None]) -> None:
    """The refusal kept an owner-only copy of the database and of each file beside it, byte for byte."""
    assert error.copy is not None
    for suffix, data in before.items():
        copy = side_file(error.copy, suffix)
        if data is None:
            assert not copy.exists()
            continue
        assert copy.read_bytes() == data, suffix
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600, suffix


def test_one_wrong_byte_in_the_schema_is_a_refusal(db_path: Path) -> None:
    """0x73 to 0x8c in sqlite_autoindex_session_1: CorruptStore naming the file, not UnicodeDecodeError."""
    filled(db_path)
    flip_in_schema(db_path)
    before = contents(db_path)
    for opening in (Store.open, Store.open_readonly):
        with pytest.raises(CorruptStore) as caught:
            opening(db_path)
        assert caught.value.path == db_path
        assert str(db_path) in str(caught.value)
        assert "not UTF-8" in caught.value.problem
        assert_copied_aside(caught.value, before)
        assert contents(db_path) == before


def test_a_crashed_database_with_a_sound_wal_opens_with_every_session(db_path: Path) -> None:
    """Not every -wal is damage: after kill -9 the sessions in a sound log are all there."""
    ids = crashed(db_path)
    assert side_file(db_path, "-wal").stat().st_size > 0
    with Store.open(db_path) as store:
        assert sorted(s.id for s in store.list()) == sorted(ids)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda wal: wal[: len(wal) // 2], id="cut in half"),
        pytest.param(
            lambda wal: bytes(b ^ 0xFF if i % (len(wal) // 20) == 7 else b for i, b in enumerate(wal)),
            id="20 bytes flipped",
        ),
        pytest.param(lambda wal: b"\x00" * 32 + wal[32:], id="header zeroed"),
    ],
)
def test_a_wal_that_cannot_be_applied_is_refused_and_kept(db_path: Path, damage: object) -> None:
    """The sessions live only in a damaged -wal: refused, the log copied aside with the database, nothing written."""
    crashed(db_path)
    log = side_file(db_path, "-wal")
    log.write_bytes(damage(log.read_bytes()))  # type: ignore[operator]
    before = contents(db_path)
    for _ in range(2):  # and again at the next start: nothing wrote a fresh schema over it meanwhile
        with pytest.raises(CorruptStore, match=r"write-ahead log notes\.sqlite3-wal is damaged") as caught:
            Store.open(db_path)
        assert caught.value.path == db_path
        assert_copied_aside(caught.value, before)
        assert contents(db_path) == before
    with pytest.raises(CorruptStore):
        Store.open_readonly(db_path)
    assert contents(db_path) == before


def test_a_wal_without_its_database_is_refused(db_path: Path) -> None:
    """The database is gone but its -wal holds sessions: a new database is not made over the log."""
    crashed(db_path)
    db_path.unlink()
    before = contents(db_path)
    with pytest.raises(CorruptStore, match="is missing, but its write-ahead log"):
        Store.open(db_path)
    assert contents(db_path) == before


@pytest.mark.parametrize("suffix", FILES)
def test_a_symlinked_file_is_refused_and_never_written_through(
    db_path: Path, tmp_path: Path, suffix: str
) -> None:
    """The database, -wal or -shm as a link to a file outside: UnsafeStore naming it; the target untouched."""
    filled(db_path, count=1)
    outside = tmp_path / "elsewhere" / "target"
    outside.parent.mkdir()
    outside.write_bytes(b"someone else's file")
    outside.chmod(0o644)
    link = side_file(db_path, suffix)
    if suffix == "":
        outside.write_bytes(db_path.read_bytes())
        db_path.unlink()
    link.symlink_to(outside)
    before = outside.read_bytes()
    for opening in (Store.open, Store.open_readonly):
        with pytest.raises(UnsafeStore, match="symbolic link") as caught:
            opening(db_path)
        assert caught.value.path == db_path
        assert str(link) in str(caught.value) or suffix == ""
        assert str(outside) in str(caught.value)
    assert outside.read_bytes() == before
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert sorted(p.name for p in outside.parent.iterdir()) == ["target"]  # no -wal made beside it


@pytest.mark.parametrize("suffix", [*FILES, ".lock"])
def test_a_dangling_symlink_is_refused_and_its_target_never_made(
    db_path: Path, tmp_path: Path, suffix: str
) -> None:
    """A link to nowhere in place of any of the files: refused, and nothing appears where it points."""
    db_path.parent.mkdir(parents=True)
    nowhere = tmp_path / "nowhere" / "file"
    nowhere.parent.mkdir()
    side_file(db_path, suffix).symlink_to(nowhere)
    with pytest.raises(UnsafeStore, match="symbolic link"):
        Store.open(db_path)
    assert list(nowhere.parent.iterdir()) == []
    assert not db_path.exists() or suffix != ""


def test_the_lock_file_is_never_opened_through_a_link(db_path: Path, tmp_path: Path) -> None:
    """Even past the check (a link made just after it), the lock file is opened without following links."""
    from clinic_timer.store.files import InstanceLock

    db_path.parent.mkdir(parents=True)
    target = tmp_path / "target"
    side_file(db_path, ".lock").symlink_to(target)
    with pytest.raises(StoreError, match=r"\.lock: cannot be opened"):
        InstanceLock(db_path)
    assert not target.exists()


def test_salvage_reads_sessions_from_a_damaged_wal(db_path: Path) -> None:
    """The sessions only a damaged -wal holds are still read, page by page, for export."""
    ids = crashed(db_path)
    log = side_file(db_path, "-wal")
    data = bytearray(log.read_bytes())
    data[40] ^= 0xFF  # the first page image: SQLite itself would apply none of the log
    log.write_bytes(bytes(data))
    before = contents(db_path)
    rescued = salvage(db_path)
    assert {r.id for r in rescued.records} == set(ids)
    assert contents(db_path) == before


def test_every_kept_file_is_owner_only_after_a_refusal(db_path: Path) -> None:
    """Copies are 0600 whatever the umask, the originals are left with the modes they had."""
    crashed(db_path)
    side_file(db_path, "-wal").write_bytes(b"garbage" * 10)
    old = os.umask(0o022)
    try:
        with pytest.raises(CorruptStore) as caught:
            Store.open(db_path)
    finally:
        os.umask(old)
    assert caught.value.copy is not None
    for suffix in FILES:
        assert stat.S_IMODE(side_file(caught.value.copy, suffix).stat().st_mode) == 0o600


def test_salvage_reads_sessions_from_a_database_cut_short(db_path: Path, tmp_path: Path) -> None:
    """Cut to 2%-95% of its size, a database of 6 sessions still gives up what its pages hold, and only that.

    The crews' empty tables take the pages before the sessions', so the
    sessions sit in the last third of the file: the cuts there are the ones
    that tell.
    """
    ids = filled(db_path)
    data = db_path.read_bytes()
    cut = tmp_path / "cut" / "notes.sqlite3"
    cut.parent.mkdir()
    read: dict[int, int] = {}
    for percent in (2, 10, 25, 50, 60, 75, 80, 85, 90, 95):
        cut.write_bytes(data[: len(data) * percent // 100])
        rescued = salvage(cut)
        assert {r.id for r in rescued.records} <= set(ids)
        assert all(len(r.notebook.notes) == 8 for r in rescued.records)  # whole records, never half of one
        assert rescued.problems  # the damage is said, not hidden
        read[percent] = len(rescued.records)
    assert read[2] == 0
    assert read[90] >= 3
    assert read[95] >= 4
    assert sum(read.values()) >= 8, read
    assert list(read.values()) == sorted(read.values())  # a longer piece never gives fewer
