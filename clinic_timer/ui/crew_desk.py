"""The Qt side of the organiser's people and crews: one object the Crews window's rooms share.

The :class:`CrewDesk` is handed a :class:`~clinic_timer.store.crews.CrewBook`
by the composition root (the user's store, or a rehearsal's temporary one);
it never opens a database itself. It keeps the people and crews read once,
so the rooms' item models answer ``data()`` from memory, and it is the one
place that writes: every change is one small SQLite transaction on the
store's own connection (WAL). Those writes are fast enough to make on the UI
thread: ``benchmarks/crews_window_open.py`` measures a save of a person and
of a whole crew on a list of 500 people and 50 crews (well under a frame).

A refusal (a name taken, a member that cannot be removed, a damaged
database) becomes a :attr:`CrewDesk.failed` line naming the problem;
nothing is changed then, and the rooms show what is really kept.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from clinic_timer.core.crews import CrewError
from clinic_timer.core.people import PeopleError
from clinic_timer.core.plan import PlanError
from clinic_timer.store import StoreError
from clinic_timer.store.crews import InUse, KeptCrew

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.crews import Crew
    from clinic_timer.core.people import Person
    from clinic_timer.core.plan import Plan
    from clinic_timer.store.crews import CrewBook

REFUSALS = (StoreError, InUse, CrewError, PeopleError, PlanError, KeyError)


class CrewDesk(QObject):
    """The people and crews as kept, and every change to them.

    Args:
        book: the people and crews in an open store.
        today: today's date (tests and rehearsals fix it).
        parent: the Qt parent.
    """

    people_changed = Signal()  # the list of people was read again after a change
    crews_changed = Signal()  # the list of crews (or a plan) was read again after a change
    failed = Signal(str)  # a change was refused or could not be saved: the message says why
    told = Signal(str)  # something done that the status line should confirm ("Copied ...")

    def __init__(
        self, book: CrewBook, *, today: Callable[[], date] = date.today, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.book = book
        self.today = today
        self.people: list[Person] = []
        self.crews: list[KeptCrew] = []
        self.names: dict[str, str] = {}
        self.problem: str | None = None
        self.reload()

    def reload(self) -> None:
        """Reads everything again; a damaged database leaves the lists empty and says so."""
        try:
            people, crews = self.book.people(), self.book.crews()
        except StoreError as error:
            self.problem = str(error)
            self.failed.emit(self.problem)
            people, crews = [], []
        self.people, self.crews = people, crews
        self.names = {p.id: p.name for p in people}
        self.people_changed.emit()
        self.crews_changed.emit()

    def organiser_name(self) -> str:
        """Who signs the organiser's messages: the organiser of the latest crew, or "" before any."""
        if not self.crews:
            return ""
        return self.names.get(self.crews[-1].crew.organiser, "")

    def crew(self, crew_id: str) -> KeptCrew | None:
        """The kept crew with this id, if any."""
        return next((k for k in self.crews if k.crew.id == crew_id), None)

    # -- changes -------------------------------------------------------------------

    def save_person(self, person: Person) -> bool:
        """Adds or updates someone; False (and :attr:`failed`) if it could not be saved."""
        if not self._attempt(lambda: self.book.save_person(person)):
            return False
        self.people = sorted(
            [p for p in self.people if p.id != person.id] + [person], key=lambda p: (p.name.casefold(), p.id)
        )
        self.names[person.id] = person.name
        self.people_changed.emit()
        self.crews_changed.emit()  # a crew shows its members' names
        return True

    def remove_person(self, person_id: str) -> bool:
        """Takes someone off the list (not a crew member); False if refused."""
        if not self._attempt(lambda: self.book.delete_person(person_id)):
            return False
        self.people = [p for p in self.people if p.id != person_id]
        self.names.pop(person_id, None)
        self.people_changed.emit()
        return True

    def save_crew(self, crew: Crew, plan: Plan) -> bool:
        """Adds a crew or keeps a changed plan; False (and :attr:`failed`) if refused."""
        if not self._attempt(lambda: self.book.save_crew(crew, plan)):
            return False
        kept = KeptCrew(crew, plan)
        others = [k for k in self.crews if k.crew.id != crew.id]
        self.crews = sorted([*others, kept], key=lambda k: (k.crew.schedule.first, k.crew.name))
        self.crews_changed.emit()
        return True

    def change_plan(self, crew_id: str, change: Callable[[Crew, Plan], Plan]) -> bool:
        """Applies one of :mod:`~clinic_timer.core.plan`'s changes to a crew's plan and keeps it."""
        kept = self.crew(crew_id)
        if kept is None:
            self.failed.emit("That crew is no longer kept.")
            return False
        try:
            plan = change(kept.crew, kept.plan)
        except REFUSALS as error:
            self.failed.emit(_text(error))
            return False
        return plan == kept.plan or self.save_crew(kept.crew, plan)

    def _attempt(self, write: Callable[[], object]) -> bool:
        try:
            write()
        except REFUSALS as error:
            self.failed.emit(_text(error))
            return False
        return True


def _text(error: Exception) -> str:
    """A refusal as one line (a KeyError's message is its first argument, without quotes)."""
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    return str(error)
