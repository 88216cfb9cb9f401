"""The review workflow of exemplars: the one place where their status changes.

``MOVES`` is the table of allowed moves: the states a move starts from, where it leads,
which permission the acting user needs (``registry/rules.py``) and whether a comment is
required. ``transition`` applies one move: it locks the row, checks the version the user
saw, the state, the permission and the comment, writes the new state, records a
``Transition`` and queues the notifications once the transaction commits. Views, imports
and any API call ``transition`` (or the small wrappers below); nothing else sets a status.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ExemplarStatus as S
from .models import Exemplar, Transition


class WorkflowError(ValidationError):
    """A move that cannot be made: wrong state, missing comment, incomplete record."""


class ConflictError(WorkflowError):
    """Someone else changed the exemplar after the user opened it."""


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    sources: frozenset
    target: S | Callable[[Exemplar], S]
    permission: str
    comment_required: bool = False
    style: str = "primary"

    def target_for(self, exemplar: Exemplar) -> S:
        return self.target(exemplar) if callable(self.target) else self.target


def _after_submit(exemplar: Exemplar) -> S:
    # Who reviews whom is data: a unit whose parent reviews its children goes there first.
    return S.SUBMITTED_TO_DISTRICT if exemplar.unit.reviewing_unit else S.UNDER_REVIEW


MOVES = {
    move.action: move
    for move in [
        Move(
            "submit",
            _("Submit"),
            frozenset({S.DRAFT, S.RETURNED_BY_DISTRICT, S.RETURNED}),
            _after_submit,
            "registry.submit_exemplar",
        ),
        Move(
            "endorse",
            _("Endorse and send to Home Affairs"),
            frozenset({S.SUBMITTED_TO_DISTRICT}),
            S.UNDER_REVIEW,
            "registry.district_review_exemplar",
            style="success",
        ),
        Move(
            "district_return",
            _("Return to the commune"),
            frozenset({S.SUBMITTED_TO_DISTRICT}),
            S.RETURNED_BY_DISTRICT,
            "registry.district_review_exemplar",
            comment_required=True,
            style="warning",
        ),
        Move(
            "accept",
            _("Accept"),
            frozenset({S.UNDER_REVIEW}),
            S.ACCEPTED,
            "registry.review_exemplar",
            style="success",
        ),
        Move(
            "return",
            _("Return for completion"),
            frozenset({S.UNDER_REVIEW}),
            S.RETURNED,
            "registry.review_exemplar",
            comment_required=True,
            style="warning",
        ),
        Move(
            "refuse",
            _("Refuse"),
            frozenset({S.UNDER_REVIEW}),
            S.REFUSED,
            "registry.review_exemplar",
            comment_required=True,
            style="danger",
        ),
        Move(
            "reopen",
            _("Reopen for changes"),
            frozenset({S.ACCEPTED, S.REFUSED}),
            S.RETURNED,
            "registry.review_exemplar",
            comment_required=True,
            style="secondary",
        ),
    ]
}


def moves_for(exemplar: Exemplar, user) -> list[Move]:
    """The moves ``user`` may make on ``exemplar`` as it stands (for buttons)."""
    return [
        move
        for move in MOVES.values()
        if exemplar.status in move.sources and user.has_perm(move.permission, exemplar)
    ]


def completeness_errors(exemplar: Exemplar) -> list[str]:
    """What is still missing before the exemplar can be sent (empty when complete)."""
    from .enums import SubjectKind

    errors = []
    required = {
        SubjectKind.INDIVIDUAL: ["full_name", "gender", "birth_year", "position", "workplace"],
        SubjectKind.COLLECTIVE: ["collective_name", "head_name", "member_count"],
        SubjectKind.HOUSEHOLD: ["household_head", "household_address", "household_members"],
    }[exemplar.subject_kind] + ["achievements", "new_model", "contact_name", "contact_phone"]
    for name in required:
        if getattr(exemplar, name) in (None, ""):
            field = Exemplar._meta.get_field(name)
            errors.append(_("%(field)s is missing.") % {"field": field.verbose_name.capitalize()})
    answered = set(exemplar.evidence.exclude(text="").values_list("criterion_id", flat=True))
    for criterion in exemplar.criteria():
        if criterion.pk not in answered:
            errors.append(
                _("Evidence for the criterion “%(criterion)s” is missing.")
                % {"criterion": criterion.field.name if criterion.field_id else criterion.number}
            )
    if not exemplar.publication_consent:
        errors.append(_("The consent to publication has not been given."))
    return errors


def transition(
    *, exemplar: Exemplar, action: str, by, comment: str = "", expected_version: int | None = None
) -> Exemplar:
    """Apply one move of the workflow and return the exemplar as it now is.

    Side effects: updates the exemplar (status, version, status_changed_at), writes one
    ``Transition``, and on commit queues portal notifications and e-mails
    (``registry.notifications.notify_transition``). Raises ``PermissionDenied``,
    ``ConflictError`` (someone else changed it first) or ``WorkflowError``.
    """
    move = MOVES.get(action)
    if move is None:
        raise WorkflowError(_("Unknown action."))
    comment = (comment or "").strip()
    with transaction.atomic():
        locked = (
            Exemplar.objects.select_for_update(of=("self",))
            .select_related("unit__parent__kind", "unit__kind")
            .get(pk=exemplar.pk)
        )
        if expected_version is not None and locked.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this exemplar while you had it open (it is now "
                    "“%(status)s”). Nothing was saved: reload the page and check again."
                )
                % {"status": locked.get_status_display()}
            )
        if not by.has_perm(move.permission, locked):
            raise PermissionDenied
        if locked.status not in move.sources:
            raise ConflictError(
                _("This exemplar is “%(status)s”: “%(action)s” is not possible now.")
                % {"status": locked.get_status_display(), "action": move.label}
            )
        if move.comment_required and not comment:
            raise WorkflowError(_("Please give the reason in the comment."))
        if action == "submit":
            missing = completeness_errors(locked)
            if missing:
                raise WorkflowError(missing)
        record = Transition.objects.create(
            exemplar=locked,
            action=action,
            from_status=locked.status,
            to_status=move.target_for(locked),
            by=by,
            comment=comment,
        )
        locked.status = record.to_status
        locked.status_changed_at = timezone.now()
        locked.version += 1
        locked._change_reason = f"{move.label}: {comment}"[:100] if comment else str(move.label)
        locked._history_user = by
        locked.save(update_fields=["status", "status_changed_at", "version"])

        from .notifications import notify_transition

        transaction.on_commit(lambda: notify_transition(record.pk))
    return locked


def submit(*, exemplar, by, expected_version=None):
    return transition(exemplar=exemplar, action="submit", by=by, expected_version=expected_version)


def accept(*, exemplar, by, comment="", expected_version=None):
    return transition(
        exemplar=exemplar,
        action="accept",
        by=by,
        comment=comment,
        expected_version=expected_version,
    )


def send_back(*, exemplar, by, comment, expected_version=None):
    return transition(
        exemplar=exemplar,
        action="return",
        by=by,
        comment=comment,
        expected_version=expected_version,
    )
