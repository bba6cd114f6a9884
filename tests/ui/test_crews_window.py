"""The Crews window: private and says so, every room and action by keyboard, F1 lists the keys."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.ui.crew_exports import CrewFileChoice
from clinic_timer.ui.crews_window import CREWS_ROOM, PEOPLE_ROOM, PLAN_ROOM, PRIVATE, CrewsWindow
from clinic_timer.ui.help_dialog import KeysDialog
from clinic_timer.ui.message_editor import MessageEditor
from clinic_timer.ui.new_crew_dialog import CrewDraft, NewCrewDialog, draft_crew
from clinic_timer.ui.plan_model import BRINGER
from tests.ui.crew_fixtures import TODAY, add_crew

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from clinic_timer.core.crews import Crew
    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.crew_desk import CrewDesk
    from clinic_timer.ui.shortcuts import KeyAction


def shown(qtbot: QtBot, desk: CrewDesk) -> CrewsWindow:
    """The window, shown and active."""
    window = CrewsWindow(desk, {})
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_window_says_it_is_private(qtbot: QtBot, desk: CrewDesk) -> None:
    """The notice that it is never shown in the share view is on screen, and the title says private."""
    window = shown(qtbot, desk)
    assert window.private_label.isVisible()
    assert "never shown in the share view" in window.private_label.text() == PRIVATE
    assert "private" in window.windowTitle()


def test_people_are_added_and_filtered_by_keyboard(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """Ctrl+N, a name and Enter adds someone; Ctrl+F and a few letters filter by interest."""
    window = shown(qtbot, desk)
    for name in ("Ada", "Ben"):
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is window.people.new_name
        QTest.keyClicks(window.people.new_name, name)
        QTest.keyClick(window.people.new_name, Qt.Key.Key_Return)
    assert [p.name for p in crew_book.people()] == ["Ada", "Ben"]
    desk.save_person(crew_book.people()[0].with_changes(interests=("civics",)))
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.people.interest_filter
    QTest.keyClicks(window.people.interest_filter, "civ")
    assert window.people.filter.rowCount() == 1


def test_rooms_switch_by_keyboard_and_f1_lists_every_key(
    qtbot: QtBot, desk: CrewDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alt+1, 2, 3 show the rooms with the keyboard in them; F1 lists the window's and the rooms' keys."""
    window = shown(qtbot, desk)
    for key, room, table in (
        (Qt.Key.Key_2, CREWS_ROOM, window.crews.table),
        (Qt.Key.Key_3, PLAN_ROOM, window.plan.table),
        (Qt.Key.Key_1, PEOPLE_ROOM, window.people.table),
    ):
        QTest.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
        assert window.rooms.currentIndex() == room
        assert QApplication.focusWidget() is table
    listed: list[str] = []

    def record(
        cls: type,
        actions: Sequence[KeyAction],
        parent: object = None,
        commands: Sequence[tuple[str, str]] = (),
        about: str | None = None,
    ) -> None:
        assert about is not None
        assert "Crews window" in about  # not the clinic windows' sentence
        listed.extend(k for a in actions for k in a.keys)

    monkeypatch.setattr(KeysDialog, "show_keys", classmethod(record))
    QTest.keyClick(window, Qt.Key.Key_F1)
    for named in ("Alt+1", "Alt+2", "Alt+3", "Ctrl+N", "Ctrl+F", "Ctrl+Shift+G", "Alt+Up", "Alt+Down", "F2"):
        assert named in listed


def test_a_suggestion_becomes_a_crew_the_organiser_confirms(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Shift+G suggests; Enter on a suggestion opens the form; the confirmed crew is kept with its plan."""
    me = Person.new("Dee", interests=("civics",), at_ease=Ease.YES)
    desk.save_person(me)
    for name in ("Ada", "Ben", "Cy"):
        desk.save_person(Person.new(name, interests=("civics",), standing=Standing.INTERESTED))
    window = shown(qtbot, desk)
    window.crews.organiser.setCurrentIndex(window.crews.organiser.findData(me.id))
    drafts: list[CrewDraft] = []

    def confirm(cls: type, draft: CrewDraft, parent: object = None) -> Crew:
        drafts.append(draft)
        return draft_crew(draft, first=TODAY, zone="Europe/London")

    monkeypatch.setattr(NewCrewDialog, "ask", classmethod(confirm))
    QTest.keyClick(
        window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.rooms.currentIndex() == CREWS_ROOM
    QTest.keyClick(window.crews.suggestion_list, Qt.Key.Key_Return)
    assert [p.name for p in drafts[0].guests] == ["Ada", "Ben", "Cy"]
    (kept,) = crew_book.crews()
    assert kept.crew.organiser == me.id
    assert len(kept.plan.meetings) == 6
    assert {p.standing for p in crew_book.people()} == {Standing.IN_A_CREW}
    assert window.rooms.currentIndex() == PLAN_ROOM  # the new crew's plan is shown


def test_the_plan_changes_by_keyboard(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """Alt+Down swaps this week's bringer with the next case week's; Ctrl+Shift+S skips; Ctrl+G gives."""
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    window.plan.select_week(2)
    QTest.keyClick(window.plan.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    plan = crew_book.crew(crew.id).plan
    assert (plan.meeting(2).bringer, plan.meeting(3).bringer) == (crew.members[1], crew.members[0])
    assert window.plan.selected_week() == 3  # the selection follows the moved bringer
    window.plan.volunteer.setCurrentIndex(window.plan.volunteer.findData(crew.members[2]))
    QTest.keyClick(window.plan.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert crew_book.crew(crew.id).plan.meeting(3).bringer == crew.members[2]
    QTest.keyClick(
        window.plan.table,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    plan = crew_book.crew(crew.id).plan
    assert plan.meeting(3).day - plan.meeting(2).day == timedelta(weeks=2)  # a week off between them
    assert window.plan.model.index(window.plan.model.row_of(3), BRINGER).data() == "Cy"


def test_a_refused_change_is_said_and_nothing_moves(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook
) -> None:
    """Swapping from the intro (nobody brings a case) is refused in the status line; the plan is as it was."""
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    before = crew_book.crew(crew.id).plan
    window.plan.select_week(1)
    assert not window.plan.swap_down()
    assert "Nobody brings a case to week 1" in window.statusBar().currentMessage()
    assert crew_book.crew(crew.id).plan == before


def test_the_calendar_exports_and_reads_back(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The .ics written from the Plan room parses back with icalendar: one event a week, in the crew's zone."""
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    target = tmp_path / "civics.ics"
    monkeypatch.setattr(
        CrewFileChoice, "ask", classmethod(lambda cls, suggested, filters, parent=None: target)
    )
    window.plan.ics_button.click()
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 6
    assert str(events[1]["SUMMARY"]) == "Civics crew: case clinic (Ada brings a case)"
    assert str(events[0].decoded("DTSTART").tzinfo) == "Europe/London"


def test_an_unwritable_export_is_said_and_nothing_is_written(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A summary to a folder that does not exist says so in the status line, naming the file."""
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    target = tmp_path / "missing" / "summary.md"
    monkeypatch.setattr(
        CrewFileChoice, "ask", classmethod(lambda cls, suggested, filters, parent=None: target)
    )
    assert not window.plan.export_summary()
    assert str(target) in window.statusBar().currentMessage()
    assert not target.exists()


def test_the_reminder_is_copied(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copy the week's reminder shows the reminder, naming its bringer, to edit; what is copied is the edit."""
    offered: list[str] = []

    def edit(cls: type[MessageEditor], what: str, text: str, parent: object = None) -> str:
        offered.append(text)
        return text + "\nSee you there! (Kim)"

    monkeypatch.setattr(MessageEditor, "ask", classmethod(edit))
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    window.plan.select_week(2)
    window.plan.reminder_button.click()
    assert "Ada brings a case this time" in offered[0]
    assert QApplication.clipboard().text() == offered[0] + "\nSee you there! (Kim)"


def test_a_cancelled_message_is_not_copied(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel in the editor leaves the clipboard as it was."""
    monkeypatch.setattr(MessageEditor, "ask", classmethod(lambda cls, what, text, parent=None: None))
    QApplication.clipboard().setText("what was there")
    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    window.plan.select_week(2)
    assert window.plan.copy_reminder() == ""
    assert QApplication.clipboard().text() == "what was there"


def test_the_message_editor_hands_back_what_was_typed(qtbot: QtBot) -> None:
    """The box starts with the app's words and Copy gives back the organiser's."""
    editor = MessageEditor("The reminder for week 2", "Hi all,")
    qtbot.addWidget(editor)
    assert editor.text() == "Hi all,"
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor.editor, " see you Tuesday.")
    assert editor.text() == "Hi all, see you Tuesday."
    assert editor.copy_button.isDefault()


def test_dropping_a_week_on_another_swaps_their_bringers(
    qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook
) -> None:
    """Dragging week 2's row onto week 4's swaps who brings a case; the rows themselves stay."""
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    crew = add_crew(crew_book)
    desk.reload()
    window = shown(qtbot, desk)
    window.plan.show_crew(crew.id)
    window.show_room(PLAN_ROOM)
    table, model = window.plan.table, window.plan.model
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled  # the intro has no case
    window.plan.select_week(2)
    target = table.visualRect(model.index(model.row_of(4), 1)).center()
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    table.dropEvent(drop)
    plan = crew_book.crew(crew.id).plan
    assert (plan.meeting(2).bringer, plan.meeting(4).bringer) == (crew.members[2], crew.members[0])
    assert [m.number for m in plan.meetings] == [1, 2, 3, 4, 5, 6]


def test_copy_invitation_puts_the_one_to_one_message_on_the_clipboard(
    qtbot: QtBot, desk: CrewDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 1-1 invitation greets the selected person and names their interest; never their private notes."""
    monkeypatch.setattr(MessageEditor, "ask", classmethod(lambda cls, what, text, parent=None: text))
    desk.save_person(Person.new("Ada", interests=("civics",), notes="PRIVATE: shy at first"))
    window = shown(qtbot, desk)
    window.people.select_row(0)
    window.people.invite_button.click()
    text = QApplication.clipboard().text()
    assert text.startswith("Hi Ada,")
    assert "chat about civics" in text
    assert "PRIVATE" not in text
    assert "Copied the 1-1 invitation for Ada" in window.statusBar().currentMessage()


def test_larger_text_reaches_the_open_window(qtbot: QtBot, desk: CrewDesk, themed_app: QApplication) -> None:
    """A text size step while the window is open enlarges its notice and tables, bold notice included."""
    from clinic_timer.ui.theme import Theme, apply_theme

    apply_theme(themed_app, Theme.HIGH_CONTRAST, 1.0)
    window = shown(qtbot, desk)
    before = (window.private_label.fontInfo().pointSizeF(), window.people.table.fontInfo().pointSizeF())
    apply_theme(themed_app, Theme.HIGH_CONTRAST, 1.5)
    qtbot.waitUntil(lambda: window.private_label.fontInfo().pointSizeF() > before[0])
    assert window.private_label.fontInfo().pointSizeF() == pytest.approx(before[0] * 1.5, rel=0.1)
    assert window.people.table.fontInfo().pointSizeF() == pytest.approx(before[1] * 1.5, rel=0.1)
    assert window.private_label.font().bold()


def test_no_alt_key_is_taken_twice_in_a_room(qtbot: QtBot, desk: CrewDesk) -> None:
    """Alt+letter reaches one thing only: the tabs' letters and each room's own never clash (Alt+R was Crews and Remove)."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = shown(qtbot, desk)

    def letters(texts: list[str]) -> list[str]:
        return [m.group(1).lower() for t in texts for m in [re.search(r"&([^&])", t)] if m]

    tabs = letters([window.rooms.tabText(i) for i in range(window.rooms.count())])
    for room in (window.people, window.crews, window.plan):
        own = [b.text() for b in room.findChildren(QAbstractButton)]
        own += [label.text() for label in room.findChildren(QLabel) if label.buddy() is not None]
        taken = tabs + letters(own)
        assert len(taken) == len(set(taken)), (type(room).__name__, sorted(taken))
