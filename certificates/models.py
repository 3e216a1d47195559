"""certificates models."""
