"""decisions models."""
