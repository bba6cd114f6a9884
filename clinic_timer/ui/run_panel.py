"""While the clinic runs: the clock, who speaks, where we are, and every control.

The panel renders the controller's views and forwards intents; it keeps no
time of its own. Every button runs the same :class:`KeyAction` as its key,
so a click and a key press can never behave differently (End asks first
either way). State is shown in words and symbols as well as colour
("■ Time up", "+1:23"), so it reads on a grey projector and to a
colour-blind facilitator alike.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_timer.core import times
from clinic_timer.core.console_text import session_text
from clinic_timer.core.frame import view_badge
from clinic_timer.core.nudges import FACILITATOR_NUDGES
from clinic_timer.core.session import SessionView, State, Status
from clinic_timer.ui.glyphs import GlyphLabel
from clinic_timer.ui.names import ElidedLabel, caption_alignment
from clinic_timer.ui.run_lists import CoachRoster, PhaseList
from clinic_timer.ui.theme import clock_colour, current_colours

if TYPE_CHECKING:
    from collections.abc import Mapping

    from clinic_timer.core.nudges import ShownNudge
    from clinic_timer.ui.controller import SessionController
    from clinic_timer.ui.shortcuts import KeyAction

CLOCK_SCALE = 6.0  # the big clock's font, relative to the panel's
WIDEST_CLOCK = "+888:88"
WIDEST_SESSION = "888 of 888 min: heading for 888 min, 888 over"
FINISHED_TITLE = "The clinic is complete"
FINISHED_INSTRUCTION = "Export the notes for the crew, or set up a new clinic."


def face_style() -> str:
    """The clock face's outline per status, in the current theme's colours.

    Each status has its own line style and weight as well as its colour
    (the same scheme as the share view's), so it reads without colour.
    """
    c = current_colours()
    return (
        f"QFrame#clockFace {{ border: 3px solid {c.line}; border-radius: 12px; }}\n"
        f'QFrame#clockFace[status="warning"] {{ border: 5px dashed {c.warning}; }}\n'
        f'QFrame#clockFace[status="time up"] {{ border: 8px solid {c.time_up}; }}\n'
        f'QFrame#clockFace[status="overtime"] {{ border: 7px dotted {c.overtime}; }}\n'
        f'QFrame#clockFace[flash="true"] {{ background: {c.surface}; border-color: {c.text}; }}\n'
        f'QFrame#clockFace[flash="true"] QLabel#bigClock {{ background: {c.surface}; }}\n'
    )


class RunPanel(QWidget):
    """The running clinic at a glance, with its controls.

    Args:
        controller: the source of views and the receiver of intents that need a name.
        actions: the console's key actions by name; buttons run them.
        parent: the console.
    """

    def __init__(
        self,
        controller: SessionController,
        actions: Mapping[str, KeyAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.flash_enabled = False
        self._last: dict[str, object] = {}

        self.phase_title = QLabel()
        self.phase_title.setObjectName("phaseTitle")
        self.instruction = QLabel()
        self.instruction.setWordWrap(True)
        self.face = QFrame()
        self.face.setObjectName("clockFace")
        self.face.setStyleSheet(face_style())
        self.clock = GlyphLabel("0:00")
        self.clock.setObjectName("bigClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setObjectName("statusWord")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.speaker = ElidedLabel()  # a long name never widens the console
        self.speaker.setObjectName("speaker")
        self.next_speaker = ElidedLabel()
        self.next_speaker.setAlignment(caption_alignment(Qt.AlignmentFlag.AlignRight))
        self.speaker.setAlignment(caption_alignment(Qt.AlignmentFlag.AlignLeft))
        self.nudge = QLabel()
        self.nudge.setObjectName("shownNudge")
        self.nudge.setWordWrap(True)
        self.session_clock = QLabel()
        self.session_clock.setObjectName("sessionClock")
        self.session_bar = QProgressBar()
        self.session_bar.setTextVisible(False)
        self.session_bar.setRange(0, 1000)
        self.session_bar.setMaximumHeight(10)
        self.phase_list = PhaseList(controller)
        self.roster = CoachRoster(controller)
        self.coach_list = self.roster.coach_list
        self.absent_button = self.roster.absent_button
        self.bring_back_button = self.roster.bring_back_button
        self.buttons: dict[str, QPushButton] = {}
        self._make_buttons(actions)
        self._lay_out()
        self._apply_fonts()

        controller.view_changed.connect(self._on_controller_view_changed)
        controller.nudge_changed.connect(self._on_controller_nudge_changed)
        controller.session_changed.connect(self._on_controller_session_changed)
        self._on_controller_session_changed()
        # Built late (the console makes it when a clinic first starts): show the clinic as it stands.
        view = controller.view()
        if view is not None:
            self._on_controller_view_changed(view)
        self._on_controller_nudge_changed(controller.shown_nudge())

    def _make_buttons(self, actions: Mapping[str, KeyAction]) -> None:
        labels = {
            "pause": "Start",
            "back": "◀ Back",
            "next": "Next ▶",
            "remove-minute": "−1 min",
            "add-minute": "+1 min",
            "skip": "Skip coach",
            "end": "End clinic",
        }
        labels.update({f"nudge-{n.kind}": n.label for n in FACILITATOR_NUDGES})
        for name, label in labels.items():
            action = actions.get(name)
            button = QPushButton()
            button.setObjectName(f"button-{name}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must stay the clock's key
            if action is not None:
                button.clicked.connect(action.run)
                button.setToolTip(f"{action.label} ({' or '.join(action.keys)})")
                button.setProperty("keyHint", action.hint)
            self.buttons[name] = button
            self._label_button(name, label)

    def _label_button(self, name: str, label: str) -> None:
        button = self.buttons[name]
        hint = button.property("keyHint")
        button.setText(f"{label}  [{hint}]" if hint else label)

    def _lay_out(self) -> None:
        face_layout = QVBoxLayout(self.face)
        face_layout.addStretch(1)
        face_layout.addWidget(self.clock, alignment=Qt.AlignmentFlag.AlignCenter)
        face_layout.addWidget(self.status)
        face_layout.addStretch(1)

        controls = QGridLayout()
        order = ["pause", "back", "next", "end", "remove-minute", "add-minute", "skip"]
        for index, name in enumerate(order):
            controls.addWidget(self.buttons[name], index // 4, index % 4)
        for button in self.buttons.values():
            button.setMinimumHeight(34)

        nudges = QGroupBox("Nudge the group")
        nudge_layout = QGridLayout(nudges)
        for index, nudge in enumerate(FACILITATOR_NUDGES):
            nudge_layout.addWidget(self.buttons[f"nudge-{nudge.kind}"], index // 2, index % 2)

        centre = QVBoxLayout()
        centre.addWidget(self.phase_title)
        centre.addWidget(self.instruction)
        centre.addWidget(self.face, 1)
        speakers = QHBoxLayout()
        speakers.addWidget(self.speaker, 3)
        speakers.addWidget(self.next_speaker, 2)
        centre.addLayout(speakers)
        centre.addWidget(self.nudge)
        centre.addLayout(controls)
        centre.addWidget(nudges)

        side = QVBoxLayout()
        session_box = QGroupBox("Session clock")
        session_layout = QVBoxLayout(session_box)
        session_layout.addWidget(self.session_clock, alignment=Qt.AlignmentFlag.AlignLeft)
        session_layout.addWidget(self.session_bar)
        side.addWidget(session_box)
        phases_box = QGroupBox("Phases")
        QVBoxLayout(phases_box).addWidget(self.phase_list)
        side.addWidget(phases_box, 3)
        side.addWidget(self.roster, 2)

        layout = QHBoxLayout(self)
        layout.addLayout(side, 1)
        layout.addLayout(centre, 2)

    def set_flash(self, enabled: bool) -> None:
        """Turns the gentle flash at time up and in overtime on or off."""
        self.flash_enabled = enabled
        if not enabled:
            self._set_face("flash", "false")

    # -- slots -----------------------------------------------------------------

    def _on_controller_session_changed(self) -> None:
        self._last.clear()
        self.roster.show_coaches()

    def _on_controller_view_changed(self, view: SessionView) -> None:
        # Views come once a second or more, and most change only the time: the rest
        # of the panel is looked at again only when its shape (state, phase, turn,
        # speaker, status) changes, which keeps a tick's work small.
        shape = (view.state, view.status, view.slot, view.next_speaker, view.turn_count, view.planned_total_s)
        if self._last.get("shape") != shape:
            self._last["shape"] = shape
            self._show_shape(view)
        self._show_time(view)

    def _show_time(self, view: SessionView) -> None:
        """The parts that move with the clock: the countdown, the session clock, its bar, the flash."""
        reading = "Done" if view.state is State.FINISHED else times.countdown(view.remaining_s)
        self._set("clock", self.clock.setText, reading)
        symbol, word = view_badge(view)  # in the warning it counts down too ("Under 2 min")
        self._set("status", self.status.setText, f"{symbol} {word}")
        self._set("session", self.session_clock.setText, session_text(view))
        span = max(view.planned_total_s, view.projected_total_s, 1.0)
        self._set("bar", self.session_bar.setValue, int(1000 * min(view.elapsed_s / span, 1.0)))
        alarm = view.status in (Status.TIME_UP, Status.OVERTIME) and view.state is State.RUNNING
        flash_on = self.flash_enabled and alarm and math.floor(view.remaining_s) % 2 == 0
        self._set_face("flash", "true" if flash_on else "false")

    def _show_shape(self, view: SessionView) -> None:
        """Everything that changes only with the state, the phase, the turn or the status."""
        self._set("clock colour", self._colour_clock, (view.state, view.status))
        self._set_face("status", view.status.value if view.state is not State.FINISHED else "calm")
        if view.state is State.FINISHED:  # under "Done" nothing may read as a phase still on
            speaker, upcoming, title = "", "", FINISHED_TITLE
            instruction = FINISHED_INSTRUCTION
        else:
            speaker = f"Speaking: {view.speaker}"
            upcoming = f"Next: {view.next_speaker}" if view.next_speaker else "Next: (the end)"
            title = f"Phase {view.phase_index + 1} of {view.phase_count} · {view.phase.name}"
            if view.turn_count:
                title += f" · turn {view.turn_number} of {view.turn_count}"
            instruction = view.phase.instruction
        self._set("speaker", self.speaker.setText, speaker)
        self._set("next", self.next_speaker.setText, upcoming)
        self._set("title", self.phase_title.setText, title)
        self._set("instruction", self.instruction.setText, instruction)
        # The planned total changes when a coach is marked absent or back: the minutes with it.
        self._set("phases", self.phase_list.show_phases, (view.phase_index, view.state, view.planned_total_s))
        self._set("coaches", self.roster.show_coaches, (view.slot, view.state))
        self._show_buttons(view)

    def _on_controller_nudge_changed(self, shown: ShownNudge | None) -> None:
        self.nudge.setText(f"Nudge on screen: “{shown.text}”" if shown else "")

    # -- drawing -----------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Keeps the big clock in proportion when the text size changes, and in colour when the theme does."""
        if event.type() is QEvent.Type.FontChange:
            self._apply_fonts()
        elif event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.StyleChange,
        ):
            style = face_style()
            if self.face.styleSheet() != style:
                self.face.setStyleSheet(style)
            # Restyling the app resets each widget's palette: the clock's status colour too.
            where = self._last.get("clock colour")
            if where is not None:
                self._colour_clock(where)  # type: ignore[arg-type]
        super().changeEvent(event)

    def _apply_fonts(self) -> None:
        base = self.font().pointSizeF()
        big = self.font()
        big.setPointSizeF(base * CLOCK_SCALE)
        big.setBold(True)
        self.clock.setFont(big)
        self._hold_size(self.clock, WIDEST_CLOCK)
        self._hold_size(self.session_clock, WIDEST_SESSION)
        for label, scale in ((self.status, 1.8), (self.speaker, 1.6), (self.phase_title, 1.3)):
            font = self.font()
            font.setPointSizeF(base * scale)
            font.setBold(label is not self.phase_title)
            label.setFont(font)

    @staticmethod
    def _hold_size(label: QLabel, widest: str) -> None:
        """Gives a label that changes every second a fixed size and an opaque background.

        A label of fixed size does not ask its window to lay out again when
        its text changes, and an opaque one is repainted alone, without its
        parents: together they make a tick a third as costly.
        """
        metrics = QFontMetrics(label.font())
        margins = label.contentsMargins()
        label.setFixedSize(
            metrics.horizontalAdvance(widest) + margins.left() + margins.right() + 4,
            metrics.height() + margins.top() + margins.bottom(),
        )
        label.setAutoFillBackground(True)

    def _set(self, key: str, setter: object, value: object) -> None:
        """Calls ``setter(value)`` only when ``value`` changed: views come four times a second."""
        if self._last.get(key) != value:
            self._last[key] = value
            setter(value)  # type: ignore[operator]

    def _set_face(self, name: str, value: str) -> None:
        if self.face.property(name) != value:
            self.face.setProperty(name, value)
            self.face.style().unpolish(self.face)
            self.face.style().polish(self.face)

    def _colour_clock(self, where: tuple[State, Status]) -> None:
        """The big clock takes the status colour past the warning, as the shared windows do."""
        self.clock.set_colour(clock_colour(*where))

    def _show_buttons(self, view: SessionView) -> None:
        running = view.state in (State.RUNNING, State.PAUSED)
        pause_label = {State.RUNNING: "❚❚ Pause", State.PAUSED: "▶ Resume"}.get(view.state, "▶ Start")
        key = (view.state, view.turn_count > 0)
        if self._last.get("buttons") == key:
            return
        self._last["buttons"] = key
        self._label_button("pause", pause_label)
        self.buttons["pause"].setEnabled(view.state is not State.FINISHED)
        for name in ("back", "next", "remove-minute", "add-minute", "end"):
            self.buttons[name].setEnabled(running)
        self.buttons["skip"].setEnabled(running and view.turn_count > 0)
        for nudge in FACILITATOR_NUDGES:  # a nudge is for a group still in the clinic
            self.buttons[f"nudge-{nudge.kind}"].setEnabled(running)
        self.roster.set_running(view.state)
