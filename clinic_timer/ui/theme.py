"""Themes: light, dark and high contrast, and how each status looks in them.

A status is never told by colour alone. Each has a symbol, a word and a
border style of its own (see :func:`clinic_timer.core.frame.status_badge`
and :data:`BORDER_STYLES`),
so a colour-blind facilitator, or a crew squinting at a thumbnail in a video
call, reads it just as well. The colours follow the Okabe-Ito palette, which
stays distinct under the common colour-vision deficiencies.

The chosen theme and text scale are kept as properties of the application,
so every window (the console's included) reads the same ones, and a theme
change reaches them all as an ``ApplicationPaletteChange`` event.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette

from clinic_timer.core.session import State, Status

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

THEME_PROPERTY = "clinicTheme"
TEXT_SCALE_PROPERTY = "clinicTextScale"
MIN_TEXT_SCALE = 0.75
MAX_TEXT_SCALE = 2.0


class Theme(enum.Enum):
    """The look of every window."""

    LIGHT = "light"
    DARK = "dark"
    HIGH_CONTRAST = "high contrast"


@dataclass(frozen=True)
class ThemeColours:
    """The colours of one theme, by what they mean rather than where they go.

    Attributes:
        window: the background of every window.
        surface: raised areas (the nudge card, segment tracks).
        text: primary text.
        muted: secondary text (labels, instructions); still at least 4.5:1 on ``window``.
        accent: the app's own colour (progress, the nudge card's edge).
        calm: on time.
        warning: the warning threshold has passed.
        time_up: the slot's time is up.
        overtime: counting up past the time.
        line: hairlines and outlines.
    """

    window: str
    surface: str
    text: str
    muted: str
    accent: str
    calm: str
    warning: str
    time_up: str
    overtime: str
    line: str

    def status(self, status: Status) -> QColor:
        """The colour for a status."""
        name = {
            Status.CALM: self.calm,
            Status.WARNING: self.warning,
            Status.TIME_UP: self.time_up,
            Status.OVERTIME: self.overtime,
        }[status]
        return QColor(name)


COLOURS: dict[Theme, ThemeColours] = {
    Theme.LIGHT: ThemeColours(
        window="#f6f4ef",
        surface="#e9e6de",
        text="#1d2530",
        muted="#4f5967",
        accent="#1f6f78",
        calm="#00785a",
        warning="#955700",
        time_up="#bf3f0a",
        overtime="#a0306e",
        line="#c9c4b8",
    ),
    Theme.DARK: ThemeColours(
        window="#14181e",
        surface="#222831",
        text="#eef1f5",
        muted="#a3adba",
        accent="#72c5bd",
        calm="#4cc9a0",
        warning="#f2b53a",
        time_up="#ff8552",
        overtime="#ee93cb",
        line="#3a424e",
    ),
    Theme.HIGH_CONTRAST: ThemeColours(
        window="#000000",
        surface="#000000",
        text="#ffffff",
        muted="#f0f0f0",
        accent="#ffff00",
        calm="#7dffb8",
        warning="#ffd400",
        time_up="#ff7043",
        overtime="#ff94e8",
        line="#ffffff",
    ),
}

BORDER_STYLES: dict[Status, Qt.PenStyle] = {
    Status.CALM: Qt.PenStyle.SolidLine,
    Status.WARNING: Qt.PenStyle.DashLine,
    Status.TIME_UP: Qt.PenStyle.SolidLine,
    Status.OVERTIME: Qt.PenStyle.DotLine,
}
"""The outline each status is drawn with; time up is also drawn twice as thick."""

BORDER_WEIGHT: dict[Status, float] = {
    Status.CALM: 1.0,
    Status.WARNING: 1.5,
    Status.TIME_UP: 2.5,
    Status.OVERTIME: 2.0,
}
"""How heavy each status's outline is, relative to the calm one."""


def current_theme() -> Theme:
    """The theme :func:`apply_theme` last set (light before any)."""
    app = QCoreApplication.instance()
    value = app.property(THEME_PROPERTY) if app is not None else None
    return Theme(value) if isinstance(value, str) else Theme.LIGHT


def current_colours() -> ThemeColours:
    """The colours of the current theme."""
    return COLOURS[current_theme()]


def clock_colour(state: State, status: Status | None) -> QColor:
    """The countdown's colour in the current theme, the same in every window.

    Muted while paused; the status colour past the warning while running;
    plain text otherwise (calm is quiet: the badge already says "on time").
    """
    colours = current_colours()
    if state is State.PAUSED:
        return QColor(colours.muted)
    if state is State.RUNNING and status is not None and status is not Status.CALM:
        return colours.status(status)
    return QColor(colours.text)


def current_text_scale() -> float:
    """The text scale :func:`apply_theme` last set (1.0 before any)."""
    app = QCoreApplication.instance()
    value = app.property(TEXT_SCALE_PROPERTY) if app is not None else None
    return float(value) if isinstance(value, int | float) else 1.0


def palette_for(theme: Theme) -> QPalette:
    """A full QPalette for a theme, so stock widgets (the console's) follow it too."""
    c = COLOURS[theme]
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.window if theme is Theme.HIGH_CONTRAST else c.surface,
        QPalette.ColorRole.AlternateBase: c.surface,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.time_up,
        QPalette.ColorRole.Highlight: c.accent,
        QPalette.ColorRole.HighlightedText: c.window,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.Light: c.surface,
        QPalette.ColorRole.Midlight: c.surface,
        QPalette.ColorRole.Mid: c.line,
        QPalette.ColorRole.Dark: c.line,
        QPalette.ColorRole.Shadow: c.text if theme is Theme.HIGH_CONTRAST else "#000000",
    }
    for role, name in roles.items():
        palette.setColor(role, QColor(name))
    disabled = QColor(c.muted)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def stylesheet_for(theme: Theme) -> str:
    """The few rules a palette cannot express: focus rings, tooltips, high-contrast outlines.

    It names no QLabel or QWidget in general: a rule that matched every
    widget would override the palettes the share view sets on its labels.
    """
    c = COLOURS[theme]
    width = 2 if theme is Theme.HIGH_CONTRAST else 1
    return (
        f"QToolTip {{ color: {c.text}; background: {c.surface}; border: {width}px solid {c.line}; }}\n"
        f"QAbstractButton:focus, QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, "
        f"QComboBox:focus, QListView:focus {{ outline: {width + 1}px solid {c.accent}; }}\n"
        + (
            _HIGH_CONTRAST_EDGES.format(line=c.line, text=c.text, accent=c.accent)
            if theme is Theme.HIGH_CONTRAST
            else ""
        )
    )


# In high contrast, Fusion draws fields and unticked boxes in near-black on black:
# give them visible edges, and a ticked box a filled square.
_HIGH_CONTRAST_EDGES = (
    "QLineEdit, QTextEdit, QPlainTextEdit, QComboBox {{ border: 1px solid {line}; }}\n"
    "QCheckBox::indicator {{ width: 14px; height: 14px; border: 2px solid {text}; }}\n"
    "QCheckBox::indicator:checked {{ background: {accent}; }}\n"
)


def apply_theme(app: QApplication, theme: Theme, text_scale: float) -> None:
    """Sets the theme and text scale for every window of the app.

    Args:
        app: the application.
        theme: light, dark or high contrast.
        text_scale: 1.0 for the platform's size; clamped to 0.75-2.0.
    """
    scale = min(max(text_scale, MIN_TEXT_SCALE), MAX_TEXT_SCALE)
    base = app.property("clinicBasePointSize")
    if not isinstance(base, int | float):
        base = app.font().pointSizeF()
        app.setProperty("clinicBasePointSize", base)
    app.setProperty(THEME_PROPERTY, theme.value)
    app.setProperty(TEXT_SCALE_PROPERTY, scale)
    app.setStyle("Fusion")  # the platform styles ignore parts of a custom palette
    font = app.font()
    font.setPointSizeF(float(base) * scale)
    app.setFont(font)
    app.setPalette(palette_for(theme))
    # Set even when unchanged: with a style sheet in force, a new app font reaches the
    # widgets only as the sheet re-polishes them (this resets their palettes, which is
    # why the clocks keep their colour themselves).
    app.setStyleSheet(stylesheet_for(theme))
