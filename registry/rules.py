"""Who may do what: the permission predicates of the registry.

Views, templates and the admin ask ``user.has_perm("registry.…", obj)``; the answers come
from here and nowhere else. Which rows a user reaches is ``selectors.unit_scope_filter``.
"""

import pkgutil
from importlib import import_module

import rules

from .enums import ExemplarStatus, Role

is_authenticated = rules.is_authenticated


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _has_role(*roles, in_a_unit=False):
    """A predicate: the user is active, has one of ``roles`` and, ``in_a_unit``, a unit."""

    @rules.predicate(name=f"has_role_{'_or_'.join(roles)}{'_in_a_unit' * in_a_unit}")
    def predicate(user):
        return bool(_active(user) and (user.unit_id or not in_a_unit) and user.role in roles)

    return predicate


is_unit_editor = _has_role(Role.UNIT_EDITOR)
is_unit_head = _has_role(Role.UNIT_HEAD)
is_district_reviewer = _has_role(Role.DISTRICT_REVIEWER)
is_home_affairs = _has_role(Role.HOME_AFFAIRS)
is_media = _has_role(Role.MEDIA)
is_leader = _has_role(Role.LEADER)


@rules.predicate
def is_administrator(user):
    return _active(user) and (user.is_superuser or user.role == Role.ADMINISTRATOR)


reads_all_units = is_home_affairs | is_leader | is_administrator
# Plans (their quotas, deadlines and catalogue): Home Affairs keeps them, with administrators.
can_manage_plans = is_home_affairs | is_administrator


@rules.predicate
def can_reach_unit(user, unit):
    """The unit's records are within the user's reach (own unit, a district's communes…)."""
    if unit is None or not _active(user):
        return False
    from .selectors import unit_ids_in_scope

    reach = unit_ids_in_scope(user)
    return reach is None or unit.pk in reach


@rules.predicate
def is_published_version(user, obj):
    """The object is, or belongs to, a published catalogue version."""
    if obj is None:
        return False
    version = getattr(obj, "version", obj)
    return bool(getattr(version, "published", False))


def record_is(name, test):
    """A predicate named ``name``: there is a record, and ``test(record)`` holds."""
    return rules.predicate(
        lambda user, record: record is not None and bool(test(record)), name=name
    )


def register_package(name, path):
    """Import every module of an app's rules package ``name`` (at ``path``): each adds its
    permissions on import."""
    for module in pkgutil.iter_modules(path):
        import_module(f"{name}.{module.name}")


def grant(predicate, app, *names):
    """Give each permission ``app.name`` of ``names`` the answer of ``predicate``."""
    for name in names:
        rules.add_perm(f"{app}.{name}", predicate)


KEPT = ("add", "change", "delete")
ACTIONS = ("view", *KEPT)


def keep_reference(app, *models):
    """Reference data of ``app``'s ``models``: every user reads it, administrators keep it."""
    for model in models:
        rules.add_perm(f"{app}.view_{model}", is_authenticated)
        grant(is_administrator, app, *(f"{action}_{model}" for action in KEPT))


def in_users_unit(field="unit_id", *, through=None):
    """A predicate: the record's unit (its ``field``; ``"pk"`` where the record is the unit)
    is the user's own. ``through`` leads from the object asked about to the record."""

    @rules.predicate(name=f"in_users_unit_{field}")
    def predicate(user, obj):
        record = through(obj) if through and obj is not None else obj
        unit_id = None if record is None else getattr(record, field)
        return unit_id is not None and unit_id == getattr(user, "unit_id", None)

    return predicate


is_users_unit = in_users_unit("pk")


def in_reach(*, through=None):
    """A predicate: the record is among the rows its model's scope gives the user
    (``objects.restrict``; out of reach is a 404 in the views). ``through`` as above."""

    @rules.predicate(name="in_reach")
    def predicate(user, obj):
        record = through(obj) if through and obj is not None else obj
        return (
            record is not None and type(record).objects.restrict(user).filter(pk=record.pk).exists()
        )

    return predicate


is_in_reach = in_reach()


@rules.predicate
def reaches_records_unit(user, record):
    """The record's unit is within the user's reach."""
    return record is not None and can_reach_unit(user, record.unit)


def administered(**extra):
    """Permissions of reference data: every user reads it, administrators change it."""
    return {
        "view": is_authenticated,
        "add": is_administrator,
        "change": is_administrator,
        "delete": is_administrator,
        **extra,
    }


# Exemplars. Which state allows which move is the workflow's business (registry/workflow.py);
# these say who may act on which exemplar at all.
is_unit_member_who_edits = _has_role(Role.UNIT_EDITOR, Role.UNIT_HEAD, in_a_unit=True)


def for_any_or_own_unit(keeper, in_own_unit=None):
    """``keeper`` acts on every unit's records; a unit's editors and heads on their own
    unit's (``in_own_unit``: by default, the record's ``unit_id`` is the user's unit)."""
    return keeper | (is_unit_member_who_edits & (in_own_unit or in_users_unit()))


# Staff who register and send their own unit's exemplars: its editors and heads and, for a
# district, its reviewers (a district's own exemplars have no one else to register them; they
# go straight to Home Affairs, never to the district itself).
keeps_own_units_exemplars = _has_role(
    Role.UNIT_EDITOR, Role.UNIT_HEAD, Role.DISTRICT_REVIEWER, in_a_unit=True
)


@rules.predicate
def belongs_to_exemplars_unit(user, exemplar):
    """The exemplar is of the user's unit, or of a unit whose work the user's unit took over
    (a merged commune's draft is finished and sent by the commune that carried on)."""
    if exemplar is None:
        return False
    from .selectors import own_unit_ids

    return exemplar.unit_id in own_unit_ids(user)


is_editable_exemplar = record_is("is_editable_exemplar", lambda exemplar: exemplar.is_editable)
is_untouched_draft = record_is(
    "is_untouched_draft",
    lambda exemplar: exemplar.status == ExemplarStatus.DRAFT and not exemplar.transitions.exists(),
)


@rules.predicate
def reviews_exemplars_unit(user, exemplar):
    """The user's unit is the one that endorses this exemplar: the reviewer in force on the
    day it was sent (or the body its pending work was handed over to), not whatever the
    unit's parent is today."""
    return bool(
        exemplar is not None
        and exemplar.reviewer_unit_id is not None
        and exemplar.reviewer_unit_id == user.unit_id
    )


@rules.predicate
def can_reach_exemplar(user, exemplar):
    """Within the user's reach: its unit is, or (media staff) their outlets covered it."""
    if exemplar is None:
        return False
    if can_reach_unit(user, exemplar.unit):
        return True
    # What reaches beyond the unit scope (media coverage, work handed to a reviewer) is
    # decided once, in ``exemplar_scope_filter``.
    return bool(
        (is_media(user) or is_district_reviewer(user))
        and type(exemplar).objects.restrict(user).filter(pk=exemplar.pk).exists()
    )


can_view_exemplar = can_reach_exemplar
# "registry.add_exemplar" is set to this in ``RegistryConfig.ready`` (the model's Meta names
# ``is_unit_member_who_edits``, which the other apps use for their own records).
can_add_exemplar = keeps_own_units_exemplars
can_edit_exemplar = keeps_own_units_exemplars & belongs_to_exemplars_unit & is_editable_exemplar
can_delete_exemplar = keeps_own_units_exemplars & belongs_to_exemplars_unit & is_untouched_draft
can_submit_exemplar = keeps_own_units_exemplars & belongs_to_exemplars_unit
# The unit's own sign-off (``Unit.needs_head_signoff``): the head of the exemplar's unit, or of
# the unit carrying on its work, approves it on or returns it to the editor.
can_sign_off_exemplar = is_unit_head & belongs_to_exemplars_unit
can_district_review_exemplar = is_district_reviewer & reviews_exemplars_unit
can_review_exemplar = is_home_affairs
# Contacts, year of birth and home address: for those who handle the record, not for readers.
can_view_exemplar_personal_data = can_reach_exemplar & (
    is_unit_member_who_edits | is_district_reviewer | is_home_affairs | is_administrator
)
rules.add_perm("registry.review_queue", is_home_affairs | is_district_reviewer)
# Attachments removed from an exemplar, kept for the retention period (registry/attachments.py):
# Home Affairs sees them on the record, opens them and puts them back. The object is the
# exemplar.
can_restore_attachment = is_home_affairs & can_reach_exemplar
rules.add_perm("registry.restore_attachment", can_restore_attachment)


# The admin shows the registry app to those who administer it.
rules.add_perm("registry", is_administrator)
grant(is_administrator, "registry", *(f"{action}_user" for action in ACTIONS))
# The portal's own pages.
rules.add_perm("registry.view_province_overview", reads_all_units)


# Quotas, follow-up and the annual registration of new factors (registry/tracking.py).
is_accepted_exemplar = record_is(
    "is_accepted_exemplar", lambda exemplar: exemplar.status == ExemplarStatus.ACCEPTED
)
is_final_exemplar = record_is(
    "is_final_exemplar", lambda exemplar: exemplar.status in ExemplarStatus.final()
)


# Follow-up of an accepted exemplar: Home Affairs for any, the exemplar's own unit for its own.
can_follow_up_exemplar = is_accepted_exemplar & for_any_or_own_unit(
    is_home_affairs, belongs_to_exemplars_unit
)
# Nurturing notes: the exemplar's own unit, while the exemplar is not yet decided.
can_nurture_exemplar = is_unit_member_who_edits & belongs_to_exemplars_unit & ~is_final_exemplar
rules.add_perm("registry.follow_up_exemplar", can_follow_up_exemplar)
rules.add_perm("registry.nurture_exemplar", can_nurture_exemplar)
rules.add_perm("registry.view_quota_compliance", reads_all_units)
rules.add_perm("registry.view_follow_up_gaps", reads_all_units)


# Campaigns (emulation movements): every signed-in user reads them; Home Affairs and
# administrators keep them.
can_manage_campaigns = is_home_affairs | is_administrator
