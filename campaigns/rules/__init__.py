"""Who may do what in the campaigns app: one module per area, all registered on import.

Views, templates and the admin ask ``user.has_perm("campaigns.…", obj)``; which rows a user
reaches is ``campaigns.selectors``.
"""

from registry.rules import register_package

register_package(__name__, __path__)
