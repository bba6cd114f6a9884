"""Launching the app from the command line: prefilled rosters, --start, --demo, and clear refusals."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QCloseEvent

from clinic_timer import paths
from clinic_timer.app import Composition, Rehearsal, build_app
from clinic_timer.core.catalogue import DEFAULT_FORMAT
from clinic_timer.core.clock import FakeClock
from clinic_timer.core.session import State
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.settings import Settings, load_settings, save_settings
from clinic_timer.ui.titles import SharedWindow
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot


def launch(*argv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Runs ``clinic-timer`` in a subprocess, headless, with private directories."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CLINIC_TIMER_CONFIG_DIR": str(tmp_path / "config"),
        "CLINIC_TIMER_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-m", "clinic_timer", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--format", "no-such-format"), "no clinic format called 'no-such-format'"),
        (("--format", "crew-case-clinic", "--bringer", "Ada", "--coach", "ada"), "on the roster twice"),
        (("--format", "crew-case-clinic", "--start"), "--start needs --bringer"),
    ],
)
def test_a_bad_launch_is_one_line_and_exit_2(argv: tuple[str, ...], said: str, tmp_path: Path) -> None:
    """A wrong format or roster ends before any window, in one line, without a traceback."""
    result = launch(*argv, tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert said in lines[0]
    assert "Traceback" not in result.stderr


def namespace(**given: object) -> argparse.Namespace:
    """The arguments ``cli.py`` passes, with its defaults."""
    values: dict[str, object] = {
        "format_name": None,
        "bringer": None,
        "coach": [],
        "start": False,
        "demo": False,
        "speed": 30.0,
    }
    values.update(given)
    return argparse.Namespace(**values)


_BUILT: list[Composition] = []


@pytest.fixture(autouse=True)
def _shut_down_voices() -> Iterator[None]:
    """Stops the speech worker of every app built in a test, as quitting the app would."""
    yield
    while _BUILT:
        parts = _BUILT.pop()
        if parts.voice is not None:
            parts.voice.shutdown()
        if parts.sample is not None:  # --demo's sample crew, as quitting removes it
            parts.sample.close()


def built(qtbot: QtBot, args: argparse.Namespace) -> Composition:
    """Builds the app in this process; the console and the voice are cleaned up after the test."""
    parts = build_app(args)
    qtbot.addWidget(parts.console)
    _BUILT.append(parts)
    return parts


def test_the_roster_from_the_command_line_is_filled_in(qtbot: QtBot) -> None:
    """--format, --bringer and --coach open the console ready to start."""
    parts = built(
        qtbot,
        namespace(format_name="troika-consulting", bringer="Ada", coach=["Ben", "Cy"]),
    )
    panel = parts.console.setup_panel
    assert panel.format_name() == "troika-consulting"
    assert panel.bringer.text() == "Ada"
    assert panel.coach_names() == ["Ben", "Cy"]
    view = parts.controller.view()
    assert view is not None
    assert view.state is State.READY


def test_start_starts_at_once(qtbot: QtBot) -> None:
    """With --start the clinic is running when the console appears."""
    parts = built(
        qtbot,
        namespace(format_name="crew-case-clinic", bringer="Ada", coach=["Ben", "Cy"], start=True),
    )
    view = parts.controller.view()
    assert view is not None
    assert view.state is State.RUNNING
    assert view.speaker == "Ada"


def test_start_without_a_format_runs_the_default_format(qtbot: QtBot) -> None:
    """--start with a roster but no --format starts the default format instead of refusing."""
    parts = built(qtbot, namespace(bringer="Ada", coach=["Ben", "Cy"], start=True))
    assert parts.console.setup_panel.format_name() == DEFAULT_FORMAT
    view = parts.controller.view()
    assert view is not None
    assert view.state is State.RUNNING


def test_demo_runs_a_sped_up_rehearsal_with_sample_names(qtbot: QtBot) -> None:
    """--demo starts at once, with sample names, on a clock running --speed times faster."""
    parts = built(qtbot, namespace(demo=True, speed=120.0))
    assert parts.rehearsal is not None
    view = parts.controller.view()
    assert view is not None
    assert view.state is State.RUNNING
    assert view.speaker == "Robin"
    assert parts.controller.clock.speed == 120.0
    assert parts.rehearsal.hold_ms == 166  # 20 s of clinic time, not 1.5 s real (3 clinic minutes)
    assert "rehearsal" in parts.console.windowTitle()


def test_the_last_format_and_the_windows_places_are_remembered(qtbot: QtBot) -> None:
    """The format picked last time is preselected, and every window's geometry is saved under its old name."""
    save_settings(Settings(last_format="troika-consulting"))
    parts = built(qtbot, namespace())
    assert parts.console.setup_panel.format_name() == "troika-consulting"
    for kind in SharedWindow:
        qtbot.addWidget(parts.windows.open(kind))
    parts.windows.remember()
    save_settings(parts.settings)
    kept = load_settings().settings.geometries
    assert set(kept) == {"console", "share", "mini"}  # the kinds' values: the settings file's names stay


def test_a_corrupt_settings_file_is_shown_in_the_status_line(qtbot: QtBot) -> None:
    """The app starts with defaults and says what happened to the settings."""
    from clinic_timer.ui.settings import settings_path

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json", encoding="utf-8")
    parts = built(qtbot, namespace())
    assert "settings file" in parts.console.statusBar().currentMessage()


def test_a_rehearsal_moves_on_by_itself_after_time_up(qtbot: QtBot) -> None:
    """In demo mode, time up on a phase leads to the next phase without a key press."""
    clock = FakeClock()
    controller = SessionController(clock)
    Rehearsal(controller, hold_ms=0)
    controller.setup(clinic_format(), roster_of("Ada", ("Ben",)))
    controller.toggle_pause()
    clock.advance(20 * 60)
    controller.refresh()

    def moved_on() -> None:
        view = controller.view()
        assert view is not None
        assert view.phase_index == 1

    qtbot.waitUntil(moved_on)


def test_switching_the_flash_reaches_the_shared_windows(qtbot: QtBot) -> None:
    """Turning the flash on in the console makes an open share view pulse at time up."""
    parts = built(qtbot, namespace(format_name="crew-case-clinic", bringer="Ada", coach=["Ben"], start=True))
    from clinic_timer.ui.share_view import ShareView

    share = parts.windows.open(SharedWindow.SHARE)
    assert isinstance(share, ShareView)
    qtbot.addWidget(share)
    clock = FakeClock(start=parts.controller.clock.now())
    parts.controller.clock = clock
    assert parts.controller.clinic is not None
    parts.controller.clinic.session.clock = clock
    clock.advance(20 * 60 + 1)
    parts.controller.refresh()
    assert not share.flashing  # off by default
    parts.console.flash_action.setChecked(True)
    parts.controller.refresh()
    assert share.flashing


def test_closing_the_console_closes_every_other_window(qtbot: QtBot) -> None:
    """The share view and any other window (history, a record viewer) go with the console, so the app ends."""
    from PySide6.QtWidgets import QWidget

    parts = built(qtbot, namespace(format_name="crew-case-clinic", bringer="Ada", coach=["Ben"]))
    share = parts.windows.open(SharedWindow.SHARE)
    assert share is not None
    qtbot.addWidget(share)
    history = QWidget()  # stands for any other top-level window the facilitator opened
    qtbot.addWidget(history)
    history.show()
    parts.console.close()
    qtbot.waitUntil(lambda: not share.isVisible() and not history.isVisible())


def test_closing_mid_clinic_asks_first(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a clinic runs, a person closing the console is asked; no keeps it open; quitting the app is not asked."""
    from clinic_timer.ui.help_dialog import CloseConfirmation

    asked: list[bool] = []

    def refuse(cls: type, parent: object = None) -> bool:
        asked.append(True)
        return False

    monkeypatch.setattr(CloseConfirmation, "ask", classmethod(refuse))
    parts = built(qtbot, namespace(format_name="crew-case-clinic", bringer="Ada", coach=["Ben"], start=True))

    class UserClose(QCloseEvent):
        """A close the person asked for, as the window's close button sends it."""

        def spontaneous(self) -> bool:
            return True

    event = UserClose()
    parts.console.closeEvent(event)
    assert asked == [True]
    assert not event.isAccepted()
    assert parts.console.isVisible()
    assert parts.console.close()  # the app quitting closes it without asking again
    assert asked == [True]


def test_demo_crews_window_shows_the_sample_crew_and_keeps_it_out_of_the_users_store(qtbot: QtBot) -> None:
    """--demo's Crews window shows the sample crew from a temporary store; the user's has no crew."""
    from clinic_timer.store import default_path

    parts = built(qtbot, namespace(demo=True, speed=120.0))
    assert parts.crews is not None
    assert parts.sample is not None
    window = parts.crews.open_window()
    assert window is not None
    qtbot.addWidget(window)
    assert window.crews.model.kept(0).crew.title == "Civics crew"
    assert window.desk.book.store.path.parent == parts.sample.folder
    assert not default_path().exists()
    parts.sample.close()
    assert not parts.sample.folder.exists()


def test_the_set_up_page_offers_this_weeks_crew_meeting_once_the_store_is_open(qtbot: QtBot) -> None:
    """With a crew meeting today in the user's store, the console's set-up page offers it."""
    from datetime import date

    from clinic_timer.store import Store, default_path
    from clinic_timer.store.crews import CrewBook
    from tests.ui.crew_fixtures import add_crew

    with Store.open(default_path()) as store:
        add_crew(CrewBook(store), first=date.today())
    parts = built(qtbot, namespace())
    assert parts.crews is not None
    qtbot.waitUntil(lambda: parts.crews is not None and parts.crews.offer is not None)
    offer = parts.crews.offer
    assert offer is not None
    assert offer.isVisibleTo(parts.console.setup_panel)
    assert offer.choice.itemText(1) == "Civics crew, week 1: intro session"
    assert parts.crews.window is None  # nothing opened that the facilitator did not ask for
    assert parts.notes is not None
    parts.notes.keeper.close()


def test_the_config_folder_the_app_makes_is_owner_only(qtbot: QtBot) -> None:
    """Quitting saves the settings; the config folder it makes is 0700, as the data folder is."""
    import stat

    from clinic_timer import paths

    parts = built(qtbot, namespace())
    old = os.umask(0o022)
    try:
        assert parts.preferences.save()
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.config_dir().stat().st_mode) == 0o700


def test_ctrl_keys_work_from_the_share_view_and_the_mini_timer(qtbot: QtBot) -> None:
    """With the share view in front, Ctrl+2 opens the mini timer; from the mini timer Ctrl+1 brings the share view back."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    parts = built(qtbot, namespace(format_name="crew-case-clinic", bringer="Ada", coach=["Ben"]))
    share = parts.windows.open(SharedWindow.SHARE)
    assert share is not None
    qtbot.addWidget(share)
    share.activateWindow()
    qtbot.waitUntil(share.isActiveWindow)
    QTest.keyClick(share, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    mini = parts.windows.made.get(SharedWindow.MINI)
    assert mini is not None
    qtbot.addWidget(mini)
    assert mini.isVisible()
    share.hide()
    mini.activateWindow()
    qtbot.waitUntil(mini.isActiveWindow)
    QTest.keyClick(mini, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(share.isVisible)
    before = QApplication.font().pointSizeF()
    share.activateWindow()
    qtbot.waitUntil(share.isActiveWindow)
    QTest.keyClick(share, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert parts.settings.text_scale > 1.0
    assert QApplication.font().pointSizeF() > before
    QTest.keyClick(share, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # as it was, for later tests
    assert parts.settings.text_scale == 1.0


def test_the_bringer_of_a_format_with_no_case_is_its_host(qtbot: QtBot) -> None:
    """--format crew-landing --bringer Olu: Olu hosts (the command line still takes names)."""
    parts = built(qtbot, namespace(format_name="crew-landing", bringer="Olu", coach=["Ben", "Cy"]))
    clinic = parts.controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session.roster.host is not None
    assert (session.roster.host.name, session.roster.bringer) == ("Olu", None)
    assert parts.console.setup_panel.bringer_label.text() == "Host"


def test_every_start_up_problem_names_its_file_and_stays_readable_in_help(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO settings file and a too-big format: the status names the first file; Help lists both, whole."""
    from clinic_timer import paths
    from clinic_timer.ui.help_dialog import ProblemsBox

    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    os.mkfifo(config / "settings.json")
    sessions = paths.user_formats_dir()
    assert sessions is not None
    sessions.mkdir(parents=True, exist_ok=True)
    (sessions / "huge.toml").write_text('[format]\ntitle = "' + "x" * 300_000 + '"\n')
    shown: list[str] = []
    monkeypatch.setattr(ProblemsBox, "show_all", classmethod(lambda cls, text, parent: shown.append(text)))
    parts = built(qtbot, namespace())
    status = parts.console.statusBar().currentMessage()
    assert str(config / "settings.json") in status
    assert "1 of 2" in status
    action = next(a for a in parts.console.help_menu.actions() if a.text() == "Problems at start-up…")
    action.trigger()
    assert str(config / "settings.json") in shown[0]
    assert str(sessions / "huge.toml") in shown[0]


def test_a_name_longer_than_any_screen_is_refused_before_any_window() -> None:
    """--bringer with 5,000 characters is one line naming the limit, not a roster the share view must shrink."""
    from clinic_timer.app import LaunchError, plan_launch
    from clinic_timer.core.catalogue import load_catalogue

    catalogue = load_catalogue(paths.shipped("sessions"), None)
    with pytest.raises(LaunchError, match="at most 100 characters"):
        plan_launch(namespace(format_name="crew-case-clinic", bringer="A" * 5000, coach=["Ben"]), catalogue)
