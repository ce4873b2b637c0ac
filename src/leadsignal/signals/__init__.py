"""Dialogue signals: cue features, dialogue acts, ideas and uptake, turns, interruptions and addressing."""
