"""The crew on the set-up page: the offer fills the form, which stays the facilitator's to change."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from clinic_timer import paths
from clinic_timer.core.catalogue import load_catalogue
from clinic_timer.ui.console import Console
from clinic_timer.ui.crew_clinic import CrewClinic
from clinic_timer.ui.crew_console import NO_CREW, CrewOffer, RecallCard
from clinic_timer.ui.settings import Settings
from tests.ui.crew_fixtures import TODAY, add_crew

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.session import Session
    from clinic_timer.store.crews import CrewBook
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.crew_desk import CrewDesk


def made(
    qtbot: QtBot, controller: SessionController, desk: CrewDesk
) -> tuple[Console, CrewClinic, CrewOffer]:
    """A console with the shipped formats, and the crew offer on its set-up page."""
    console = Console(controller, load_catalogue(paths.shipped("sessions"), None), Settings())
    qtbot.addWidget(console)
    clinic = CrewClinic(controller, console.setup_panel, desk, lambda: None, lambda _crew: False)
    offer = CrewOffer(clinic, console.setup_panel)
    console.setup_panel.add_crew_offer(offer, offer.choice)
    console.show()
    return console, clinic, offer


def test_choosing_a_crew_week_fills_the_form_which_stays_editable(
    qtbot: QtBot, controller: SessionController, desk: CrewDesk, crew_book: CrewBook
) -> None:
    """Week 2 today: Ada brings, the others coach; the facilitator then renames the bringer."""
    add_crew(crew_book, first=TODAY - timedelta(weeks=1))
    desk.reload()
    controller.set_rotation(7)  # the app's own count of clinics held, were any
    console, clinic, offer = made(qtbot, controller, desk)
    assert offer.isVisible()
    assert [offer.choice.itemText(i) for i in range(offer.choice.count())] == [
        NO_CREW,
        "Civics crew, week 2: Ada brings a case",
    ]
    offer.choose_row(1)
    panel = console.setup_panel
    assert panel.format_name() == "crew-case-clinic"
    assert panel.bringer.text() == "Ada"
    assert panel.coach_names() == ["Cy", "Dee", "Ben"]
    assert session_of(controller).rotation == 1  # the crew's week 2
    panel.bringer.setText("Ada L.")
    assert session_of(controller).roster.lead.name == "Ada L."
    assert clinic.week is not None  # still the crew's week
    offer.choose_row(0)
    assert clinic.week is None
    panel.bringer.setText("Ada")
    assert session_of(controller).rotation == 0  # a clinic of no crew: the app's count (none held)


def session_of(controller: SessionController) -> Session:
    """The session of the clinic in progress."""
    clinic = controller.clinic
    assert clinic is not None
    return clinic.session


def test_no_crew_meeting_ahead_hides_the_offer(
    qtbot: QtBot, controller: SessionController, desk: CrewDesk
) -> None:
    """Without a crew meeting today or coming up, the set-up page looks as it always did."""
    _console, _clinic, offer = made(qtbot, controller, desk)
    assert not offer.isVisible()


def test_the_recall_card_shows_only_with_something_to_recall(qtbot: QtBot) -> None:
    """The card is hidden for "" and shows the lines it is given."""
    card = RecallCard()
    qtbot.addWidget(card)
    card.show()
    card.show_recall("What Ada brought\nWeek 2: City or country")
    assert card.isVisible()
    assert card.heading.text() == "What Ada brought"
    assert card.text.text() == "Week 2: City or country"
    card.show_recall("")
    assert not card.isVisible()
