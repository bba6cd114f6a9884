"""The keyboard: a whole clinic by keys, keys from a second window, and typing that stays typing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from clinic_timer.core.nudges import FACILITATOR_NUDGES
from clinic_timer.core.session import State
from clinic_timer.ui.help_dialog import EndConfirmation, KeysDialog
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
    """F1 calls the keys dialog's one entry point."""
    calls: list[int] = []
    monkeypatch.setattr(
        KeysDialog, "show_keys", classmethod(lambda cls, actions, parent=None: calls.append(len(actions)))
    )
    press(qtbot, console, Qt.Key.Key_F1)
    assert calls == [len(console.key_actions)]


def test_typing_notes_never_triggers_a_bare_key(qtbot: QtBot, console: Console) -> None:
    """Space, letters and +/- typed into the notes land in the notes; the clinic does not move."""
    editor = QPlainTextEdit()
    console.set_notes_widget(editor)
    console.setup_panel.start_button.click()
    before = view_of(console)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    QTest.keyClicks(editor, "Ben sees a new path - an end + a start")
    QTest.keyClick(editor, Qt.Key.Key_Left)
    after = view_of(console)
    assert editor.toPlainText() == "Ben sees a new path - an end + a start"
    assert (after.state, after.slot, after.remaining_s) == (State.RUNNING, before.slot, before.remaining_s)


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
