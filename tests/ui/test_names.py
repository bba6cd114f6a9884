"""Names on screen: isolated in their own direction, and elided rather than widening a window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from clinic_timer.ui.names import ElidedLabel, caption_alignment, isolate, name_floor

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_a_name_is_isolated_and_nothing_stays_nothing() -> None:
    """FSI ... PDI around a name; an empty or missing name adds no invisible characters."""
    assert isolate("محمد") == "\u2068محمد\u2069"
    assert isolate("") == ""
    assert isolate(None) == ""


def test_caption_alignment_is_absolute() -> None:
    """Left stays left for right-to-left text too."""
    alignment = caption_alignment(Qt.AlignmentFlag.AlignLeft)
    assert alignment & Qt.AlignmentFlag.AlignAbsolute
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_a_names_floor_keeps_the_speaker_larger_than_the_next() -> None:
    """The floor follows the preferred size, and never goes below the least readable size."""
    assert name_floor(54) > name_floor(36)
    assert name_floor(4) == 11


def test_an_elided_label_asks_for_no_width_and_keeps_its_text(qtbot: QtBot) -> None:
    """A 41-letter name in a 120 px label is painted elided; its text and tooltip stay whole."""
    label = ElidedLabel()
    qtbot.addWidget(label)
    name = "Maximiliana Josefina Alejandra Villanueva"
    label.setText(name)
    label.resize(120, 30)
    assert label.minimumSizeHint().width() <= 1
    assert label.sizeHint().width() <= 240
    assert label.text() == name
    assert label.toolTip() == name
    assert label.shown_text().endswith("…")
    assert len(label.shown_text()) < len(name)
