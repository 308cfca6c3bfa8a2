"""Adaptive Card 1.5 builders: pure functions from domain objects to card JSON (no I/O, no SDK)."""
