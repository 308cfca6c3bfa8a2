"""Fakes that speak the real protocols, for the tests and the benchmarks (not shipped)."""
