"""One row-level scope per model: ``Model.objects.restrict(user, action="view")``.

The idea is NetBox's ``RestrictedQuerySet``: every view, export, document, search and feed
asks the model's own queryset for the rows a user reaches, and no view filters by unit by
hand. A model's queryset subclasses ``RestrictedQuerySet`` and says, in ``scope``, which
rows a user reaches; the rules package then decides, row by row, what the user may do
with each (change, delete, review…).
"""

from django.db import models


class RestrictedQuerySet(models.QuerySet):
    # True where the scope follows a many-valued link (an event's units, a coverage's
    # exemplars): the rows are then selected through a subquery, so that none repeats and
    # counts and annotations stay right.
    scope_spans_many = False

    def restrict(self, user, action: str = "view"):
        """The rows ``user`` reaches for ``action`` (nothing for an anonymous user)."""
        if user is None or not user.is_authenticated:
            return self.none()
        condition = self.scope(user, action)
        if condition is None:
            return self
        if self.scope_spans_many:
            reached = self.model._base_manager.filter(condition).values("pk")
            return self.filter(pk__in=reached)
        return self.filter(condition)

    def scope(self, user, action: str) -> models.Q | None:
        """The condition on this model's rows that ``user`` reaches for ``action``; None for
        every row. Each model's queryset says it, next to the model."""
        raise NotImplementedError(f"{self.model.__name__} declares no scope")


class OpenQuerySet(RestrictedQuerySet):
    """Rows every signed-in user reads (movements, contests, plans…: what is recorded under
    them is scoped); whether a role reads them at all is a permission."""

    def scope(self, user, action):
        return None
