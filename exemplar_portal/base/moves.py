"""State machines as tables of moves, and the one function that makes a move.

Every record whose status follows a workflow (an exemplar's review, an award proposal, a
difficulty, a unit's regulation, a recommendation, a consolidation, a spreadsheet import)
declares its moves once, in a ``Moves`` table next to its model: each ``Move`` names the
states it starts from, the state it leads to, the permission the acting user needs and
whether a reason is required. ``Moves.make`` (or ``transition``) is then the only code that
writes the status. It

1. locks the row and reads it again (``select_for_update``): two people acting at once are
   served one after the other, and the second is judged on what the first left;
2. checks the version the user saw (where the table keeps one), that the state allows the
   move, the permission (``user.has_perm(move.permission, record)``), the reason and the
   move's own conditions (``Move.check``);
3. writes the new state and what the move records besides (``Move.apply``) in one save,
   with a history entry saying who, when and why (the move's label and the reason) where the
   model keeps a django-simple-history, and the table's own row of steps if it keeps one
   (``Moves.record``);
4. once the transaction commits, sends the notifications (``Move.notify``, ``Moves.notify``).

A page makes a move through ``answer`` (make it, tell the user how it went, go back to the
record); a page that asks first (a reason, a confirmation) sends the user back with the move's
refusal where the record's state does not allow it (``not_from_here``).

A move without a permission is one the portal makes itself (a worker, a daily hand-over): it
is made with ``by=None``, never by a person, and a person's move never without one.

This module knows no app: the tables hand their hooks in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model


class MoveError(ValidationError):
    """A move that cannot be made: unknown, not from this state, without its reason, or
    refused by the move's own conditions."""


class MoveNotAllowed(MoveError):
    """The record's state, as it is now, does not allow the move (or the record changed
    since the user saw it)."""


class ReasonMissing(MoveError):
    """The move needs a reason and none was given."""


@dataclass(frozen=True)
class Move:
    """One row of a table of moves.

    ``target`` is a state, or ``target(record, by)`` for a move whose end depends on the
    record or on who makes it. ``refusal`` is what a user is told when the state does not
    allow the move (``%(status)s``: the state, ``%(action)s``: the label); the table's
    sentence otherwise. The hooks take the ``Step`` being made: ``check`` raises a
    ``MoveError`` (or the table's ``not_allowed``, through ``step.refuse``) to refuse it;
    ``apply`` sets what the move records besides the state (naming the fields in
    ``step.fields``) and returns what the caller gets as ``step.result``; ``notify`` runs once
    the transaction has committed.
    """

    name: str
    label: Any
    sources: frozenset
    target: Any
    permission: str | None = None
    reason_required: bool = False
    # Whether the move records a reason at all (a page asks for one only where it does).
    takes_reason: bool = True
    refusal: Any = ""
    check: Callable[[Step], None] | None = None
    apply: Callable[[Step], Any] | None = None
    notify: Callable[[Step], None] | None = None

    @property
    def is_system(self) -> bool:
        """Made by the portal itself, never by a person."""
        return self.permission is None

    def target_for(self, obj, by=None):
        return self.target(obj, by) if callable(self.target) else self.target


@dataclass
class Step:
    """A move being made on a locked record: what the hooks read and fill in."""

    table: Moves
    move: Move
    obj: Any
    by: Any
    reason: str = ""
    data: dict = field(default_factory=dict)
    from_state: Any = None
    to_state: Any = None
    # The fields written besides the state (and the table's version and ``auto_now`` fields).
    fields: set = field(default_factory=set)
    # The move as the history records it, when it differs from the one asked for.
    recorded: Move | None = None
    result: Any = None
    # What the table's ``record`` hook wrote (a row of steps, for instance).
    record: Any = None

    @property
    def label(self) -> str:
        return str((self.recorded or self.move).label)

    @property
    def name(self) -> str:
        return (self.recorded or self.move).name

    def refuse(self, message=None):
        """Refuse the move as not possible in the record's present state."""
        raise self.table.not_allowed(message or self.table.refusal_for(self.move, self.obj))


def _lock(obj):
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def _cut(text: str, length: int | None) -> str:
    if length is None or len(text) <= length:
        return text
    return text[: length - 1] + "…"


class Moves(Mapping):
    """A table of moves over one state field, with what every move of it shares.

    ``lock(record)`` returns the record read again under a row lock (by default
    ``select_for_update`` on its default manager). ``not_allowed`` and ``reason_missing``
    are the errors raised for a state that does not allow the move and a missing reason (a
    table may name its own subclasses); ``refusal``, ``reason_message`` and ``conflict`` are
    the sentences. With ``version_field``, each move adds one to it and ``expected_version``
    (what the user saw) must match. ``apply(step)`` runs for every move before the move's own;
    ``record(step)`` writes the table's own row of the step just before the record is saved
    (its return value is ``step.record``); ``notify(step)`` runs on commit, after the move's
    own.
    """

    def __init__(
        self,
        moves: Iterable[Move],
        *,
        field: str = "status",
        lock: Callable[[Any], Any] | None = None,
        not_allowed: type[MoveNotAllowed] = MoveNotAllowed,
        reason_missing: type[ReasonMissing] = ReasonMissing,
        refusal=None,
        reason_message=None,
        conflict=None,
        version_field: str | None = None,
        apply: Callable[[Step], None] | None = None,
        record: Callable[[Step], Any] | None = None,
        notify: Callable[[Step], None] | None = None,
    ):
        self._moves = {move.name: move for move in moves}
        self.field = field
        self.lock = lock or _lock
        self.not_allowed = not_allowed
        self.reason_missing = reason_missing
        self.refusal = refusal or _("“%(action)s” is not possible now: the record is “%(status)s”.")
        self.reason_message = reason_message or _("Please give the reason.")
        self.conflict = conflict or _(
            "Someone else changed this record while you had it open (it is now “%(status)s”). "
            "Nothing was saved: reload the page and check again."
        )
        self.version_field = version_field
        self.apply = apply
        self.record = record
        self.notify = notify

    # A mapping of names to moves.
    def __getitem__(self, name: str) -> Move:
        return self._moves[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._moves)

    def __len__(self) -> int:
        return len(self._moves)

    # Reading.
    def state_of(self, obj):
        return getattr(obj, self.field)

    def status_display(self, obj) -> str:
        display = getattr(obj, f"get_{self.field}_display", None)
        return str(display()) if display else str(self.state_of(obj))

    def refusal_for(self, move: Move, obj) -> str:
        return (move.refusal or self.refusal) % {
            "status": self.status_display(obj),
            "action": move.label,
        }

    def allows(self, obj, name: str, user) -> bool:
        """Whether ``user`` may make move ``name`` on ``obj`` as it stands (for buttons and
        links; ``make`` checks again under the lock)."""
        move = self._moves[name]
        return (
            not move.is_system
            and self.state_of(obj) in move.sources
            and user.has_perm(move.permission, obj)
        )

    def available(self, obj, user) -> list[Move]:
        """The moves ``user`` may make on ``obj`` as it stands, in the table's order."""
        return [move for name, move in self._moves.items() if self.allows(obj, name, user)]

    # Writing.
    def make(
        self,
        obj,
        name: str,
        *,
        by,
        reason: str = "",
        data: dict | None = None,
        expected_version: int | None = None,
    ) -> Step:
        """Make move ``name`` on ``obj`` as ``by`` (``None``: the portal itself) and return
        the ``Step``: ``step.obj`` is the record as written (``obj`` is brought up to date
        too), ``step.result`` what the move's ``apply`` returned. ``data``: what the move's
        hooks need besides the reason.

        Raises ``MoveError`` for an unknown move, the table's ``not_allowed`` when the
        record changed since ``expected_version`` or its state does not allow the move,
        ``PermissionDenied``, the table's ``reason_missing``, or what ``Move.check``
        raises. Nothing is written then.
        """
        move = self._moves.get(name)
        if move is None:
            raise MoveError(_("Unknown action."))
        with transaction.atomic():
            locked = self.lock(obj)
            step = self._step(move, locked, by, reason, data)
            if (
                self.version_field
                and expected_version is not None
                and getattr(locked, self.version_field) != expected_version
            ):
                raise self.not_allowed(self.conflict % {"status": self.status_display(locked)})
            if step.from_state not in move.sources:
                step.refuse()
            self._check_permission(move, locked, by)
            if move.reason_required and not step.reason:
                raise self.reason_missing(self.reason_message)
            if move.check:
                move.check(step)
            self._write(step)
        self._bring_up_to_date(obj, step)
        return step

    def write(
        self,
        locked,
        name: str,
        *,
        by=None,
        reason: str = "",
        data: dict | None = None,
        to_state=None,
        fields: Iterable[str] = (),
    ) -> Step:
        """Write move ``name`` on ``locked``, a record the caller has locked and found fit
        for it, inside the caller's transaction: for a process of the portal that chooses
        its rows with conditions of its own. Only the state is checked; ``to_state`` and
        ``fields`` (set on ``locked`` by the caller) say what the caller decided."""
        move = self._moves[name]
        step = self._step(move, locked, by, reason, data, to_state=to_state, fields=set(fields))
        if step.from_state not in move.sources:
            step.refuse()
        self._write(step)
        return step

    def _step(self, move: Move, locked, by, reason: str, data: dict | None, **more) -> Step:
        return Step(
            table=self,
            move=move,
            obj=locked,
            by=by,
            reason=(reason or "").strip(),
            data=dict(data or {}),
            from_state=self.state_of(locked),
            **more,
        )

    @staticmethod
    def _check_permission(move: Move, locked, by) -> None:
        if move.is_system:
            if by is not None:
                raise PermissionDenied
        elif by is None or not by.has_perm(move.permission, locked):
            raise PermissionDenied

    def _write(self, step: Step) -> None:
        locked, move = step.obj, step.move
        if step.to_state is None:
            step.to_state = move.target_for(locked, step.by)
        setattr(locked, self.field, step.to_state)
        step.fields.add(self.field)
        if self.apply:
            self.apply(step)
        if move.apply:
            step.result = move.apply(step)
        if self.version_field:
            setattr(locked, self.version_field, getattr(locked, self.version_field) + 1)
            step.fields.add(self.version_field)
        if self.record:
            step.record = self.record(step)
        self._save(step)
        for hook in (move.notify, self.notify):
            if hook:
                transaction.on_commit(partial(hook, step))

    def _save(self, step: Step) -> None:
        locked = step.obj
        model = type(locked)
        try:
            history = get_history_model_for_model(model)
        except NotHistoricalModelError:
            history = None
        if history is not None:
            text = f"{step.label}: {step.reason}" if step.reason else step.label
            reason_field = history._meta.get_field("history_change_reason")
            locked._change_reason = _cut(text, reason_field.max_length)
            locked._history_user = step.by
        stamped = {f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)}
        locked.save(update_fields=sorted(step.fields | stamped))
        step.fields |= stamped

    @staticmethod
    def _bring_up_to_date(obj, step: Step) -> None:
        if obj is step.obj:
            return
        for name in step.fields:
            setattr(obj, name, getattr(step.obj, name))


def transition(obj, name: str, *, moves: Moves, by, reason: str = "", **options) -> Step:
    """Make move ``name`` of the table ``moves`` on ``obj`` (see ``Moves.make``)."""
    return moves.make(obj, name, by=by, reason=reason, **options)


def stamp(*, by=None, at=None, reason=None, when=None):
    """An ``apply`` hook recording who made the move (in field ``by``), when (``at``, from
    ``when()``, by default the time now) and the reason (``reason``)."""

    def apply(step):
        values = {by: step.by, at: (when or timezone.now)(), reason: step.reason}
        values.pop(None, None)
        for name, value in values.items():
            setattr(step.obj, name, value)
        step.fields |= set(values)

    return apply


# Pages ---------------------------------------------------------------------------------


def answer(
    request,
    record,
    make,
    *,
    done,
    refused=None,
    level=messages.INFO,
    error=MoveNotAllowed,
    then=None,
):
    """Make a move for a page and tell the user how it went; returns the redirect to
    ``record`` (or anything ``redirect`` takes; once made, to ``then(result)`` where given).
    ``make()`` makes it (the app's service). Made: the user reads ``done`` (``done(result)``
    where it is callable). Refused (an ``error``, by default ``MoveNotAllowed``): ``refused``,
    or the refusal's own words, at ``level``."""
    try:
        result = make()
    except error as refusal:
        messages.add_message(request, level, refused or " ".join(refusal.messages))
        return redirect(record)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(then(result) if then else record)


def not_from_here(request, moves: Moves, record, name: str, *, to=None, refusal=None):
    """For a page that asks before making move ``name``: where ``record``'s state does not
    allow it, the redirect to ``to`` (by default the record) telling the move's refusal (or
    ``refusal``); ``None`` where it does."""
    move = moves[name]
    if moves.state_of(record) in move.sources:
        return None
    messages.info(request, refusal or moves.refusal_for(move, record))
    return redirect(to or record)
