"""The clinic's keyboard: one list of key actions, installed on every window.

The scheme, and why:

- Keys are bare (Space, N, B, +, -, S, E, A/F/M/Q, F1), so a facilitator on
  a call can act with one finger without looking, from the console, the
  shared window or the mini timer alike.
- Each window gets its own ``QShortcut`` objects with ``Qt.WindowShortcut``
  context, installed once by :func:`install_shortcuts`. The keys then work in
  whichever of our windows is active. ``Qt.ApplicationShortcut`` would be
  the obvious choice, but the same key registered as an application
  shortcut on three windows is *ambiguous* to Qt, and an ambiguous shortcut
  fires nothing at all (``activatedAmbiguously`` instead of ``activated``).
- Typing never triggers a bare key. Before a shortcut fires, Qt offers the
  key to the focused widget as a ``ShortcutOverride`` event, and Qt's text
  inputs (``QLineEdit``, ``QTextEdit``, ``QPlainTextEdit``, spin boxes)
  claim every printable key, Space and the arrows, so the letter lands in
  the notes. As a second guard, a bare-key shortcut that does fire while a
  text input has focus does nothing (a custom editor that forgets to claim
  its keys loses a letter, never ends a clinic). A widget that is not a Qt
  text input can opt in with the dynamic property ``takesTyping = True``,
  and the property covers everything inside it: the notes panel sets it,
  so focus left on its "Add note" button, its Private box or its section
  picker never turns the next typed word into clinic commands. The nearest
  widget that sets the property decides, so a part of such an area can
  opt out with ``takesTyping = False`` (the notes list does: Esc from the
  note entry goes there precisely to give the clinic its keys back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from clinic_timer.core.nudges import FACILITATOR_NUDGES

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from clinic_timer.core.nudges import FacilitatorNudge
    from clinic_timer.ui.controller import SessionController

TAKES_TYPING = "takesTyping"  # dynamic property: this widget wants bare keys as text
HANDLES_ESCAPE = "handlesEscape"  # dynamic property: this field gives the keys back itself on Esc
_INSTALLED = "clinicShortcutsInstalled"
_MODIFIERS = ("Ctrl+", "Alt+", "Meta+", "Shift+")


@dataclass(frozen=True)
class KeyAction:
    """Something the facilitator can do with a key.

    Attributes:
        name: a stable id ("next", "nudge-advice"), for tests and buttons.
        label: what it does, in the F1 list.
        keys: key sequences in ``QKeySequence`` text form; the first is shown on buttons.
        run: what it does.
    """

    name: str
    label: str
    keys: tuple[str, ...]
    run: Callable[[], None]

    @property
    def hint(self) -> str:
        """The first key, as shown on a button ("Space", "N")."""
        return self.keys[0] if self.keys else ""


def clinic_actions(
    controller: SessionController,
    *,
    end: Callable[[], None],
    show_help: Callable[[], None],
    next_step: Callable[[], None] | None = None,
) -> tuple[KeyAction, ...]:
    """Every keyboard action of a running clinic.

    Args:
        controller: receives the intents.
        end: asks for confirmation, then ends the clinic (so E cannot end it by accident).
        next_step: moves on, asking first where that would end the clinic; the
            controller's plain ``next`` if not given.
        show_help: shows the list of keys (F1).
    """
    actions = [
        KeyAction("pause", "Start, pause or resume", ("Space",), controller.toggle_pause),
        KeyAction("next", "Next turn or phase", ("N", "Right"), next_step or controller.next),
        KeyAction("back", "Back to the previous turn or phase", ("B", "Left"), controller.previous),
        KeyAction("add-minute", "One more minute", ("+", "="), controller.add_minute),
        KeyAction("remove-minute", "One minute less", ("-",), controller.remove_minute),
        KeyAction("skip", "Skip this coach for now (they come back later)", ("S",), controller.pass_turn),
        KeyAction("end", "End the clinic (asks first)", ("E",), end),
    ]
    actions.extend(
        KeyAction(
            f"nudge-{nudge.kind}",
            f"Nudge: {nudge.label}",
            (nudge.key,),
            _giving(controller, nudge),
        )
        for nudge in FACILITATOR_NUDGES
    )
    actions.append(KeyAction("help", "Show these keys", ("F1",), show_help))
    return tuple(actions)


def install_shortcuts(window: QWidget, actions: Sequence[KeyAction]) -> list[QShortcut]:
    """Gives ``window`` a window-context shortcut for every key of every action, once.

    Args:
        window: a top-level window (console, share view, mini timer).
        actions: usually :func:`clinic_actions`.

    Returns:
        The shortcuts made (none if the window already had them).
    """
    if window.property(_INSTALLED):
        return []
    window.setProperty(_INSTALLED, True)
    made: list[QShortcut] = []
    for action in actions:
        for key in action.keys:
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setObjectName(f"shortcut-{action.name}-{key}")
            if is_bare(key):
                shortcut.activated.connect(_unless_typing(action.run))
            else:
                shortcut.activated.connect(action.run)
            made.append(shortcut)
    return made


def is_bare(key: str) -> bool:
    """Whether a key sequence has no modifier, so it could be typed as text (F-keys excepted)."""
    if any(key.startswith(m) for m in _MODIFIERS):
        return False
    return not (key.startswith("F") and key[1:].isdigit())


def typing_in_text_field() -> bool:
    """Whether the focused widget takes typed text, so bare keys belong to it.

    A Qt text input always does. Otherwise the focused widget and then its
    ancestors are asked for ``takesTyping``, and the nearest one that sets it
    decides: a whole area (the notes panel) opts in at once, and a part of it
    (the notes list) can opt back out.
    """
    widget = QApplication.focusWidget()
    if widget is None:
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox):
        return not (isinstance(widget, QTextEdit | QPlainTextEdit) and widget.isReadOnly())
    if isinstance(widget, QComboBox) and widget.isEditable():
        return True
    here: QWidget | None = widget
    while here is not None:
        takes = here.property(TAKES_TYPING)
        if takes is not None:
            return bool(takes)
        here = here.parentWidget()
    return False


def _giving(controller: SessionController, nudge: FacilitatorNudge) -> Callable[[], None]:
    """A no-argument callable (a button's ``clicked(bool)`` must not fill a default argument)."""

    def give() -> None:
        controller.give_nudge(nudge)

    return give


def _unless_typing(run: Callable[[], None]) -> Callable[[], None]:
    def guarded() -> None:
        if not typing_in_text_field():
            run()

    return guarded
