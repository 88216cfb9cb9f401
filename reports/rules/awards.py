"""Who may do what: awards."""

import rules  # noqa: F401
