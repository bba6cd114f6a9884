"""The write-ahead log read by hand: every state a crash leaves is applicable, damage is not."""

from __future__ import annotations

import shutil
import sqlite3
from typing import TYPE_CHECKING

from clinic_timer.store import Store, wal
from clinic_timer.store.files import side_file
from tests.store.damage import FILES, crashed
from tests.store.records import full_record

if TYPE_CHECKING:
    from pathlib import Path

FRAME = wal.FRAME_HEADER_SIZE + 4096


def test_a_sound_log_is_applicable_and_its_frames_valid(db_path: Path) -> None:
    """The log a killed store leaves: no problem, every frame valid, commits marked."""
    crashed(db_path)
    log = side_file(db_path, "-wal").read_bytes()
    frames = list(wal.frames(log))
    assert wal.problem(log) is None
    assert frames
    assert all(f.valid for f in frames)
    assert frames[-1].commit_size > 0


def test_a_transaction_cut_off_by_a_kill_is_not_damage(db_path: Path) -> None:
    """Frames after the last commit (a transaction never finished), or a lone frame header, are normal."""
    crashed(db_path)
    log = side_file(db_path, "-wal").read_bytes()
    frames = list(wal.frames(log))
    last_commit = max(i for i, f in enumerate(frames) if f.commit_size)
    previous_commit = max(i for i, f in enumerate(frames[:last_commit]) if f.commit_size)
    unfinished = wal.HEADER_SIZE + (previous_commit + 2) * FRAME  # one frame into the next transaction
    assert wal.problem(log[:unfinished]) is None
    assert wal.problem(log[: unfinished + wal.FRAME_HEADER_SIZE]) is None
    assert wal.problem(log[: unfinished + 100]) is not None  # cut mid-page: not something SQLite leaves


def test_frames_left_behind_a_restarted_log_are_not_damage(db_path: Path) -> None:
    """After a checkpoint the log starts over, with new salts, over older frames: it opens with every session."""
    scratch = db_path.parent / "running" / db_path.name
    store = Store.open(scratch)
    try:
        ids = []
        for i in range(4):
            record = full_record(bringer=f"B{i}")
            store.save(record)
            ids.append(record.id)
        other = sqlite3.connect(scratch)
        assert other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[0] == 0
        other.close()
        last = full_record(bringer="After the restart")
        store.save(last)  # written from the start of the log again
        ids.append(last.id)
        for suffix in FILES:
            shutil.copyfile(side_file(scratch, suffix), side_file(db_path, suffix))
    finally:
        store.close()
    log = side_file(db_path, "-wal").read_bytes()
    frames = list(wal.frames(log))
    assert not frames[-1].valid  # an older generation's frame is still there
    assert wal.problem(log) is None
    with Store.open(db_path) as reopened:
        assert sorted(s.id for s in reopened.list()) == sorted(ids)


def test_a_flipped_byte_in_the_last_commit_is_damage(db_path: Path) -> None:
    """One byte changed in the final page image: SQLite would drop that transaction, so it is damage."""
    crashed(db_path)
    log = bytearray(side_file(db_path, "-wal").read_bytes())
    log[-100] ^= 0x01
    assert (
        wal.problem(bytes(log))
        == f"page image {len(log) // FRAME} is damaged, and later changes would be lost"
    )
