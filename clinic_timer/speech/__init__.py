"""Speech: prompts spoken aloud by a text-to-speech engine in its own process.

Nothing here imports Qt. :class:`Voice` decides what to say and when, and
drives a worker process (:mod:`clinic_timer.speech.worker`) that owns the one
pyttsx3 engine; the UI's ``SpeechBridge`` polls it on a timer while a
deadline runs, and otherwise only when the worker's pipe has news.
"""

from __future__ import annotations

from clinic_timer.speech.protocol import VoiceInfo
from clinic_timer.speech.render import RenderError, render_to_wav
from clinic_timer.speech.settings import CUE_KINDS, Priority, VoiceSettings
from clinic_timer.speech.voice import (
    SpeechFinished,
    SpeechStarted,
    StatusChanged,
    Utterance,
    Voice,
    VoiceEvent,
    VoicesListed,
    VoiceState,
)

__all__ = [
    "CUE_KINDS",
    "Priority",
    "RenderError",
    "SpeechFinished",
    "SpeechStarted",
    "StatusChanged",
    "Utterance",
    "Voice",
    "VoiceEvent",
    "VoiceInfo",
    "VoiceSettings",
    "VoiceState",
    "VoicesListed",
    "render_to_wav",
]
