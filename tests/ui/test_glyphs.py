"""Clock digits drawn from cached glyphs look like ordinary text and cost no layout pass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QLabel

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.roster import Roster
from clinic_timer.ui import glyphs
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.glyphs import GlyphLabel
from clinic_timer.ui.share_view import ShareView
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def ink_box(image: QImage) -> tuple[int, int, int, int]:
    """The bounding box of dark pixels: (left, top, right, bottom)."""
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            if QColor(image.pixel(x, y)).lightness() < 128:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def rendered(label: QLabel) -> QImage:
    label.setStyleSheet("background: white; color: black;")
    font = QFont()
    font.setPixelSize(80)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.resize(400, 120)
    return label.grab().toImage()


def test_cached_digits_land_where_plain_text_would(qtbot: QtBot) -> None:
    """A glyph-drawn reading covers the same box, within a few pixels, as QLabel's own drawing."""
    plain, cached = QLabel("12:34"), GlyphLabel("12:34")
    qtbot.addWidget(plain)
    qtbot.addWidget(cached)
    expected, got = ink_box(rendered(plain)), ink_box(rendered(cached))
    assert all(abs(a - b) <= 3 for a, b in zip(expected, got, strict=True)), (expected, got)


def test_the_cache_is_reused_not_regrown(qtbot: QtBot) -> None:
    """Drawing the same digits again adds no glyphs."""
    label = GlyphLabel("10:00")
    qtbot.addWidget(label)
    rendered(label)
    before = len(glyphs.SHARED)
    for reading in ("10:00", "01:01", "0:10"):
        label.setText(reading)
        label.grab()
    assert len(glyphs.SHARED) == before


def test_the_share_view_clock_ticks_without_a_layout_pass(qtbot: QtBot) -> None:
    """A new second repaints the clock only: the window is not asked to lay out again."""
    clock = FakeClock()
    controller = SessionController(clock)
    controller.setup(clinic_format(), Roster("Ada", ("Ben", "Cy")))
    view = ShareView(controller)
    qtbot.addWidget(view)
    view.resize(960, 540)
    view.show()
    controller.toggle_pause()
    qtbot.waitExposed(view)

    class Count(QObject):
        layouts = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.LayoutRequest:
                Count.layouts += 1
            return False

    clock.advance(1)
    controller.refresh()
    qtbot.wait(1)
    counter = Count()
    view.installEventFilter(counter)
    for _ in range(4):
        clock.advance(1)
        controller.refresh()
        qtbot.wait(1)  # let posted events through
    assert view.clock.text() == "19:55"
    assert Count.layouts == 0
