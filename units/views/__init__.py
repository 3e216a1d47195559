"""Views of the unit registry, one module per area. Thin: selectors read, services write."""
