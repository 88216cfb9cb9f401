"""Who may do what: a subject's history of commendation (the awards it holds from before
the portal, its task ratings, its initiatives), its import, and the leave to send a proposal
despite its conditions.

Whoever reads an exemplar reads its subject's history. The exemplar's unit's editors and
heads (and the unit carrying on its work) keep it, Home Affairs keeps any; a record is asked
about through its exemplar. Only Home Affairs allows a proposal despite its conditions.
"""

import rules

from registry.models import Exemplar
from registry.rules import (
    belongs_to_exemplars_unit,
    can_reach_exemplar,
    is_home_affairs,
    is_unit_member_who_edits,
)


def exemplar_of(obj):
    """The exemplar a permission about ``obj`` (an exemplar or a record of its history) is
    asked of."""
    return obj if obj is None or isinstance(obj, Exemplar) else obj.exemplar


@rules.predicate
def reads_the_exemplar(user, obj):
    return can_reach_exemplar(user, exemplar_of(obj))


@rules.predicate
def of_the_users_exemplar(user, obj):
    return belongs_to_exemplars_unit(user, exemplar_of(obj))


keeps_subject_history = reads_the_exemplar & (
    is_home_affairs | (is_unit_member_who_edits & of_the_users_exemplar)
)

for model in ("prioraward", "taskrating", "initiative"):
    rules.add_perm(f"reports.view_{model}", reads_the_exemplar)
    for action in ("add", "change", "delete"):
        rules.add_perm(f"reports.{action}_{model}", keeps_subject_history)
# Without an object: may the user import histories at all (for the page and its link)?
rules.add_perm("reports.import_subject_history", is_home_affairs | is_unit_member_who_edits)
rules.add_perm("reports.keep_subject_history", keeps_subject_history)
rules.add_perm("reports.override_awardproposal", is_home_affairs)
