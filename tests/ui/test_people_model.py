"""The People room's model: Qt's checks hold, edits are kept at once, refusals keep what was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from clinic_timer.core.people import Ease, Person, Standing
from clinic_timer.ui.people_model import AT_EASE, INTERESTS, KNOWN, NAME, STANDING, PeopleFilter, PeopleModel

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.crew_desk import CrewDesk


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, desk: CrewDesk) -> None:
    """Qt's own checks of an item model hold, through adding and editing people."""
    model = PeopleModel(desk)
    model.add("Ada")
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.add("Ben")
    model.setData(model.index(0, INTERESTS), "Civics, wellbeing")
    model.setData(model.index(1, KNOWN), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.rowCount() == 2


def test_an_edit_is_kept_in_the_store_at_once(desk: CrewDesk, crew_book: CrewBook) -> None:
    """Each column's edit reaches the database: name, interests, standing, ease, known in person."""
    model = PeopleModel(desk)
    row = model.add("Ada")
    assert model.setData(model.index(row, NAME), "Ada Lovelace")
    assert model.setData(model.index(row, INTERESTS), " Civics ,wellbeing")
    assert model.setData(model.index(row, STANDING), Standing.INTERESTED.value)
    assert model.setData(model.index(row, AT_EASE), "yes")
    assert model.setData(model.index(row, KNOWN), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    (kept,) = crew_book.people()
    assert (kept.name, kept.interests, kept.standing, kept.at_ease, kept.knows_in_person) == (
        "Ada Lovelace",
        ("civics", "wellbeing"),
        Standing.INTERESTED,
        Ease.YES,
        True,
    )
    assert model.index(row, STANDING).data() == "interested"
    assert model.index(row, KNOWN).data() == "yes"  # in words, not only a tick that a theme may hide


def test_a_blank_name_is_refused_and_said(qtbot: QtBot, desk: CrewDesk, crew_book: CrewBook) -> None:
    """Clearing a name is not taken: the store keeps the old one and the desk says why."""
    model = PeopleModel(desk)
    row = model.add("Ada")
    with qtbot.waitSignal(desk.failed) as said:
        assert not model.setData(model.index(row, NAME), "   ")
    assert "name" in said.args[0]
    assert [p.name for p in crew_book.people()] == ["Ada"]


def test_the_filter_narrows_by_interest_and_standing(desk: CrewDesk) -> None:
    """Typing part of an interest, or choosing where people stand, leaves only those people."""
    for person in (
        Person.new("Ada", interests=("civics",), standing=Standing.INTERESTED),
        Person.new("Ben", interests=("wellbeing",), standing=Standing.INTERESTED),
        Person.new("Cy", interests=("civic tech",), standing=Standing.FOUND),
    ):
        desk.save_person(person)
    proxy = PeopleFilter()
    proxy.setSourceModel(PeopleModel(desk))

    def shown() -> list[str]:
        return [proxy.index(r, NAME).data() for r in range(proxy.rowCount())]

    proxy.set_interest("CIV")
    assert shown() == ["Ada", "Cy"]
    proxy.set_standing(Standing.INTERESTED)
    assert shown() == ["Ada"]
    proxy.set_interest("")
    assert shown() == ["Ada", "Ben"]
