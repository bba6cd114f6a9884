"""Voice settings: what a settings file may hold, and what survives a hand edit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clinic_timer.speech.settings import CUE_KINDS, VoiceSettings


def test_settings_round_trip() -> None:
    """to_dict then from_dict gives the same settings back."""
    settings = VoiceSettings(
        enabled=False, voice="french", rate=150, volume=0.5, spoken_kinds=frozenset({"turn"})
    )
    assert VoiceSettings.from_dict(settings.to_dict()) == settings


def test_settings_keep_good_values_and_default_bad_ones() -> None:
    """A hand-edited file with bad values loses only those values."""
    loaded = VoiceSettings.from_dict(
        {
            "enabled": "yes",
            "voice": 3,
            "rate": 5000,
            "volume": float("nan"),
            "spoken_kinds": ["turn", "shout", 4],
        }
    )
    assert loaded == VoiceSettings(rate=400, spoken_kinds=frozenset({"turn"}))
    assert VoiceSettings.from_dict({"rate": True, "volume": -1}) == VoiceSettings(volume=0.0)


ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.lists(st.one_of(st.text(), st.integers(), st.sampled_from(sorted(CUE_KINDS)))),
)


@hypothesis_settings(deadline=None)  # as elsewhere here: a loaded machine's slow example is no failure
@given(st.dictionaries(st.sampled_from(["enabled", "voice", "rate", "volume", "spoken_kinds"]), ANY_VALUE))
def test_settings_from_anything_never_raise(data: dict[str, object]) -> None:
    """Whatever a settings file holds, reading it yields valid settings."""
    settings = VoiceSettings.from_dict(data)
    assert 80 <= settings.rate <= 400
    assert 0.0 <= settings.volume <= 1.0
    assert settings.spoken_kinds <= CUE_KINDS
