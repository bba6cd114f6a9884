"""The clinic itself, with no user interface: formats, clock, session, turns, cues, notes.

Nothing in this package imports Qt; ``tests/core/test_purity.py`` proves it.
"""
