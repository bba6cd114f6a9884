"""The keyboard: a whole clinic by keys, keys from a second window, and typing that stays typing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from clinic_timer.core.nudges import FACILITATOR_NUDGES
from clinic_timer.core.session import State
from clinic_timer.ui.help_dialog import EndConfirmation, KeysDialog
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.shortcuts import install_shortcuts, is_bare

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.core.nudges import FacilitatorNudge
    from clinic_timer.core.session import SessionView
    from clinic_timer.ui.console import Console

MIN = 60.0


def view_of(console: Console) -> SessionView:
    """The controller's current view."""
    view = console.controller.view()
    assert view is not None
    return view


def press(qtbot: QtBot, window: QWidget, key: Qt.Key) -> None:
    """One key press on a window, as the facilitator's keyboard sends it (QTest: typed, unlike qtbot's)."""
    QTest.keyClick(window, key)


def test_a_whole_clinic_by_keys(
    qtbot: QtBot, console: Console, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Space starts, N and → go on, S skips a coach who comes back, B goes back, +/- adjust, E ends."""
    monkeypatch.setattr(EndConfirmation, "ask", classmethod(lambda cls, parent=None: True))
    press(qtbot, console, Qt.Key.Key_Space)
    assert view_of(console).state is State.RUNNING
    fake_clock.advance(21 * MIN)
    console.controller.refresh()
    assert console.run_panel.clock.text() == "+1:00"
    press(qtbot, console, Qt.Key.Key_N)
    assert view_of(console).speaker == "Ben"
    press(qtbot, console, Qt.Key.Key_S)
    assert view_of(console).speaker == "Cy"
    press(qtbot, console, Qt.Key.Key_Right)
    press(qtbot, console, Qt.Key.Key_Right)
    assert view_of(console).speaker == "Ben"  # the skipped coach, before the phase ends
    press(qtbot, console, Qt.Key.Key_B)
    assert view_of(console).speaker == "Dee"
    press(qtbot, console, Qt.Key.Key_Left)
    assert view_of(console).speaker == "Cy"
    press(qtbot, console, Qt.Key.Key_Plus)
    assert view_of(console).remaining_s == 6 * MIN
    press(qtbot, console, Qt.Key.Key_Minus)
    press(qtbot, console, Qt.Key.Key_Minus)
    assert view_of(console).remaining_s == 4 * MIN
    press(qtbot, console, Qt.Key.Key_Space)
    assert view_of(console).state is State.PAUSED
    press(qtbot, console, Qt.Key.Key_Space)
    press(qtbot, console, Qt.Key.Key_E)
    assert view_of(console).state is State.FINISHED


@pytest.mark.parametrize("nudge", FACILITATOR_NUDGES, ids=lambda n: n.key)
def test_each_nudge_has_its_key(qtbot: QtBot, console: Console, nudge: FacilitatorNudge) -> None:
    """A, F, M and Q each put their own nudge up."""
    console.setup_panel.start_button.click()
    with qtbot.waitSignal(console.controller.nudge_changed) as blocker:
        press(qtbot, console, getattr(Qt.Key, f"Key_{nudge.key}"))
    assert blocker.args[0].kind == nudge.kind


def test_f1_opens_the_list_of_keys(qtbot: QtBot, console: Console, monkeypatch: pytest.MonkeyPatch) -> None:
    """F1 calls the keys dialog's one entry point, with the clinic's keys and the menus' Ctrl keys."""
    calls: list[tuple[int, list[str]]] = []

    def show_keys(
        cls: type[KeysDialog],
        actions: tuple[object, ...],
        parent: object = None,
        commands: tuple[tuple[str, str], ...] = (),
    ) -> None:
        calls.append((len(actions), [key for key, _ in commands]))

    monkeypatch.setattr(KeysDialog, "show_keys", classmethod(show_keys))
    press(qtbot, console, Qt.Key.Key_F1)
    assert len(calls) == 1
    count, keys = calls[0]
    assert count == len(console.key_actions)
    assert {"Ctrl+1", "Ctrl+2", "Ctrl+Q", "Ctrl++", "Ctrl+-"} <= set(keys)


def test_the_list_of_keys_shows_the_ctrl_keys_and_the_way_out_of_a_text_field(
    qtbot: QtBot, console: Console
) -> None:
    """F1's table has a row for Esc and one for each Ctrl key the menus offer."""
    commands = [(a.shortcut().toString(), a.text()) for a in console.shared_actions()]
    dialog = KeysDialog(console.key_actions, console, commands)
    qtbot.addWidget(dialog)
    keys = [key for key, _ in dialog.rows]
    assert "Esc" in keys
    assert "Ctrl+1" in keys
    assert "Ctrl+Q" in keys
    intro = dialog.findChild(QLabel)
    assert intro is not None
    assert "Esc" in intro.text()


def test_typing_after_clicking_add_note_is_text_not_commands(
    qtbot: QtBot, console: Console, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words typed after clicking "Add note" with the mouse start the next note; the clinic neither moves nor nudges."""
    asked_to_end: list[bool] = []

    def ask_to_end(cls: type[EndConfirmation], parent: QWidget | None = None) -> bool:
        asked_to_end.append(True)
        return True

    monkeypatch.setattr(EndConfirmation, "ask", classmethod(ask_to_end))
    panel = NotesPanel(console.controller)
    console.set_notes_widget(panel)
    console.setup_panel.start_button.click()
    fake_clock.advance(MIN)
    console.controller.refresh()
    nudges: list[object] = []
    console.controller.nudge_changed.connect(nudges.append)
    QTest.keyClicks(panel.entry, "She paused")
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.notebook.notes) == 1)
    before = view_of(console)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, "and then she said no")
    after = view_of(console)
    assert (after.state, after.slot, after.remaining_s) == (State.RUNNING, before.slot, before.remaining_s)
    assert nudges == []
    assert asked_to_end == []
    assert panel.entry.toPlainText() == "and then she said no"


def test_bare_keys_on_any_control_of_the_notes_panel_are_not_commands(qtbot: QtBot, console: Console) -> None:
    """With focus on the panel's Private box or section picker, N, S and Space do not run the clinic."""
    panel = NotesPanel(console.controller)
    console.set_notes_widget(panel)
    console.setup_panel.start_button.click()
    before = view_of(console)
    for control in (panel.private, panel.section):
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        for key in (Qt.Key.Key_N, Qt.Key.Key_S, Qt.Key.Key_Space):
            press(qtbot, control, key)
    after = view_of(console)
    assert (after.state, after.slot) == (State.RUNNING, before.slot)


def test_esc_from_the_note_entry_gives_the_clinic_its_keys_back(qtbot: QtBot, console: Console) -> None:
    """Esc moves focus to the notes list, where N goes on to the next phase again."""
    panel = NotesPanel(console.controller)
    console.set_notes_widget(panel)
    console.setup_panel.start_button.click()
    panel.entry.setFocus()
    qtbot.waitUntil(panel.entry.hasFocus)
    press(qtbot, panel.entry, Qt.Key.Key_Escape)
    qtbot.waitUntil(panel.tree.hasFocus)
    press(qtbot, panel.tree, Qt.Key.Key_N)
    assert view_of(console).phase_index == 1


def test_typing_a_name_in_set_up_does_not_start_the_clinic(qtbot: QtBot, console: Console) -> None:
    """A space in a coach's name is a space, not Start."""
    field = console.setup_panel.new_coach
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, "Mary Ann")
    assert field.text() == "Mary Ann"
    assert view_of(console).state is State.READY


def test_keys_work_from_another_window_too(qtbot: QtBot, console: Console) -> None:
    """A second window with the same shortcuts answers the keys while it is active, unambiguously."""
    other = QWidget()
    qtbot.addWidget(other)
    install_shortcuts(other, console.key_actions)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    press(qtbot, other, Qt.Key.Key_Space)
    assert view_of(console).state is State.RUNNING
    press(qtbot, other, Qt.Key.Key_N)
    assert view_of(console).phase_index == 1


def test_shortcuts_are_installed_once_per_window(qtbot: QtBot, console: Console) -> None:
    """Installing again adds nothing, so a key never becomes ambiguous on one window."""
    assert install_shortcuts(console, console.key_actions) == []


def test_every_control_has_a_key(console: Console) -> None:
    """The actions cover every control of the issue, each with at least one key."""
    names = {a.name for a in console.key_actions}
    assert {"pause", "next", "back", "add-minute", "remove-minute", "skip", "end", "help"} <= names
    assert {f"nudge-{n.kind}" for n in FACILITATOR_NUDGES} <= names
    assert all(a.keys for a in console.key_actions)


@pytest.mark.parametrize(
    ("key", "bare"), [("N", True), ("Space", True), ("+", True), ("F1", False), ("Ctrl+N", False)]
)
def test_bare_keys_are_those_that_could_be_typed(key: str, bare: bool) -> None:
    """Letters, Space and symbols are bare; F-keys and modified keys are not."""
    assert is_bare(key) is bare


def test_a_custom_editor_that_takes_typing_is_guarded_too(qtbot: QtBot, console: Console) -> None:
    """A widget marked takesTyping, though it claims no keys itself, never moves the clinic."""
    from clinic_timer.ui.shortcuts import TAKES_TYPING

    custom = QWidget()
    custom.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    custom.setProperty(TAKES_TYPING, True)
    console.set_notes_widget(custom)
    console.setup_panel.start_button.click()
    custom.setFocus()
    qtbot.waitUntil(custom.hasFocus)
    press(qtbot, custom, Qt.Key.Key_N)
    assert view_of(console).phase_index == 0
