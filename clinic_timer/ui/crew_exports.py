"""The Plan room's exports: the crew's calendar (.ics) and its summary, to a file the organiser picks.

Both go through the export package's atomic writers, so a failed write
(an unwritable folder, a full disk) changes nothing and is said in the
status line, naming the file. Neither carries anything private: the
calendar knows names, dates and the format; the summary, in addition, only
each held case's title.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from clinic_timer.core.record import ArchiveError
from clinic_timer.export.calendar import write_ics
from clinic_timer.export.crew_summary import summary_file_name, write_summary
from clinic_timer.export.files import ExportError
from clinic_timer.store import StoreError
from clinic_timer.ui.export_dialog import default_folder

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clinic_timer.core.formats import Format
    from clinic_timer.store.crews import KeptCrew
    from clinic_timer.ui.crew_desk import CrewDesk


class CrewFileChoice:
    """Where to write a crew's file; the file dialog, behind one method tests can replace."""

    @classmethod
    def ask(cls, suggested: Path, filters: str, parent: QWidget | None = None) -> Path | None:
        """The file chosen, or None if the organiser cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, "Export for the crew", str(suggested), filters)
        return Path(name) if name else None


def case_titles(desk: CrewDesk, kept: KeptCrew) -> dict[str, str]:
    """Each held meeting's record id to its case's title (a record that cannot be read is left out)."""
    titles = {}
    for meeting in kept.plan.meetings:
        if meeting.held and meeting.record_id:
            try:
                titles[meeting.record_id] = desk.book.store.load(meeting.record_id).notebook.title
            except (StoreError, ArchiveError, KeyError):
                continue
    return titles


def export_calendar(parent: QWidget, desk: CrewDesk, kept: KeptCrew, formats: Mapping[str, Format]) -> bool:
    """Asks where, then writes the crew's calendar; False if cancelled or refused."""
    suggested = default_folder() / summary_file_name(kept.crew, "ics").replace(" summary", "")
    path = CrewFileChoice.ask(suggested, "Calendar (*.ics);;All files (*)", parent)
    if path is None:
        return False
    try:
        write_ics(kept.crew, kept.plan, desk.names, formats, path)
    except ExportError as error:
        desk.failed.emit(f"The calendar was not written: {error}.")
        return False
    desk.told.emit(f"Calendar written to {path}; import it into any calendar app.")
    return True


def export_summary(parent: QWidget, desk: CrewDesk, kept: KeptCrew) -> bool:
    """Asks where, then writes the crew's summary as Markdown (or PDF for a .pdf name)."""
    suggested = default_folder() / summary_file_name(kept.crew, "md")
    path = CrewFileChoice.ask(suggested, "Markdown (*.md);;PDF (*.pdf);;All files (*)", parent)
    if path is None:
        return False
    try:
        write_summary(
            kept.crew, kept.plan, desk.names, case_titles(desk, kept), path, pdf=path.suffix.lower() == ".pdf"
        )
    except ExportError as error:
        desk.failed.emit(f"The summary was not written: {error}.")
        return False
    desk.told.emit(f"Crew summary written to {path}.")
    return True
