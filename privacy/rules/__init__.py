"""Pure rules of the privacy feature."""
