"""Speech: prompts spoken aloud by a text-to-speech engine in its own process.

Nothing here imports Qt. :class:`Voice` (``voice.py``) is what the UI holds;
it joins the rooms behind it:

- ``policy.py``: which one utterance waits, and which are dropped (priority,
  slot, staleness, muting);
- ``supervisor.py``: the worker process's states, deadlines, restarts and
  status;
- ``worker.py``: the child's loop and the parent's handle on the process;
- ``protocol.py``: the messages between the two over their pipe;
- ``engine.py`` and ``playback.py``: the engine (pyttsx3), and the probes
  that say why it cannot speak or be heard here;
- ``settings.py``, ``announcer.py``, ``render.py``: the voice's settings,
  the words for a session's cues, and rendering speech to a WAV file.

The UI's ``SpeechBridge`` polls the voice on a timer while a deadline runs,
and otherwise only when the worker's pipe has news.
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
