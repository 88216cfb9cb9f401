"""The reports app's own records, one module per area."""
