"""The history window: the model passes qtmodeltester; search, filter, read-only open, guarded delete."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt

from clinic_timer.core.people import Person
from clinic_timer.core.roster import Roster
from clinic_timer.store import Store
from clinic_timer.ui.history_model import HistoryModel
from clinic_timer.ui.history_window import HistoryDeletion, HistoryWindow
from tests.core.cast import pid, someone
from tests.store.records import CET, PRIVATE, full_record, wall_from

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.record import SessionRecord
    from clinic_timer.store import SessionSummary


@pytest.fixture
def records() -> list[SessionRecord]:
    """Three clinics a week apart: Ada's, Bo's, and Ada's again (newest)."""
    start = datetime(2026, 3, 3, 19, 0, tzinfo=CET)
    return [
        full_record(bringer=who, title=title, wall=wall_from(start + timedelta(days=7 * i)))
        for i, (who, title) in enumerate([("Ada", "City or country"), ("Bo", "A new job"), ("Ada", "Later")])
    ]


@pytest.fixture
def store(tmp_path: Path, records: list[SessionRecord]) -> Iterator[Store]:
    """An open store holding the three clinics."""
    with Store.open(tmp_path / "notes.sqlite3") as opened:
        for record in records:
            opened.save(record)
        yield opened


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> HistoryWindow:
    """The history window over the store, shown."""
    shown = HistoryWindow(store)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def column(window: HistoryWindow, index: int) -> list[str]:
    """A column's texts in the order shown."""
    model = window.model
    return [str(model.data(model.index(row, index))) for row in range(model.rowCount())]


def test_the_model_passes_qtmodeltester(qtmodeltester: ModelTester, store: Store) -> None:
    """Qt's own checks of an item model hold for the history's model, through a reset and a sort."""
    model = HistoryModel()
    model.set_rows(store.list())
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.set_rows(store.list("Bo"))  # the tester keeps watching every change from here on
    model.set_rows(store.list())
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.sort(4, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 3


def test_clinics_are_listed_newest_first_with_date_bringer_format_title(window: HistoryWindow) -> None:
    """Three rows, newest first, with local dates, names, format and the case's title."""
    assert column(window, 1) == ["Ada", "Bo", "Ada"]
    assert column(window, 2) == ["Test clinic"] * 3
    assert column(window, 3) == ["Later", "A new job", "City or country"]
    assert column(window, 0)[2].startswith("2026-03-03")
    assert column(window, 4)[0].endswith("min")
    assert window.count.text() == "3 clinics"


def test_sorting_by_bringer(window: HistoryWindow) -> None:
    """A click on a header sorts by that column; the selected clinic stays selected."""
    window.select_row(1)  # Bo's
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(window, 1) == ["Ada", "Ada", "Bo"]
    selected = window.selected()
    assert selected is not None
    assert selected.bringer == "Bo"
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(window, 3) == ["City or country", "A new job", "Later"]


def test_search_looks_in_the_notes(qtbot: QtBot, window: HistoryWindow) -> None:
    """Words from a note find every clinic that has it; a title's words find just that clinic."""
    window.search.setText("new job")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert column(window, 1) == ["Bo"]
    window.search.setText("pull of both places")  # from one clinic back to all three: the search ran
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    window.search.setText("nowhere-to-be-found")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert window.count.text() == "0 clinics"


def test_the_filter_choices_stay_whole_while_a_filter_is_on(window: HistoryWindow) -> None:
    """Reloading with Bo chosen (after a delete, or on reopening) still offers every bringer."""
    window.bringer.setCurrentIndex(window.bringer.findData(pid("Bo")))
    window.bringer.activated.emit(window.bringer.currentIndex())
    window.reload(refill_filters=True)
    assert [window.bringer.itemText(i) for i in range(window.bringer.count())][1:] == ["Ada", "Bo"]
    assert window.bringer.currentData() == pid("Bo")
    assert column(window, 1) == ["Bo"]


def test_filtering_by_bringer(window: HistoryWindow) -> None:
    """Choosing a bringer lists only their clinics."""
    window.bringer.setCurrentIndex(window.bringer.findData(pid("Bo")))
    window.bringer.activated.emit(window.bringer.currentIndex())
    assert column(window, 1) == ["Bo"]


def test_open_shows_the_full_record_read_only(window: HistoryWindow) -> None:
    """Open: the facilitator's record, private notes included, in a read-only viewer."""
    window.select_row(2)
    viewer = window.open_selected()
    assert viewer is not None
    text = viewer.text.toPlainText()
    assert "City or country" in text
    assert PRIVATE in text
    assert viewer.text.isReadOnly()
    viewer.close()


def test_delete_asks_first_and_keeps_the_clinic_if_declined(
    window: HistoryWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Declined: nothing is deleted; confirmed: the clinic is gone from the list and the store."""
    window.select_row(0)
    asked: list[str] = []

    def decline(cls: type, summary: SessionSummary, parent: object = None) -> bool:
        asked.append(summary.id)
        return False

    monkeypatch.setattr(HistoryDeletion, "ask", classmethod(decline))
    window.delete_button.click()
    assert store.count() == 3
    assert len(asked) == 1
    monkeypatch.setattr(HistoryDeletion, "ask", classmethod(lambda cls, summary, parent=None: True))
    window.delete_button.click()
    assert store.count() == 2
    assert column(window, 3) == ["A new job", "City or country"]


def test_the_clinic_running_now_cannot_be_deleted(
    qtbot: QtBot, store: Store, records: list[SessionRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record being autosaved is protected: no question is asked and nothing is deleted."""
    window = HistoryWindow(store, lambda: records[2].id)
    qtbot.addWidget(window)
    monkeypatch.setattr(
        HistoryDeletion,
        "ask",
        classmethod(lambda cls, summary, parent=None: pytest.fail("asked to delete the running clinic")),
    )
    window.select_row(0)
    assert not window.delete_selected()
    assert store.count() == 3
    assert "running now" in window.count.text()


def test_the_history_filters_by_crew(qtbot: QtBot, store: Store, records: list[SessionRecord]) -> None:
    """Choosing a crew shows only the clinics its weeks were held as; the filter hides with no crew."""
    from clinic_timer.core.plan import hold
    from clinic_timer.store.crews import CrewBook
    from tests.ui.crew_fixtures import add_crew

    before = HistoryWindow(store)
    qtbot.addWidget(before)
    assert before.crew.count() == 1  # "any" only: no crew has held a week yet
    book = CrewBook(store)
    crew = add_crew(book)
    (kept,) = book.crews()
    plan = hold(crew, kept.plan, 1, record_id=records[0].id, absent=())
    book.save_crew(crew, hold(crew, plan, 2, record_id=records[2].id, absent=()))
    window = HistoryWindow(store)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 3
    window.crew.setCurrentIndex(window.crew.findData(crew.id))
    window.crew.activated.emit(window.crew.currentIndex())
    assert sorted(r.id for r in window.model.rows) == sorted((records[0].id, records[2].id))


def test_the_bringer_filter_picks_a_person_not_a_spelling(qtbot: QtBot, tmp_path: Path) -> None:
    """Kim spelled "kim" once is one choice (her latest name) finding both; two people called Sam are two."""
    kim, sams = Person("0000000a", "Kim"), (Person("0000000b", "Sam"), Person("0000000c", "Sam"))
    start = datetime(2026, 3, 3, 19, 0, tzinfo=CET)
    leads = (Person(kim.id, "kim"), kim, *sams)
    with Store.open(tmp_path / "notes.sqlite3") as store:
        for i, lead in enumerate(leads):
            roster = Roster(bringer=lead, coaches=(someone("Ben"), someone("Cy")))
            store.save(full_record(roster=roster, wall=wall_from(start + timedelta(days=7 * i))))
        shown = HistoryWindow(store)
        qtbot.addWidget(shown)
        shown.show()
        choices = [
            (shown.bringer.itemText(i), shown.bringer.itemData(i)) for i in range(1, shown.bringer.count())
        ]
        assert choices == [("Kim", kim.id), ("Sam (0000000b)", "0000000b"), ("Sam (0000000c)", "0000000c")]
        shown.bringer.setCurrentIndex(shown.bringer.findData(kim.id))
        shown.bringer.activated.emit(shown.bringer.currentIndex())
        assert column(shown, 1) == ["Kim", "kim"]
        shown.bringer.setCurrentIndex(shown.bringer.findData("0000000c"))
        shown.bringer.activated.emit(shown.bringer.currentIndex())
        assert len(column(shown, 1)) == 1
