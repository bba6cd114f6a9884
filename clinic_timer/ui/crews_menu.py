"""The console's way into the crews: Windows > Crews (Ctrl+K), and the one desk every part shares.

:func:`attach_crews` is what the composition root calls. It is handed a
``book`` callable that gives the :class:`~clinic_timer.store.crews.CrewBook`
over the store the app has open (the notes keeper's, once open; a
rehearsal's temporary one under ``--demo``), or None while there is none.
The desk and the window are made the first time they are needed, so a
launch costs nothing more.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from clinic_timer.ui.crew_desk import CrewDesk

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from clinic_timer.app import Composition
    from clinic_timer.core.catalogue import Catalogue
    from clinic_timer.core.formats import Format
    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.console import Console
    from clinic_timer.ui.crew_clinic import CrewClinic
    from clinic_timer.ui.crew_console import CrewOffer, RecallCard
    from clinic_timer.ui.crews_window import CrewsWindow
    from clinic_timer.ui.settings import Settings

CREWS_KEY = "Ctrl+K"
NO_STORE = "The crews are not available: the notes database is not open."


class CrewsMenu(QObject):
    """Opens the Crews window and holds the desk.

    Args:
        console: gets the menu entry; its status line reports problems.
        book: the people and crews of the open store, or None while none is open.
        formats: the catalogue's formats by name.
        today: today's date (tests and rehearsals fix it).
        shared_titles: the crews (by id) whose case titles the share view may show; the
            Plan room switches a crew in or out of this list (the settings' own).
    """

    desk_ready = Signal(object)  # the CrewDesk, the first time it is made

    def __init__(
        self,
        console: Console,
        book: Callable[[], CrewBook | None],
        formats: Mapping[str, Format],
        today: Callable[[], date] = date.today,
        shared_titles: list[str] | None = None,
    ) -> None:
        super().__init__(console)
        self.shared_titles = shared_titles if shared_titles is not None else []
        self.console = console
        self.book = book
        self.formats = dict(formats)
        self.today = today
        self._desk: CrewDesk | None = None
        self.window: CrewsWindow | None = None
        self.clinic: CrewClinic | None = None  # this week's clinic, once the desk is made
        self.offer: CrewOffer | None = None  # the set-up page's offer of this week's meetings
        self.card: RecallCard | None = None  # the landing's recall of the speaker's case
        self.action = QAction("Crews (private)…", console)
        self.action.setShortcut(CREWS_KEY)
        self.action.triggered.connect(self.open_window)
        console.addAction(self.action)  # the key works with the menu closed
        console.windows_menu.addAction(self.action)

    def desk(self) -> CrewDesk | None:
        """The shared desk, made (reading the people and crews once) the first time a store is open."""
        if self._desk is None:
            book = self.book()
            if book is None:
                return None
            self._desk = CrewDesk(book, today=self.today, parent=self)
            self.desk_ready.emit(self._desk)
        return self._desk

    def open_window(self) -> CrewsWindow | None:
        """Shows the Crews window (made once)."""
        desk = self.desk()
        if desk is None:
            self.console.show_message(NO_STORE)
            return None
        if self.window is None:
            from clinic_timer.ui.crews_window import CrewsWindow  # only when asked: keeps launch quick

            self.window = CrewsWindow(desk, self.formats, shared_titles=self.shared_titles)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        return self.window


def attach_crews(
    console: Console,
    book: Callable[[], CrewBook | None],
    formats: Mapping[str, Format],
    *,
    settings: Settings,
    record_id: Callable[[], str | None],
    show_case_title: Callable[[str], None],
    today: Callable[[], date] = date.today,
    week: tuple[str, int] | None = None,
) -> CrewsMenu:
    """The crews in the console: Ctrl+K, the set-up page's offer, the landing's recall and shared title.

    Args:
        console: the facilitator's window.
        book: the people and crews of the open store, or None while none is open.
        formats: the catalogue's formats by name.
        settings: which crews share case titles in the share view.
        record_id: the id of the record kept for the clinic now.
        show_case_title: gives the share view the speaker's case title ("" for none).
        today: today's date.
        week: a crew's id and week number to choose on the set-up page once the crews are read.
    """
    from clinic_timer.ui.crew_clinic import CrewClinic
    from clinic_timer.ui.crew_console import CrewOffer, RecallCard

    menu = CrewsMenu(console, book, formats, today, shared_titles=settings.share_case_titles)

    def wire(desk: CrewDesk) -> None:
        clinic = menu.clinic = CrewClinic(
            console.controller,
            console.setup_panel,
            desk,
            record_id,
            lambda crew_id: crew_id in settings.share_case_titles,
        )
        offer = menu.offer = CrewOffer(
            clinic, console.setup_panel
        )  # a parent first: never a window of its own
        console.setup_panel.add_crew_offer(offer, offer.choice)
        card = menu.card = RecallCard()
        console.add_run_widget(card)
        clinic.recall_changed.connect(card.show_recall)
        clinic.share_title_changed.connect(show_case_title)
        clinic.said.connect(console.show_message)
        if week is not None:
            offer.choose_week(*week)

    menu.desk_ready.connect(wire)
    QTimer.singleShot(0, menu.desk)  # queued after the store's opening, so the set-up page offers crews
    return menu


def attach_crews_to_app(
    parts: Composition, catalogue: Catalogue, *, demo: bool, week: tuple[str, int] | None = None
) -> CrewsMenu:
    """The composition root's part for the crews: over the app's notes database, or a rehearsal's sample.

    ``week`` (a crew's id and a week number, from ``--crew``) is chosen on the
    set-up page as soon as the crews are read, so the clinic belongs to it.

    A rehearsal never reads or writes the user's people and crews: its
    sample crew lives in a temporary store (``parts.sample``), removed when
    the app quits.
    """
    from clinic_timer.store import StoreError
    from clinic_timer.store.crews import CrewBook

    database, controller = parts.database, parts.controller
    if demo:
        from clinic_timer.crew_demo import sample_crew

        try:
            parts.sample = sample_crew(date.today())
            parts.app.aboutToQuit.connect(parts.sample.close)
        except StoreError as error:
            parts.console.show_message(f"The sample crew could not be made: {error}.")

    def book() -> CrewBook | None:
        if parts.sample is not None:
            return CrewBook(parts.sample.store)
        store = database.store if not demo else None
        return CrewBook(store) if store is not None else None

    def record_id() -> str | None:
        clinic = controller.clinic
        return clinic.id if clinic is not None and not demo else None  # a rehearsal keeps no record

    menu = attach_crews(
        parts.console,
        book,
        catalogue.formats,
        settings=parts.settings,
        record_id=record_id,
        show_case_title=parts.windows.set_case_title,
        week=week,
    )
    database.opened.connect(lambda _store: menu.desk())  # opened late (after a question): crews offered then
    return menu
