"""One session as it is kept: the record that the store saves and exports read.

A :class:`SessionRecord` is a self-contained copy of everything worth keeping
about one clinic: who took part, the format's plan, what really happened (the
:class:`~clinic_timer.core.timeline.Timeline`), the notes, and the session's
latest :meth:`~clinic_timer.core.session.Session.snapshot` so an interrupted
clinic can be resumed. It copies rather than shares the live objects, so the
autosave thread can serialise it while the facilitator keeps typing.

Wall-clock times (when the clinic started and ended) come from an injected
``wall`` callable: the session itself only knows monotonic seconds.
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from clinic_timer.core import checked, record_v1
from clinic_timer.core.notes import Notebook
from clinic_timer.core.roster import Roster
from clinic_timer.core.session import State
from clinic_timer.core.timeline import SlotRun, Timeline

if TYPE_CHECKING:
    from clinic_timer.core.formats import Format
    from clinic_timer.core.session import Session

_RECORD_ID = re.compile(r"[0-9a-f]{32}")
RECORD_SCHEMA = 2  # bump when to_dict's shape changes; from_dict refuses newer ones
# 1: people by name; 2: people by id (the roster holds people, runs and notes their ids)

Wall = Callable[[], datetime]


def local_now() -> datetime:
    """The wall-clock time now, in the computer's time zone (with its offset)."""
    return datetime.now(UTC).astimezone()


def iso(moment: datetime) -> str:
    """ISO 8601 to the second, with the UTC offset, so records sort and read anywhere."""
    return moment.isoformat(timespec="seconds")


class ArchiveError(ValueError):
    """A record that cannot be read back: damaged, hand-edited, or from a newer app."""


class RecordStatus(enum.Enum):
    """Where a kept session stands."""

    RUNNING = "running"  # being run now, or interrupted by a crash if found at start-up
    FINISHED = "finished"
    CLOSED_INTERRUPTED = "closed-interrupted"  # interrupted, then closed as it stood


@dataclass(frozen=True)
class PlannedPhase:
    """A phase as the format planned it, kept so the record reads right after the format changes.

    Attributes:
        planned_s: the whole phase, for the coaches present when the record was made.
        turn_s: each coach's turn, for a per-coach phase; else None.
    """

    name: str
    floor: str
    planned_s: float
    turn_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form."""
        return {"name": self.name, "floor": self.floor, "planned_s": self.planned_s, "turn_s": self.turn_s}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlannedPhase:
        """The inverse of :meth:`to_dict`."""
        return cls(
            name=checked.text(data, "name"),
            floor=checked.text(data, "floor"),
            planned_s=checked.number(data, "planned_s"),
            turn_s=checked.optional_number(data, "turn_s"),
        )


def planned_phases(fmt: Format, coaches: int) -> list[PlannedPhase]:
    """The format's plan for ``coaches`` coaches."""
    return [
        PlannedPhase(
            name=p.name,
            floor=p.floor.value,
            planned_s=p.planned_seconds(coaches),
            turn_s=p.turn_seconds(coaches) if p.per_coach else None,
        )
        for p in fmt.phases
    ]


@dataclass
class SessionRecord:
    """Everything kept about one clinic.

    Attributes:
        id: a uuid4 hex string; stable for the record's whole life, exports included.
        format_name: the format's file stem ("crew-case-clinic").
        format_title: its title as the facilitator saw it.
        started_at: ISO 8601 wall-clock time with offset.
        ended_at: likewise; None while running (or when closed after a crash).
        phases: the plan, for the coaches who were present.
        snapshot: the session's latest ``snapshot()``, for crash recovery; None once
            it can no longer be resumed.
    """

    id: str
    format_name: str
    format_title: str
    roster: Roster
    started_at: str
    status: RecordStatus = RecordStatus.RUNNING
    ended_at: str | None = None
    phases: list[PlannedPhase] = field(default_factory=list)
    timeline: Timeline = field(default_factory=Timeline)
    notebook: Notebook = field(default_factory=Notebook)
    snapshot: dict[str, Any] | None = None

    @property
    def elapsed_s(self) -> float:
        """How long the clinic ran, pauses included, as far as the record knows."""
        if self.snapshot is not None and "session_elapsed" in self.snapshot:
            return float(self.snapshot["session_elapsed"])
        ends = [r.ended_s if r.ended_s is not None else r.started_s for r in self.timeline.runs]
        return max(ends, default=0.0)

    @property
    def planned_s(self) -> float:
        """The whole plan's length."""
        return sum(p.planned_s for p in self.phases)

    def search_text(self) -> str:
        """The words a history search looks in, casefolded: names, format, case and every note."""
        book = self.notebook
        words = [self.format_name, self.format_title, *(p.name for p in self.roster.people)]
        words += [book.title, book.help_wanted, *(n.text for n in book.notes)]
        return "\n".join(words).casefold()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly form, stamped with :data:`RECORD_SCHEMA`."""
        return {
            "schema": RECORD_SCHEMA,
            "id": self.id,
            "format": {"name": self.format_name, "title": self.format_title},
            "roster": self.roster.to_dict(),
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status.value,
            "phases": [p.to_dict() for p in self.phases],
            "timeline": self.timeline.to_dict(),
            "notebook": self.notebook.to_dict(),
            "snapshot": self.snapshot,
        }

    def speaker_of(self, run: SlotRun) -> str:
        """Who held the floor in ``run``, by the name they go by now ("Everyone" as it was written)."""
        if run.coach is not None:
            return self.roster.name_of(run.coach)
        floors = {p.name: p.floor for p in self.phases}
        if run.speaker and floors.get(run.phase) in ("bringer", "host"):
            return self.roster.lead.name
        return run.speaker

    def renamed(self, person_id: str, name: str) -> SessionRecord:
        """A copy where someone goes by ``name``; their notes and runs, which hold their id, follow.

        Raises:
            KeyError: nobody on the roster has that id.
            RosterError: the name is blank.
        """
        copy = SessionRecord.from_dict(self.to_dict())
        copy.roster = self.roster.renamed(person_id, name)
        return copy

    @classmethod
    def from_dict(cls, data: dict[str, Any], people: record_v1.People | None = None) -> SessionRecord:
        """The inverse of :meth:`to_dict`; a record of schema 1 (people by name) is upgraded on the way.

        Args:
            data: the record's data.
            people: for a schema-1 record, the people its names may be (see
                :func:`~clinic_timer.core.record_v1.upgrade`).

        Raises:
            ArchiveError: the data is not a record, or was written by a newer clinic-timer.
        """
        if not isinstance(data, dict):
            raise ArchiveError("a session record must be a JSON object")
        schema = data.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool):
            raise ArchiveError("the session record has no schema number")
        if schema > RECORD_SCHEMA:
            raise ArchiveError(
                f"the session record has schema {schema}; this clinic-timer reads up to "
                f"{RECORD_SCHEMA} (it was written by a newer version)"
            )
        if schema < 2:
            data = record_v1.upgrade(data, people)
        try:
            snapshot = data.get("snapshot")
            if snapshot is not None and not isinstance(snapshot, dict):
                raise TypeError("snapshot must be an object")
            if snapshot is not None and "session_elapsed" in snapshot:
                checked.number(snapshot, "session_elapsed")  # the history shows it as the length
            return cls(
                id=_hex_id(data["id"]),
                format_name=checked.text(data["format"], "name"),
                format_title=checked.text(data["format"], "title"),
                roster=Roster.from_dict(data["roster"]),
                started_at=_iso_text(data["started_at"], "started_at"),
                ended_at=None if data.get("ended_at") is None else _iso_text(data["ended_at"], "ended_at"),
                status=RecordStatus(data["status"]),
                phases=[PlannedPhase.from_dict(p) for p in data.get("phases", [])],
                timeline=Timeline.from_dict(data.get("timeline", {})),
                notebook=Notebook.from_dict(data.get("notebook", {})),
                snapshot=snapshot,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            detail = (
                str(error) if len(str(error)) <= 200 else str(error)[:200] + "..."
            )  # "'x...' is not a valid Section"
            raise ArchiveError(
                f"the session record cannot be read ({type(error).__name__}: {detail})"
            ) from None

    def for_crew(self) -> SessionRecord:
        """A copy to share with the crew: a record of the clinic, not of the facilitator's controls.

        No private note, unfinished draft or recovery data, and no log of
        adjustments (pause, +/- a minute, pass, back...); the slots as they
        ran stay, so the crew still sees who spoke, for how long, and how it ended.
        """
        copy = SessionRecord.from_dict(self.to_dict())
        copy.timeline.adjustments = []
        copy.notebook.notes = [n for n in copy.notebook.notes if not n.private]
        copy.notebook.draft = ""
        copy.snapshot = None
        return copy


def new_record_id() -> str:
    """A fresh record id."""
    return uuid.uuid4().hex


def record_of(
    session: Session,
    notebook: Notebook,
    *,
    base: SessionRecord | None = None,
    wall: Wall = local_now,
) -> SessionRecord:
    """The record of a live session, as a copy the caller may hand to another thread.

    Call it at every save: the first time without ``base`` (a new id and start
    time are made), then with the previous record, whose id, start time and end
    time are kept.

    Args:
        session: the running (or finished) session.
        notebook: its notes.
        base: the record this one updates, if any.
        wall: the wall clock, for the start and end times.
    """
    snapshot = session.snapshot()
    finished = session.state is State.FINISHED
    started_at = base.started_at if base is not None else iso(wall())
    ended_at = base.ended_at if base is not None else None
    if finished and ended_at is None:
        ended_at = iso(wall())
    status = RecordStatus.FINISHED if finished else RecordStatus.RUNNING
    if base is not None and base.status is RecordStatus.CLOSED_INTERRUPTED:
        status = base.status
    return SessionRecord(
        id=base.id if base is not None else new_record_id(),
        format_name=session.format.name,
        format_title=session.format.title,
        roster=session.roster,
        started_at=started_at,
        status=status,
        ended_at=ended_at,
        phases=planned_phases(session.format, len(session.present_coaches())),
        timeline=Timeline.from_dict(snapshot["timeline"]),
        notebook=Notebook.from_dict(notebook.to_dict()),
        snapshot=None if finished else snapshot,
    )


def is_record_id(value: object) -> bool:
    """Whether ``value`` has the shape :func:`new_record_id` makes: 32 lowercase hexadecimal digits.

    Imports must have it: a shorter id (``"1"``, ``"8cc45f66"``) could be the
    start of another session's id, and the command line picks sessions by
    their start. The store reads back any hexadecimal id, so sessions that
    older versions imported stay readable.
    """
    return isinstance(value, str) and _RECORD_ID.fullmatch(value) is not None


def _hex_id(value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > 64 or value.strip("0123456789abcdef"):
        raise ValueError(f"{checked.shown(value)} is not a record id")
    return value


def _iso_text(value: object, key: str) -> str:
    """An ISO 8601 time with a UTC offset, between 1900 and 9998 so no time zone can push it out of range.

    ``0001-01-01T00:00:00+05:00`` parses, then overflows when the store turns it into UTC.
    """
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(f"{key} must be an ISO 8601 time, not {checked.shown(value)}")
    moment = datetime.fromisoformat(value)  # raises ValueError when it is not ISO 8601
    if moment.tzinfo is None or not 1900 <= moment.year <= 9998:
        raise ValueError(f"{key} {checked.shown(value)} is not a time with a UTC offset from 1900 to 9998")
    return value
