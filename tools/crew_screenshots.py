"""Screenshots of the crews: each room of the Crews window, and the set-up page with a crew week chosen.

Taken by ``tools/screenshots.py`` (which calls :func:`shoot_crews`), under a
real X server, with ``--demo``'s sample crew (sample names only) in a
temporary store, the day fixed so the shots do not change from one day to
the next: week 1 held with everyone, week 2 held with Kim away, week 3 today.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.core.clock import FakeClock
from clinic_timer.core.plan import hold
from clinic_timer.crew_demo import sample_crew
from clinic_timer.store.crews import CrewBook
from clinic_timer.ui.console import Console
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.crew_clinic import CrewClinic
from clinic_timer.ui.crew_console import CrewOffer
from clinic_timer.ui.crew_desk import CrewDesk
from clinic_timer.ui.crews_window import CREWS_ROOM, PEOPLE_ROOM, PLAN_ROOM, CrewsWindow
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.settings import Settings
from clinic_timer.ui.theme import Theme, apply_theme

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

DAY = date(2026, 10, 20)  # the sample crew's week 3, a Tuesday
WINDOW_SIZE = (1280, 760)
THEMES = (Theme.LIGHT, Theme.DARK)


def shoot_crews(out: Path, grab: Callable[[QWidget], QImage], save: Callable[[QImage, Path], int]) -> int:
    """Shoots the three rooms and the set-up page in the light and dark themes; the bytes written."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sample = sample_crew(DAY - timedelta(weeks=1))  # week 1 held, week 2 planned for a week ago...
    try:
        book = CrewBook(sample.store)
        (kept,) = book.crews()
        kim = next(p.id for p in book.people() if p.name == "Kim")
        book.save_crew(
            kept.crew, hold(kept.crew, kept.plan, 2, record_id=None, absent=(kim,))
        )  # ...then held
        desk = CrewDesk(book, today=lambda: DAY)
        formats = load_catalogue(paths.shipped("sessions"), None).formats
        total = 0
        for theme in THEMES:
            apply_theme(app, theme, 1.0)
            slug = theme.value.replace(" ", "-")
            window = CrewsWindow(desk, formats)
            window.resize(*WINDOW_SIZE)
            window.move(0, 0)
            window.people.table.selectRow(0)
            window.crews.show_suggestions()
            for room, name in ((PEOPLE_ROOM, "people"), (CREWS_ROOM, "crews"), (PLAN_ROOM, "plan")):
                window.show_room(room)
                if room == PLAN_ROOM:
                    window.plan.show_crew(kept.crew.id)
                    window.plan.select_week(3)
                total += save(grab(window), out / f"crews-{name}-{slug}.png")
            window.close()
            console = _setup_page(desk)
            total += save(grab(console), out / f"setup-crew-{slug}.png")
            console.close()
        return total
    finally:
        sample.close()


def _setup_page(desk: CrewDesk) -> QWidget:
    """The console's set-up page with the sample crew's week 3 chosen."""
    controller = SessionController(FakeClock())
    catalogue = load_catalogue(paths.shipped("sessions"), None)
    console = Console(controller, catalogue, Settings(), themes=[t.value for t in Theme])
    console.set_notes_widget(NotesPanel(controller))
    clinic = CrewClinic(controller, console.setup_panel, desk, lambda: None, lambda _crew: False)
    offer = CrewOffer(clinic, console)
    console.setup_panel.add_crew_offer(offer, offer.choice)
    offer.choose_row(1)
    console.resize(1280, 800)
    console.move(0, 0)
    return console
