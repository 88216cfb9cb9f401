"""Who may import what, and who may see or confirm an import.

- Exemplars: a unit's editors and head, into their own unit only; Home Affairs, for any
  unit (plan: the Emulation and Commendation Board gathers the province's lists).
- Units, unit successions and users: administrators.
- An import is seen by the one who uploaded it, their unit's editors (exemplars of that
  unit), Home Affairs (every exemplar import) and administrators; only the uploader
  confirms it.
"""

import rules

from .. import rules as perms

can_import_exemplars = perms.is_unit_member_who_edits | perms.is_home_affairs
can_import_units = perms.is_administrator
can_import_successions = perms.is_administrator
can_import_users = perms.is_administrator

IMPORT_PERMISSIONS = {
    "exemplars": "registry.import_exemplars",
    "units": "registry.import_units",
    "successions": "registry.import_successions",
    "users": "registry.import_users",
}


@rules.predicate
def uploaded_it(user, job):
    return job is not None and job.created_by_id == user.pk


@rules.predicate
def is_exemplar_import(user, job):
    return job is not None and job.kind == "exemplars"


@rules.predicate
def is_own_units_import(user, job):
    return job is not None and job.unit_id is not None and job.unit_id == user.unit_id


@rules.predicate
def may_still_import_its_kind(user, job):
    return job is not None and user.has_perm(IMPORT_PERMISSIONS[job.kind])


can_view_import_job = (
    uploaded_it
    | perms.is_administrator
    | (is_exemplar_import & perms.is_home_affairs)
    | (is_exemplar_import & perms.is_unit_member_who_edits & is_own_units_import)
)
can_confirm_import_job = uploaded_it & may_still_import_its_kind

rules.add_perm("registry.import_exemplars", can_import_exemplars)
rules.add_perm("registry.import_units", can_import_units)
rules.add_perm("registry.import_successions", can_import_successions)
rules.add_perm("registry.import_users", can_import_users)
rules.add_perm(
    "registry.view_import_history",
    can_import_exemplars | can_import_units | can_import_successions | can_import_users,
)
