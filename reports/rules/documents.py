"""Who may do what: documents."""

import rules  # noqa: F401
