"""The clinic in progress: one object that owns what is current.

Words, as the app uses them: a **clinic** is the whole thing in progress (the
meeting the facilitator set up: its timed session, its notes, the record it is
kept as, and where it belongs in a crew); a **session** is the timed state
machine inside it (:class:`~clinic_timer.core.session.Session`: phases, turns,
the clock).

Before, three objects each decided which clinic was current (the notes panel
by owning the notebook, the notes keeper by re-detecting a change of session,
recovery by stitching the two together). Now the controller makes one
:class:`Clinic` on set-up and on resume, and everything else observes it: the
panel edits its notebook, the keeper saves its records, the voice reads its
format and bringer.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from clinic_timer.core.archive import local_now, new_record_id, record_of
from clinic_timer.core.notes import Notebook
from clinic_timer.core.session import Session, SessionError, State

if TYPE_CHECKING:
    from clinic_timer.core.archive import SessionRecord, Wall
    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format


class ClinicError(ValueError):
    """A change the clinic cannot take (a new set-up after it started)."""


class Clinic:
    """One clinic: its session, its notebook, its record id, and where it belongs.

    Args:
        session: the timed state machine.
        notebook: the facilitator's notes (a fresh one by default).
        kept: the record it is already kept as (a resumed clinic); its id and
            start time carry on.
        crew_id: the crew it is a meeting of, if any.
        week: which of the crew's meetings it is, if any.

    Attributes:
        id: the record id, fixed from the start, so an export made before the
            first save and every save after it name the same clinic.
    """

    def __init__(
        self,
        session: Session,
        notebook: Notebook | None = None,
        *,
        kept: SessionRecord | None = None,
        crew_id: str | None = None,
        week: int | None = None,
    ) -> None:
        self._session = session
        self.notebook = notebook if notebook is not None else Notebook()
        self.id = kept.id if kept is not None else new_record_id()
        self.crew_id = crew_id
        self.week = week
        self._kept = kept
        self._kept_revision = -1 if kept is None else self.notebook.revision

    @classmethod
    def resumed(cls, record: SessionRecord, fmt: Format, clock: Clock) -> Clinic:
        """The clinic a record was interrupted in, paused where it stopped, its notes back.

        Raises:
            SessionError: the record kept no state, or it does not fit the format.
            RosterError: its roster does not fit the format.
        """
        if record.snapshot is None:
            raise SessionError("it kept no state")
        session = Session.restore(fmt, record.roster, clock, record.snapshot)
        return cls(session, record.notebook, kept=record)

    @property
    def session(self) -> Session:
        """The timed state machine (for the controller, the one adapter, and the record)."""
        return self._session

    @property
    def started(self) -> bool:
        """Whether the clock has run: from then on it is kept, and a new set-up is a new clinic."""
        return self._session.state is not State.READY

    @property
    def unsaved(self) -> bool:
        """The one dirty flag: the notes changed since the last record was made."""
        return self.notebook.revision != self._kept_revision

    def set_up_again(self, session: Session) -> None:
        """A changed format or roster before the start: the same clinic (and notes), a new session.

        Raises:
            ClinicError: the clinic has started; a new set-up is a new clinic.
        """
        if self.started:
            raise ClinicError("a clinic that has started cannot be set up again")
        self._session = session

    def record(self, wall: Wall = local_now) -> SessionRecord:
        """The clinic as a record now, a copy for another thread; it becomes the base of the next.

        The first record fixes the start time; later ones keep it, and the end time once there is one.
        """
        record = record_of(self._session, self.notebook, base=self._kept, wall=wall)
        if self._kept is None:
            record = dataclasses.replace(record, id=self.id)
        self._kept = record
        self._kept_revision = self.notebook.revision
        return record
