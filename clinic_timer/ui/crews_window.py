"""The Crews window (Ctrl+K): the organiser's People, Crews and Plan, in three rooms.

It is private, like the console: it shows where people stand and whether
they are at ease with feelings, so it says, at the top, that it is never
shown in the share view. It is made by the composition root with the
:class:`~clinic_timer.ui.crew_desk.CrewDesk` over the store the app already
has open (or a rehearsal's temporary one); it opens no database itself.

Every action has a key, listed by F1 in this window. The rooms' own keys
(F2 to edit a cell, Alt+Up/Down to swap bringers, the underlined letters)
work only while their room shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from clinic_timer.ui import titles
from clinic_timer.ui.crews_room import CrewsRoom
from clinic_timer.ui.people_room import PeopleRoom
from clinic_timer.ui.plan_room import GIVE, SKIP, SWAP_DOWN, SWAP_UP, PlanRoom
from clinic_timer.ui.shortcuts import KeyAction

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clinic_timer.core.formats import Format
    from clinic_timer.ui.crew_desk import CrewDesk

PRIVATE = (
    "Private: this window is for you alone. It is never shown in the share view; do not share it on the call."
)
KEYS_ABOUT = (
    "These keys work in the Crews window. The underlined letter of a button or field, with Alt, "
    "reaches it too; Tab and Shift+Tab move between them."
)
PEOPLE_ROOM, CREWS_ROOM, PLAN_ROOM = range(3)
STATUS_SHOW_MS = 8000


class CrewsWindow(QMainWindow):
    """People, Crews and Plan.

    Args:
        desk: the people and crews as kept, handed in by the app.
        formats: the catalogue's formats by name.
        shared_titles: the crews whose case titles the share view may show (changed in place).
        parent: none, usually; it is a top-level window.
    """

    def __init__(
        self,
        desk: CrewDesk,
        formats: Mapping[str, Format],
        *,
        shared_titles: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.CREWS))
        self.setObjectName("crewsWindow")
        self.desk = desk
        self.private_label = QLabel(PRIVATE)
        self.private_label.setObjectName("privateNotice")
        self.private_label.setWordWrap(True)
        font = self.private_label.font()
        font.setBold(True)
        self.private_label.setFont(font)
        self.people = PeopleRoom(desk)
        self.crews = CrewsRoom(desk)
        self.plan = PlanRoom(desk, formats, shared_titles if shared_titles is not None else [])
        self.rooms = QTabWidget()
        self.rooms.addTab(self.people, "&People")
        self.rooms.addTab(self.crews, "C&rews")
        self.rooms.addTab(self.plan, "P&lan")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.private_label)
        layout.addWidget(self.rooms, 1)
        self.setCentralWidget(body)
        self.key_actions = self._actions()
        for action in self.key_actions:
            for key in action.keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(action.run)
        self.resize(1180, 720)
        desk.failed.connect(self._on_desk_failed)
        desk.told.connect(self._on_desk_told)
        self.crews.plan_requested.connect(self._on_crews_plan_requested)
        if desk.problem:
            self._on_desk_failed(desk.problem)

    def show_room(self, room: int) -> None:
        """Shows the People, Crews or Plan room and puts the keyboard in it."""
        self.rooms.setCurrentIndex(room)
        focus = {PEOPLE_ROOM: self.people.table, CREWS_ROOM: self.crews.table, PLAN_ROOM: self.plan.table}
        focus[room].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_keys(self) -> None:
        """The F1 list of this window's keys."""
        from clinic_timer.ui.help_dialog import KeysDialog

        KeysDialog.show_keys(self.key_actions + _room_keys(), self, about=KEYS_ABOUT)

    def _actions(self) -> tuple[KeyAction, ...]:
        return (
            KeyAction("people-room", "The People room", ("Alt+1",), lambda: self.show_room(PEOPLE_ROOM)),
            KeyAction("crews-room", "The Crews room", ("Alt+2",), lambda: self.show_room(CREWS_ROOM)),
            KeyAction("plan-room", "The Plan room", ("Alt+3",), lambda: self.show_room(PLAN_ROOM)),
            KeyAction("new-person", "Add a person (type the name)", ("Ctrl+N",), self._new_person),
            KeyAction("find-people", "Filter people by interest", ("Ctrl+F",), self._find_people),
            KeyAction("suggest", "Suggest crews", ("Ctrl+Shift+G",), self._suggest),
            KeyAction("close-crews", "Close this window", ("Ctrl+W",), self._close),
            KeyAction("crews-help", "Show these keys", ("F1",), self.show_keys),
        )

    def _close(self) -> None:
        self.close()

    def _new_person(self) -> None:
        self.rooms.setCurrentIndex(PEOPLE_ROOM)
        self.people.new_name.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _find_people(self) -> None:
        self.rooms.setCurrentIndex(PEOPLE_ROOM)
        self.people.interest_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _suggest(self) -> None:
        self.rooms.setCurrentIndex(CREWS_ROOM)
        self.crews.show_suggestions()

    def _on_crews_plan_requested(self, crew_id: str) -> None:
        self.plan.show_crew(crew_id)
        self.show_room(PLAN_ROOM)

    def _on_desk_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_SHOW_MS * 2)

    def _on_desk_told(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_SHOW_MS)


def _room_keys() -> tuple[KeyAction, ...]:
    """Keys the rooms' tables and buttons take, listed so nobody has to guess them."""

    def nothing() -> None:
        return None

    return (
        KeyAction("edit-cell", "People: edit the selected cell", ("F2",), nothing),
        KeyAction("swap-up", "Plan: swap this week's bringer with the week before", (SWAP_UP,), nothing),
        KeyAction("swap-down", "Plan: swap this week's bringer with the week after", (SWAP_DOWN,), nothing),
        KeyAction("skip-week", "Plan: skip this week (a holiday; the rest move on)", (SKIP,), nothing),
        KeyAction("give-week", "Plan: give this week to the chosen volunteer", (GIVE,), nothing),
        KeyAction("next-field", "Move between fields and buttons", ("Tab", "Shift+Tab"), nothing),
    )
