"""Settings: remembered between runs, written atomically, and never a reason to crash."""

from __future__ import annotations

import json
import os
import stat
from typing import TYPE_CHECKING

import pytest

from clinic_timer import paths
from clinic_timer.ui.settings import (
    MAX_SETTINGS_BYTES,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)

if TYPE_CHECKING:
    from pathlib import Path


def test_no_file_gives_the_defaults_quietly() -> None:
    """A first run has no settings file and nothing to report."""
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problem is None


def test_settings_survive_a_round_trip() -> None:
    """Everything saved is read back as it was."""
    settings = Settings(
        theme="dark",
        text_scale=1.3,
        last_format="troika-consulting",
        warning_minutes=2.0,
        flash=True,
        voice={"rate": 170, "voice": "en"},
        chime_enabled=False,
        chime_volume=0.25,
        geometries={"console": "AdnQywADAAA="},
    )
    save_settings(settings)
    assert settings_path().parent == paths.config_dir()
    assert load_settings().settings == settings


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    """The write goes through a temporary file that is renamed over the real one."""
    path = tmp_path / "settings.json"
    save_settings(Settings(theme="dark"), path)
    save_settings(Settings(theme="light"), path)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "light"


@pytest.mark.parametrize(
    ("content", "reason"),
    [('{"theme": "dark", "text_sc', "not valid JSON"), ("[1, 2]", "")],
    ids=["half-written", "not-an-object"],
)
def test_a_broken_file_is_set_aside_reported_once_and_replaced_by_defaults(
    tmp_path: Path, content: str, reason: str
) -> None:
    """Half-written JSON, or JSON that is not settings: defaults, one report, the file kept aside."""
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    first = load_settings(path)
    assert first.settings == Settings()
    assert first.problem is not None
    assert reason in first.problem
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == content
    second = load_settings(path)
    assert second.problem is None
    assert second.settings == Settings()


def test_a_number_that_is_not_finite_is_a_bad_value(tmp_path: Path) -> None:
    """NaN, which Python's JSON reader accepts, is refused and named, not carried into the app."""
    path = tmp_path / "settings.json"
    path.write_text('{"text_scale": NaN, "chime_volume": Infinity}', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.text_scale == Settings().text_scale
    assert loaded.settings.chime_volume == Settings().chime_volume
    assert loaded.problem is not None
    assert "text_scale" in loaded.problem


def test_one_bad_value_costs_only_itself(tmp_path: Path) -> None:
    """A wrong-typed field falls back to its default, is named, and the rest is kept."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "dark", "text_scale": "huge", "flash": 1}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.theme == "dark"
    assert loaded.settings.text_scale == 1.0
    assert loaded.settings.flash is False
    assert loaded.problem is not None
    assert "text_scale" in loaded.problem
    assert "flash" in loaded.problem


def test_numbers_are_kept_in_range(tmp_path: Path) -> None:
    """A hand-edited text scale of 10 is brought back to the largest allowed."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_scale": 10, "chime_volume": -1}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.text_scale == 2.0
    assert loaded.settings.chime_volume == 0.0


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    """A setting from a newer version does not spoil the others."""
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "dark", "future": True}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.theme == "dark"
    assert loaded.problem is None


def test_a_geometry_that_is_not_ascii_base64_is_dropped_and_reported(tmp_path: Path) -> None:
    """A hand-edited "gé" (or any non-base64 text) is dropped and named; good geometries are kept."""
    path = tmp_path / "settings.json"
    good = "AdnQywADAAA="
    geometries = {"console": "gé", "share": good, "mini": "not base64!", "history": 42}
    path.write_text(json.dumps({"theme": "dark", "geometries": geometries}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.geometries == {"share": good}
    assert loaded.settings.theme == "dark"
    assert loaded.problem is not None
    assert "geometries" in loaded.problem
    for encoded in loaded.settings.geometries.values():
        encoded.encode("ascii")  # what the windows do with it at start-up


# -- hostile settings files (issue 13, point 8): reported, never a stop, never a hang ------------


@pytest.mark.parametrize("key", ["text_scale", "chime_volume", "warning_minutes"])
@pytest.mark.parametrize("digits", [400, 5000])
def test_a_huge_number_resets_only_its_field(tmp_path: Path, key: str, digits: int) -> None:
    """400 or 5,000 digits (OverflowError, the 4,300-digit ValueError) reset that field and name it."""
    path = tmp_path / "settings.json"
    huge = "1" + "0" * (digits - 1)
    path.write_text(f'{{"theme": "dark", "{key}": {huge}}}', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.theme == "dark"
    assert getattr(loaded.settings, key) == getattr(Settings(), key)
    assert loaded.problem is not None
    assert key in loaded.problem


def test_a_huge_number_inside_the_voice_settings_is_harmless(tmp_path: Path) -> None:
    """A 400-digit voice rate reaches the voice's own reader as infinity, which it refuses."""
    from clinic_timer.speech.settings import VoiceSettings

    path = tmp_path / "settings.json"
    path.write_text('{"voice": {"rate": 1' + "0" * 399 + "}}", encoding="utf-8")
    loaded = load_settings(path)
    assert VoiceSettings.from_dict(loaded.settings.voice) == VoiceSettings()


def test_deep_nesting_is_set_aside_and_reported(tmp_path: Path) -> None:
    """{"voice": [[[...]]]} 100,000 deep is set aside with the reason, not a RecursionError."""
    path = tmp_path / "settings.json"
    content = '{"voice": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(content, encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert "nested more than 16 deep" in loaded.problem
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == content


def test_a_fifo_as_settings_is_set_aside_without_waiting(tmp_path: Path) -> None:
    """A FIFO named settings.json is refused at once and moved aside; the defaults are used."""
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert "not a regular file (it is a FIFO)" in loaded.problem
    assert stat.S_ISFIFO((tmp_path / "settings.json.bad").lstat().st_mode)
    assert load_settings(path).problem is None


def test_a_link_to_dev_zero_as_settings_is_set_aside(tmp_path: Path) -> None:
    """A symlink to /dev/zero is refused as a device, not read until memory runs out."""
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/zero")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.problem is not None
    assert "it is a device" in loaded.problem


def test_an_oversized_settings_file_is_set_aside(tmp_path: Path) -> None:
    """A settings file over a megabyte is not read; the message gives the limit."""
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "' + "d" * MAX_SETTINGS_BYTES + '"}', encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.problem is not None
    assert "files over 1,048,576 bytes are not read" in loaded.problem
