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
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
MAGIC_LITTLE = 0x377F0682  # the checksums read words little-endian
MAGIC_BIG = 0x377F0683  # ... big-endian
VERSION = 3007000
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


def problem(wal: bytes) -> str | None:
    """Why SQLite would not apply all of this log's committed frames, or None when it would.

    An empty log, frames of an older generation left behind a restarted log
    (SQLite adds one to the first salt at each restart, so theirs is a little
    smaller), an uncommitted transaction at the end, and the lone frame header
    a kill between SQLite's two writes of a frame leaves are all normal.
    Anything else (a bad header, a broken checksum, a frame of this or no
    earlier generation after the break, a log cut mid-frame) would lose what
    was written.
    """
    if not wal:
        return None
    header = _header(wal)
    if isinstance(header, str):
        return header
    page_size, _big, _salts, _start = header
    frame_size = FRAME_HEADER_SIZE + page_size
    tail = (len(wal) - HEADER_SIZE) % frame_size
    if tail not in (0, FRAME_HEADER_SIZE):
        return "it is cut short in the middle of a page"
    broken = False
    salt = struct.unpack(">I", wal[16:20])[0]
    for index, frame in enumerate(frames(wal)):
        if frame.valid and not broken:
            continue
        broken = True
        older = (salt - struct.unpack(">I", _salts_of(wal, index, frame_size)[:4])[0]) & _MASK
        if not 0 < older <= MAX_RESTARTS:
            return f"page image {index + 1} is damaged, and later changes would be lost"
    return None


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
