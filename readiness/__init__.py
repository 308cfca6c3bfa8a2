"""Readiness: pure scoring and privacy-preserving aggregation over the organisation."""
