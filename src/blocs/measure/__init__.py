"""Measure: ties between actors read from data (event data, UN votes, alliances)."""
