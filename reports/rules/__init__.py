"""Who may do what in the reports app: one module per area, all registered on import."""

from registry.rules import register_package

register_package(__name__, __path__)
