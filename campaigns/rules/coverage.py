"""Media coverage: the staff of an outlet's unit (media editors, a unit's portal editors) log
its coverage; Home Affairs logs any. Columns are kept by the outlet's media staff or Home
Affairs.

What may be picked in the coverage form is decided here too, so that the form and the
"Log coverage" link of an exemplar's page agree: ``outlets_run_by`` and ``coverable_exemplars``.
"""

import rules
from django.db.models import Q

from registry.rules import (
    can_manage_campaigns,
    grant,
    is_accepted_exemplar,
    is_in_reach,
    is_media,
    is_unit_member_who_edits,
)

is_outlet_staff = is_media | is_unit_member_who_edits


def outlets_run_by(user):
    """Active outlets the user logs coverage for: their unit's (Home Affairs: every one)."""
    from ..models import MediaOutlet

    outlets = MediaOutlet.objects.filter(is_active=True).select_related("unit")
    if can_manage_campaigns(user):
        return outlets
    if is_outlet_staff(user) and user.unit_id:
        return outlets.filter(unit_id=user.unit_id)
    return outlets.none()


def province_of(unit):
    """The root of ``unit``'s tree: its province."""
    while unit is not None and unit.parent_id is not None:
        unit = unit.parent
    return unit


def coverable_exemplars(user):
    """Accepted exemplars the user may log coverage about.

    The province publicises its accepted exemplars: media staff pick any of their province,
    Home Affairs any; a unit's editors and heads their own unit's, for their portal.
    """
    from registry.enums import ExemplarStatus
    from registry.models import Exemplar

    accepted = Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED)
    if can_manage_campaigns(user):
        return accepted
    if is_media(user) and user.unit_id:
        province = province_of(user.unit)
        # The unit tree is at most four levels deep: province, body or district, commune.
        in_province = Q(unit=province)
        for depth in range(1, 4):
            in_province |= Q(**{"unit" + "__parent" * depth: province})
        return accepted.filter(in_province)
    if is_unit_member_who_edits(user):
        return accepted.filter(unit_id=user.unit_id)
    return accepted.none()


@rules.predicate
def runs_outlet(user, outlet):
    """The user works in the unit in charge of ``outlet`` (an outlet, column or coverage)."""
    outlet = getattr(outlet, "outlet", outlet)
    return outlet is not None and user.unit_id is not None and user.unit_id == outlet.unit_id


@rules.predicate
def has_an_outlet(user):
    return outlets_run_by(user).exists()


@rules.predicate
def may_cover_exemplar(user, exemplar):
    return exemplar is not None and coverable_exemplars(user).filter(pk=exemplar.pk).exists()


# Without an object: may the user log coverage at all (for some outlet)?
can_log_coverage = (can_manage_campaigns | is_outlet_staff) & has_an_outlet
can_change_coverage = is_in_reach & (can_manage_campaigns | (is_outlet_staff & runs_outlet))

rules.add_perm("campaigns.view_coverage", is_in_reach)
rules.add_perm("campaigns.add_coverage", can_log_coverage)
# With an exemplar: may the user log coverage about it (the exemplar page's link)? Only
# accepted exemplars are publicised (``coverable_exemplars``); asked first, so that the others
# are answered without the database.
rules.add_perm(
    "campaigns.cover_exemplar", is_accepted_exemplar & can_log_coverage & may_cover_exemplar
)
grant(can_change_coverage, "campaigns", "change_coverage", "delete_coverage")
rules.add_perm("campaigns.view_column", rules.is_authenticated)
rules.add_perm("campaigns.add_column", (can_manage_campaigns | is_media) & has_an_outlet)
rules.add_perm("campaigns.change_column", can_manage_campaigns | (is_media & runs_outlet))
