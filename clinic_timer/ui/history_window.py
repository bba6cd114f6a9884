"""The history: every kept clinic, to find by date, bringer, format or a word in the notes.

The table is a :class:`HistoryModel` over the store's
:class:`~clinic_timer.store.SessionSummary` rows (a few columns, never the
notes), so opening it with a thousand clinics costs one query and no more
than the rows on screen. A search runs ``store.list(query)`` on the UI thread,
debounced; it stays well under the 300 ms budget for 1,000 sessions. A clinic
opens read-only as its facilitator's Markdown record; deleting asks first,
and the clinic running now cannot be deleted (its next autosave would bring
it back).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.export import Audience, to_markdown
from clinic_timer.store import StoreError
from clinic_timer.store.crews import CrewBook
from clinic_timer.ui import titles
from clinic_timer.ui.export_dialog import ExportDialog, copy_markdown
from clinic_timer.ui.history_model import HistoryModel, when_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from clinic_timer.core.record import SessionRecord
    from clinic_timer.store import SessionSummary, Store

ANY = "Any"
SEARCH_DEBOUNCE_MS = 200


class HistoryDeletion:
    """Asks before a clinic is deleted from the history: it cannot be undone."""

    @classmethod
    def ask(cls, summary: SessionSummary, parent: QWidget | None = None) -> bool:
        """True if the facilitator confirms deleting this clinic and all its notes."""
        answer = QMessageBox.question(
            parent,
            "Delete the clinic?",
            f"Delete the clinic of {when_text(summary.started_at)} with {summary.bringer} "
            f"and its {summary.note_count} notes? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes


class RecordViewer(QWidget):
    """One kept clinic, read-only: the facilitator's record as the Markdown export renders it.

    Args:
        record: the clinic; only read.
        parent: none: it is a window of its own.
    """

    def __init__(self, record: SessionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(
            titles.title(f"{record.notebook.title or record.format_title}: {record.roster.lead.name}")
        )
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(to_markdown(record, Audience.FACILITATOR))
        self.export_button = QPushButton("Export…")
        self.copy_button = QPushButton("Copy for the crew")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(760, 820)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)

    def _on_export_button_clicked(self) -> None:
        ExportDialog.ask(self.record, self)

    def _on_copy_button_clicked(self) -> None:
        copy_markdown(self.record, Audience.CREW)
        self.copy_button.setText("Copied for the crew")


class HistoryWindow(QWidget):
    """Past clinics: a sortable table, a search in the notes, and open, export, copy, delete.

    Args:
        store: the open notes database (read here on the UI thread; deletes too).
        protected: gives the id of the clinic being kept now, which cannot be deleted.
        parent: none: it is a window of its own.
    """

    def __init__(
        self,
        store: Store,
        protected: Callable[[], str | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(titles.title(titles.HISTORY))
        self.store = store
        self.protected = protected
        self.viewers: list[RecordViewer] = []
        self.model = HistoryModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the notes, titles and names")
        self.search.setClearButtonEnabled(True)
        self.bringer = QComboBox()
        self.format = QComboBox()
        self.crew = QComboBox()
        self.crew.setAccessibleName("Crew")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 120, 170, 0, 130, 60)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.open_button = QPushButton("Open")
        self.export_button = QPushButton("Export…")
        self.copy_button = QPushButton("Copy for the crew")
        self.delete_button = QPushButton("Delete…")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel("Bringer"))
        filters.addWidget(self.bringer)
        filters.addWidget(QLabel("Format"))
        filters.addWidget(self.format)
        self.crew_label = QLabel("Crew")
        filters.addWidget(self.crew_label)
        filters.addWidget(self.crew)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for button in (self.open_button, self.export_button, self.copy_button, self.delete_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.resize(980, 620)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.bringer.activated.connect(self._on_filter_activated)
        self.format.activated.connect(self._on_filter_activated)
        self.crew.activated.connect(self._on_filter_activated)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.reload(refill_filters=True)

    # -- public ------------------------------------------------------------------

    def reload(self, *, refill_filters: bool = False) -> None:
        """Lists the clinics matching the search and filters, newest first."""
        bringer = self.bringer.currentData()
        fmt = self.format.currentData()
        search = self.search.text()
        narrowed = bool(search.strip()) or isinstance(bringer, str) or isinstance(fmt, str)
        try:
            rows = self.store.list(
                search,
                bringer=bringer if isinstance(bringer, str) else None,
                format_name=fmt if isinstance(fmt, str) else None,
            )
            if refill_filters:  # the choices come from every clinic, not from the ones shown now
                self._fill_filters(self.store.list() if narrowed else rows)
                self._fill_crews()
            crew = self.crew.currentData()
            if isinstance(crew, str):
                held = CrewBook(self.store).crew_records().get(crew, set())
                rows = [r for r in rows if r.id in held]
        except StoreError as error:
            self.count.setText(f"The history cannot be read: {error}")
            return
        self.model.set_rows(rows)
        shown = len(rows)
        self.count.setText(f"{shown} clinic{'s' if shown != 1 else ''}")
        self._on_table_selection_changed()

    def selected(self) -> SessionSummary | None:
        """The clinic selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[rows[0].row()]

    def select_row(self, row: int) -> None:
        """Selects the table's ``row`` (in the order shown)."""
        self.table.selectRow(row)

    def open_selected(self) -> RecordViewer | None:
        """Opens the selected clinic read-only in a window of its own."""
        record = self._load_selected()
        if record is None:
            return None
        viewer = RecordViewer(record)
        self.viewers = [v for v in self.viewers if v.isVisible()] + [viewer]
        viewer.show()
        return viewer

    def delete_selected(self) -> bool:
        """Deletes the selected clinic once the facilitator confirms; True if it was deleted."""
        summary = self.selected()
        if summary is None:
            return False
        if summary.id == self.protected():
            self.count.setText("That is the clinic running now: it cannot be deleted while it runs.")
            return False
        if not HistoryDeletion.ask(summary, self):
            return False
        try:
            self.store.delete(summary.id)
        except StoreError as error:
            self.count.setText(f"Not deleted: {error}")
            return False
        self.reload(refill_filters=True)
        return True

    # -- internals ---------------------------------------------------------------

    def _fill_filters(self, rows: list[SessionSummary]) -> None:
        for combo, values in (
            (self.bringer, _people_of(rows)),
            (self.format, sorted({(r.format_title, r.format_name) for r in rows})),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(ANY, None)
            for label, value in values:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

    def _fill_crews(self) -> None:
        """The crews whose weeks were held as kept clinics, for the crew filter."""
        book = CrewBook(self.store)
        held = book.crew_records()
        current = self.crew.currentData()
        self.crew.clear()
        self.crew.addItem(ANY, None)
        for kept in book.crews():
            if kept.crew.id in held:
                self.crew.addItem(kept.crew.title, kept.crew.id)
        self.crew.setCurrentIndex(max(0, self.crew.findData(current)) if current is not None else 0)
        self.crew.setVisible(self.crew.count() > 1)
        self.crew_label.setVisible(self.crew.count() > 1)

    def _load_selected(self) -> SessionRecord | None:
        summary = self.selected()
        if summary is None:
            return None
        try:
            return self.store.load(summary.id)
        except (KeyError, StoreError) as error:
            self.count.setText(f"That clinic cannot be read: {error}")
            return None

    # -- slots -------------------------------------------------------------------

    def _on_search_text_changed(self) -> None:
        self._search_timer.start()

    def _on_filter_activated(self) -> None:
        self.reload()

    def _on_table_double_clicked(self) -> None:
        self.open_selected()

    def _on_table_selection_changed(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_button, self.export_button, self.copy_button, self.delete_button):
            button.setEnabled(chosen)

    def _on_open_button_clicked(self) -> None:
        self.open_selected()

    def _on_export_button_clicked(self) -> None:
        record = self._load_selected()
        if record is not None:
            ExportDialog.ask(record, self)

    def _on_copy_button_clicked(self) -> None:
        record = self._load_selected()
        if record is not None:
            copy_markdown(record, Audience.CREW)
            self.count.setText("Copied for the crew (no private notes) as Markdown.")

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()


def _people_of(rows: list[SessionSummary]) -> list[tuple[str, str]]:
    """Each lead once, by id, under the name of their latest clinic (the rows come newest first).

    The filter picks a person, not a spelling: "Kim" and "kim" are one entry,
    and two people called Sam are two.
    """
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row.bringer_id or row.bringer, row.bringer)
    counts = Counter(n.casefold() for n in names.values())
    shared = {n for n, count in counts.items() if count > 1}  # shown with their ids, to tell them apart
    shown = [(f"{n} ({i})" if n.casefold() in shared else n, i) for i, n in names.items()]
    return sorted(shown, key=lambda v: (v[0].casefold(), v[1]))
