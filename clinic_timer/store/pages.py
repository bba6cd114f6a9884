"""Reading table rows straight from a database file's pages, when SQLite can no longer walk its tree.

A database cut short (a full disk, a copy interrupted) or with a damaged page
near the root makes SQLite refuse every query, although most of the rows are
still there on their pages. In the spirit of SQLite's ``.recover``, this looks
at every page on its own (those of the file and those of its write-ahead log),
takes each leaf page of a table, and decodes its cells by the file format
(https://www.sqlite.org/fileformat2.html): a row whose pages are all still
there comes back whole; a row that reached past the end is lost alone.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from clinic_timer.store import wal

if TYPE_CHECKING:
    from collections.abc import Iterator

Value = int | float | str | bytes | None
Row = tuple[int, list[Value]]  # rowid, columns

DB_HEADER_SIZE = 100
LEAF_TABLE = 0x0D
DEFAULT_PAGE_SIZE = 4096


def rows(db: bytes, log: bytes = b"") -> Iterator[Row]:
    """Every row found on a table leaf page of the file or of its log, old versions included.

    A row can appear more than once (an older version left on a page that was
    freed, or the same page in several log frames); the caller picks.
    """
    page_size, usable = _geometry(db, log)
    pages: dict[int, bytes] = {}
    images: list[tuple[int, bytes]] = []
    for offset in range(0, len(db) - page_size + 1, page_size):
        number = offset // page_size + 1
        pages[number] = db[offset : offset + page_size]
        images.append((number, pages[number]))
    for frame in wal.frames(log):
        if len(frame.data) == page_size and frame.page:
            pages[frame.page] = frame.data  # the newest image of each page, for overflow chains
            images.append((frame.page, frame.data))
    for number, image in images:
        yield from _leaf_rows(image, DB_HEADER_SIZE if number == 1 else 0, pages, usable)


def _geometry(db: bytes, log: bytes) -> tuple[int, int]:
    """The page size and usable bytes per page: from the file's header, else its log's, else 4096."""
    page_size, reserved = DEFAULT_PAGE_SIZE, 0
    if len(db) >= DB_HEADER_SIZE:
        raw = struct.unpack(">H", db[16:18])[0]
        size = 65536 if raw == 1 else raw
        if 512 <= size <= 65536 and size & (size - 1) == 0:
            page_size, reserved = size, db[20]
            return page_size, page_size - reserved
    if len(log) >= wal.HEADER_SIZE:
        size = struct.unpack(">I", log[8:12])[0]
        if 512 <= size <= 65536 and size & (size - 1) == 0:
            page_size = size
    return page_size, page_size - reserved


def _leaf_rows(page: bytes, start: int, pages: dict[int, bytes], usable: int) -> Iterator[Row]:
    if len(page) < start + 8 or page[start] != LEAF_TABLE:
        return
    count = struct.unpack(">H", page[start + 3 : start + 5])[0]
    for i in range(count):
        at = start + 8 + 2 * i
        if at + 2 > len(page):
            return
        cell = struct.unpack(">H", page[at : at + 2])[0]
        try:
            row = _cell(page, cell, pages, usable)
        except (IndexError, ValueError, struct.error, UnicodeDecodeError):
            continue  # this cell is damaged; the others may not be
        if row is not None:
            yield row


def _cell(page: bytes, at: int, pages: dict[int, bytes], usable: int) -> Row | None:
    size, at = _varint(page, at)
    rowid, at = _varint(page, at)
    if size > 1 << 26:  # no row of ours is anywhere near 64 MB: this is not a cell
        return None
    local = _local_size(size, usable)
    payload = page[at : at + local]
    if len(payload) < local:
        return None
    if local < size:
        payload += _overflow(struct.unpack(">I", page[at + local : at + local + 4])[0], size - local, pages)
    if len(payload) < size:
        return None  # part of the row was on a page that is gone
    return rowid, _record(payload)


def _local_size(size: int, usable: int) -> int:
    """How much of a payload of ``size`` bytes a table leaf keeps on its own page (fileformat2 §1.6)."""
    most = usable - 35
    if size <= most:
        return size
    least = (usable - 12) * 32 // 255 - 23
    local = least + (size - least) % (usable - 4)
    return local if local <= most else least


def _overflow(number: int, wanted: int, pages: dict[int, bytes]) -> bytes:
    parts: list[bytes] = []
    seen: set[int] = set()
    while wanted > 0 and number and number not in seen:
        seen.add(number)
        page = pages.get(number)
        if page is None:
            break
        chunk = page[4 : 4 + wanted]
        parts.append(chunk)
        wanted -= len(chunk)
        number = struct.unpack(">I", page[:4])[0]
    return b"".join(parts)


def _record(payload: bytes) -> list[Value]:
    header_size, at = _varint(payload, 0)
    types = []
    while at < header_size:
        kind, at = _varint(payload, at)
        types.append(kind)
    values: list[Value] = []
    at = header_size
    for kind in types:
        value, at = _value(payload, at, kind)
        values.append(value)
    if at > len(payload):
        raise ValueError("the record runs past its payload")
    return values


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _value(payload: bytes, at: int, kind: int) -> tuple[Value, int]:
    if kind == 0:
        return None, at
    if kind in _INT_SIZES:
        width = _INT_SIZES[kind]
        return int.from_bytes(payload[at : at + width], "big", signed=True), at + width
    if kind == 7:
        return struct.unpack(">d", payload[at : at + 8])[0], at + 8
    if kind in (8, 9):
        return kind - 8, at
    if kind < 12:
        raise ValueError(f"serial type {kind} is reserved")
    length = (kind - 12) // 2
    data = payload[at : at + length]
    if len(data) < length:
        raise ValueError("a value runs past its payload")
    return (data.decode("utf-8") if kind % 2 else data), at + length


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")  # pragma: no cover
