"""Themes and status cues: readable contrast, and no status told by colour alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QColor, QPalette

from clinic_timer.core.frame import status_badge
from clinic_timer.core.session import Status
from clinic_timer.ui.clock_face import widest_reading
from clinic_timer.ui.theme import (
    BORDER_STYLES,
    BORDER_WEIGHT,
    COLOURS,
    MAX_TEXT_SCALE,
    Theme,
    apply_theme,
    current_text_scale,
    current_theme,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.console import Console


def luminance(name: str) -> float:
    """WCAG relative luminance."""
    colour = QColor(name)

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_widest_reading_makes_every_digit_an_eight() -> None:
    """The clock is sized on the widest shape among the readings it may show."""
    assert widest_reading("5:00", "+0:03") == "+8:88"
    assert widest_reading("20:00", "1:05") == "88:88"


def test_every_status_has_its_own_symbol_words_and_outline() -> None:
    """No two statuses share a symbol, words or outline: none is told by colour alone."""
    badges = [status_badge(s) for s in Status]
    assert len({symbol for symbol, _ in badges}) == len(Status)
    assert len({text for _, text in badges}) == len(Status)
    assert len({(BORDER_STYLES[s], BORDER_WEIGHT[s]) for s in Status}) == len(Status)


@pytest.mark.parametrize("theme", list(Theme))
def test_text_is_readable_in_every_theme(theme: Theme) -> None:
    """Text and secondary text reach WCAG AA (4.5:1); status colours reach 4.5:1 for the bold badge."""
    colours = COLOURS[theme]
    assert contrast(colours.text, colours.window) >= 7.0
    assert contrast(colours.muted, colours.window) >= 4.5
    for status in Status:
        assert contrast(colours.status(status).name(), colours.window) >= 4.5, status


@pytest.mark.parametrize("theme", list(Theme))
def test_status_colours_differ_within_a_theme(theme: Theme) -> None:
    """The four status colours are distinct from each other and from plain text."""
    colours = COLOURS[theme]
    names = {colours.status(s).name() for s in Status} | {colours.text}
    assert len(names) == len(Status) + 1


def test_apply_theme_sets_palette_property_and_font(themed_app: QApplication) -> None:
    """The palette follows the theme; the font scales from the original size, not cumulatively."""
    base = themed_app.font().pointSizeF()
    apply_theme(themed_app, Theme.DARK, 1.5)
    assert current_theme() is Theme.DARK
    assert themed_app.palette().color(QPalette.ColorRole.Window).name() == COLOURS[Theme.DARK].window
    assert themed_app.palette().color(QPalette.ColorRole.WindowText).name() == COLOURS[Theme.DARK].text
    assert themed_app.font().pointSizeF() == pytest.approx(base * 1.5)
    apply_theme(themed_app, Theme.HIGH_CONTRAST, 1.5)
    assert themed_app.font().pointSizeF() == pytest.approx(base * 1.5)
    assert themed_app.palette().color(QPalette.ColorRole.Window).name() == "#000000"


def test_apply_theme_clamps_the_text_scale(themed_app: QApplication) -> None:
    """An absurd scale is held to the largest that still lays out."""
    apply_theme(themed_app, Theme.LIGHT, 10.0)
    assert current_text_scale() == MAX_TEXT_SCALE


def test_the_stylesheet_never_styles_labels(themed_app: QApplication) -> None:
    """The app stylesheet leaves labels to their palettes, which the share view sets."""
    for theme in Theme:
        apply_theme(themed_app, theme, 1.0)
        sheet = themed_app.styleSheet()
        assert "QLabel" not in sheet
        assert "QWidget" not in sheet


def test_the_big_clock_keeps_its_status_colour_through_text_size_and_theme_changes(
    themed_app: QApplication, console: Console, fake_clock: FakeClock
) -> None:
    """Restyling the app resets every palette; the console's clock in overtime stays overtime-coloured."""
    apply_theme(themed_app, Theme.LIGHT, 1.0)
    console.setup_panel.start_button.click()
    fake_clock.advance(21 * 60)
    console.controller.refresh()
    clock = console.run_panel.clock
    assert clock.colour().name() == COLOURS[Theme.LIGHT].overtime
    apply_theme(themed_app, Theme.LIGHT, 1.2)
    assert clock.colour().name() == COLOURS[Theme.LIGHT].overtime
    apply_theme(themed_app, Theme.DARK, 1.2)
    assert clock.colour().name() == COLOURS[Theme.DARK].overtime


def test_a_larger_text_size_reaches_the_windows(themed_app: QApplication, console: Console) -> None:
    """With the style sheet in force, a text-size step still reaches each label, not just the app's font."""
    apply_theme(themed_app, Theme.LIGHT, 1.0)
    label = console.setup_panel.total
    before = label.fontInfo().pointSizeF()
    apply_theme(themed_app, Theme.LIGHT, 1.5)
    assert label.fontInfo().pointSizeF() == pytest.approx(before * 1.5, rel=0.1)
