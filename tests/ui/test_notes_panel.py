"""The notes panel driven like a facilitator: typing, filing, privacy, editing, and keys that stay text."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from clinic_timer.core.notes import Section
from clinic_timer.core.session import State
from clinic_timer.ui.note_editors import NoteDeletion, NoteEditDialog
from clinic_timer.ui.notes_panel import PRIVATE_COLUMN, NotesPanel
from tests.core.cast import pid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTreeWidgetItem
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.console import Console

MIN = 60.0


@pytest.fixture
def panel(console: Console) -> NotesPanel:
    """A notes panel in the console's notes area."""
    notes = NotesPanel(console.controller)
    console.set_notes_widget(notes)
    return notes


def type_note(qtbot: QtBot, panel: NotesPanel, text: str) -> None:
    """Types a note into the quick entry and presses Enter."""
    panel.entry.setFocus()
    QTest.keyClicks(panel.entry, text)
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)


def start(console: Console, clock: FakeClock, minutes: float = 0.0) -> None:
    """Starts the clinic and lets ``minutes`` pass."""
    console.controller.toggle_pause()
    clock.advance(minutes * MIN)
    console.controller.refresh()


def groups(panel: NotesPanel) -> list[tuple[str, list[str]]]:
    """The list as shown: each group's heading and its notes' texts."""
    shown = []
    for i in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(i)
        assert group is not None
        shown.append((group.text(0), [_child(group, j).text(1) for j in range(group.childCount())]))
    return shown


def _child(group: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    child = group.child(index)
    assert child is not None
    return child


def test_enter_adds_a_note_stamped_with_session_time_under_the_phase(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """A note typed 3½ minutes in is filed under the monologue at 3:30, and the entry empties."""
    start(console, fake_clock, 3.5)
    changed: list[bool] = []
    panel.notes_changed.connect(lambda: changed.append(True))
    type_note(qtbot, panel, "Long pause before 'home'.")
    [note] = panel.notebook.notes
    assert (note.section, note.phase, note.at_s) == (Section.PHASE, "Case monologue", 3.5 * MIN)
    assert panel.entry.toPlainText() == ""
    assert changed
    assert groups(panel) == [("Case monologue", ["Long pause before 'home'."])]
    assert panel.tree.topLevelItem(0).child(0).text(0) == "3:30"  # type: ignore[union-attr]


def test_during_reflections_a_note_goes_under_the_speaking_coach(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """In the per-coach phase the note belongs to whoever reflects now."""
    start(console, fake_clock, 20)
    console.controller.next()  # Ben reflects
    type_note(qtbot, panel, "Ben felt the pull of both places.")
    console.controller.next()  # Cy
    type_note(qtbot, panel, "Cy heard fear of regret.")
    reflections = [(n.section, n.coach) for n in panel.notebook.notes]
    assert reflections == [(Section.REFLECTION, pid("Ben")), (Section.REFLECTION, pid("Cy"))]
    assert [title for title, _ in groups(panel)] == ["Reflections: Ben", "Reflections: Cy"]
    assert panel.section.itemText(0) == "Here: Reflections: Cy"


def test_shift_enter_breaks_the_line_instead_of_adding(qtbot: QtBot, panel: NotesPanel) -> None:
    """Shift+Enter and Ctrl+Enter put a new line in the note; only Enter adds it."""
    QTest.keyClicks(panel.entry, "one")
    QTest.keyClick(panel.entry, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(panel.entry, "two")
    QTest.keyClick(panel.entry, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(panel.entry, "three")
    assert panel.notebook.notes == []
    QTest.keyClick(panel.entry, Qt.Key.Key_Return)
    assert [n.text for n in panel.notebook.notes] == ["one\ntwo\nthree"]


def test_bare_clinic_keys_type_into_the_note(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """Space, N and E typed in a note are text: the clinic neither pauses, moves on nor ends."""
    start(console, fake_clock, 1)
    panel.entry.setFocus()
    qtbot.waitUntil(panel.entry.hasFocus)
    QTest.keyClicks(panel.entry, "N E S")
    QTest.keyClick(panel.entry, Qt.Key.Key_Space)
    view = console.controller.view()
    assert view is not None
    assert (view.state, view.phase.name) == (State.RUNNING, "Case monologue")
    assert panel.entry.toPlainText() == "N E S "


def test_a_blank_note_is_not_added(qtbot: QtBot, panel: NotesPanel) -> None:
    """Enter on an empty or all-space entry adds nothing."""
    type_note(qtbot, panel, "   ")
    assert panel.notebook.notes == []
    assert panel.empty.isVisible()


def test_private_applies_to_one_note_and_can_be_toggled_in_the_list(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """The Private box marks the next note only; the list's checkbox changes a note's privacy later."""
    start(console, fake_clock, 2)
    panel.private.setChecked(True)
    type_note(qtbot, panel, "Ada seemed tired tonight")
    type_note(qtbot, panel, "Partner loves the city")
    assert [n.private for n in panel.notebook.notes] == [True, False]
    assert not panel.private.isChecked()
    item = panel.tree.topLevelItem(0).child(1)  # type: ignore[union-attr]
    assert item is not None
    item.setCheckState(PRIVATE_COLUMN, Qt.CheckState.Checked)
    assert [n.private for n in panel.notebook.notes] == [True, True]


def test_private_is_unticked_after_every_add_and_for_a_new_notebook(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """Clicking Add note, calling add_note and a fresh clinic's notebook each leave Private unticked."""
    start(console, fake_clock, 1)
    panel.private.setChecked(True)
    QTest.keyClicks(panel.entry, "By the button")
    panel.add_button.click()
    assert not panel.private.isChecked()
    panel.private.setChecked(True)
    panel.add_note("By the method")
    assert not panel.private.isChecked()
    assert [n.private for n in panel.notebook.notes] == [True, True]
    panel.private.setChecked(True)
    console.controller.end()
    console.new_clinic_button.click()  # a fresh clinic, with a fresh notebook
    assert panel.notebook.notes == []
    assert not panel.private.isChecked()


def test_after_adding_a_note_the_entry_has_focus(qtbot: QtBot, console: Console, panel: NotesPanel) -> None:
    """Clicking Add note hands focus back to the entry, ready for the next note."""
    QTest.keyClicks(panel.entry, "First thought")
    QTest.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.entry.hasFocus)
    assert [n.text for n in panel.notebook.notes] == ["First thought"]


def test_the_picker_files_takeaways_and_next_steps(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """Picking a section files the note there, and groups keep the clinic's order."""
    start(console, fake_clock, 5)
    type_note(qtbot, panel, "In the monologue")
    panel.section.setCurrentIndex(panel.section.findData(Section.NEXT_STEPS))
    type_note(qtbot, panel, "Visit the village")
    panel.section.setCurrentIndex(panel.section.findData(Section.TAKEAWAYS))
    type_note(qtbot, panel, "Choosing is not forever")
    panel.section.setCurrentIndex(panel.section.findData(Section.CASE))
    type_note(qtbot, panel, "Two kids, one job offer")
    assert [title for title, _ in groups(panel)] == [
        "About the case",
        "Case monologue",
        "Key takeaways",
        "Next steps",
    ]


def test_before_the_start_notes_are_about_the_case_and_after_the_end_takeaways(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """ "Here" means the case during set-up and the takeaways once the clinic has ended."""
    type_note(qtbot, panel, "Ada asked for this clinic last week")
    start(console, fake_clock, 1)
    console.controller.end()
    type_note(qtbot, panel, "Choosing is not forever")
    assert [n.section for n in panel.notebook.notes] == [Section.CASE, Section.TAKEAWAYS]


def test_case_fields_fill_the_notebook(qtbot: QtBot, panel: NotesPanel) -> None:
    """Typing the title and the help wanted changes the notebook and says so."""
    with qtbot.waitSignal(panel.notes_changed):
        QTest.keyClicks(panel.title, "City or country")
    QTest.keyClicks(panel.help_wanted, "How to choose")
    assert (panel.notebook.title, panel.notebook.help_wanted) == ("City or country", "How to choose")


def test_editing_and_deleting_go_through_their_dialogs(
    qtbot: QtBot, panel: NotesPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edit replaces the text; a declined delete keeps the note, a confirmed one removes it."""
    type_note(qtbot, panel, "Typo in the notte")
    group = panel.tree.topLevelItem(0)
    assert group is not None
    panel.tree.setCurrentItem(_child(group, 0))
    monkeypatch.setattr(NoteEditDialog, "ask", classmethod(lambda cls, text, parent=None: "Typo fixed"))
    panel.edit_button.click()
    assert [n.text for n in panel.notebook.notes] == ["Typo fixed"]
    monkeypatch.setattr(NoteDeletion, "ask", classmethod(lambda cls, text, parent=None: False))
    panel.delete_button.click()
    assert len(panel.notebook.notes) == 1
    monkeypatch.setattr(NoteDeletion, "ask", classmethod(lambda cls, text, parent=None: True))
    panel.delete_button.click()
    assert panel.notebook.notes == []
    assert not panel.delete_button.isEnabled()


def test_setup_changes_keep_the_case_but_a_new_clinic_starts_a_new_notebook(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """Editing the roster before the start keeps the title; set-up after a clinic gives a fresh notebook."""
    QTest.keyClicks(panel.title, "City or country")
    console.setup_panel.new_coach.setText("Eve")
    console.setup_panel.add_button.click()
    assert panel.notebook.title == "City or country"
    start(console, fake_clock, 1)
    console.controller.end()
    console.new_clinic_button.click()
    assert panel.notebook.title == ""
    assert panel.title.text() == ""


def test_a_coach_called_everyone_is_a_coach_not_the_whole_group() -> None:
    """ "Everyone" is the word for a shared floor, not an identity: a coach of that name gets their reflection."""
    from clinic_timer.core.clock import FakeClock as Clock
    from clinic_timer.core.session import Session
    from clinic_timer.ui.notes_panel import place_of
    from tests.core.cast import roster_of
    from tests.core.formats_fixture import clinic_format

    clock = Clock()
    session = Session(clinic_format(), roster_of("Ada", ("Everyone", "Cy")), clock)
    session.start()
    session.next()  # the reflections: "Everyone" reflects first
    view = session.view(clock.now())
    assert view.speaker == "Everyone"
    assert place_of(view) == (Section.REFLECTION, "Reflections", pid("Everyone"))


def test_the_panel_and_the_export_place_the_same_notes_the_same_way(
    qtbot: QtBot, console: Console, panel: NotesPanel, fake_clock: FakeClock
) -> None:
    """Case, phase, reflections (Ben's first turn came first, his note last), takeaways, and stray notes: one order."""
    from clinic_timer.core.notes import Note
    from clinic_timer.export.content import Audience, build_report

    controller = console.controller
    type_note(qtbot, panel, "About the case, before the start.")
    start(console, fake_clock, 5)
    type_note(qtbot, panel, "The monologue.")
    fake_clock.advance(15 * MIN)
    controller.next()  # Ben's turn comes, and he passes at once
    fake_clock.advance(MIN)
    controller.pass_turn()  # Cy
    fake_clock.advance(MIN)
    type_note(qtbot, panel, "Cy reflects.")
    controller.next()  # Dee
    controller.next()  # Ben, back
    fake_clock.advance(MIN)
    type_note(qtbot, panel, "Ben, back after passing.")
    panel.notebook.add(Note("Under no phase.", Section.PHASE, 30))
    panel.notebook.add(Note("A reflection filed under no phase.", Section.REFLECTION, 1300, coach=pid("Cy")))
    controller.end()
    type_note(qtbot, panel, "A takeaway.")
    clinic = controller.clinic
    assert clinic is not None
    assert clinic.notebook is panel.notebook
    panel_groups = groups(panel)
    report = build_report(clinic.record(), Audience.FACILITATOR)
    exported: list[tuple[str, list[str]]] = []
    for part in report.parts:
        exported += [(part.heading, [e.text for e in part.entries])]
        exported += [(f"{part.heading}: {p.heading}", [e.text for e in p.entries]) for p in part.parts]
    exported = [(heading, texts) for heading, texts in exported if texts]
    assert [texts for _, texts in panel_groups] == [texts for _, texts in exported]
    assert [t for t, _ in panel_groups][2:4] == [
        "Reflections: Ben",
        "Reflections: Cy",
    ]  # the order turns came
    assert [t for t, _ in exported][2:4] == ["Reflections: Ben", "Reflections: Cy"]
    assert panel_groups[-1] == ("During the clinic", ["Under no phase."])
