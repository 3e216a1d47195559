"""councils models."""
