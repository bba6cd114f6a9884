"""The frame every shared display renders: its words in each state, and that it cannot carry a note."""

from __future__ import annotations

import dataclasses

from clinic_timer.core.clock import FakeClock
from clinic_timer.core.frame import (
    FINISHED_MARK,
    NO_CLOCK,
    NO_NEXT,
    Frame,
    Progress,
    frame_of,
    isolate,
    status_badge,
)
from clinic_timer.core.notes import Note, Notebook, Section
from clinic_timer.core.session import Session, State, Status
from tests.core.cast import roster_of
from tests.core.formats_fixture import clinic_format

MIN = 60.0


def session(coaches: tuple[str, ...] = ("Ben", "Cy", "Dee")) -> tuple[Session, FakeClock]:
    """The test clinic, Ada bringing, on a fake clock, not started."""
    clock = FakeClock()
    return Session(clinic_format(), roster_of("Ada", coaches), clock), clock


def strings(frame: Frame) -> list[str]:
    """Every piece of text a frame holds, at any depth."""
    found: list[str] = []
    for field in dataclasses.fields(frame):
        value = getattr(frame, field.name)
        if isinstance(value, str):
            found.append(value)
        elif dataclasses.is_dataclass(value):
            found += [str(v) for v in dataclasses.asdict(value).values()]  # type: ignore[arg-type]
    return found


def test_a_frame_has_no_field_a_note_could_go_into() -> None:
    """The frame's fields are exactly what the group sees, each a short text, a state, a status or a progress."""
    names = [f.name for f in dataclasses.fields(Frame)]
    assert names == [
        "state",
        "status",
        "counter",
        "symbol",
        "word",
        "phase",
        "instruction",
        "countdown",
        "planned",
        "speaker_caption",
        "speaker",
        "next_caption",
        "next_speaker",
        "glance",
        "progress",
        "nudge",
    ]
    kinds = {str(f.type) for f in dataclasses.fields(Frame)}
    assert kinds == {"str", "State | None", "Status | None", "Progress"}
    assert [f.name for f in dataclasses.fields(Progress)] == ["index", "count", "done", "turns"]
    assert Frame.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_no_frame_of_a_whole_clinic_carries_a_word_of_its_notes() -> None:
    """Frames built from every moment of a clinic with a notebook full of notes hold none of their words."""
    clinic, clock = session()
    book = Notebook(title="Zanzibar quandary", help_wanted="Whether to sell the violin")
    secrets = ["Ada sounded exhausted", "Ben mentioned his divorce", "Cy thinks the boss lies"]
    for at, text in enumerate(secrets):
        book.add(Note(text, Section.PHASE, at * 60.0, phase="Case monologue", private=at == 0))
    book.add(Note("Marmalade takeaway", Section.TAKEAWAYS, 4000.0))
    words = {w for n in book.notes for w in n.text.split()} | set(book.title.split())
    words |= set(book.help_wanted.split())
    words -= {"Ada", "Ben", "Cy", "the", "to", "Whether"}  # names and small words the clinic itself says
    frames = [frame_of(clinic.view(clock.now()), "A nudge")]
    clinic.start()
    while clinic.state is not State.FINISHED:
        for _ in range(3):
            clock.advance(4 * MIN)
            frames.append(frame_of(clinic.view(clock.now()), "Ask a clarifying question."))
        clinic.pause()
        frames.append(frame_of(clinic.view(clock.now())))
        clinic.resume()
        clinic.next()
    frames.append(frame_of(clinic.view(clock.now()), "A nudge"))
    shown = " ".join(text for frame in frames for text in strings(frame))
    assert "Reflections" in shown  # the frames did say the clinic's words
    assert [w for w in words if w in shown] == []


def test_before_any_clinic_the_frame_waits() -> None:
    """No view: "Waiting", a placeholder clock, nobody speaking, an empty track."""
    frame = frame_of(None, "a nudge")
    assert (frame.counter, frame.badge, frame.phase) == ("CASE CLINIC", "○  Waiting", "Case clinic")
    assert frame.instruction == "The clinic will start soon."
    assert (frame.countdown, frame.planned, frame.speaker, frame.next_speaker) == (NO_CLOCK, "", "", "")
    assert frame.progress == Progress()
    assert frame.state is None
    assert frame.status is None


def test_a_running_turn_says_phase_turn_speaker_next_and_time() -> None:
    """In Cy's reflection: the phase count, the turn, Cy speaking, Dee next, and the countdown."""
    clinic, clock = session()
    clinic.start()
    clock.advance(20 * MIN)
    clinic.next()
    clock.advance(5 * MIN)
    clinic.next()
    clock.advance(70)
    frame = frame_of(clinic.view(clock.now()), "Notice how this makes you feel.")
    assert frame.counter == "PHASE 2 OF 4"
    assert (frame.symbol, frame.word, frame.status) == ("●", "On time", Status.CALM)
    assert (frame.phase, frame.countdown, frame.planned) == ("Reflections", "3:50", "5:00")
    assert frame.speaker_caption == "SPEAKING  ·  TURN 2 OF 3"
    assert (frame.speaker, frame.next_caption, frame.next_speaker) == ("Cy", "NEXT", "Dee")
    assert frame.glance == f"Reflections  ·  {isolate('Cy')}"
    assert frame.nudge == "Notice how this makes you feel."
    assert frame.progress.index == 1
    assert frame.progress.turns == 3
    assert abs(frame.progress.done - (1 + 70 / 300) / 3) < 1e-9


def test_the_warning_counts_down_in_minutes_and_a_pause_stops_the_colour() -> None:
    """At 1:30 left the badge says "Under 2 min"; paused, it says so and the status is not coloured."""
    clinic, clock = session()
    clinic.start()
    clock.advance(18 * MIN + 30)
    frame = frame_of(clinic.view(clock.now()))
    assert (frame.badge, frame.status, frame.countdown) == ("▲  Under 2 min", Status.WARNING, "1:30")
    clinic.pause()
    paused = frame_of(clinic.view(clock.now()))
    assert (paused.badge, paused.status, paused.state) == ("❚❚  Paused", None, State.PAUSED)


def test_the_warning_says_how_many_minutes_are_left() -> None:
    """The warning counts whole minutes, rounded up, and never says zero."""
    assert status_badge(Status.WARNING, 90) == ("▲", "Under 2 min")
    assert status_badge(Status.WARNING, 60) == ("▲", "Under 1 min")
    assert status_badge(Status.WARNING, 10) == ("▲", "Under 1 min")
    assert status_badge(Status.WARNING) == ("▲", "Nearly time")


def test_after_the_end_nothing_looks_like_a_countdown_and_no_nudge_lingers() -> None:
    """Finished: a tick mark, "The clinic is complete", no speakers, no nudge, a full track."""
    clinic, clock = session()
    clinic.start()
    clock.advance(3 * MIN)
    clinic.end()
    frame = frame_of(clinic.view(clock.now()), "Ask a clarifying question.")
    assert (frame.countdown, frame.planned, frame.badge) == (FINISHED_MARK, "", "✓  Finished")
    assert (frame.phase, frame.glance) == ("The clinic is complete", "Clinic complete")
    assert (frame.speaker_caption, frame.speaker, frame.next_caption, frame.next_speaker) == ("", "", "", "")
    assert frame.nudge == ""
    assert frame.status is None
    assert frame.progress.done == 1.0


def test_the_last_slot_says_the_clinic_ends_next() -> None:
    """With nothing after the current slot, "next" is the end of the clinic."""
    clinic, clock = session(("Ben",))
    clinic.start()
    for _ in range(len(clinic.format.phases) - 1):
        clinic.next()
    assert frame_of(clinic.view(clock.now())).next_speaker == NO_NEXT


def test_an_unchanged_moment_makes_an_equal_frame() -> None:
    """Two frames of the same moment compare equal, so a display redraws nothing for it."""
    clinic, clock = session()
    clinic.start()
    clock.advance(61)
    assert frame_of(clinic.view(clock.now())) == frame_of(clinic.view(clock.now()))
    earlier = frame_of(clinic.view(clock.now()))
    clock.advance(1)
    later = frame_of(clinic.view(clock.now()))
    changed = [
        f.name for f in dataclasses.fields(Frame) if getattr(earlier, f.name) != getattr(later, f.name)
    ]
    assert changed == ["countdown", "progress"]


def test_a_shared_case_title_is_said_beside_the_speaker_and_only_when_handed_in() -> None:
    """A crew's landing may show the speaker's case title: it is an argument, never read from a notebook."""
    clinic, clock = session()
    clinic.start()
    view = clinic.view(clock.now())
    assert "THEIR CASE" not in frame_of(view).speaker_caption
    assert (
        frame_of(view, case_title="Moving cities").speaker_caption == "SPEAKING  ·  THEIR CASE: Moving cities"
    )
    clinic.end()
    assert frame_of(clinic.view(clock.now()), case_title="Moving cities").speaker_caption == ""
