"""Reading SQLite's write-ahead log by hand, to tell a log SQLite would apply whole from a damaged one.

After a crash the last notes may live only in ``notes.sqlite3-wal``. SQLite
applies its frames up to the first one that fails its checksum and quietly
drops the rest, so a log with one flipped byte (or cut short) would open as
an older database, and the next write would overwrite what it dropped. This
module walks the log as SQLite does (the format is in SQLite's ``wal.c``) and
says when something committed would be dropped; the store then refuses the
database before any connection is opened. :func:`frames` also gives salvage
every page the log holds.
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
MAGIC_LITTLE = 0x377F0682  # the checksums read words little-endian
MAGIC_BIG = 0x377F0683  # ... big-endian
VERSION = 3007000
INDEX_HEADER_SIZE = 48  # one copy of the -shm's header
MAX_RESTARTS = 1 << 16  # a frame left by the log's k-th last restart has the first salt minus k
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class Frame:
    """One page image in the log.

    Attributes:
        page: the database page it replaces (1 is the first).
        commit_size: for the last frame of a transaction, the database's size in pages; else 0.
        data: the page's bytes.
        valid: whether SQLite would apply it (current salts, checksum chain unbroken).
    """

    page: int
    commit_size: int
    data: bytes
    valid: bool


def _checksum(data: bytes, big_endian: bool, s1: int = 0, s2: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum of ``data`` (a multiple of 8 bytes), carried on from ``(s1, s2)``."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & _MASK
        s2 = (s2 + words[i + 1] + s1) & _MASK
    return s1, s2


def problem(wal: bytes, shm: bytes | None = None) -> str | None:
    """Why SQLite would not apply all of this log's committed frames, or None when it would.

    Normal, and never a problem: an empty log; frames of an older generation
    left behind a restarted log (SQLite adds one to the first salt at each
    restart, so theirs is a little smaller); and a transaction torn at the end
    by a kill (its last frame cut short, or failing its checksum), which was
    never committed. A problem: a damaged header; a broken frame with frames
    of the same generation after it; and fewer committed frames than the
    -shm (the writer's own index, kept beside the log) says were committed,
    which is a log cut short or damaged at its end.

    Args:
        wal: the log's bytes.
        shm: the -shm's bytes, if there is one: it tells a cut log from a torn write.
    """
    if not wal:
        return None
    header = _header(wal)
    if isinstance(header, str):
        return header
    page_size = header[0]
    frame_size = FRAME_HEADER_SIZE + page_size
    salt = struct.unpack(">I", wal[16:20])[0]
    committed, broken = 0, None
    for index, frame in enumerate(frames(wal)):
        if frame.valid:
            committed = index + 1 if frame.commit_size else committed
            continue
        older = (salt - struct.unpack(">I", _salts_of(wal, index, frame_size)[:4])[0]) & _MASK
        if 0 < older <= MAX_RESTARTS:
            continue  # left over from before a restart
        if older == 0 and broken is None:
            broken = index  # a write torn by a kill, unless more of this generation follows
            continue
        return f"page image {(broken if broken is not None else index) + 1} is damaged, and later changes would be lost"
    expected = committed_frames(shm, wal[16:24]) if shm else None
    if expected is not None and committed < expected:
        return f"it holds {committed} of the {expected} page images that were committed to it"
    return None


def committed_frames(shm: bytes, salts: bytes) -> int | None:
    """How many frames the writer's index says were committed to the log with these salts; None if it cannot say.

    The index header (SQLite's ``WalIndexHdr``) is kept twice at the start of
    the -shm, in the writing machine's byte order, with a checksum; a header
    whose copies differ, whose checksum fails, or that belongs to another
    generation of the log says nothing.
    """
    if (
        len(shm) < 2 * INDEX_HEADER_SIZE
        or shm[:INDEX_HEADER_SIZE] != shm[INDEX_HEADER_SIZE : 2 * INDEX_HEADER_SIZE]
    ):
        return None
    version, _unused, _change, is_init, _big, _page, max_frame = struct.unpack("=IIIBBHI", shm[:20])
    checksum = struct.unpack("=II", shm[40:48])
    native_big = sys.byteorder == "big"
    if version != VERSION or is_init != 1 or _checksum(shm[:40], native_big) != checksum:
        return None
    return max_frame if shm[32:40] == salts else None


def frames(wal: bytes) -> Iterator[Frame]:
    """Every complete frame in the log, in order, each marked valid as SQLite would judge it.

    A log whose header is damaged has no valid frames, but its pages are still
    given (as invalid) for salvage to look in.
    """
    header = _header(wal)
    if isinstance(header, str):
        if len(wal) < HEADER_SIZE:
            return
        page_size, big, salts, (s1, s2), ok = 4096, False, b"", (0, 0), False
        size = struct.unpack(">I", wal[8:12])[0]
        if 512 <= size <= 65536 and size & (size - 1) == 0:
            page_size = size
    else:
        page_size, big, salts, (s1, s2) = header
        ok = True
    frame_size = FRAME_HEADER_SIZE + page_size
    offset = HEADER_SIZE
    while offset + frame_size <= len(wal):
        head = wal[offset : offset + FRAME_HEADER_SIZE]
        data = wal[offset + FRAME_HEADER_SIZE : offset + frame_size]
        page, commit_size, c1, c2 = struct.unpack(">II8xII", head)
        if ok:
            s1, s2 = _checksum(head[:8] + data, big, s1, s2)
            ok = head[8:16] == salts and page != 0 and (s1, s2) == (c1, c2)
        yield Frame(page, commit_size, data, ok)
        offset += frame_size


def _header(wal: bytes) -> tuple[int, bool, bytes, tuple[int, int]] | str:
    """The page size, checksum byte order, salts and header checksum; or why the header is bad."""
    if len(wal) < HEADER_SIZE:
        return "it is shorter than its header"
    magic, version, page_size = struct.unpack(">III", wal[:12])
    if magic not in (MAGIC_LITTLE, MAGIC_BIG) or version != VERSION:
        return "its header is damaged"
    if not (512 <= page_size <= 65536 and page_size & (page_size - 1) == 0):
        return "its header gives an impossible page size"
    big = magic == MAGIC_BIG
    s1, s2 = _checksum(wal[:24], big)
    if struct.unpack(">II", wal[24:32]) != (s1, s2):
        return "its header is damaged (checksum)"
    return page_size, big, wal[16:24], (s1, s2)


def _salts_of(wal: bytes, index: int, frame_size: int) -> bytes:
    offset = HEADER_SIZE + index * frame_size
    return wal[offset + 8 : offset + 16]
