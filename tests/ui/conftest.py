"""Fixtures for the windows: a console on a fake clock, with the test clinic format."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from clinic_timer.core.catalogue import Catalogue
from clinic_timer.core.clock import FakeClock
from clinic_timer.ui.console import Console
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.settings import Settings
from tests.core.cast import roster_of, someone
from tests.core.formats_fixture import clinic_format
from tests.ui.crew_fixtures import crew_book, crew_store, desk  # noqa: F401 - fixtures for the crews' tests

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.formats import Format


@pytest.fixture
def fake_clock() -> FakeClock:
    """A clock that moves only when a test advances it."""
    return FakeClock()


@pytest.fixture
def clock(fake_clock: FakeClock) -> FakeClock:
    """The same fake clock, by the short name the shared windows' tests use."""
    return fake_clock


@pytest.fixture
def clinic_fmt() -> Format:
    """The format :func:`clinic` sets up; a test module may override it."""
    return clinic_format()


@pytest.fixture
def clinic(qtbot: QtBot, fake_clock: FakeClock, clinic_fmt: Format) -> SessionController:
    """A controller with ``clinic_fmt`` set up: Ada brings, Ben, Cy and Dee coach."""
    made = SessionController(fake_clock)
    made.setup(clinic_fmt, roster_of("Ada", ("Ben", "Cy", "Dee")))
    return made


@pytest.fixture
def controller(qtbot: QtBot, fake_clock: FakeClock) -> SessionController:
    """A controller on the fake clock, with no session yet."""
    return SessionController(fake_clock)


@pytest.fixture
def catalogue() -> Catalogue:
    """Only the 90-minute test clinic, so tests do not depend on shipped wording."""
    fmt = clinic_format()
    return Catalogue(formats={fmt.name: fmt}, problems=())


@pytest.fixture
def console(qtbot: QtBot, controller: SessionController, catalogue: Catalogue) -> Console:
    """The console, shown and active, with Ada bringing and Ben, Cy and Dee coaching (known: ids by name)."""
    window = Console(controller, catalogue, Settings())
    qtbot.addWidget(window)
    known = [someone(n) for n in ("Ada", "Ben", "Cy", "Dee")]
    window.setup_panel.prefill("test-clinic", "Ada", ["Ben", "Cy", "Dee"], known=known)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def themed_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with its style, palette, font, stylesheet and theme put back after a test themes it."""
    style, palette, font, sheet = qapp.style().name(), qapp.palette(), qapp.font(), qapp.styleSheet()
    names = ("clinicTheme", "clinicTextScale", "clinicBasePointSize")
    saved = {name: qapp.property(name) for name in names}
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    for name, value in saved.items():
        qapp.setProperty(name, value)
