"""The composition root: one notes database handed to every holder, menus built from what parts offer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QMenu

from clinic_timer.app import build_app
from tests.test_app_cli import namespace

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from clinic_timer.app import Composition
    from clinic_timer.ui.console import Console


_BUILT: list[Composition] = []


@pytest.fixture(autouse=True)
def _shut_down() -> Iterator[None]:
    """Stops each built app's speech worker and lets go of its database, as quitting would."""
    yield
    while _BUILT:
        parts = _BUILT.pop()
        if parts.voice is not None:
            parts.voice.shutdown()
        if parts.notes is not None:
            parts.notes.keeper.close()
        parts.database.close()


def built(qtbot: QtBot) -> Composition:
    """The app as build_app makes it, its database opened by the start-up flow."""
    parts = build_app(namespace())
    qtbot.addWidget(parts.console)
    _BUILT.append(parts)
    qtbot.waitUntil(lambda: parts.database.store is not None)
    return parts


def menu_titles(console: Console) -> list[str]:
    """The menu bar's menus, in order."""
    return [m.title() for a in console.menuBar().actions() if isinstance(m := a.menu(), QMenu)]


def test_the_keeper_and_the_history_are_handed_the_same_store(qtbot: QtBot) -> None:
    """One database for the app: the keeper saves into the store the history window reads."""
    parts = built(qtbot)
    assert parts.notes is not None
    assert parts.notes.keeper.database is parts.database
    history = parts.notes.menu.open_history()
    assert history is not None
    qtbot.addWidget(history)
    assert history.store is parts.database.store
    assert parts.notes.keeper.database.store is parts.database.store


def test_the_menus_are_built_from_what_each_part_offers(qtbot: QtBot) -> None:
    """Notes sits before Help, with the notes' actions; Settings is in View; the voice adds no menu entry."""
    parts = built(qtbot)
    console = parts.console
    assert parts.notes is not None
    assert menu_titles(console) == ["&File", "&View", "&Windows", "&Notes", "&Help"]
    notes_menu = next(
        m for a in console.menuBar().actions() if isinstance(m := a.menu(), QMenu) and m.title() == "&Notes"
    )
    assert notes_menu.actions() == parts.notes.menu.actions()
    assert parts.preferences.edit_action in console.view_menu.actions()
    assert parts.preferences.edit_action.isEnabled()  # the voice is there to be set


def test_the_notes_menu_places_nothing_itself(qtbot: QtBot) -> None:
    """A Help menu renamed or missing changes nothing: NotesMenu offers actions and never looks for a menu."""
    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.notes_database import NotesDatabase
    from clinic_timer.ui.notes_menu import attach_notes
    from clinic_timer.ui.settings import Settings

    catalogue = Catalogue(formats={}, problems=())
    console = Console(SessionController(FakeClock()), catalogue, Settings())
    qtbot.addWidget(console)
    console.help_menu.setTitle("Hilfe")
    before = menu_titles(console)
    notes = attach_notes(console, catalogue, NotesDatabase(), keep=False)
    assert menu_titles(console) == before
    console.add_menu(notes.menu.TITLE, notes.menu.actions())
    assert menu_titles(console)[-2:] == ["&Notes", "Hilfe"]


def test_the_clinics_held_so_far_pick_the_nudge_wording_once_the_database_opens(qtbot: QtBot) -> None:
    """One clinic held: the next clinic's first A is the second wording (the composition root sets the rotation)."""
    from clinic_timer.core.nudges import FACILITATOR_NUDGES
    from clinic_timer.store import Store
    from tests.store.records import full_record

    with Store.open() as store:
        store.save(full_record())
    parts = built(qtbot)
    parts.console.setup_panel.prefill("crew-case-clinic", "Ada", ["Ben", "Cy"])
    parts.controller.toggle_pause()
    parts.controller.give_nudge(FACILITATOR_NUDGES[0])
    shown = parts.controller.shown_nudge()
    assert shown is not None
    assert shown.text == FACILITATOR_NUDGES[0].texts[1]
