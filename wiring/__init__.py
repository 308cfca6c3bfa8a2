"""Paraat put together: the registered features, their stores and the router, from the settings."""
