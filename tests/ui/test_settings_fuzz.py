"""A fuzzer for the settings file: whatever it holds, the app starts with settings in range.

Settings files are hand-edited, half-written or made by other programs. The
fuzzer writes JSON of the right shape with values swapped (huge numbers as
raw digits, NaN, deep lists, odd texts, other types) and broken text, and
checks that loading never raises, never takes long, keeps every value in its
range, and reports a problem in one line.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_timer.speech.settings import VoiceSettings
from clinic_timer.ui.settings import (
    MAX_TEXT_SCALE,
    MIN_TEXT_SCALE,
    LoadedSettings,
    Settings,
    load_settings,
)
from tests.fuzzing import FUZZ, HOSTILE_NUMBERS, HOSTILE_TEXT, NESTING, Timed

# A failing input may be large; Hypothesis then warns of its repr, which must not hide the failure.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

FIELDS = list(Settings().to_dict())
GOOD = {
    **Settings().to_dict(),
    "theme": "dark",
    "voice": {"rate": 180, "volume": 0.8},
    "geometries": {"x": "AA=="},
}
MARK = "\u2603fuzz\u2603"

raw_values = st.one_of(
    HOSTILE_NUMBERS, NESTING, st.sampled_from(["NaN", "Infinity", '"\\ud800"', '"\\u001b[31m"'])
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def settings_files(draw: st.DrawFn) -> str:
    """Good settings with some values replaced, in the voice and geometries too; maybe then cut."""
    data = json.loads(json.dumps(GOOD))
    raw: list[str] = []
    for _ in range(draw(st.sampled_from([1, 1, 2, 3]))):
        table = data if draw(st.integers(0, 3)) else data.get(draw(st.sampled_from(["voice", "geometries"])))
        if not isinstance(table, dict):  # replaced by an earlier round
            table = data
        key = draw(st.sampled_from([*table, *FIELDS, "rate", "volume"]) | st.text(max_size=6))
        if draw(st.booleans()):
            raw.append(draw(raw_values))
            table[key] = MARK
        else:
            table[key] = draw(json_values)
    text = json.dumps(data)
    for value in raw:
        text = text.replace(json.dumps(MARK), value, 1)
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]
    return text


def assert_usable(loaded: LoadedSettings) -> None:
    """Every setting is of its type and in its range, and a problem is one line."""
    settings = loaded.settings
    assert isinstance(settings.theme, str)
    assert isinstance(settings.last_format, str)
    assert MIN_TEXT_SCALE <= settings.text_scale <= MAX_TEXT_SCALE
    assert 0.0 <= settings.chime_volume <= 1.0
    assert settings.warning_minutes is None or 0.0 <= settings.warning_minutes <= 60.0
    assert isinstance(settings.flash, bool)
    assert isinstance(settings.chime_enabled, bool)
    assert all(v.isascii() for v in settings.geometries.values())
    voice = VoiceSettings.from_dict(settings.voice)  # what the voice makes of whatever it was given
    assert math.isfinite(voice.volume)
    if loaded.problem is not None:
        assert "\n" not in loaded.problem
        assert len(loaded.problem) < 1000


def test_any_settings_file_loads_in_range_or_is_set_aside() -> None:
    """Whatever settings.json holds, load_settings answers quickly with usable settings."""
    timed = Timed()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"

        @FUZZ
        @given(settings_files() | st.text(max_size=100))
        def check(text: str) -> None:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            loaded = timed(lambda: load_settings(path))
            assert isinstance(loaded, LoadedSettings)
            assert_usable(loaded)

        check()
