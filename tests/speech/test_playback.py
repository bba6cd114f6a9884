"""Whether the player could play: aplay's complaints read, and caught from a child process."""

from __future__ import annotations

import os
import sys

import pytest

from clinic_timer.speech.playback import NO_DEVICE, explain, player_errors


@pytest.mark.parametrize(
    ("output", "means"),
    [
        ("", ""),
        ("ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n", ""),
        ("aplay: main:831: audio open error: No such file or directory\n", NO_DEVICE),
        ("ALSA lib confmisc.c:855:(parse_card) cannot find card 0\naplay: main:831: oops\n", NO_DEVICE),
        ("aplay: set_params:1343: Channels count non available\n", "the sound player failed"),
    ],
)
def test_a_players_complaint_is_explained_for_a_person(output: str, means: str) -> None:
    """No sound card is said as such; another aplay error is a player failure; a warning is nothing."""
    said = explain(output)
    if means:
        assert said.startswith(means)
    else:
        assert said == ""


def test_what_a_child_writes_to_stderr_is_caught_and_stderr_put_back(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A child's aplay error lands in the list, not the log; stderr works again afterwards."""
    with player_errors() as problems:
        os.system("echo 'aplay: main:831: audio open error: No such file or directory' >&2")
    assert len(problems) == 1
    assert problems[0].startswith(NO_DEVICE)
    print("after", file=sys.stderr)  # noqa: T201 - checking stderr is back
    assert capfd.readouterr().err == "after\n"


def test_a_player_warning_still_reaches_the_log(capfd: pytest.CaptureFixture[str]) -> None:
    """A line that is no failure is passed on to stderr as before, and reports nothing."""
    with player_errors() as problems:
        os.system("echo 'ALSA lib: a harmless warning' >&2")
    assert problems == []
    assert "harmless warning" in capfd.readouterr().err
