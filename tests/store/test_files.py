"""The database's files: a lock or permission the system refuses becomes a StoreError naming the file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from clinic_timer.store import LockedStore, Store, StoreError
from clinic_timer.store.files import InstanceLock, side_file, tighten


def test_a_lock_file_that_cannot_be_opened_is_a_store_error_naming_it(db_path: Path) -> None:
    """A folder where the lock file should be (as good as another user's file): StoreError, not OSError."""
    db_path.parent.mkdir(parents=True)
    lock = side_file(db_path, ".lock")
    lock.mkdir()
    with pytest.raises(StoreError) as caught:
        InstanceLock(db_path)
    assert not isinstance(caught.value, LockedStore)
    assert caught.value.path == lock
    assert "cannot be opened" in caught.value.problem
    assert os.strerror(errno.EISDIR) in caught.value.problem
    with pytest.raises(StoreError, match=r"\.lock: cannot be opened"):
        Store.open(db_path)


def test_a_file_that_cannot_be_made_owner_only_is_a_store_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """chmod refused (the -wal belongs to another user): StoreError names that file and the reason."""
    db = tmp_path / "notes.sqlite3"
    wal = side_file(db, "-wal")
    for path in (db, wal):
        path.write_bytes(b"")
        path.chmod(0o644)
    chmod = Path.chmod

    def refused(self: Path, mode: int, *, follow_symlinks: bool = True) -> None:
        if self == wal:  # root may chmod anything, so the refusal is simulated at the boundary
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(self))
        chmod(self, mode, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "chmod", refused)
    with pytest.raises(StoreError) as caught:
        tighten(db)
    assert caught.value.path == wal
    assert caught.value.problem == f"cannot be made owner-only ({os.strerror(errno.EPERM)})"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
