"""The composition root: builds the app's objects, wires them, and runs the event loop.

Nothing here has clinic logic. It checks the command line (a bad format or
roster ends in one line and exit code 2, before any window opens), loads
the settings and formats, picks the clock (the real one, or a sped-up one
for ``--demo``), and puts the controller, the console and the shared
windows together. The share view and the mini timer are created the first
time they are asked for, so they cost nothing at launch.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clinic_timer import paths
from clinic_timer.cli import EXIT_INVALID
from clinic_timer.core.catalogue import DEFAULT_FORMAT, Catalogue, load_catalogue
from clinic_timer.core.clock import MonotonicClock, ScaledClock
from clinic_timer.core.cues import Cue, CueKind
from clinic_timer.core.people import name_problem
from clinic_timer.core.roster import Roster, RosterError
from clinic_timer.core.session import State
from clinic_timer.ui.app_icon import set_app_icon
from clinic_timer.ui.console import Console
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.event_loop import after_first_paint, collect_garbage_here, quit_on_interrupt
from clinic_timer.ui.notes_database import NotesDatabase
from clinic_timer.ui.preferences import Preferences
from clinic_timer.ui.quitting import EXIT_LOST, QuitGuard
from clinic_timer.ui.settings import Settings, load_settings
from clinic_timer.ui.shortcuts import install_shortcuts
from clinic_timer.ui.theme import Theme, apply_theme
from clinic_timer.ui.titles import SharedWindow

if TYPE_CHECKING:
    import argparse

    from clinic_timer.core.clock import Clock
    from clinic_timer.core.people import Person
    from clinic_timer.crew_demo import SampleCrew
    from clinic_timer.store import Store
    from clinic_timer.ui.clinic_voice import ClinicVoice
    from clinic_timer.ui.crews_menu import CrewsMenu
    from clinic_timer.ui.mini_timer import MiniTimer
    from clinic_timer.ui.notes_menu import Notes
    from clinic_timer.ui.share_view import ShareView

log = logging.getLogger(__name__)

SAMPLE_BRINGER = "Robin"
SAMPLE_COACHES = ("Sam", "Alex", "Kim")
DEMO_TIME_UP_HOLD_MS = 1500  # how long a rehearsal shows "time up" before moving on
DEMO_MAX_OVERTIME_S = 20.0  # ... but never more than this much clinic time
PROBLEM_SHOW_MS = 20000


class LaunchError(ValueError):
    """The command line asks for something that cannot be opened; the message says what."""


@dataclass(frozen=True)
class LaunchPlan:
    """What the command line asked the app to open with, already checked."""

    format_name: str | None
    bringer: str | None
    coaches: tuple[str, ...]
    start: bool
    demo: bool
    speed: float
    crew_meeting: str | None = None  # "Civics crew, week 2: case clinic (Ben brings a case)" for --crew
    known: tuple[Person, ...] = ()  # who the names are, for --crew: the crew's members, by id
    crew_week: tuple[str, int] | None = None  # for --crew: the crew's id and the week, to tie the clinic to


def plan_launch(args: argparse.Namespace, catalogue: Catalogue) -> LaunchPlan:
    """Checks ``--format``, ``--bringer``, ``--coach``, ``--crew``, ``--start`` and ``--demo`` together.

    Raises:
        LaunchError: an unknown format, or a roster the format cannot run with.
    """
    demo = bool(getattr(args, "demo", False))
    name: str | None = getattr(args, "format_name", None)
    bringer: str | None = getattr(args, "bringer", None)
    coaches = tuple(getattr(args, "coach", None) or ())
    crew: str | None = getattr(args, "crew", None)
    if crew:
        if name or bringer or coaches or demo:
            raise LaunchError(
                "--crew fills in the format and roster; leave out --format, --bringer, --coach, --demo"
            )
        from clinic_timer.crew_launch import CrewLaunchError, next_clinic

        try:
            clinic = next_clinic(crew)
        except CrewLaunchError as error:
            raise LaunchError(str(error)) from None
        name, bringer, coaches = clinic.format_name, clinic.bringer, clinic.coaches
        known: tuple[Person, ...] = clinic.people
        meeting: str | None = clinic.title
        crew_week: tuple[str, int] | None = (clinic.crew_id, clinic.week)
    else:
        meeting = None
        known = ()
        crew_week = None
    start = bool(getattr(args, "start", False)) or demo
    if start:  # a clinic that starts at once runs the default format unless told otherwise
        name = name or DEFAULT_FORMAT
    if demo:
        bringer = bringer or SAMPLE_BRINGER
        coaches = coaches or SAMPLE_COACHES
    fmt = None
    if name is not None:
        try:
            fmt = catalogue.get(name)
        except KeyError as error:
            raise LaunchError(str(error.args[0])) from None
    for given in (bringer, *coaches):
        if given is not None and (problem := name_problem(given)):
            raise LaunchError(f"cannot run this roster: {problem}")
    if bringer is not None and coaches:
        try:
            roster = Roster.made(bringer, coaches, hosted=fmt is not None and fmt.hosted, known=known)
            if fmt is not None:
                roster.check_fits(fmt)
        except RosterError as error:
            raise LaunchError(f"cannot run this roster: {error}") from None
    elif start:
        raise LaunchError("--start needs --bringer NAME and at least one --coach NAME")
    return LaunchPlan(
        name, bringer, coaches, start, demo, float(getattr(args, "speed", 1.0)), meeting, known, crew_week
    )


class Rehearsal(QObject):
    """``--demo``: moves on by itself a moment after each time up, so the whole flow plays out.

    Args:
        controller: the clinic being rehearsed.
        hold_ms: real milliseconds "time up" stays on screen first.
    """

    def __init__(self, controller: SessionController, hold_ms: int = DEMO_TIME_UP_HOLD_MS) -> None:
        super().__init__(controller)
        self.controller = controller
        # At high speeds a fixed real-time hold would be many clinic minutes of
        # overtime; it never holds longer than DEMO_MAX_OVERTIME_S of clinic time.
        self.hold_ms = int(min(hold_ms, 1000 * DEMO_MAX_OVERTIME_S / controller.clock.speed))
        controller.cue_fired.connect(self._on_controller_cue_fired)

    def _on_controller_cue_fired(self, cue: Cue) -> None:
        if cue.kind is CueKind.TIME_UP:
            # Never from inside the cue: the session is still ticking.
            QTimer.singleShot(self.hold_ms, lambda slot=cue.slot: self._move_on(slot))

    def _move_on(self, slot: int | None) -> None:
        view = self.controller.view()
        if view is not None and view.state is State.RUNNING and view.slot == slot:
            self.controller.next()


class Windows(QObject):
    """The console and the two shared windows, created on demand and remembered on quit.

    Args:
        console: the facilitator's window; the others get its key actions.
        settings: where each window's place is kept.
    """

    def __init__(self, console: Console, settings: Settings) -> None:
        super().__init__(console)
        self.console = console
        self.settings = settings
        self.made: dict[SharedWindow, ShareView | MiniTimer] = {}
        self.share: ShareView | None = None
        self.case_title = ""  # what the share view shows beside the speaker in a crew's landing, if anything
        console.window_requested.connect(self._on_console_window_requested)
        console.flash_changed.connect(self._on_console_flash_changed)

    def open(self, kind: SharedWindow) -> QWidget:
        """Shows the share view or the mini timer, making it once."""
        window = self.made.get(kind) or self._make(kind)
        window.addActions(self.console.shared_actions())  # Ctrl+1, Ctrl+Q... from this window too
        window.show()
        window.raise_()
        return window

    def set_case_title(self, title: str) -> None:
        """The speaker's case title for the share view ("" for none), now and when it is made later."""
        self.case_title = title
        if self.share is not None:
            self.share.set_case_title(title)

    def remember(self) -> None:
        """Writes every window's geometry into the settings."""
        self.settings.geometries["console"] = self.console.geometry_text()
        for kind, window in self.made.items():
            self.settings.geometries[kind.value] = bytes(window.saveGeometry().toBase64().data()).decode(
                "ascii"
            )

    def _make(self, kind: SharedWindow) -> ShareView | MiniTimer:
        controller = self.console.controller
        window: ShareView | MiniTimer
        if kind is SharedWindow.SHARE:
            from clinic_timer.ui.share_view import ShareView

            window = self.share = ShareView(controller)
            window.set_case_title(self.case_title)
        else:
            from clinic_timer.ui.mini_timer import MiniTimer

            window = MiniTimer(controller)
        window.set_flash(self.settings.flash)
        install_shortcuts(window, self.console.key_actions)
        encoded = self.settings.geometries.get(kind.value)
        if encoded:
            window.restoreGeometry(QByteArray.fromBase64(encoded.encode("ascii")))
        self.made[kind] = window
        return window

    def _on_console_window_requested(self, kind: SharedWindow) -> None:
        self.open(kind)

    def _on_console_flash_changed(self, flash: bool) -> None:
        for window in self.made.values():
            window.set_flash(flash)


@dataclass
class Composition:
    """Everything :func:`build_app` made, for :func:`run_app` and for tests."""

    app: QApplication
    settings: Settings
    controller: SessionController
    console: Console
    windows: Windows
    rehearsal: Rehearsal | None
    database: NotesDatabase
    preferences: Preferences
    notes: Notes | None = None
    voice: ClinicVoice | None = None
    crews: CrewsMenu | None = None
    sample: SampleCrew | None = None  # --demo's sample crew, in a temporary store
    guard: QuitGuard | None = None


def build_app(
    args: argparse.Namespace, catalogue: Catalogue | None = None, *, staged: bool = False
) -> Composition:
    """Builds and shows the app as the command line asks, without running the event loop.

    Args:
        args: the parsed command line.
        catalogue: the formats, if already loaded.
        staged: show the console first and attach the notes and the voice
            (and start a ``--start`` clinic) once it has painted, so the
            window is up before the store, exports and speech are imported.
            The app runs staged; tests build everything at once.

    Raises:
        LaunchError: the command line asks for something that cannot be opened.
    """
    catalogue = catalogue or load_catalogue(paths.shipped("sessions"), paths.user_formats_dir())
    plan = plan_launch(args, catalogue)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("clinic-timer")
    set_app_icon(app)
    loaded = load_settings()
    settings = loaded.settings
    themes = _apply_appearance(app, settings)
    clock: Clock = ScaledClock(MonotonicClock(), plan.speed) if plan.demo else MonotonicClock()
    controller = SessionController(clock)
    preferences = Preferences(settings, controller)
    console = Console(controller, catalogue, settings, themes=themes)
    console.restore_geometry(settings.geometries.get("console"))
    windows = Windows(console, settings)
    preferences.before_save.append(windows.remember)
    console.view_menu.addActions(preferences.actions())
    database = NotesDatabase(parent=app)  # the user's notes; opened once the console shows
    console.appearance_changed.connect(lambda: _apply_appearance(app, settings))
    problems = [str(p) for p in catalogue.problems]
    if loaded.problem:
        problems.insert(0, loaded.problem)
    if problems:
        for problem in problems:  # the terminal keeps them, each whole, after the status line has gone
            log.warning("%s", problem)
        console.show_problems(problems, PROBLEM_SHOW_MS)
    console.setup_panel.prefill(
        plan.format_name or settings.last_format or None, plan.bringer, plan.coaches, known=plan.known
    )
    if plan.demo:
        console.setWindowTitle(f"{console.windowTitle()} (rehearsal at {plan.speed:g}x)")
    if plan.crew_meeting:
        console.setWindowTitle(f"{console.windowTitle()}: {plan.crew_meeting}")
    console.show()
    rehearsal = Rehearsal(controller) if plan.demo else None
    parts = Composition(app, settings, controller, console, windows, rehearsal, database, preferences)
    parts.guard = QuitGuard(app, lambda: parts.notes.keeper if parts.notes else None, console)
    console.closing.connect(close_everything)

    def finish() -> None:
        from clinic_timer.ui.clinic_voice import attach_voice
        from clinic_timer.ui.crews_menu import attach_crews_to_app
        from clinic_timer.ui.notes_menu import NotesMenu, attach_notes

        console.run_panel  # noqa: B018 - built now, while nobody can have pressed Start yet
        # Every holder of the database is handed this one; it opens once the console shows.
        database.opened.connect(lambda store: _on_database_opened(controller, store))
        parts.notes = attach_notes(console, catalogue, database, keep=not plan.demo)
        app.aboutToQuit.connect(database.close)  # after the keeper's last write (it connected first)
        console.add_menu(NotesMenu.TITLE, parts.notes.menu.actions())
        parts.voice = attach_voice(console, preferences)  # the speech worker starts in the background
        parts.crews = attach_crews_to_app(parts, catalogue, demo=plan.demo, week=plan.crew_week)
        if plan.start and plan.crew_week is not None:
            # The crew week is chosen once the crews are read (after the store opens): start after that,
            # so the clinic belongs to its week from its first second.
            parts.crews.desk_ready.connect(
                lambda _desk: controller.toggle_pause(), Qt.ConnectionType.QueuedConnection
            )
        elif plan.start:
            controller.toggle_pause()

    if staged:
        after_first_paint(console, finish)
    else:
        finish()
    return parts


def run_app(args: argparse.Namespace) -> int:
    """Runs the app until the console closes; 2 for a command line that cannot be opened."""
    catalogue = load_catalogue(paths.shipped("sessions"), paths.user_formats_dir())
    try:
        parts = build_app(args, catalogue, staged=True)
    except LaunchError as error:
        print(f"clinic-timer: {error}", file=sys.stderr)  # noqa: T201 - the command line's voice
        return EXIT_INVALID
    parts.app.aboutToQuit.connect(parts.preferences.save)
    collect_garbage_here(parts.app)  # before the autosave and speech threads exist
    assert parts.guard is not None
    quit_on_interrupt(parts.app, parts.guard.interrupt)
    parts.app.commitDataRequest.connect(parts.guard.session_ending)
    code = int(parts.app.exec())
    return EXIT_LOST if _notes_lost(parts) else code


def _notes_lost(parts: Composition) -> bool:
    """Whether the app ended without notes it could not keep; if so, the terminal is told why."""
    keeper = parts.notes.keeper if parts.notes is not None else None
    guard = parts.guard
    if guard is not None and guard.exported:
        return False  # kept elsewhere, and the terminal was told where
    if guard is not None and guard.lost:
        return True  # the facilitator chose to lose them, having been told
    if keeper is not None and keeper.lost_at_close:
        reason = keeper.last_error or "they could not be written"
        print(f"clinic-timer: notes were not saved: {reason}", file=sys.stderr)  # noqa: T201
        return True
    return False


def close_everything() -> None:
    """The app ends with the console: every other window (share, mini, history, viewers) closes too."""
    QTimer.singleShot(0, QApplication.closeAllWindows)


def _on_database_opened(controller: SessionController, store: Store) -> None:
    """A weekly crew reads new nudge lines: the clinics held so far pick the next wording."""
    from clinic_timer.store import StoreError

    with contextlib.suppress(StoreError):
        controller.set_rotation(store.held_count())


def _apply_appearance(app: QApplication, settings: Settings) -> list[str]:
    """Applies the theme and text size; returns the theme names on offer (none without themes)."""
    try:
        theme = Theme(settings.theme)
    except ValueError:
        theme = Theme.LIGHT
    apply_theme(app, theme, settings.text_scale)
    return [t.value for t in Theme]
