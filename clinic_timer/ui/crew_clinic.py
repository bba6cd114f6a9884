"""The crew and week the clinic belongs to: set up from the plan, recorded in the plan when it ends.

The set-up page does not know crews, and each edit there sets the clinic up
again (with no crew), so this object keeps the week chosen for the next
clinic and, at its start, writes the crew and week into the clinic in
progress (:class:`~clinic_timer.core.clinic.Clinic`), which owns them from
then on; the end is read from the controller's cues.

- :meth:`CrewClinic.choose` fills the set-up page with the week's format and
  roster (host or bringer, coaches in this week's order) and sets the nudge
  rotation to the crew's week; the facilitator can still change anything.
- When that clinic ends, the week is held with who was away and the
  clinic's record; a landing then asks how the crew ended, and carrying on
  extends the plan.
- During a landing's turns at one's own case, :attr:`recall_changed` carries
  what that person brought (title, help wanted, non-private takeaways), and
  :attr:`share_title_changed` the case title, only if the facilitator
  switched that on for the crew.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from clinic_timer.core.case_recall import CaseRecall, recall_text, recalls
from clinic_timer.core.crew_week import REVISIT_PHASES, WeekClinic, held, offers
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.people import Standing
from clinic_timer.core.plan import Ending, end
from clinic_timer.core.record import ArchiveError
from clinic_timer.core.roster import identity
from clinic_timer.core.session import SessionView, State
from clinic_timer.store import StoreError
from clinic_timer.ui.ending_dialog import EndingQuestion

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.record import SessionRecord
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.crew_desk import CrewDesk
    from clinic_timer.ui.setup_panel import SetupPanel


class CrewClinic(QObject):
    """Which crew week the clinic is, and what its end changes in the plan.

    Args:
        controller: the clinic.
        setup_panel: filled in when a week is chosen.
        desk: the crews as kept.
        record_id: the id of the record being kept for the clinic now (None when not saving).
        shares_title: whether the facilitator lets the share view show case titles for a crew id.
    """

    week_changed = Signal(object)  # the WeekClinic chosen for the next clinic, or None
    week_held = Signal(object)  # the WeekClinic just held (its plan is saved)
    recall_changed = Signal(str)  # the console's lines about the speaker's own case, or "" for none
    share_title_changed = Signal(str)  # the case title the share view may show now, or ""
    said = Signal(str)  # a line for the console's status bar: what the clinic's end did to the plan

    def __init__(
        self,
        controller: SessionController,
        setup_panel: SetupPanel,
        desk: CrewDesk,
        record_id: Callable[[], str | None],
        shares_title: Callable[[str], bool],
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.setup_panel = setup_panel
        self.desk = desk
        self.record_id = record_id
        self.shares_title = shares_title
        self.week: WeekClinic | None = None
        self._running: WeekClinic | None = None  # the week of the clinic started, fixed at its start
        self._cases: dict[str, list[CaseRecall]] = {}
        self._recalled: tuple[str, str] = ("", "")
        controller.cue_fired.connect(self._on_controller_cue_fired)
        controller.view_changed.connect(self._on_controller_view_changed)

    def offers(self) -> list[WeekClinic]:
        """The crews' meetings today or coming up, soonest first."""
        return offers(((k.crew, k.plan) for k in self.desk.crews), self.desk.today(), self.desk.names)

    def choose(self, week: WeekClinic | None) -> None:
        """Sets up the next clinic as this crew week (None: a clinic of no crew)."""
        self.week = week
        if week is not None:
            self.controller.set_rotation(week.rotation)
            members = [identity(p) for p in self.desk.people if p.id in week.members]  # the names are them
            self.setup_panel.prefill(week.format_name, week.host_name, week.coach_names, known=members)
        else:
            self.controller.set_rotation(self._held_count())  # the app's own rule for a clinic of no crew
        self.week_changed.emit(week)

    def _held_count(self) -> int:
        try:
            return self.desk.book.store.held_count()
        except StoreError:
            return 0

    # -- slots ---------------------------------------------------------------------

    def _on_controller_cue_fired(self, cue: Cue) -> None:
        if cue.kind is CueKind.SESSION_STARTED:
            self._running = self.week
            clinic = self.controller.clinic
            if clinic is not None and self._running is not None:  # the clinic in progress owns its slot
                clinic.crew_id, clinic.week = self._running.crew_id, self._running.number
            self._cases = self._read_cases(self._running) if self._running and self._running.landing else {}
        elif cue.kind is CueKind.SESSION_ENDED and self._running is not None:
            week, self._running = self._running, None
            # Not inside the cue, and after the notes keeper has made the clinic's last record
            # (its own urgent save is queued first), so the week links to that record.
            QTimer.singleShot(0, lambda: self._hold(week))

    def _on_controller_view_changed(self, view: SessionView) -> None:
        recall, title = "", ""
        week = self._running
        if week is not None and week.landing and view.state in (State.RUNNING, State.PAUSED):
            phase = view.phase.name
            person = view.speaker_id if phase in REVISIT_PHASES else None
            if person is not None and person in week.members:
                cases = self._cases.get(person, [])
                recall = recall_text(view.speaker or "", cases)
                if cases and self.shares_title(week.crew_id):
                    title = "; ".join(c.title for c in cases if c.title)
        if (recall, title) != self._recalled:
            self._recalled = (recall, title)
            self.recall_changed.emit(recall)
            self.share_title_changed.emit(title)

    # -- what the end records --------------------------------------------------------

    def _hold(self, week: WeekClinic) -> None:
        clinic = self.controller.clinic
        session = clinic.session if clinic is not None else None
        absent = sorted(session.absent) if session is not None else []
        record_id = self.record_id()
        if self.desk.change_plan(
            week.crew_id, lambda crew, plan: held(crew, plan, week, record_id=record_id, absent=absent)
        ):
            shown = [session.roster.name_of(a) for a in absent] if session is not None else []
            away = f", {', '.join(shown)} away" if shown else ", everyone there"
            self.said.emit(f"{week.title}: held{away}. Its notes belong to the crew's week.")
            self.week_held.emit(week)
        if week.landing:
            self._ask_ending(week)
        if self.week == week:
            self.choose(None)

    def _ask_ending(self, week: WeekClinic) -> None:
        kept = self.desk.crew(week.crew_id)
        if kept is None:
            return
        answer = EndingQuestion.ask(kept.crew.title, self.setup_panel.window())
        if answer is None:
            return
        ending, weeks = answer
        if not self.desk.change_plan(week.crew_id, lambda crew, plan: end(crew, plan, ending, weeks)):
            return
        if ending is Ending.TIME_BOUNDED:
            running = {m for k in self.desk.crews if k.plan.ending is None for m in k.crew.members}
            for person in self.desk.people:
                if (
                    person.id in kept.crew.members
                    and person.id not in running
                    and person.standing is Standing.IN_A_CREW
                ):
                    self.desk.save_person(person.with_changes(standing=Standing.CREWED_BEFORE))
            self.said.emit(f"The {kept.crew.title} has landed: a time-bounded ending.")
        else:
            self.said.emit(
                f"The {kept.crew.title} carries on: {weeks} more weeks planned, leadership rotating."
            )

    def _read_cases(self, week: WeekClinic) -> dict[str, list[CaseRecall]]:
        kept = self.desk.crew(week.crew_id)
        if kept is None:
            return {}
        store = self.desk.book.store

        def load(record_id: str) -> SessionRecord | None:
            try:
                return store.load(record_id)
            except (StoreError, ArchiveError, KeyError):
                return None

        return recalls(kept.crew, kept.plan, load)
