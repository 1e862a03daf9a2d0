"""Helpers that several test modules share (never imported from a test module itself)."""
