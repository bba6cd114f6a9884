"""What the group sees, as a value: the :class:`Frame` every shared display renders.

The share view (screen-shared into the call), the mini timer (a laptop in
the room) and any later display (a second screen, a page for phones) show
the same clinic in the same words. Those words are decided here, once,
from the session's :class:`~clinic_timer.core.states.SessionView` and the
nudge on screen, outside Qt; a display only lays the frame out.

A frame is built from the view alone, and has no field a note could go
into: what the facilitator writes stays in the console whatever a display
does with its frame (a test holds the fields to this list).

Building one is cheap (a handful of short strings), so a display builds a
frame on every tick and redraws only the fields that differ from the last
one's: a new second changes the countdown and the progress, nothing else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinic_timer.core import times
from clinic_timer.core.states import State, Status

if TYPE_CHECKING:
    from clinic_timer.core.states import SessionView

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

FINISHED_MARK = "✓"  # shown in place of the countdown once the clinic is over
NO_CLOCK = "–:––"  # shown before any clinic is set up
NO_NEXT = "End of clinic"
CLINIC = "CASE CLINIC"
WAITING = ("○", "Waiting")
WAITING_PHASE = "Case clinic"
WAITING_INSTRUCTION = "The clinic will start soon."
FINISHED_PHASE = "The clinic is complete"
FINISHED_INSTRUCTION = "Thank you, everyone, for your attention and care."
FINISHED_GLANCE = "Clinic complete"
SPEAKING = "SPEAKING"
NEXT = "NEXT"


def isolate(name: str | None) -> str:
    """``name`` wrapped in FSI ... PDI, so it keeps its own direction and leaves the line's alone.

    The isolate takes its direction from the name's first strong letter
    (Arabic: right to left), and to the text around it counts as one
    neutral character, so "Reflections · محمد" still reads left to right
    with the name written right to left at its end. An empty name stays empty.
    """
    if not name:
        return ""
    return f"{FIRST_STRONG_ISOLATE}{name}{POP_DIRECTIONAL_ISOLATE}"


def status_badge(status: Status, remaining_s: float | None = None) -> tuple[str, str]:
    """The symbol and words for a status, so it reads without colour.

    Args:
        status: how the current slot stands against its time.
        remaining_s: seconds left; given, the warning says how many minutes.

    Returns:
        ``(symbol, text)``, e.g. ``("▲", "Under 2 min")`` (the clock shows 1:30 then: never "2 min left").
    """
    if status is Status.CALM:
        return "●", "On time"
    if status is Status.WARNING:
        if remaining_s is None:
            return "▲", "Nearly time"
        return "▲", f"Under {max(1, math.ceil(remaining_s / 60))} min"
    if status is Status.TIME_UP:
        return "■", "Time"
    return "+", "Overtime"


def view_badge(view: SessionView) -> tuple[str, str]:
    """The badge for a whole view: the session's state first, then the slot's status.

    A paused or finished clinic says so rather than "On time": the group
    should see at a glance that the clock is not running.
    """
    if view.state is State.READY:
        return "○", "Ready"
    if view.state is State.PAUSED:
        return "❚❚", "Paused"
    if view.state is State.FINISHED:
        return "✓", "Finished"
    return status_badge(view.status, view.remaining_s)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far through the clinic: the phase, the phases, and the share of this one done.

    Attributes:
        index: the current phase, from 0.
        count: how many phases (0 before any clinic is set up).
        done: the share of the current phase done, 0 to 1 (by turn in a coach phase).
        turns: the current phase's coach turns, 0 outside a per-coach phase.
    """

    index: int = 0
    count: int = 0
    done: float = 0.0
    turns: int = 0


@dataclass(frozen=True, slots=True)
class Frame:
    """Everything the group sees at one instant, in words (and the state and status to colour them by).

    Attributes:
        state: the session's state; None before any clinic is set up.
        status: the slot's status while the clock runs, else None (the colour and outline follow it).
        counter: the line above everything, "PHASE 2 OF 5" (or "CASE CLINIC").
        symbol: the badge's symbol, "●"; with ``word`` it reads without colour.
        word: the badge's words, "On time", "Under 2 min", "Paused".
        phase: the phase's name, or what stands in for it before and after.
        instruction: what the phase asks of everyone.
        countdown: the clock's reading, "12:34", "+1:23", or a mark when no clock runs.
        planned: the slot's full time as the clock writes it (to size the clock on), "" when none.
        speaker_caption: "SPEAKING · TURN 2 OF 4"; "" when nobody holds the floor.
        speaker: who holds the floor.
        next_caption: "NEXT"; "" when nothing comes next.
        next_speaker: who follows, or "End of clinic".
        glance: the one line a small display has room for: the phase and the speaker.
        progress: how far through the clinic.
        nudge: the nudge on screen, "" when none.
    """

    state: State | None
    status: Status | None
    counter: str
    symbol: str
    word: str
    phase: str
    instruction: str
    countdown: str
    planned: str
    speaker_caption: str
    speaker: str
    next_caption: str
    next_speaker: str
    glance: str
    progress: Progress
    nudge: str

    @property
    def badge(self) -> str:
        """The badge as one line: "●  On time"."""
        return f"{self.symbol}  {self.word}"


WAITING_FRAME = Frame(
    state=None,
    status=None,
    counter=CLINIC,
    symbol=WAITING[0],
    word=WAITING[1],
    phase=WAITING_PHASE,
    instruction=WAITING_INSTRUCTION,
    countdown=NO_CLOCK,
    planned="",
    speaker_caption="",
    speaker="",
    next_caption="",
    next_speaker="",
    glance=WAITING_PHASE,
    progress=Progress(),
    nudge="",
)
"""The frame before any clinic is set up."""


def frame_of(view: SessionView | None, nudge: str = "", case_title: str = "") -> Frame:
    """The frame a display shows for ``view`` with ``nudge`` on screen.

    Args:
        view: where the clinic stands; None before any is set up.
        nudge: the nudge's text, "" for none; after the end none is shown.
        case_title: the speaker's case title, shown beside "SPEAKING" in a
            crew's landing, and only where the crew chose to share titles
            ("" for none). The one thing from a notebook a frame may say,
            and only when it is handed in.
    """
    if view is None:
        return WAITING_FRAME
    symbol, word = view_badge(view)
    status = view.status if view.state is State.RUNNING else None
    progress = progress_of(view)
    if view.state is State.FINISHED:  # after the end nothing may look like a countdown still running
        return Frame(
            state=view.state,
            status=None,
            counter=CLINIC,
            symbol=symbol,
            word=word,
            phase=FINISHED_PHASE,
            instruction=FINISHED_INSTRUCTION,
            countdown=FINISHED_MARK,
            planned="",
            speaker_caption="",
            speaker="",
            next_caption="",
            next_speaker="",
            glance=FINISHED_GLANCE,
            progress=progress,
            nudge="",
        )
    turn = f"  ·  TURN {view.turn_number} OF {view.turn_count}" if view.turn_count else ""
    case = f"  ·  THEIR CASE: {case_title}" if case_title else ""
    # The phase first, the name isolated: an Arabic name keeps its own direction
    # without turning the line around.
    glance = f"{view.phase.name}  ·  {isolate(view.speaker)}" if view.speaker else view.phase.name
    return Frame(
        state=view.state,
        status=status,
        counter=f"PHASE {view.phase_index + 1} OF {view.phase_count}",
        symbol=symbol,
        word=word,
        phase=view.phase.name,
        instruction=view.phase.instruction,
        countdown=times.countdown(view.remaining_s),
        planned=times.countdown(view.slot_s),
        speaker_caption=f"{SPEAKING}{turn}{case}",
        speaker=view.speaker,
        next_caption=NEXT,
        next_speaker=view.next_speaker or NO_NEXT,
        glance=glance,
        progress=progress,
        nudge=nudge,
    )


def progress_of(view: SessionView) -> Progress:
    """How far through the clinic ``view`` stands: split by turn in a coach phase, full once finished."""
    done_in_slot = 1.0 - max(view.remaining_s, 0.0) / view.slot_s if view.slot_s > 0 else 0.0
    if view.state is State.READY:
        done_in_slot = 0.0
    turns = view.turn_count if view.turn_count > 0 else 1
    turn = max(view.turn_number - 1, 0) if view.turn_count > 0 else 0
    done = 1.0 if view.state is State.FINISHED else (turn + done_in_slot) / turns
    return Progress(view.phase_index, view.phase_count, min(max(done, 0.0), 1.0), view.turn_count)
