"""What records of every app share about units: the unit a record belongs to, and the scope
"the records of the units the user reaches" (the rest is ``exemplar_portal.base.records``)."""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.scopes import RestrictedQuerySet


def unit_link(related_name: str, verbose_name=None, **options) -> models.ForeignKey:
    """The unit a record belongs to (or that organises, leads, proposes… it); a unit with
    records is never deleted (``PROTECT``) unless ``on_delete`` says otherwise."""
    options.setdefault("on_delete", models.PROTECT)
    return models.ForeignKey(
        "registry.Unit",
        verbose_name=verbose_name or _("unit"),
        related_name=related_name,
        **options,
    )


def movement_link(related_name: str, verbose_name=None, **options) -> models.ForeignKey:
    """The movement or campaign a record was done within or found through, if any."""
    return models.ForeignKey(
        "registry.Campaign",
        verbose_name=verbose_name or _("movement"),
        related_name=related_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        **options,
    )


class UnitScopedQuerySet(RestrictedQuerySet):
    """The records of the units the user reaches (``registry.selectors.unit_ids_in_scope``):
    those whose unit, at any of ``unit_paths``, is in reach, and those ``also_reached`` adds;
    every record for those who read every unit or hold ``reads_all``."""

    unit_paths: tuple[str, ...] = ("unit",)
    reads_all = ""

    def scope(self, user, action):
        from ..selectors import unit_ids_in_scope

        if self.reads_all and user.has_perm(self.reads_all):
            return None
        units = unit_ids_in_scope(user)
        if units is None:
            return None
        reach = reduce(or_, (Q(**{f"{path}__in": units}) for path in self.unit_paths))
        more = self.also_reached(user)
        return reach if more is None else reach | more

    def also_reached(self, user) -> Q | None:
        """Rows the user reaches besides their units' (a judge's entries, a team member's
        inspections…)."""
        return None
