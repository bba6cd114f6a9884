"""The share view: only what the group should see, whole and legible at any size."""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QToolBar,
    QTreeWidget,
    QWidget,
)

from clinic_timer import paths
from clinic_timer.core.formats import Format, load_format
from clinic_timer.core.nudges import FACILITATOR_NUDGES, FacilitatorNudge
from clinic_timer.core.session import State, Status
from clinic_timer.core.times import countdown
from clinic_timer.ui.controller import SessionController
from clinic_timer.ui.mini_timer import MiniTimer
from clinic_timer.ui.notes_panel import NotesPanel
from clinic_timer.ui.share_view import ShareView
from clinic_timer.ui.theme import COLOURS, Theme, apply_theme
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from clinic_timer.core.clock import FakeClock
    from clinic_timer.ui.console import Console

MIN = 60.0
SIZES = [(480, 270), (640, 360), (800, 600), (1280, 720), (1920, 1080), (1080, 1920)]
LONG_INSTRUCTION = (
    "Each coach in turn reflects back what they heard the bringer say, and how it made them feel "
    "as they listened, in their own words. No advice yet, however tempting: that comes later."
)
LONG_NUDGE = FacilitatorNudge(
    "L",
    "Long",
    "emotion",
    (
        "Take a breath before you begin, and start from what you felt rather than what you think "
        "the bringer ought to do; the generative dialogue is where ideas and advice belong.",
    ),
)
SECRET_WORDS = ("Secret", "Draft", "Torn", "mum", "sister", "impatient")  # a part of a note is a leak too
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QMenuBar,
    QMenu,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QToolBar,
    QDialog,
)


def crew_format() -> Format:
    """The shipped crew clinic when present (its wording is what crews see), else the test clinic."""
    try:
        return load_format(paths.shipped("sessions") / "crew-case-clinic.toml")
    except FileNotFoundError:
        return clinic_format()


@pytest.fixture
def clinic_fmt() -> Format:
    """The crew clinic, whose wording is what the group sees shared."""
    return crew_format()


@pytest.fixture
def share(qtbot: QtBot, clinic: SessionController) -> ShareView:
    """The share view on the clinic, shown."""
    view = ShareView(clinic)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def to_cys_reflection(controller: SessionController, clock: FakeClock, into_s: float = 70) -> None:
    """Runs the clinic to Cy's reflection (Ben done, Dee next), ``into_s`` seconds in."""
    controller.toggle_pause()
    clock.advance(20 * MIN)
    controller.next()
    clock.advance(5 * MIN)
    controller.next()
    clock.advance(into_s)
    controller.refresh()


def visible_texts(window: QWidget) -> list[str]:
    """Every text a visible label of ``window`` shows."""
    return [
        label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window) and label.text()
    ]


def clipped(window: QWidget) -> list[str]:
    """The visible labels whose text does not fit inside them (or they inside the window), described."""
    problems = []
    for label in window.findChildren(QLabel):
        if not label.isVisibleTo(window) or not label.text():
            continue
        box = label.contentsRect()
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            horizontal = label.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask
            flags = int(horizontal) | int(Qt.TextFlag.TextWordWrap)
            need = metrics.boundingRect(QRect(0, 0, box.width(), 1_000_000), flags, label.text()).size()
        else:
            need = metrics.size(0, label.text())
        where = QRect(label.mapTo(window, box.topLeft()), box.size())
        if need.width() > box.width() or need.height() > box.height() or not window.rect().contains(where):
            problems.append(f"{label.text()!r}: needs {need.toTuple()}, has {box.size().toTuple()}")
    return problems


def shows_theme(window: QWidget, theme: Theme) -> bool:
    """Whether ``window``'s background is ``theme``'s."""
    return window.palette().color(QPalette.ColorRole.Window).name() == COLOURS[theme].window


def shows_muted(label: QLabel, muted: str) -> bool:
    """Whether ``label``'s text is in the colour ``muted``."""
    return label.palette().color(QPalette.ColorRole.WindowText).name() == muted


def resize_and_settle(qtbot: QtBot, window: QWidget, width: int, height: int) -> None:
    """Resizes ``window`` and waits until its layout has taken the new size."""
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().toTuple() == (width, height))
    QApplication.processEvents()


def test_share_view_has_no_controls_menus_or_dialogs(share: ShareView, clinic: SessionController) -> None:
    """Walking every child finds no button, text field, menu, slider or dialog, and no context menu."""
    clinic.toggle_pause()
    clinic.give_nudge(FACILITATOR_NUDGES[0])
    children = share.findChildren(QWidget)
    assert children, "the view has widgets to walk"
    assert [type(c).__name__ for c in children if isinstance(c, CONTROLS)] == []
    assert share.contextMenuPolicy() is Qt.ContextMenuPolicy.NoContextMenu
    assert all(c.focusPolicy() is Qt.FocusPolicy.NoFocus for c in children)


def rendered_texts(window: QWidget) -> list[str]:
    """Every text ``window`` can put on screen or hand to a screen reader: labels shown or hidden, titles, tips."""
    texts = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        texts += [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
    return [text for text in texts if text]


def typed_texts(window: QWidget) -> str:
    """Everything the console's text fields and note list hold, run together."""
    texts = [w.text() for w in window.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in window.findChildren(QPlainTextEdit)]
    for tree in window.findChildren(QTreeWidget):
        for item in tree.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive, 1):
            texts.append(item.text(1))
    return "\n".join(texts)


def test_share_view_never_shows_a_note(qtbot: QtBot, console: Console, fake_clock: FakeClock) -> None:
    """Through a whole clinic with the facilitator typing, no note, case or draft text reaches the share view."""
    panel = NotesPanel(console.controller)
    console.set_notes_widget(panel)
    share = ShareView(console.controller)
    qtbot.addWidget(share)
    share.show()
    qtbot.waitExposed(share)
    controller = console.controller
    panel.title.setText("Torn between city and country")
    panel.help_wanted.setPlainText("Whether to move home to look after mum")
    secrets = [panel.title.text(), panel.help_wanted.toPlainText()]
    controller.toggle_pause()
    drafts: list[str] = []
    seen: set[str] = set()
    phase = 0
    while (view := controller.view()) is not None and view.state is not State.FINISHED:
        phase += 1
        for private in (True, False):
            panel.private.setChecked(private)
            note = panel.add_note(f"Secret {phase}{'p' if private else 's'}: Ada's sister is unwell")
            assert note is not None
            assert note.private is private
            secrets.append(note.text)
        panel.entry.setPlainText(f"Draft {phase}: Ben sounded impatient")
        drafts.append(panel.entry.toPlainText())
        secrets.append(drafts[-1])
        for step in (40.0, 3 * MIN, 30 * MIN):
            fake_clock.advance(step)
            controller.refresh()
            view = controller.view()
            assert view is not None
            nudge = controller.nudges.shown
            allowed = {
                view.phase.name,
                view.phase.instruction,
                view.speaker,
                view.next_speaker or "End of clinic",
                countdown(view.remaining_s),
                share.badge.text(),
                share.counter.text(),
                share.speaker_caption.text(),
                "NEXT",
                *([nudge.text] if nudge else []),
            }
            texts = visible_texts(share)
            assert set(texts) <= allowed
            leaks = [t for t in rendered_texts(share) for word in (*secrets, *SECRET_WORDS) if word in t]
            assert leaks == []
            seen.update(texts)
        controller.next()
    in_console = typed_texts(console)
    assert [s for s in secrets if s not in in_console] == drafts[:-1], (
        "the console holds every note checked for"
    )
    assert sum(n.private for n in panel.notebook.notes) == phase
    assert "Reflections" in seen
    assert any(text.startswith("+") for text in seen), "the walk reached overtime"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_text_is_clipped_at_any_size(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock, width: int, height: int
) -> None:
    """A long instruction, a long nudge and long names all fit, measured with QFontMetrics."""
    fmt = crew_format()
    phases = tuple(dataclasses.replace(p, instruction=LONG_INSTRUCTION) for p in fmt.phases)
    clinic.setup(
        dataclasses.replace(fmt, phases=phases),
        roster_of("Ada", ("Bartholomew-Alexander", "Cyrillina Montgomery-Smythe", "Dee")),
    )
    to_cys_reflection(clinic, clock, into_s=6 * MIN + 13)
    clinic.give_nudge(LONG_NUDGE)
    resize_and_settle(qtbot, share, width, height)
    assert share.nudge.isVisible()
    assert share.clock.text() == "+1:13"
    assert clipped(share) == []


@pytest.mark.parametrize(("width", "height"), [(480, 270), (1920, 1080)])
def test_nothing_is_clipped_with_the_shipped_wording(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock, width: int, height: int
) -> None:
    """The real clinic mid-reflection fits at thumbnail size and at full HD."""
    to_cys_reflection(clinic, clock)
    resize_and_settle(qtbot, share, width, height)
    assert share.nudge.isVisible()
    assert clipped(share) == []


def test_the_countdown_dominates_and_scales_with_the_window(qtbot: QtBot, share: ShareView) -> None:
    """The clock is the largest text at both ends, and a thumbnail's is still a fifth of its height."""
    sizes = {}
    for width, height in [(480, 270), (1920, 1080)]:
        resize_and_settle(qtbot, share, width, height)
        others = [w.font().pixelSize() for w in share.findChildren(QLabel) if w is not share.clock]
        assert share.clock.font().pixelSize() > 2 * max(others)
        sizes[height] = share.clock.font().pixelSize()
    assert sizes[270] >= 270 / 5
    assert sizes[1080] >= 3 * sizes[270]


def test_the_nudge_never_covers_the_clock_or_the_speakers(
    qtbot: QtBot, share: ShareView, clinic: SessionController
) -> None:
    """The nudge card has a row of its own, apart from the countdown and the names."""
    clinic.toggle_pause()
    clinic.give_nudge(LONG_NUDGE)
    for width, height in [(480, 270), (1920, 1080)]:
        resize_and_settle(qtbot, share, width, height)
        card = share.nudge.geometry()
        for other in (share.clock, share.speaker, share.next_speaker, share.speaker_caption):
            assert not card.intersects(other.geometry()), other.text()


def test_a_nudge_comes_and_goes_without_moving_the_clock(
    qtbot: QtBot, share: ShareView, clinic: SessionController
) -> None:
    """The nudge's row is kept while it is hidden, so the countdown never jumps."""
    clinic.toggle_pause()
    assert not share.nudge.isVisible()
    before = share.clock.geometry()
    clinic.give_nudge(FACILITATOR_NUDGES[1])
    assert share.nudge.isVisible()
    assert share.nudge.label.text() == FACILITATOR_NUDGES[1].text_for(0)
    assert share.clock.geometry() == before
    clinic.nudges.clear()
    clinic.refresh()
    assert not share.nudge.isVisible()


def test_the_view_shows_phase_speakers_progress_and_time(
    share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """Mid-reflection: the phase, Cy speaking (turn 2 of 3), Dee next, phase 2 of 4, the time left."""
    to_cys_reflection(clinic, clock)
    assert share.phase_name.text() == "Reflections"
    assert share.instruction.text() == crew_format().phases[1].instruction
    assert share.counter.text() == "PHASE 2 OF 4"
    assert share.speaker.text() == "Cy"
    assert "TURN 2 OF 3" in share.speaker_caption.text()
    assert share.next_speaker.text() == "Dee"
    assert share.clock.text() == "3:50"
    index, count, done = share.progress.progress
    assert (index, count) == (1, 4)
    assert done == pytest.approx((1 + 70 / 300) / 3)


def test_the_share_view_and_the_mini_timer_render_one_frame(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """Both windows hold the same frame, and each label shows that frame's words."""
    mini = MiniTimer(clinic)
    qtbot.addWidget(mini)
    to_cys_reflection(clinic, clock)
    clinic.give_nudge(FACILITATOR_NUDGES[0])
    assert share.frame is not None
    assert share.frame.nudge  # the nudge is part of the frame
    for step_s in (0, 3 * MIN + 25, 2 * MIN):  # calm, the warning, overtime
        clock.advance(step_s)
        clinic.refresh()
        frame = share.frame
        assert frame is not None
        assert mini.frame == frame
        shown = (share.counter.text(), share.badge.text(), share.phase_name.text(), share.instruction.text())
        assert shown == (frame.counter, frame.badge, frame.phase, frame.instruction)
        assert (share.clock.text(), share.speaker.text(), share.next_speaker.text()) == (
            frame.countdown,
            frame.speaker,
            frame.next_speaker,
        )
        assert share.nudge.label.text() == frame.nudge
        assert (mini.clock.text(), mini.badge.text(), mini.who.text()) == (
            frame.countdown,
            frame.badge,
            frame.glance,
        )


def test_a_new_second_redraws_only_the_clock_and_the_progress(
    share: ShareView, clinic: SessionController, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tick that changes only the time leaves every other part of the window alone."""
    to_cys_reflection(clinic, clock)
    drawn: list[str] = []
    for name in ("counter", "phase_name", "instruction", "speaker_caption", "speaker", "next_caption"):
        label = getattr(share, name)
        monkeypatch.setattr(label, "set_text", partial(lambda n, _text: drawn.append(n), name))
    monkeypatch.setattr(share.badge, "show_badge", lambda *_: drawn.append("badge"))
    monkeypatch.setattr(share.clock, "show_reading", lambda *_: drawn.append("clock"))
    monkeypatch.setattr(share.progress, "set_progress", lambda _: drawn.append("progress"))
    clock.advance(1)
    clinic.refresh()
    assert drawn == ["clock", "progress"]
    drawn.clear()
    clinic.next()
    assert {"clock", "speaker"} <= set(drawn)  # a new turn: its speaker and its time
    assert "badge" not in drawn  # still on time: the badge is not drawn again


@pytest.mark.parametrize(
    ("into_s", "status", "badge", "clock_text"),
    [
        (70, Status.CALM, "●  On time", "3:50"),
        (3 * MIN + 6, Status.WARNING, "▲  Under 2 min", "1:54"),  # in time for a coach to wrap up
        (4 * MIN + 35, Status.WARNING, "▲  Under 1 min", "0:25"),
        (5 * MIN + 5, Status.TIME_UP, "■  Time", "+0:05"),
        (6 * MIN + 23, Status.OVERTIME, "+  Overtime", "+1:23"),
    ],
)
def test_each_status_reads_without_colour(
    share: ShareView,
    clinic: SessionController,
    clock: FakeClock,
    into_s: float,
    status: Status,
    badge: str,
    clock_text: str,
) -> None:
    """Each status has its own symbol and words in the badge, besides its colour."""
    to_cys_reflection(clinic, clock, into_s)
    assert share.badge.status is status
    assert share.badge.text() == badge
    assert share.clock.text() == clock_text


def test_paused_and_finished_say_so(share: ShareView, clinic: SessionController) -> None:
    """A stopped clock is never shown as "on time"."""
    clinic.toggle_pause()
    clinic.toggle_pause()
    assert share.badge.text() == "❚❚  Paused"
    assert share.badge.status is None
    clinic.end()
    assert share.badge.text() == "✓  Finished"


def test_before_any_session_the_view_waits(qtbot: QtBot, clock: FakeClock) -> None:
    """With no clinic set up, the view shows a calm placeholder instead of failing."""
    view = ShareView(SessionController(clock))
    qtbot.addWidget(view)
    assert view.phase_name.text() == "Case clinic"
    assert view.clock.text() == "–:––"
    assert view.progress.progress == (0, 0, 0.0)


def test_flash_is_off_by_default_and_pulses_only_when_time_is_up(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """Even in overtime nothing flashes until asked; asked, it pulses, and stops when switched off."""
    to_cys_reflection(clinic, clock, into_s=2 * MIN)
    share.set_flash(True)
    assert not share.flashing, "on time: no pulse"
    clock.advance(4 * MIN)
    clinic.refresh()
    share.set_flash(False)
    assert not share.flashing
    share.set_flash(True)
    assert share.flashing
    qtbot.waitUntil(lambda: share._flash_level > 0.05)
    share.set_flash(False)
    assert not share.flashing
    assert share._flash_level == 0.0


@pytest.mark.usefixtures("themed_app")
def test_a_theme_change_reaches_an_open_view(qtbot: QtBot, share: ShareView) -> None:
    """apply_theme recolours an open view in the new theme's colours."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for theme in (Theme.DARK, Theme.HIGH_CONTRAST, Theme.LIGHT):
        apply_theme(app, theme, 1.0)
        qtbot.waitUntil(partial(shows_theme, share, theme))
        # The palette change is posted: the texts take their colours once it is delivered.
        qtbot.waitUntil(partial(shows_muted, share.instruction, COLOURS[theme].muted))


@pytest.mark.usefixtures("themed_app")
def test_text_scale_grows_the_small_texts_but_never_clips(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """At 1.5x text scale the instruction grows and everything still fits."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    to_cys_reflection(clinic, clock)
    resize_and_settle(qtbot, share, 1280, 720)
    before = share.instruction.font().pixelSize()
    apply_theme(app, Theme.LIGHT, 1.5)
    qtbot.waitUntil(lambda: share.instruction.font().pixelSize() > before)
    for width, height in [(480, 270), (1920, 1080)]:
        resize_and_settle(qtbot, share, width, height)
        assert clipped(share) == []


def test_after_the_end_nothing_looks_like_a_running_countdown(
    share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """Ending early shows the clinic complete, with no time and no speaker a thumbnail could misread."""
    clinic.toggle_pause()
    clock.advance(2 * MIN)
    clinic.end()
    assert share.clock.text() == "✓"
    assert share.phase_name.text() == "The clinic is complete"
    assert share.speaker.text() == ""
    assert share.next_speaker.text() == ""
    assert "Finished" in share.badge.text()


@pytest.mark.usefixtures("themed_app")
def test_restyling_an_open_view_keeps_every_text_fitted(
    qtbot: QtBot, clinic: SessionController, clock: FakeClock
) -> None:
    """A theme switch and a text-size step and back leave the open view's clock, phase and speaker their size."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.LIGHT, 1.0)  # as the app does: themed before any window opens
    share = ShareView(clinic)
    qtbot.addWidget(share)
    share.show()
    qtbot.waitExposed(share)
    to_cys_reflection(clinic, clock)
    resize_and_settle(qtbot, share, 1280, 720)
    fitted = (share.clock, share.phase_name, share.speaker, share.next_speaker)
    before = [label.font().pixelSize() for label in fitted]
    assert before[0] > 150, "the countdown is big at 1280x720"
    for theme, scale in ((Theme.DARK, 1.0), (Theme.DARK, 1.1), (Theme.DARK, 1.0), (Theme.LIGHT, 1.0)):
        apply_theme(app, theme, scale)
        QApplication.processEvents()
        assert [label.font().pixelSize() for label in fitted] == before, f"after {theme.value} at {scale}"
        assert clipped(share) == []


LONG_NAME = "Maximiliana Josefina Alejandra Villanueva"  # 41 characters
ARABIC_NAME = "محمد"


def ink_span(label: QLabel) -> tuple[int, int]:
    """The leftmost and rightmost columns of ``label`` where its text is painted."""
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    columns = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(0, image.height(), 2))
    ]
    assert columns, f"{label.text()!r} is painted"
    return columns[0], columns[-1]


@pytest.mark.parametrize(("width", "height"), [(480, 270), (1280, 720)])
def test_a_long_name_is_elided_not_shrunk_to_unreadable(
    qtbot: QtBot, share: ShareView, clinic: SessionController, width: int, height: int
) -> None:
    """A 41-letter bringer keeps a readable size, larger than the next speaker's, and is elided whole-heartedly."""
    clinic.setup(clinic_format(), roster_of(LONG_NAME, ("Ben", "Cy")))
    clinic.toggle_pause()
    resize_and_settle(qtbot, share, width, height)
    size = share.speaker.font().pixelSize()
    assert size >= 11
    assert size > share.next_speaker.font().pixelSize()
    assert size >= 0.7 * height * 0.075, "no smaller than about three quarters of a short name's size"
    assert share.speaker.full_text() == LONG_NAME
    assert share.speaker.text().endswith("…")
    assert clipped(share) == []


def test_a_right_to_left_name_sits_under_its_caption(
    qtbot: QtBot, share: ShareView, clinic: SessionController, clock: FakeClock
) -> None:
    """An Arabic speaker starts at the left edge under SPEAKING; an Arabic next speaker ends at the right edge under NEXT."""
    clinic.setup(clinic_format(), roster_of("Ada", (ARABIC_NAME, "نور", "Dee")))
    clinic.toggle_pause()
    clock.advance(20 * MIN)
    clinic.next()  # محمد speaks, نور is next
    resize_and_settle(qtbot, share, 1280, 720)
    assert share.speaker.text() == ARABIC_NAME
    left, _ = ink_span(share.speaker)
    caption_left, _ = ink_span(share.speaker_caption)
    assert abs(left - caption_left) <= 0.05 * share.speaker.width()
    _, right = ink_span(share.next_speaker)
    _, caption_right = ink_span(share.next_caption)
    assert abs(right - caption_right) <= 0.05 * share.next_speaker.width()


@pytest.mark.usefixtures("themed_app")
def test_a_text_size_step_keeps_the_themes_colours(qtbot: QtBot, clinic: SessionController) -> None:
    """After a dark theme and a text-size step, the muted texts keep the dark theme's muted colour."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.LIGHT, 1.0)
    share = ShareView(clinic)
    qtbot.addWidget(share)
    share.show()
    qtbot.waitExposed(share)
    apply_theme(app, Theme.DARK, 1.0)
    qtbot.waitUntil(lambda: shows_theme(share, Theme.DARK))
    apply_theme(app, Theme.DARK, 1.1)  # the step: the style sheet re-polishes every label
    muted = COLOURS[Theme.DARK].muted

    def colour(label: QLabel) -> str:
        return label.palette().color(QPalette.ColorRole.WindowText).name()

    QApplication.processEvents()
    assert [colour(label) for label in (share.instruction, share.speaker_caption, share.counter)] == [
        muted
    ] * 3
    assert colour(share.phase_name) == COLOURS[Theme.DARK].text


def test_the_windows_drawers_hold_no_reference_back_to_the_window(
    qtbot: QtBot, clinic: SessionController
) -> None:
    """No drawer is bound to, or closes over, its window: a cycle through a widget may be freed on another thread."""
    for window in (ShareView(clinic), MiniTimer(clinic)):
        qtbot.addWidget(window)
        drawers = window._drawers()
        assert drawers
        for _, draw in drawers:
            assert getattr(draw, "__self__", None) is not window
            assert not getattr(draw, "__closure__", None)
