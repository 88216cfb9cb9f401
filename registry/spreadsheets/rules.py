"""Who may import what, and who may see or confirm an import.

- Exemplars: a unit's editors and head, into their own unit only; Home Affairs, for any
  unit (plan: the Emulation and Commendation Board gathers the province's lists).
- Units, unit successions and users: administrators.
- An import is seen by the one who uploaded it, their unit's editors (exemplars of that
  unit), Home Affairs (every exemplar import) and administrators; only the uploader
  confirms it.
"""

from functools import reduce
from operator import or_

import rules

from .. import rules as perms

can_import_exemplars = perms.is_unit_member_who_edits | perms.is_home_affairs
# Who may import each kind, and the permission that says so.
IMPORTERS = {
    "exemplars": can_import_exemplars,
    "units": perms.is_administrator,
    "successions": perms.is_administrator,
    "users": perms.is_administrator,
}
IMPORT_PERMISSIONS = {kind: f"registry.import_{kind}" for kind in IMPORTERS}


@rules.predicate
def uploaded_it(user, job):
    return job is not None and job.created_by_id == user.pk


@rules.predicate
def may_still_import_its_kind(user, job):
    return job is not None and user.has_perm(IMPORT_PERMISSIONS[job.kind])


can_view_import_job = (
    uploaded_it
    | perms.is_administrator
    | (
        perms.record_is("is_exemplar_import", lambda job: job.kind == "exemplars")
        & perms.for_any_or_own_unit(perms.is_home_affairs)
    )
)
can_confirm_import_job = uploaded_it & may_still_import_its_kind

for kind, predicate in IMPORTERS.items():
    rules.add_perm(IMPORT_PERMISSIONS[kind], predicate)
rules.add_perm("registry.view_import_history", reduce(or_, IMPORTERS.values()))
