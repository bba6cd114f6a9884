"""The set-up panel: choosing the format and the roster, seeing the plan before the start, and where the keys start."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clinic_timer.core.catalogue import Catalogue
from clinic_timer.core.formats import Floor
from clinic_timer.core.people import Person
from clinic_timer.core.session import SessionView, State
from clinic_timer.ui.console import SETUP_PAGE, Console
from clinic_timer.ui.settings import Settings
from tests.core.cast import pid
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.setup_panel import SetupPanel

MIN = 60.0


def view_of(console: Console) -> SessionView:
    """The controller's current view (there always is one once the console is set up)."""
    view = console.controller.view()
    assert view is not None
    return view


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """A table cell's text; the cell must exist."""
    item = table.item(row, column)
    assert item is not None
    return item.text()


def focused() -> QWidget:
    """The widget with the keyboard focus; there must be one."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def fresh_console(qtbot: QtBot, controller: SessionController, catalogue: Catalogue) -> Console:
    """The console as a first launch shows it: nothing filled in."""
    window = Console(controller, catalogue, Settings())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def cell(panel: SetupPanel, row: int, column: int) -> str:
    """A cell of the phase table; it must exist."""
    item = panel.phases.item(row, column)
    assert item is not None
    return item.text()


def test_first_launch_types_into_the_bringer_and_tab_walks_to_start(
    qtbot: QtBot, controller: SessionController, catalogue: Catalogue
) -> None:
    """ "Ada" typed at launch is the bringer; Tab then goes coach entry, Add, Start."""
    console = fresh_console(qtbot, controller, catalogue)
    panel = console.setup_panel
    qtbot.waitUntil(panel.bringer.hasFocus)
    QTest.keyClicks(focused(), "Ada")
    assert panel.bringer.text() == "Ada"
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.new_coach
    QTest.keyClicks(panel.new_coach, "Ben")
    QTest.keyClick(panel.new_coach, Qt.Key.Key_Return)
    assert panel.coach_names() == ["Ben"]
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.add_button
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.start_button


def test_a_prefilled_roster_puts_focus_on_start(console: Console) -> None:
    """With the roster already there (the command line), the first key can start: focus is on Start."""
    console.setup_panel.focus_first()
    assert console.setup_panel.start_button.hasFocus()


def test_the_coach_limit_message_clears_when_only_eight_take_part(console: Console) -> None:
    """Nine coaches: the limit is named and no total is promised; untick one and the eight can run."""
    panel = console.setup_panel
    for name in ("Eve", "Fay", "Gus", "Hal", "Ivy", "Jo"):
        panel.new_coach.setText(name)
        panel.add_button.click()
    assert len(panel.coach_names()) == 9
    assert "At most 8 coaches" in panel.problem.text()
    assert not panel.start_button.isEnabled()
    assert "3 coaches" not in panel.total.text()
    assert "–" in panel.total.text()
    assert cell(panel, 1, 2) == "–", "the reflections' minutes hang on the count"
    panel.coaches.item(8).setCheckState(Qt.CheckState.Unchecked)
    assert panel.problem.text() == ""
    assert panel.start_button.isEnabled()
    assert panel.total.text().endswith("with 8 coaches")
    view = console.controller.view()
    assert view is not None
    assert cell(panel, 1, 2) == "40"


def test_setup_shows_the_phases_and_the_planned_total(console: Console) -> None:
    """The preview lists each phase with its minutes and the total for the roster."""
    panel = console.setup_panel
    assert panel.phases.rowCount() == 4
    assert cell_text(panel.phases, 1, 1) == "Each coach, 5 min"
    assert panel.total.text() == "In all: 90 minutes with 3 coaches"
    assert console.pages.currentIndex() == SETUP_PAGE
    assert panel.start_button.isEnabled()


def test_a_roster_that_cannot_run_says_why_and_cannot_start(console: Console) -> None:
    """Without a case bringer, Start is disabled and the reason is shown."""
    console.setup_panel.bringer.setText("")
    assert not console.setup_panel.start_button.isEnabled()
    assert "Enter the case bringer's name" in console.setup_panel.problem.text()
    assert not console.setup_panel.problem.text().startswith("⚠")  # a blank form is not an error


def test_adding_removing_and_marking_absent_reshape_the_plan(console: Console) -> None:
    """A fourth coach lengthens the plan; an absent one shortens it; removing one takes them off."""
    panel = console.setup_panel
    panel.new_coach.setText("Eve")
    panel.add_button.click()
    assert panel.coach_names() == ["Ben", "Cy", "Dee", "Eve"]
    assert view_of(console).planned_total_s == 95 * MIN
    panel.coaches.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert view_of(console).planned_total_s == 90 * MIN
    assert panel.total.text() == "In all: 90 minutes with 3 coaches"
    panel.coaches.setCurrentRow(3)
    panel.remove_button.click()
    assert panel.coach_names() == ["Ben", "Cy", "Dee"]


def test_dragging_a_coach_changes_who_speaks_first(console: Console, fake_clock: FakeClock) -> None:
    """Moving Dee to the top (as a drop does) makes Dee the first to reflect."""
    panel = console.setup_panel
    assert panel.coaches.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert panel.coach_names() == ["Dee", "Ben", "Cy"]
    panel.start_button.click()
    console.run_panel.buttons["next"].click()
    assert view_of(console).speaker == "Dee"


def test_shuffle_keeps_the_same_coaches(console: Console) -> None:
    """Shuffling reorders the list and the session's coaches stay the same people, ids and all."""
    console.setup_panel.prefill(coaches=["Ben", "Cy", "Dee", "Eve"])  # Eve is nobody known: a fresh id
    clinic = console.controller.clinic
    assert clinic is not None
    before = clinic.session
    console.setup_panel.shuffle_button.click()
    assert sorted(console.setup_panel.coach_names()) == ["Ben", "Cy", "Dee", "Eve"]
    clinic = console.controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session is not before
    assert [session.roster.name_of(c) for c in session.order] == console.setup_panel.coach_names()
    assert set(session.order) == set(before.order)


def test_prefill_sets_up_the_clinic_it_describes(console: Console) -> None:
    """Filling in the bringer and coaches in one go sets up exactly that roster."""
    console.setup_panel.prefill("test-clinic", "Eve", ["Fay", "Gus"])
    clinic = console.controller.clinic
    assert clinic is not None
    assert [p.name for p in clinic.session.roster.people] == ["Eve", "Fay", "Gus"]
    assert view_of(console).speaker == "Eve"
    assert console.setup_panel.total.text() == "In all: 85 minutes with 2 coaches"


def test_with_every_coach_absent_the_clinic_cannot_start(console: Console) -> None:
    """Unticking every coach is refused in words, and Start is disabled."""
    panel = console.setup_panel
    for row in range(panel.coaches.count()):
        panel.coaches.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert panel.problem.text() == "⚠ At least one coach must be present."
    assert not panel.start_button.isEnabled()


def test_the_form_cannot_set_up_a_new_clinic_over_a_running_one(
    console: Console, fake_clock: FakeClock
) -> None:
    """Once started, editing the roster does not replace the clinic in progress."""
    panel = console.setup_panel
    panel.start_button.click()
    clinic = console.controller.clinic
    assert clinic is not None
    session = clinic.session
    panel.new_coach.setText("Eve")
    panel.add_button.click()
    assert console.controller.clinic is clinic
    assert clinic.session is session
    assert view_of(console).state is State.RUNNING


def hosted_console(qtbot: QtBot, controller: SessionController) -> Console:
    """A console offering the test clinic and a hosted copy of it (the bringer's phases are the host's)."""
    case = clinic_format()
    phases = tuple(
        dataclasses.replace(p, floor=Floor.HOST) if p.floor is Floor.BRINGER else p for p in case.phases
    )
    hosted = dataclasses.replace(case, name="hosted", title="Hosted", phases=phases)
    window = Console(
        controller, Catalogue(formats={case.name: case, "hosted": hosted}, problems=()), Settings()
    )
    qtbot.addWidget(window)
    return window


def test_a_format_with_no_case_asks_for_its_host(qtbot: QtBot, controller: SessionController) -> None:
    """For a hosted format the field is labelled Host, its phases say Host, and the roster's lead hosts."""
    window = hosted_console(qtbot, controller)
    panel = window.setup_panel
    panel.prefill("hosted", "Olu", ["Ben", "Cy"])
    assert panel.bringer_label.text() == "Host"
    assert cell_text(panel.phases, 0, 1) == "Host"
    clinic = controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session.roster.host is not None
    assert (session.roster.host.name, session.roster.bringer) == ("Olu", None)
    panel.bringer.setText("")
    assert panel.problem.text() == "Enter the host's name and the coaches to start."
    panel.prefill("test-clinic", "Olu")
    assert panel.bringer_label.text() == "Case bringer"
    clinic = controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session.roster.bringer is not None
    assert session.roster.host is None


def test_a_name_seen_before_is_that_person(console: Console) -> None:
    """Names the store knows take their ids: a clinic set up but not started is set up again with them."""
    panel = console.setup_panel
    panel.prefill(coaches=["Ben", "Zoe"])
    clinic = console.controller.clinic
    assert clinic is not None
    session = clinic.session
    zoe = session.roster.named("Zoe")
    known_zoe = Person("0000000f", "zoe")
    panel.recognise([known_zoe])
    clinic = console.controller.clinic
    assert clinic is not None
    session = clinic.session
    assert session.roster.named("Zoe").id == "0000000f"
    assert session.roster.named("Zoe").id != zoe.id
    assert session.roster.named("Ben").id == pid("Ben")
