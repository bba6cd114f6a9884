"""The console driven like a facilitator would: set-up, a whole clinic by buttons, and the edges."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QMenu

from clinic_timer.core.session import State, Status
from clinic_timer.core.times import countdown
from clinic_timer.ui import titles
from clinic_timer.ui.console import RUN_PAGE, SETUP_PAGE
from clinic_timer.ui.help_dialog import (
    SHARING_GUIDE,
    AboutBox,
    CloseConfirmation,
    EndConfirmation,
    KeysDialog,
    SharingGuide,
    about_text,
)
from clinic_timer.ui.run_panel import RunPanel
from tests.core.cast import pid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.session import SessionView
    from clinic_timer.ui.console import Console

MIN = 60.0


def view_of(console: Console) -> SessionView:
    """The controller's current view (there always is one once the console is set up)."""
    view = console.controller.view()
    assert view is not None
    return view


def click(console: Console, name: str) -> None:
    """Clicks one of the run panel's buttons by action name."""
    console.run_panel.buttons[name].click()


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """A table cell's text; the cell must exist."""
    item = table.item(row, column)
    assert item is not None
    return item.text()


def advance(console: Console, clock: FakeClock, seconds: float) -> None:
    """Moves the fake clock and lets the controller publish what that means."""
    clock.advance(seconds)
    console.controller.refresh()


def test_run_panel_is_built_at_the_first_start_and_shows_the_clinic_at_once(
    console: Console, fake_clock: FakeClock
) -> None:
    """The console shows without its run panel; starting builds it already showing the running clock."""
    assert console.findChildren(RunPanel) == []
    console.setup_panel.start_button.click()
    assert console.pages.currentIndex() == RUN_PAGE
    (panel,) = console.findChildren(RunPanel)
    view = view_of(console)
    assert panel.isVisible()
    assert panel.clock.text() == countdown(view.remaining_s)
    assert panel.speaker.text() == f"Speaking: {view.speaker}"
    assert console.run_panel is panel


def test_a_whole_clinic_by_buttons(
    console: Console, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start, overtime, skip a coach and come back to them, go back, and end early."""
    panel = console.run_panel
    console.setup_panel.start_button.click()
    assert console.pages.currentIndex() == RUN_PAGE
    assert panel.speaker.text() == "Speaking: Ada"
    assert panel.clock.text() == "20:00"

    advance(console, fake_clock, 18.5 * MIN)
    assert panel.status.text() == "▲ Under 2 min"
    assert console.run_panel.face.property("status") == "warning"
    advance(console, fake_clock, 1.0 * MIN)
    assert panel.status.text() == "▲ Under 1 min"  # the badge counts down within the warning
    advance(console, fake_clock, 1.5 * MIN)
    assert view_of(console).status is Status.OVERTIME
    assert panel.clock.text() == "+1:00"
    assert panel.status.text() == "+ Overtime"
    assert panel.session_clock.text() == "21 of 90 min: heading for 91 min, 1 over"

    click(console, "next")
    assert panel.phase_title.text() == "Phase 2 of 4 · Reflections · turn 1 of 3"
    assert panel.speaker.text() == "Speaking: Ben"
    click(console, "skip")  # Ben passes for now
    assert panel.speaker.text() == "Speaking: Cy"
    click(console, "next")
    assert panel.speaker.text() == "Speaking: Dee"
    assert panel.next_speaker.text() == "Next: Ben"
    click(console, "next")
    assert panel.speaker.text() == "Speaking: Ben"  # back before the phase ends
    click(console, "next")
    assert panel.phase_title.text() == "Phase 3 of 4 · Bringer's response"
    click(console, "back")  # into the last turn of the reflections (in speaking order)
    assert panel.phase_title.text() == "Phase 2 of 4 · Reflections · turn 3 of 3"
    click(console, "add-minute")
    assert panel.clock.text() == "6:00"
    click(console, "remove-minute")
    click(console, "remove-minute")
    assert panel.clock.text() == "4:00"
    click(console, "next")

    monkeypatch.setattr(EndConfirmation, "ask", classmethod(lambda cls, parent=None: True))
    click(console, "end")
    assert view_of(console).state is State.FINISHED
    assert panel.status.text() == "✓ Finished"
    rows = _phase_rows(console)
    assert all(item.startswith("✓") for item in rows[:3])  # ended early in the bringer's response
    assert rows[3] == "– Generative dialogue · 45 min (did not run)"
    assert panel.clock.text() == "Done"
    assert panel.session_clock.text().startswith("Took ")
    assert console.new_clinic_button.isVisible()
    assert not panel.buttons["next"].isEnabled()

    console.new_clinic_button.click()
    assert console.pages.currentIndex() == SETUP_PAGE
    assert view_of(console).state is State.READY


def test_declining_the_confirmation_keeps_the_clinic_running(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End asks first; saying no changes nothing."""
    asked: list[bool] = []

    def no(cls: type[EndConfirmation], parent: object = None) -> bool:
        asked.append(True)
        return False

    monkeypatch.setattr(EndConfirmation, "ask", classmethod(no))
    console.setup_panel.start_button.click()
    click(console, "end")
    assert asked == [True]
    assert view_of(console).state is State.RUNNING


def test_a_refused_command_is_explained_in_the_status_bar(console: Console) -> None:
    """Skipping a coach during the monologue is refused, in words."""
    console.setup_panel.start_button.click()
    console.controller.pass_turn()
    assert "no coach turns" in console.statusBar().currentMessage()


def test_the_clock_flashes_only_when_asked_and_only_at_time_up(
    console: Console, fake_clock: FakeClock
) -> None:
    """With flash on, the face alternates in overtime; with it off, it never does."""
    console.flash_action.setChecked(True)
    console.setup_panel.start_button.click()
    states = set()
    advance(console, fake_clock, 20 * MIN + 20)
    for _ in range(2):
        advance(console, fake_clock, 1)
        states.add(console.run_panel.face.property("flash"))
    assert states == {"true", "false"}
    console.flash_action.setChecked(False)
    advance(console, fake_clock, 1)
    advance(console, fake_clock, 1)
    assert console.run_panel.face.property("flash") == "false"
    assert console.settings.flash is False


def test_the_keys_dialog_has_a_row_per_action(qtbot: QtBot, console: Console) -> None:
    """Every action appears with its key in the F1 table."""
    dialog = KeysDialog(console.key_actions)
    qtbot.addWidget(dialog)
    keys = [cell_text(dialog.table, row, 0) for row in range(dialog.table.rowCount())]
    assert "N or →" in keys
    assert "F1" in keys


def test_text_size_steps_are_kept_in_the_settings(console: Console) -> None:
    """Larger text raises the remembered scale and asks the app to restyle."""
    with_signal: list[bool] = []
    console.appearance_changed.connect(lambda: with_signal.append(True))
    console._on_larger_action_triggered()
    assert console.settings.text_scale == pytest.approx(1.1)
    assert with_signal == [True]


def test_the_notes_area_is_a_slot_that_can_be_replaced(qtbot: QtBot, console: Console) -> None:
    """The notes editor takes the placeholder's place in the layout."""
    from PySide6.QtWidgets import QPlainTextEdit

    editor = QPlainTextEdit()
    console.set_notes_widget(editor)
    assert console.notes_area is editor
    assert console.splitter.indexOf(editor) == 1


def _phase_rows(console: Console) -> list[str]:
    phase_list = console.run_panel.phase_list
    return [phase_list.item(i).text() for i in range(phase_list.count())]


def test_next_from_the_last_phase_asks_before_ending(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """N in the generative dialogue would end the clinic, so it asks; saying no keeps it running."""
    answers = [False, True]
    asked: list[bool] = []

    def answer(cls: type[EndConfirmation], parent: object = None) -> bool:
        asked.append(True)
        return answers.pop(0)

    console.setup_panel.start_button.click()
    for _ in range(5):  # monologue, three reflections, the bringer's response
        click(console, "next")
    assert view_of(console).phase.name == "Generative dialogue"
    assert asked == []
    monkeypatch.setattr(EndConfirmation, "ask", classmethod(answer))
    click(console, "next")
    assert view_of(console).state is State.RUNNING
    click(console, "next")
    assert view_of(console).state is State.FINISHED
    assert asked == [True, True]


def test_after_the_end_the_console_says_done_and_its_nudges_are_off(console: Console) -> None:
    """Finished: the header no longer names a phase, the nudge buttons are disabled, Space says why."""
    console.setup_panel.start_button.click()
    click(console, "nudge-advice")
    console.controller.end()
    panel = console.run_panel
    assert panel.clock.text() == "Done"
    assert "Phase" not in panel.phase_title.text()
    assert panel.phase_title.text() == "The clinic is complete"
    assert panel.speaker.text() == ""
    assert panel.nudge.text() == ""
    assert [n for n, b in panel.buttons.items() if n.startswith("nudge-") and b.isEnabled()] == []
    console.controller.toggle_pause()
    message = console.statusBar().currentMessage()
    assert message.startswith("The clinic is complete.")
    assert not message.endswith("..")


def test_the_coach_list_marks_only_the_coach_who_speaks(console: Console, qtbot: QtBot) -> None:
    """Ada's monologue marks no coach (even with the list focused); then Ben, then Cy after Ben passes."""
    panel = console.run_panel
    console.setup_panel.start_button.click()
    panel.coach_list.setFocus()  # as a click on the list would (it is how keys come back)
    qtbot.waitUntil(panel.coach_list.hasFocus)
    console.controller.toggle_pause()  # any redraw of the list
    console.controller.toggle_pause()
    assert panel.coach_list.selectedItems() == []
    assert panel.coach_list.currentRow() == -1, "no row is current, so none has a focus frame"
    assert panel.roster.speaking() == ""
    click(console, "next")
    assert panel.roster.speaking() == pid("Ben")
    panel.coach_list.setCurrentRow(0)  # the facilitator picks Ben, then he passes
    click(console, "skip")
    assert panel.roster.speaking() == pid("Cy")
    assert panel.coach_list.selectedItems() == [], "the pick does not stay on the coach who passed"


def test_a_status_message_does_not_move_the_panels(qtbot: QtBot, console: Console) -> None:
    """The status bar is there from the start, so the first message shifts nothing."""
    before = console.splitter.geometry()
    console.show_message("Set up a clinic first.")
    qtbot.waitUntil(lambda: console.statusBar().isVisible())
    QApplication.processEvents()
    assert console.splitter.geometry() == before


def test_the_menus_offer_quit_about_and_how_to_share(
    qtbot: QtBot, console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Quit (Ctrl+Q) closes the console; Help has About and the sharing guide, naming the window to pick."""
    menus = {a.text(): m for a in console.menuBar().actions() if isinstance(m := a.menu(), QMenu)}
    assert next(iter(menus)) == "&File"
    quit_action = next(a for a in menus["&File"].actions() if a.text() == "Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    helps = [a.text() for a in menus["&Help"].actions()]
    assert "About clinic-timer" in helps
    assert "Sharing the share view on a call…" in helps
    for app_name in ("Zoom", "Meet", "Jitsi", titles.title(titles.SHARE_VIEW)):
        assert app_name in SHARING_GUIDE
    shown: list[str] = []
    monkeypatch.setattr(SharingGuide, "show_guide", classmethod(lambda cls, parent=None: shown.append("g")))
    monkeypatch.setattr(AboutBox, "show_about", classmethod(lambda cls, parent=None: shown.append("a")))
    console.show_sharing()
    console.show_about()
    assert shown == ["g", "a"]
    assert "clinic-timer" in about_text()
    quit_action.trigger()
    qtbot.waitUntil(lambda: not console.isVisible())


def test_quit_mid_clinic_asks_first(console: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+Q while a clinic runs is a close the person asked for: it asks, and no keeps the console."""
    asked: list[bool] = []
    monkeypatch.setattr(CloseConfirmation, "ask", classmethod(lambda cls, parent=None: asked.append(True)))
    console.setup_panel.start_button.click()
    console.quit_app()
    assert asked == [True]
    assert console.isVisible()


def test_every_window_title_names_the_window_the_same_way(console: Console) -> None:
    """ "clinic-timer — Console", and the same form for the share view, the mini timer and the dialogs."""
    from clinic_timer.ui.mini_timer import MiniTimer
    from clinic_timer.ui.share_view import ShareView

    share, mini = ShareView(console.controller), MiniTimer(console.controller)
    keys = KeysDialog(console.key_actions)
    try:
        assert console.windowTitle() == "clinic-timer — Console"
        assert share.windowTitle() == "clinic-timer — Share view"
        assert mini.windowTitle() == "clinic-timer — Mini timer"
        assert keys.windowTitle() == "clinic-timer — Keyboard shortcuts"
    finally:
        for window in (share, mini, keys):
            window.deleteLater()


def test_long_names_neither_widen_the_console_nor_scroll_the_coach_list(
    qtbot: QtBot, console: Console
) -> None:
    """Forty-letter names: the console keeps its width and the coach list shows no horizontal scroll bar."""
    long_names = [
        f"{first} Josefina Alejandra Villanueva-Montgomery" for first in ("Maximiliana", "Bartholomew")
    ]
    console.resize(1024, 700)
    qtbot.waitUntil(lambda: console.width() == 1024)
    console.setup_panel.prefill("test-clinic", "Evangelina Josefina Alejandra Villanueva", long_names)
    console.setup_panel.start_button.click()
    click(console, "next")
    QApplication.processEvents()
    panel = console.run_panel
    assert console.width() == 1024
    assert console.minimumSizeHint().width() <= 1024
    assert (
        panel.coach_list.horizontalScrollBar().isHidden()
        or not panel.coach_list.horizontalScrollBar().isVisible()
    )
    assert panel.speaker.text().startswith("Speaking: Maximiliana")


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Set up a clinic first.", "Set up a clinic first."),
        ("Not now: the session is finished.", "Not now: the session is finished."),
        ("the notes database is locked", "The notes database is locked."),
    ],
)
def test_every_status_line_is_one_sentence(console: Console, given: str, shown: str) -> None:
    """Whatever composes a message, the status bar shows it with one full stop, never two or none."""
    console.show_message(given)
    assert console.statusBar().currentMessage() == shown


def test_starting_gives_the_clinic_the_keys_not_the_coach_list(qtbot: QtBot, console: Console) -> None:
    """Start from set-up: focus leaves the set-up fields for the console itself, and no coach row is current."""
    console.setup_panel.start_button.setFocus()
    qtbot.waitUntil(console.setup_panel.start_button.hasFocus)
    console.setup_panel.start_button.click()
    qtbot.waitUntil(console.hasFocus)
    assert console.run_panel.coach_list.currentRow() == -1
