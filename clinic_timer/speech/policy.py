"""What the voice says and when: the one utterance waiting, and which ones are dropped.

The session produces cues faster than anyone can speak them (a turn ends, the
next starts, a nudge is due), so the voice keeps a strict policy: at most one
utterance speaking and at most one pending, never overlapping. A newer
utterance of higher or equal priority replaces the pending one; a lower one is
dropped. When the session moves to another phase or turn, anything tied to the
old one is dropped (and :class:`~clinic_timer.speech.voice.Voice` cuts it off
if it is being spoken), so nothing announces "two minutes left" for a turn
that already ended. A pending utterance that waited too long is dropped too,
and the settings decide which kinds speak at all.

This module knows nothing of the worker process that does the speaking
(:mod:`clinic_timer.speech.supervisor`); it never blocks and reads no clock:
the time comes in as an argument.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic_timer.speech.settings import Priority, VoiceSettings

__all__ = ["Utterance", "UtterancePolicy"]


@dataclass(frozen=True)
class Utterance:
    """Something to say.

    Attributes:
        text: the words.
        priority: how much it matters against others waiting.
        slot: the phase or turn it belongs to, or None if it outlives slots.
        requested_at: monotonic seconds when it was asked for; a pending
            utterance older than the voice's ``stale_after_s`` is dropped.
    """

    text: str
    priority: Priority
    _: KW_ONLY
    slot: int | None = None
    requested_at: float


class UtterancePolicy:
    """Holds the one pending utterance and decides what replaces it and what is dropped.

    Args:
        settings: which kinds of cue speak, and whether any do.
        stale_after_s: a pending utterance requested longer ago is dropped.
    """

    def __init__(self, settings: VoiceSettings, stale_after_s: float) -> None:
        self._settings = settings
        self._stale_after_s = stale_after_s
        self._pending: Utterance | None = None
        self._slot: int | None = None

    @property
    def settings(self) -> VoiceSettings:
        """The settings in force."""
        return self._settings

    @property
    def pending(self) -> Utterance | None:
        """What will be spoken next."""
        return self._pending

    def offer(self, utterance: Utterance) -> bool:
        """Makes ``utterance`` the pending one unless the policy drops it.

        Dropped: a kind the settings do not speak (or all, when muted), blank
        words, a cue for a slot other than the current one, and anything of
        lower priority than what already waits.

        Returns:
            Whether it is now the pending utterance.
        """
        if (
            not self._settings.speaks(utterance.priority)
            or not utterance.text.strip()
            or self.is_stale(utterance)
            or (self._pending is not None and utterance.priority < self._pending.priority)
        ):
            return False
        self._pending = utterance
        return True

    def set_slot(self, slot: int | None) -> None:
        """Makes ``slot`` the current phase or turn and drops a pending utterance of another.

        Args:
            slot: the new slot, or None to stop judging by slot.
        """
        self._slot = slot
        if self._pending is not None and self.is_stale(self._pending):
            self._pending = None

    def is_stale(self, utterance: Utterance) -> bool:
        """Whether ``utterance`` belongs to a slot the session has left."""
        return self._slot is not None and utterance.slot is not None and utterance.slot != self._slot

    def apply(self, settings: VoiceSettings) -> None:
        """Takes new settings, dropping a pending utterance of a kind they no longer speak."""
        self._settings = settings
        if self._pending is not None and not settings.speaks(self._pending.priority):
            self._pending = None

    def drop_if_old(self, now: float) -> None:
        """Drops the pending utterance if it has waited longer than ``stale_after_s`` by ``now``."""
        if self._pending is not None and now - self._pending.requested_at > self._stale_after_s:
            self._pending = None

    def take(self) -> Utterance | None:
        """Hands over the pending utterance to be spoken, leaving none waiting."""
        utterance, self._pending = self._pending, None
        return utterance

    def clear(self) -> None:
        """Drops the pending utterance."""
        self._pending = None
