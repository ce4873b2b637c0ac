"""Measures: per-speaker (speakers), meeting-level indices (meeting), factions and GCA."""
