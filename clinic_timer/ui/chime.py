"""The chime: a short soft bell when a phase begins and when time is up, played by QtMultimedia.

A chime is a courtesy, never a requirement: on a machine with no audio
device, no PulseAudio library or no QtMultimedia at all, the app carries on
in silence. Each such reason is logged once, and :attr:`Chime.unavailable`
is emitted once, so a status bar can say why there is no sound.

QtMultimedia is imported on first use only, because importing it loads
FFmpeg and audio back-ends, which the many windows and tests that never
chime should not pay for, and because it fails to import without libpulse.
"""

from __future__ import annotations

import enum
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal

from clinic_timer import paths

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)


class ChimeSound(enum.Enum):
    """Which chime, by its file in ``assets/``."""

    BELL = "chime.wav"  # a phase begins
    END = "chime-end.wav"  # time is up


class Chime(QObject):
    """Plays the chimes at a volume, or not at all when switched off.

    Args:
        parent: the owning QObject.
        volume: 0 (silent) to 1 (full).
        enabled: False keeps it silent.
    """

    unavailable = Signal(str)  # emitted once per reason the chime cannot sound, with that reason

    def __init__(self, parent: QObject | None = None, *, volume: float = 0.6, enabled: bool = True) -> None:
        super().__init__(parent)
        self._volume = min(max(volume, 0.0), 1.0)
        self._enabled = enabled
        self._effects: dict[ChimeSound, QSoundEffect] = {}
        self._reported: set[str] = set()

    @property
    def enabled(self) -> bool:
        """Whether the chime sounds at all."""
        return self._enabled

    @property
    def volume(self) -> float:
        """The chime's volume, 0 to 1."""
        return self._volume

    def set_enabled(self, enabled: bool) -> None:
        """Switches the chime on or off; off also stops one that is ringing."""
        self._enabled = enabled
        if not enabled:
            for effect in self._effects.values():
                effect.stop()

    def set_volume(self, volume: float) -> None:
        """Sets the volume (clamped to 0..1) for this and later chimes."""
        self._volume = min(max(volume, 0.0), 1.0)
        for effect in self._effects.values():
            effect.setVolume(self._volume)

    def play(self, sound: ChimeSound = ChimeSound.BELL) -> bool:
        """Starts a chime without waiting for it.

        Returns:
            Whether a sound was started (False when off or when sound is unavailable).
        """
        if not self._enabled or self._volume <= 0.0:
            return False
        effect = self._effect(sound)
        if effect is None:
            return False
        effect.play()
        return True

    def _effect(self, sound: ChimeSound) -> QSoundEffect | None:
        if sound in self._effects:
            return self._effects[sound]
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError as error:
            self._report(f"no chime: QtMultimedia cannot load ({error})")
            return None
        if QMediaDevices.defaultAudioOutput().isNull():
            self._report("no chime: this machine has no audio output device")
            return None  # not cached: a headset plugged in later will do
        try:
            path = paths.asset(sound.value)
        except FileNotFoundError as error:
            self._report(f"no chime: {error}")
            return None
        if not path.is_file():
            self._report(f"no chime: {path} is missing")
            return None
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self._volume)
        effect.statusChanged.connect(self._on_effect_status_changed)
        self._effects[sound] = effect
        return effect

    def _on_effect_status_changed(self) -> None:
        from PySide6.QtMultimedia import QSoundEffect

        for sound, effect in self._effects.items():
            if effect.status() is QSoundEffect.Status.Error:
                self._report(f"no chime: {sound.value} cannot be played on this audio device")

    def _report(self, reason: str) -> None:
        """Logs and signals a reason the first time only, so a missing device is not a flood."""
        if reason in self._reported:
            return
        self._reported.add(reason)
        log.warning("%s", reason)
        self.unavailable.emit(reason)
