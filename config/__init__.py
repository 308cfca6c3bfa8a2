"""Paraat's settings, read once from the environment."""
