"""Screenshots of the crews: each room of the Crews window, the set-up page with a crew week chosen,
and the console in a landing recalling the speaker's case.

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
from clinic_timer.ui.crew_console import CrewOffer, RecallCard
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
        apply_theme(app, Theme.LIGHT, 1.0)  # as the app starts: the windows open once, then themes switch
        window = CrewsWindow(desk, formats)
        window.resize(*WINDOW_SIZE)
        window.people.table.selectRow(0)
        window.crews.show_suggestions()
        window.plan.show_crew(kept.crew.id)
        console = _setup_page(desk)
        for theme in THEMES:
            apply_theme(app, theme, 1.1)  # a text-size step and back, with the windows open
            apply_theme(app, theme, 1.0)
            slug = theme.value.replace(" ", "-")
            window.move(0, 0)
            for room, name in ((PEOPLE_ROOM, "people"), (CREWS_ROOM, "crews"), (PLAN_ROOM, "plan")):
                window.show_room(room)
                if room == PLAN_ROOM:
                    window.plan.select_week(3)
                total += save(grab(window), out / f"crews-{name}-{slug}.png")
            window.hide()
            console.move(0, 0)
            total += save(grab(console), out / f"setup-crew-{slug}.png")
            console.hide()
        window.close()
        console.close()
        total += _landing(out, grab, save, book)
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


CASES = {  # a sample case for each member, as their clinic's notes would have it
    "Sam": ("Speaking up at work", "How to say no without guilt", "Practise one small no this week"),
    "Alex": ("Moving to the coast", "Whether to go before winter", "Talk to the landlord first"),
    "Kim": ("A long friendship", "Whether to let it fade", "Write the letter, send it later"),
    "Robin": ("Too many projects", "Which one to put down", "Pick one to finish by spring"),
}


def _landing(
    out: Path, grab: Callable[[QWidget], QImage], save: Callable[[QImage, Path], int], book: CrewBook
) -> int:
    """The console in the landing's "Where are you now?", the first coach's case recalled (dark)."""
    from clinic_timer.core.notes import Note, Notebook, Section
    from clinic_timer.core.plan import MeetingStatus
    from clinic_timer.core.record import SessionRecord, new_record_id
    from clinic_timer.core.roster import Roster

    (kept,) = book.crews()
    names = {p.id: p.name for p in book.people()}
    held = []
    for meeting in kept.plan.meetings:
        if meeting.bringer is None or meeting.number == 6:
            held.append(meeting.changed(status=MeetingStatus.HELD) if meeting.number == 1 else meeting)
            continue
        title, help_wanted, takeaway = CASES[names[meeting.bringer]]
        notebook = Notebook(title=title, help_wanted=help_wanted)
        notebook.add(Note(takeaway, Section.TAKEAWAYS, 60.0))
        notebook.add(Note("A private worry of the facilitator's", Section.TAKEAWAYS, 61.0, private=True))
        record = SessionRecord(
            new_record_id(), "crew-case-clinic", "Crew case clinic", Roster.made(names[meeting.bringer], ("x",)),
            "2026-10-13T19:00:00+00:00", notebook=notebook,
        )  # fmt: skip
        book.store.save(record)
        held.append(meeting.changed(status=MeetingStatus.HELD, record_id=record.id))
    book.save_crew(kept.crew, kept.plan.replaced(*held))
    landing_day = kept.plan.meeting(6).day
    desk = CrewDesk(book, today=lambda: landing_day)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.DARK, 1.0)
    clock = FakeClock()
    controller = SessionController(clock)
    console = Console(controller, load_catalogue(paths.shipped("sessions"), None), Settings())
    console.set_notes_widget(NotesPanel(controller))
    clinic = CrewClinic(controller, console.setup_panel, desk, lambda: None, lambda _crew: False)
    card = RecallCard()
    console.add_run_widget(card)
    clinic.recall_changed.connect(card.show_recall)
    (landing,) = clinic.offers()
    clinic.choose(landing)
    console.setup_panel.start_button.click()
    clock.advance(4 * 60)
    controller.next()  # "Where are you now?": the first coach
    clock.advance(2 * 60)
    controller.refresh()
    console.resize(1280, 800)
    console.move(0, 0)
    total = save(grab(console), out / "landing-recall-dark.png")
    console.hide()  # close() would ask whether to stop the running clinic
    return total
