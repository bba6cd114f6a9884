"""Databases as a crash or a bad disk leaves them, for the damage tests and the fuzzer."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from clinic_timer.store import Store
from clinic_timer.store.files import side_file
from tests.store.records import full_record

if TYPE_CHECKING:
    from pathlib import Path

FILES = ("", "-wal", "-shm")


def filled(path: Path, count: int = 6) -> list[str]:
    """A closed database holding ``count`` sessions (all checkpointed: no -wal is left)."""
    ids = []
    with Store.open(path) as store:
        for i in range(count):
            record = full_record(bringer=f"Bringer {i}")
            store.save(record)
            ids.append(record.id)
    return ids


def crashed(path: Path, count: int = 6) -> list[str]:
    """A database as kill -9 leaves it: the sessions live only in its -wal (and -shm).

    The store is still open when its files are copied, as a killed app's would be.
    """
    scratch = path.parent / "crashing" / path.name
    ids = []
    store = Store.open(scratch)
    try:
        for i in range(count):
            record = full_record(bringer=f"Bringer {i}")
            store.save(record)
            ids.append(record.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in FILES:
            shutil.copyfile(side_file(scratch, suffix), side_file(path, suffix))
    finally:
        store.close()
    shutil.rmtree(scratch.parent)
    return ids


def contents(path: Path) -> dict[str, bytes | None]:
    """The bytes of the database and each file beside it (None where there is none)."""
    return {
        suffix: side_file(path, suffix).read_bytes() if side_file(path, suffix).exists() else None
        for suffix in FILES
    }
