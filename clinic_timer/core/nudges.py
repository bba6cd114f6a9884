"""Nudges: the short lines that keep a clinic curious and feeling, not advising.

A format schedules its own nudges; the facilitator adds one-key nudges for
the moments that call for them. :class:`NudgeBoard` decides which one the
group sees now: long enough to read, never stacked, replaced by a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass

READING_WORDS_PER_SECOND = 2.5
MIN_SHOW_S = 8.0
MAX_SHOW_S = 60.0


@dataclass(frozen=True)
class FacilitatorNudge:
    """A nudge the facilitator gives with one key.

    Attributes:
        key: the keyboard key that gives it.
        label: the button's text.
        kind: what it nudges towards.
        texts: variants, rotated each time it is used.
    """

    key: str
    label: str
    kind: str
    texts: tuple[str, ...]

    def text_for(self, rotation: int) -> str:
        """The variant for a rotation number."""
        return self.texts[rotation % len(self.texts)]


FACILITATOR_NUDGES: tuple[FacilitatorNudge, ...] = (
    FacilitatorNudge(
        "A",
        "Advice alert",
        "advice",
        (
            "Hold the advice for now; it is welcome in the dialogue.",
            "Advice can wait. Stay with what you heard.",
            "Save the solutions for the generative dialogue.",
        ),
    ),
    FacilitatorNudge(
        "F",
        "Feelings, not thoughts",
        "emotion",
        (
            "Feelings, not thoughts: how did it land in you?",
            "Start from \u201cI felt\u2026\u201d",
            "What did you feel as you listened?",
        ),
    ),
    FacilitatorNudge(
        "M",
        "A moment of stillness",
        "stillness",
        (
            "A moment of stillness. Breathe, and let it settle.",
            "Let's pause together for a few breaths.",
            "Stillness for a moment before we go on.",
        ),
    ),
    FacilitatorNudge(
        "Q",
        "Ask, don't tell",
        "curiosity",
        (
            "Ask, don't tell: what would you like to understand?",
            "Curious questions only: what don't you know yet?",
            "Ask a question you don't know the answer to.",
        ),
    ),
)


@dataclass(frozen=True)
class ShownNudge:
    """The nudge on screen: its line, kind, and when it may and must go."""

    text: str
    kind: str
    shown_at: float
    slot: int | None  # None: the facilitator's, it outlives a turn change

    @property
    def readable_for(self) -> float:
        """Seconds it needs to be read: a floor, plus time per word."""
        words = len(self.text.split())
        return max(MIN_SHOW_S, words / READING_WORDS_PER_SECOND + 3.0)


class NudgeBoard:
    """Which nudge shows now. Time is passed in; nothing here counts ticks."""

    def __init__(self) -> None:
        self.shown: ShownNudge | None = None

    def show(self, text: str, kind: str, now: float, slot: int | None) -> ShownNudge:
        """Puts a nudge up, replacing whatever was there."""
        self.shown = ShownNudge(text=text, kind=kind, shown_at=now, slot=slot)
        return self.shown

    def current(self, now: float, slot: int | None) -> ShownNudge | None:
        """The nudge to show at ``now``; a format's nudge goes when its turn ends or it has had its time."""
        shown = self.shown
        if shown is None:
            return None
        age = now - shown.shown_at
        stale_slot = shown.slot is not None and shown.slot != slot and age >= shown.readable_for
        if age >= MAX_SHOW_S or stale_slot:
            self.shown = None
        return self.shown

    def clear(self) -> None:
        """Takes the nudge down."""
        self.shown = None
