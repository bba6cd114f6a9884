"""Clock digits drawn from cached glyphs look like ordinary text and cost no layout pass."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from clinic_timer.ui import glyphs
from clinic_timer.ui.clock_face import ClockFace
from clinic_timer.ui.glyphs import GlyphLabel

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
    """The first reading adds its three characters; drawing the same digits again adds none."""
    label = GlyphLabel("10:00")
    qtbot.addWidget(label)
    font = label.font()
    font.setPixelSize(97)  # a size no other test draws, so these glyphs are new
    label.setFont(font)
    label.resize(400, 120)
    before = len(glyphs.SHARED)
    label.grab()
    assert len(glyphs.SHARED) == before + 3  # "1", "0" and ":"
    for reading in ("10:00", "01:01", "0:10"):
        label.setText(reading)
        label.grab()
    assert len(glyphs.SHARED) == before + 3


def test_a_new_reading_costs_no_layout_pass(qtbot: QtBot) -> None:
    """Each second repaints the clock alone: its window is not asked to lay out again."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    clock = ClockFace()
    layout.addWidget(clock)
    layout.addWidget(QLabel("NEXT"))
    window.resize(480, 270)
    window.show()
    qtbot.waitExposed(window)
    clock.set_sample("88:88")
    QApplication.processEvents()

    class Count(QObject):
        layouts = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.LayoutRequest:
                Count.layouts += 1
            return False

    counter = Count()
    window.installEventFilter(counter)
    for reading in ("19:59", "19:58", "19:57", "1:01"):
        clock.set_text(reading)
        QApplication.processEvents()
    assert clock.text() == "1:01"
    assert Count.layouts == 0
