"""A session record as the database's columns, and a row back as a line of the history.

The whole record is kept as JSON in one column; the others repeat the few
fields the history lists, sorts and searches, so a list never decodes a record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clinic_timer.core.archive import RecordStatus

if TYPE_CHECKING:
    from clinic_timer.core.archive import SessionRecord


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: enough to list, sort and filter, without the notes."""

    id: str
    started_at: str
    ended_at: str | None
    status: RecordStatus
    format_name: str
    format_title: str
    bringer: str
    coaches: tuple[str, ...]
    title: str
    note_count: int
    elapsed_s: float


SUMMARY_COLUMNS = (
    "id, started_at, ended_at, status, format_name, format_title, bringer, coaches, title, "
    "note_count, elapsed_s"
)


def row_of(record: SessionRecord) -> dict[str, Any]:
    notebook = record.notebook
    started = datetime.fromisoformat(record.started_at)
    return {
        "id": record.id,
        "started_at": record.started_at,
        "started_utc": started.astimezone(UTC).isoformat(timespec="seconds"),
        "ended_at": record.ended_at,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "status": record.status.value,
        "format_name": record.format_name,
        "format_title": record.format_title,
        "bringer": record.roster.bringer,
        "coaches": json.dumps(list(record.roster.coaches)),
        "title": notebook.title,
        "note_count": len(notebook.notes),
        "elapsed_s": record.elapsed_s,
        "search_text": record.search_text(),
        "record": json.dumps(record.to_dict(), ensure_ascii=False),
    }


def summary_of(row: tuple[Any, ...]) -> SessionSummary:
    return SessionSummary(
        id=row[0],
        started_at=row[1],
        ended_at=row[2],
        status=RecordStatus(row[3]),
        format_name=row[4],
        format_title=row[5],
        bringer=row[6],
        coaches=tuple(json.loads(row[7])),
        title=row[8],
        note_count=int(row[9]),
        elapsed_s=float(row[10]),
    )
