"""The mini timer: small, frameless, on top, draggable, and remembered where it was dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from clinic_timer.core.session import Status
from clinic_timer.ui.mini_timer import MINIMUM_SIZE, MiniTimer
from clinic_timer.ui.theme import COLOURS, Theme, apply_theme
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.controller import SessionController

MIN = 60.0


@pytest.fixture
def mini(qtbot: QtBot, clinic: SessionController) -> MiniTimer:
    """The mini timer on the clinic, shown."""
    window = MiniTimer(clinic)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def send_mouse(window: MiniTimer, kind: QEvent.Type, global_pos: QPoint, buttons: Qt.MouseButton) -> None:
    """Sends one mouse event at a global position, as the window system would."""
    local = QPointF(window.mapFromGlobal(global_pos))
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, local, QPointF(global_pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, event)


def test_it_is_frameless_and_stays_on_top(mini: MiniTimer) -> None:
    """The window asks for no frame and to stay above other windows."""
    flags = mini.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert mini.isWindow()


def test_dragging_moves_it(qtbot: QtBot, mini: MiniTimer) -> None:
    """Press, move by (120, 80), release: the frameless window follows the pointer."""
    mini.move(100, 100)
    qtbot.waitUntil(lambda: mini.pos() == QPoint(100, 100))
    start = mini.mapToGlobal(QPoint(20, 20))
    left = Qt.MouseButton.LeftButton
    send_mouse(mini, QEvent.Type.MouseButtonPress, start, left)
    send_mouse(mini, QEvent.Type.MouseMove, start + QPoint(60, 40), left)
    send_mouse(mini, QEvent.Type.MouseMove, start + QPoint(120, 80), left)
    send_mouse(mini, QEvent.Type.MouseButtonRelease, start + QPoint(120, 80), Qt.MouseButton.NoButton)
    assert mini.pos() == QPoint(220, 180)
    send_mouse(mini, QEvent.Type.MouseMove, start + QPoint(300, 300), Qt.MouseButton.NoButton)
    assert mini.pos() == QPoint(220, 180)  # released: moving the pointer no longer drags it


def test_a_click_without_a_move_leaves_it_where_it_is(qtbot: QtBot, mini: MiniTimer) -> None:
    """Pressing and releasing in place is not a drag."""
    mini.move(100, 100)
    qtbot.waitUntil(lambda: mini.pos() == QPoint(100, 100))
    here = mini.mapToGlobal(QPoint(10, 10))
    send_mouse(mini, QEvent.Type.MouseButtonPress, here, Qt.MouseButton.LeftButton)
    send_mouse(mini, QEvent.Type.MouseButtonRelease, here, Qt.MouseButton.NoButton)
    assert mini.pos() == QPoint(100, 100)


@pytest.mark.parametrize(
    ("into_s", "status", "badge", "clock_text"),
    [
        (2 * MIN, Status.CALM, "●  On time", "3:00"),
        (4 * MIN + 30, Status.WARNING, "▲  Under 1 min", "0:30"),
        (5 * MIN + 3, Status.TIME_UP, "■  Time", "+0:03"),
        (6 * MIN + 23, Status.OVERTIME, "+  Overtime", "+1:23"),
    ],
)
def test_it_shows_time_status_and_speaker(
    mini: MiniTimer,
    clinic: SessionController,
    clock: FakeClock,
    into_s: float,
    status: Status,
    badge: str,
    clock_text: str,
) -> None:
    """In Cy's reflection: the countdown, a status in words and symbol, and who speaks in which phase."""
    clinic.toggle_pause()
    clock.advance(20 * MIN)
    clinic.next()
    clock.advance(5 * MIN)
    clinic.next()
    clock.advance(into_s)
    clinic.refresh()
    assert mini.clock.text() == clock_text
    assert mini.badge.text() == badge
    assert mini.badge.status is status
    assert mini.who.text() == "Reflections  ·  \u2068Cy\u2069"


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (280, 140), (600, 300)])
def test_no_text_is_clipped(
    qtbot: QtBot, mini: MiniTimer, clinic: SessionController, size: tuple[int, int]
) -> None:
    """From the smallest size up, every label's text fits its box."""
    clinic.toggle_pause()
    mini.resize(*size)
    qtbot.waitUntil(lambda: mini.size().toTuple() == size)
    QApplication.processEvents()
    for label in mini.findChildren(QLabel):
        need = QFontMetrics(label.font()).size(0, label.text())
        box = label.contentsRect()
        assert need.width() <= box.width(), label.text()
        assert need.height() <= box.height(), label.text()


def test_flash_is_off_by_default(mini: MiniTimer, clinic: SessionController, clock: FakeClock) -> None:
    """In overtime it pulses only once asked to."""
    clinic.toggle_pause()
    clock.advance(25 * MIN)
    clinic.refresh()
    assert not mini.flashing
    mini.set_flash(True)
    assert mini.flashing
    mini.set_flash(False)
    assert not mini.flashing


@pytest.mark.usefixtures("themed_app")
def test_restyling_an_open_timer_keeps_its_clock_size(qtbot: QtBot, clinic: SessionController) -> None:
    """A theme switch and a text-size step with the timer open leave its clock its size, its caption its colour."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.LIGHT, 1.0)  # as the app does: themed before any window opens
    mini = MiniTimer(clinic)
    qtbot.addWidget(mini)
    mini.show()
    qtbot.waitExposed(mini)
    mini.resize(280, 140)
    qtbot.waitUntil(lambda: mini.size().toTuple() == (280, 140))
    QApplication.processEvents()
    before = mini.clock.font().pixelSize()
    for theme, scale in ((Theme.DARK, 1.0), (Theme.DARK, 1.1), (Theme.LIGHT, 1.0)):
        apply_theme(app, theme, scale)
        QApplication.processEvents()
        assert mini.clock.font().pixelSize() == before, f"after {theme.value} at {scale}"
        assert mini.who.colour().name() == COLOURS[theme].muted, f"after {theme.value} at {scale}"


def test_a_right_to_left_name_keeps_the_line_in_order(qtbot: QtBot, clinic: SessionController) -> None:
    """ "Reflections · محمد": the phase stays first (left) and the Arabic name is isolated in its own direction."""
    clinic.setup(clinic_format(), roster_of("Ada", ("محمد", "Cy")))
    window = MiniTimer(clinic)
    qtbot.addWidget(window)
    clinic.toggle_pause()
    clinic.next()
    text = window.who.full_text()
    assert text.startswith("Reflections")
    assert "\u2068محمد\u2069" in text
    layout = QTextLayout(text, window.who.font())
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    assert line.isValid()
    # "Reflections" is painted to the left of the name: its first letter's x is the line's start.
    start, name = line.cursorToX(0), line.cursorToX(len(text) - 2)
    assert isinstance(start, tuple)
    assert isinstance(name, tuple)
    assert start[0] < name[0]


def test_a_long_name_is_elided_at_a_readable_size(qtbot: QtBot, clinic: SessionController) -> None:
    """A 41-letter speaker in the 280x140 timer stays at least 11 px, elided, with the phase whole."""
    clinic.setup(clinic_format(), roster_of("Maximiliana Josefina Alejandra Villanueva", ("Cy",)))
    window = MiniTimer(clinic)
    qtbot.addWidget(window)
    window.resize(280, 140)
    window.show()
    qtbot.waitExposed(window)
    clinic.toggle_pause()
    QApplication.processEvents()
    assert window.who.font().pixelSize() >= 11
    assert window.who.text().startswith("Case monologue")
    assert "…" in window.who.text()
