"""Who may do what: dashboard."""

import rules  # noqa: F401
