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

from clinic_timer.core.session import Session, SessionError, State

if TYPE_CHECKING:
    from clinic_timer.core.clock import Clock
    from clinic_timer.core.formats import Format
    from clinic_timer.core.notes import Notebook
    from clinic_timer.core.record import SessionRecord, Wall


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

    The notes and record modules (ids, wall-clock times) are imported only
    when the notebook, a record or the id is first asked for: a clinic is set
    up before the console first paints, and none of them is needed until the
    notes panel shows.
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
        self._notebook = notebook
        self._id = kept.id if kept is not None else None
        self.crew_id = crew_id
        self.week = week
        self._kept = kept

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
    def notebook(self) -> Notebook:
        """The facilitator's notes of this clinic."""
        if self._notebook is None:
            from clinic_timer.core.notes import Notebook

            self._notebook = Notebook()
        return self._notebook

    @property
    def id(self) -> str:
        """The record id, fixed once made, so an export before the first save and every save name one clinic."""
        if self._id is None:
            from clinic_timer.core.record import new_record_id

            self._id = new_record_id()
        return self._id

    @property
    def started(self) -> bool:
        """Whether the clock has run: from then on it is kept, and a new set-up is a new clinic."""
        return self._session.state is not State.READY

    def set_up_again(self, session: Session) -> None:
        """A changed format or roster before the start: the same clinic (and notes), a new session.

        Raises:
            ClinicError: the clinic has started; a new set-up is a new clinic.
        """
        if self.started:
            raise ClinicError("a clinic that has started cannot be set up again")
        self._session = session

    def record(self, wall: Wall | None = None) -> SessionRecord:
        """The clinic as a record now, a copy for another thread; it becomes the base of the next.

        The first record fixes the start time; later ones keep it, and the end time once there is one.

        Args:
            wall: the wall clock for the start and end times; the computer's by default.
        """
        from clinic_timer.core.record import local_now, record_of

        record = record_of(self._session, self.notebook, base=self._kept, wall=wall or local_now)
        if self._kept is None:
            record = dataclasses.replace(record, id=self.id)
        self._kept = record
        return record
