"""The voice's settings and the priorities of what it says.

Settings are read back from a file a person may have edited, or that an
older or newer version wrote, so :meth:`VoiceSettings.from_dict` keeps every
good value and replaces each bad one with its default rather than failing.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass


class Priority(enum.IntEnum):
    """How much an utterance matters when another is waiting; higher wins."""

    NUDGE = 1
    WARNING = 2
    TIME_UP = 3
    TURN = 4
    PHASE = 5
    TEST = 6  # the settings dialog's "test voice": spoken whatever the cue choices


CUE_KINDS: frozenset[str] = frozenset(p.name.lower() for p in Priority if p is not Priority.TEST)
"""The names :attr:`VoiceSettings.spoken_kinds` chooses from: "nudge", "warning", ..."""

DEFAULT_RATE = 170
MIN_RATE = 80
MAX_RATE = 400


@dataclass(frozen=True)
class VoiceSettings:
    """How and what the voice speaks.

    Attributes:
        enabled: False mutes the voice: :meth:`Voice.say` then does nothing.
        voice: an engine voice id or a fragment of its name; empty for the default.
        rate: words per minute, within ``MIN_RATE..MAX_RATE``.
        volume: 0 (silent) to 1 (full).
        spoken_kinds: which kinds of cue are spoken, by the lower-case names
            of :class:`Priority` (see :data:`CUE_KINDS`).
    """

    enabled: bool = True
    voice: str = ""
    rate: int = DEFAULT_RATE
    volume: float = 1.0
    spoken_kinds: frozenset[str] = CUE_KINDS

    def speaks(self, priority: Priority) -> bool:
        """Whether an utterance of this priority is to be spoken at all."""
        if not self.enabled:
            return False
        return priority is Priority.TEST or priority.name.lower() in self.spoken_kinds

    def to_dict(self) -> dict[str, object]:
        """Plain values for a TOML or JSON settings file."""
        return {
            "enabled": self.enabled,
            "voice": self.voice,
            "rate": self.rate,
            "volume": self.volume,
            "spoken_kinds": sorted(self.spoken_kinds),
        }

    @classmethod
    def from_dict(cls, data: object) -> VoiceSettings:
        """Reads settings back, keeping each good value and defaulting each bad or missing one.

        Args:
            data: what :meth:`to_dict` wrote, or anything a person made of it.
        """
        if not isinstance(data, Mapping):
            return cls()
        default = cls()
        enabled = data.get("enabled", default.enabled)
        voice = data.get("voice", default.voice)
        kinds = data.get("spoken_kinds", None)
        return cls(
            enabled=enabled if isinstance(enabled, bool) else default.enabled,
            voice=voice.strip() if isinstance(voice, str) else default.voice,
            rate=round(_clamped(data.get("rate"), MIN_RATE, MAX_RATE, default.rate)),
            volume=_clamped(data.get("volume"), 0.0, 1.0, default.volume),
            spoken_kinds=(
                frozenset(k for k in kinds if isinstance(k, str) and k in CUE_KINDS)
                if isinstance(kinds, list | tuple | set | frozenset)
                else default.spoken_kinds
            ),
        )


def _clamped(value: object, low: float, high: float, default: float) -> float:
    """A finite number pulled into ``low..high``; anything else (bools, text, NaN) is the default."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return default
    return min(max(float(value), low), high)
