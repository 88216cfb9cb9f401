"""Where the apps built on registry plug into it (``exemplar_portal.base.providers``).

``campaigns`` and ``reports`` register here in their ``AppConfig.ready``; registry calls what
is registered and never imports them.
"""

from exemplar_portal.base.providers import Providers, Slots

# (user, exemplar) -> dict: what a section of an exemplar's page needs (events, coverage,
# award proposals…), merged into the page's context; the section's template goes in the
# "exemplar_sections" slot.
exemplar_page_context = Providers("the context of an exemplar's page")

# (user) -> Q | None: exemplars a user reaches beyond their units' own (a media editor: the
# exemplars their outlet covered or was introduced to), or None.
exemplar_reach = Providers("exemplars reached beyond a user's units")

# Templates drawn at named places: "exemplar_actions" (buttons beside an exemplar's title),
# "exemplar_sections" (after its timeline), "unit_actions" (a unit's page), "quota_actions"
# (the quota compliance page).
slots = Slots()
