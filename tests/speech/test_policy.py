"""The utterance policy: which one utterance waits, and what is dropped (no worker, no clock)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_timer.speech.policy import Utterance, UtterancePolicy
from clinic_timer.speech.settings import Priority, VoiceSettings


def policy(settings: VoiceSettings | None = None, stale_after_s: float = 30.0) -> UtterancePolicy:
    """A policy with the default settings unless told."""
    return UtterancePolicy(settings or VoiceSettings(), stale_after_s)


def utterance(text: str, priority: Priority, slot: int | None = None, at: float = 0.0) -> Utterance:
    """An utterance requested at time ``at``."""
    return Utterance(text, priority, slot=slot, requested_at=at)


def test_higher_or_equal_priority_replaces_the_pending_one() -> None:
    """A newer cue of at least the pending one's priority takes its place."""
    lines = policy()
    assert lines.offer(utterance("nudge", Priority.NUDGE))
    assert lines.offer(utterance("warning", Priority.WARNING))
    assert lines.offer(utterance("another warning", Priority.WARNING))
    assert lines.pending == utterance("another warning", Priority.WARNING)


def test_lower_priority_is_dropped_while_a_higher_one_is_pending() -> None:
    """A nudge arriving while a phase announcement waits is dropped, not queued."""
    lines = policy()
    lines.offer(utterance("Questions phase", Priority.PHASE))
    assert not lines.offer(utterance("Ask an open question", Priority.NUDGE))
    assert lines.pending is not None
    assert lines.pending.text == "Questions phase"


@settings(deadline=None)  # as elsewhere here: a loaded machine's slow example is no failure
@given(st.lists(st.sampled_from(list(Priority)), max_size=20))
def test_the_pending_one_is_the_latest_of_the_highest_priority(priorities: list[Priority]) -> None:
    """Whatever arrives, at most one waits: the last one not outranked by one before it."""
    lines = policy()
    expected: Utterance | None = None
    for index, priority in enumerate(priorities):
        new = utterance(f"cue {index}", priority)
        lines.offer(new)
        if expected is None or priority >= expected.priority:
            expected = new
    assert lines.pending == expected


def test_blank_words_are_not_offered() -> None:
    """A prompt that is only spaces (an empty format text) never waits to be spoken."""
    lines = policy()
    assert not lines.offer(utterance("  \n", Priority.PHASE))
    assert lines.pending is None


def test_changing_slot_drops_the_old_slots_pending_cue() -> None:
    """A warning for a turn that has ended is never said; one without a slot survives."""
    lines = policy()
    lines.set_slot(1)
    lines.offer(utterance("two minutes left", Priority.WARNING, slot=1))
    lines.set_slot(2)
    assert lines.pending is None
    lines.offer(utterance("session notes saved", Priority.WARNING, slot=None))
    lines.set_slot(3)
    assert lines.pending is not None


def test_a_cue_for_another_slot_is_refused() -> None:
    """Once the session is in slot 2, a late cue for slot 1 is not accepted."""
    lines = policy()
    lines.set_slot(2)
    assert not lines.offer(utterance("time up", Priority.TIME_UP, slot=1))
    assert lines.offer(utterance("Bob's turn", Priority.TURN, slot=2))
    assert lines.is_stale(utterance("time up", Priority.TIME_UP, slot=1))
    assert not lines.is_stale(utterance("saved", Priority.WARNING, slot=None))


def test_muted_policy_accepts_nothing_and_muting_drops_what_waits() -> None:
    """With speech off nothing is offered, not even the test prompt, and a waiting cue goes."""
    lines = policy()
    lines.offer(utterance("Bob's turn", Priority.TURN))
    lines.apply(VoiceSettings(enabled=False))
    assert lines.pending is None
    assert not lines.offer(utterance("Bob's turn", Priority.TURN))
    assert not lines.offer(utterance("test", Priority.TEST))


def test_unchosen_cue_kinds_are_not_spoken_but_the_test_voice_is() -> None:
    """Only the kinds ticked in the settings speak; the settings' test prompt always does."""
    lines = policy(VoiceSettings(spoken_kinds=frozenset({"turn"})))
    assert not lines.offer(utterance("one minute", Priority.WARNING))
    assert lines.offer(utterance("Bob's turn", Priority.TURN))
    assert lines.offer(utterance("This is my voice", Priority.TEST))


def test_unticking_a_kind_drops_its_pending_cue() -> None:
    """A warning waiting when warnings are unticked in the settings is not spoken after."""
    lines = policy()
    lines.offer(utterance("one minute", Priority.WARNING))
    lines.apply(VoiceSettings(spoken_kinds=frozenset({"turn"})))
    assert lines.pending is None


def test_a_cue_that_waited_too_long_is_dropped_by_the_time_given() -> None:
    """Staleness follows the ``now`` passed in: 10 s is fine, 10.5 s past the limit is not."""
    lines = policy(stale_after_s=10.0)
    lines.offer(utterance("Bob's turn", Priority.TURN, at=100.0))
    lines.drop_if_old(110.0)
    assert lines.pending is not None
    lines.drop_if_old(110.5)
    assert lines.pending is None


def test_taking_the_pending_one_leaves_none_waiting() -> None:
    """The utterance handed to the worker is no longer pending, so it is spoken once."""
    lines = policy()
    lines.offer(utterance("Bob's turn", Priority.TURN))
    assert lines.take() == utterance("Bob's turn", Priority.TURN)
    assert lines.pending is None
    assert lines.take() is None
