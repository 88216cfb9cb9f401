"""Who may do what in the reports app: one module per area, all registered on import."""

from . import awards, consolidations, dashboard, documents, register  # noqa: F401
