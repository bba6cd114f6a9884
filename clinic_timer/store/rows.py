"""What a session's row holds beside its record: the few columns the history lists, searches and filters.

People are kept in the row by id as well as by name: ``bringer_id`` (the
lead: the case bringer, or the host) and ``people`` (everyone's ids, the
lead first) let the history and the crews find someone's clinics whatever
their name was spelled as then; ``bringer`` and ``coaches`` are the names
to show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clinic_timer.core.record import RecordStatus

if TYPE_CHECKING:
    from clinic_timer.core.record import SessionRecord


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: enough to list, sort and filter, without the notes.

    Attributes:
        bringer: the lead's name (the case bringer, or the host).
        bringer_id: the lead's person id.
        coaches: the coaches' names, in order.
    """

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
    bringer_id: str = ""


COMPACT = (",", ":")  # no spaces in the record JSON: fewer overflow pages, more rows on each table page

SUMMARY_COLUMNS = (
    "id, started_at, ended_at, status, format_name, format_title, bringer, coaches, title, "
    "note_count, elapsed_s, bringer_id"
)


def row_of(record: SessionRecord) -> dict[str, Any]:
    """The columns to save for ``record``, the whole record as JSON among them."""
    notebook = record.notebook
    started = datetime.fromisoformat(record.started_at)
    roster = record.roster
    return {
        "id": record.id,
        "started_at": record.started_at,
        "started_utc": started.astimezone(UTC).isoformat(timespec="seconds"),
        "ended_at": record.ended_at,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "status": record.status.value,
        "format_name": record.format_name,
        "format_title": record.format_title,
        "bringer": roster.lead.name,
        "bringer_id": roster.lead.id,
        "coaches": json.dumps([c.name for c in roster.coaches], ensure_ascii=False),
        "people": json.dumps([p.id for p in roster.people]),
        "title": notebook.title,
        "note_count": len(notebook.notes),
        "elapsed_s": record.elapsed_s,
        "search_text": record.search_text(),
        "record": json.dumps(record.to_dict(), ensure_ascii=False, separators=COMPACT),
    }


def summary_of(row: tuple[Any, ...]) -> SessionSummary:
    """A summary from a row's :data:`SUMMARY_COLUMNS`."""
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
        bringer_id=row[11],
    )
