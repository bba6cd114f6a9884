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


def test_a_transaction_torn_by_a_kill_is_not_damage(db_path: Path) -> None:
    """Frames after the last commit, a last frame cut short or failing its checksum: never committed, so normal."""
    crashed(db_path)
    log = side_file(db_path, "-wal").read_bytes()
    frames = list(wal.frames(log))
    last_commit = max(i for i, f in enumerate(frames) if f.commit_size)
    previous_commit = max(i for i, f in enumerate(frames[:last_commit]) if f.commit_size)
    unfinished = wal.HEADER_SIZE + (previous_commit + 2) * FRAME  # one frame into the next transaction
    for torn in (unfinished, unfinished + wal.FRAME_HEADER_SIZE, unfinished + 100):
        assert wal.problem(log[:torn]) is None
    garbled = bytearray(log[:unfinished])
    garbled[-10] ^= 0xFF  # the page of the frame being written when the kill came
    assert wal.problem(bytes(garbled)) is None


def test_the_shm_tells_a_log_cut_short_from_a_torn_write(db_path: Path) -> None:
    """The writer's index says how many frames were committed: a log that holds fewer lost changes."""
    crashed(db_path)
    log = side_file(db_path, "-wal").read_bytes()
    shm = side_file(db_path, "-shm").read_bytes()
    total = len(list(wal.frames(log)))
    assert wal.committed_frames(shm, log[16:24]) == total
    assert wal.problem(log, shm) is None
    half = log[: len(log) // 2]
    committed = max(i + 1 for i, f in enumerate(wal.frames(half)) if f.valid and f.commit_size)
    assert (
        wal.problem(half, shm) == f"it holds {committed} of the {total} page images that were committed to it"
    )
    damaged_shm = bytearray(shm)
    damaged_shm[16] ^= 0x01  # the index's own checksum fails: it says nothing
    assert wal.committed_frames(bytes(damaged_shm), log[16:24]) is None


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
    """One byte changed in the final page image: SQLite would drop a committed transaction, so it is damage."""
    crashed(db_path)
    log = bytearray(side_file(db_path, "-wal").read_bytes())
    shm = side_file(db_path, "-shm").read_bytes()
    commits = [i for i, frame in enumerate(wal.frames(bytes(log))) if frame.commit_size]
    log[-100] ^= 0x01
    total = len(log) // FRAME
    last = total - 1 - commits[-2]  # the page images of the last commit: the flipped one and its own
    assert last > 1
    assert (
        wal.problem(bytes(log), shm)
        == f"it holds {total - last} of the {total} page images that were committed to it"
    )


def test_a_flipped_byte_mid_log_is_damage_without_the_shm(db_path: Path) -> None:
    """A broken frame with frames of its generation after it is damage, whatever the -shm says."""
    crashed(db_path)
    log = bytearray(side_file(db_path, "-wal").read_bytes())
    log[wal.HEADER_SIZE + FRAME + 500] ^= 0x01
    assert wal.problem(bytes(log)) == "page image 2 is damaged, and later changes would be lost"
