"""The one function that makes a move of a state machine (``exemplar_portal.base.moves``).

A table of its own, over a real model that keeps a history (a difficulty thread), so that
what is tested is the helper itself: the state, the permission, the reason and the move's
own conditions are checked on the row read again under its lock; the state, the history
entry and the move's own fields are written together; the notification waits for the
commit; and nothing is written when a move is refused.
"""

import threading
from contextlib import suppress

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from campaigns.models import Difficulty
from exemplar_portal.base.moves import (
    Move,
    MoveError,
    MoveNotAllowed,
    Moves,
    ReasonMissing,
    transition,
)

pytestmark = pytest.mark.integration

OPEN, ANSWERED, CLOSED = (
    Difficulty.Status.OPEN,
    Difficulty.Status.ANSWERED,
    Difficulty.Status.CLOSED,
)


class Refused(MoveNotAllowed):
    """The table's own error for a state that does not allow a move."""


def _no_veto(step):
    if step.data.get("veto"):
        raise MoveError("Không được phép lúc này.")


def _subject_noted(step):
    step.obj.subject = f"{step.obj.subject} (đã đóng)"
    step.fields.add("subject")
    return "kết quả"


def build_table(told, *, check=None):
    return Moves(
        [
            Move(
                "answer",
                "Trả lời",
                frozenset({OPEN}),
                ANSWERED,
                "campaigns.reply_difficulty",
                notify=told.append,
            ),
            Move(
                "close",
                "Đóng",
                frozenset({OPEN, ANSWERED}),
                CLOSED,
                "campaigns.close_difficulty",
                reason_required=True,
                check=_no_veto,
                apply=_subject_noted,
                notify=told.append,
            ),
            # The portal's own move: no permission, made with ``by=None`` only.
            Move("lapse", "Tự đóng", frozenset({OPEN, ANSWERED}), CLOSED, check=check),
        ],
        not_allowed=Refused,
    )


@pytest.fixture
def told():
    return []


@pytest.fixture
def table(told):
    return build_table(told)


@pytest.fixture
def thread(world):
    return Difficulty.objects.create(
        unit=world.dept_a, subject="Vướng mắc về hồ sơ", created_by=world.user("editor_a")
    )


def written(thread):
    """The thread's status and how many history entries it has, as stored."""
    stored = Difficulty.objects.get(pk=thread.pk)
    return stored.status, stored.history.count()


def test_a_move_writes_the_state_with_who_when_and_why(world, table, thread):
    home_affairs = world.user("home_affairs")
    before = thread.updated_at
    step = table.make(thread, "close", by=home_affairs, reason="  Đã giải đáp xong.  ")
    assert (step.from_state, step.to_state, step.result) == (OPEN, CLOSED, "kết quả")
    stored = Difficulty.objects.get(pk=thread.pk)
    assert stored.status == CLOSED
    assert stored.subject == "Vướng mắc về hồ sơ (đã đóng)"  # the move's own field
    assert stored.updated_at > before  # the record's "last changed" moves with it
    entry = stored.history.first()
    assert (entry.status, entry.history_user, entry.history_change_reason) == (
        CLOSED,
        home_affairs,
        "Đóng: Đã giải đáp xong.",
    )
    # The caller's copy is brought up to date.
    assert (thread.status, thread.subject) == (CLOSED, stored.subject)


def test_the_module_function_makes_the_same_move(world, table, thread):
    transition(thread, "answer", moves=table, by=world.user("home_affairs"))
    assert written(thread)[0] == ANSWERED


def test_a_reason_longer_than_the_history_keeps_is_cut_there(world, table, thread):
    table.make(thread, "close", by=world.user("home_affairs"), reason="Lý do dài. " * 40)
    reason = thread.history.first().history_change_reason
    assert len(reason) == 100 and reason.startswith("Đóng: Lý do dài.") and reason.endswith("…")


def test_a_move_from_a_state_it_does_not_start_from_is_refused(world, table, thread):
    home_affairs = world.user("home_affairs")
    table.make(thread, "answer", by=home_affairs)
    before = written(thread)
    with pytest.raises(Refused) as refused:
        table.make(thread, "answer", by=home_affairs)
    message = " ".join(refused.value.messages)
    assert "Trả lời" in message and str(ANSWERED.label) in message
    assert written(thread) == before


@pytest.mark.parametrize("persona", ["editor_b", "leader", "commune_editor"])
def test_a_move_without_the_permission_is_refused(world, table, thread, persona):
    before = written(thread)
    with pytest.raises(PermissionDenied):
        table.make(thread, "close", by=world.user(persona), reason="Không phải việc của tôi.")
    assert written(thread) == before


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_move_that_needs_a_reason_is_refused_without_one(world, table, thread, reason):
    before = written(thread)
    with pytest.raises(ReasonMissing) as refused:
        table.make(thread, "close", by=world.user("home_affairs"), reason=reason)
    assert refused.value.messages == [str(table.reason_message)]
    assert written(thread) == before


def test_the_moves_own_condition_refuses_it_and_nothing_is_written(world, table, thread):
    before = written(thread)
    with pytest.raises(MoveError, match="Không được phép"):
        table.make(thread, "close", by=world.user("home_affairs"), reason="x", data={"veto": 1})
    assert written(thread) == before
    assert Difficulty.objects.get(pk=thread.pk).subject == "Vướng mắc về hồ sơ"


def test_an_unknown_move_is_refused(world, table, thread):
    with pytest.raises(MoveError):
        table.make(thread, "delete", by=world.user("home_affairs"))


def test_the_notification_waits_for_the_commit(
    world, table, thread, told, django_capture_on_commit_callbacks
):
    home_affairs = world.user("home_affairs")
    with django_capture_on_commit_callbacks() as callbacks:
        table.make(thread, "answer", by=home_affairs)
    assert told == []  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert [(step.obj.pk, step.by, step.to_state) for step in told] == [
        (thread.pk, home_affairs, ANSWERED)
    ]


def test_a_refused_or_rolled_back_move_tells_no_one(
    world, table, thread, told, django_capture_on_commit_callbacks
):
    home_affairs = world.user("home_affairs")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ReasonMissing):
            table.make(thread, "close", by=home_affairs)
        with suppress(RuntimeError), transaction.atomic():
            table.make(thread, "answer", by=home_affairs)
            raise RuntimeError("what followed the move failed: the move is undone with it")
    assert callbacks == [] and told == []
    assert written(thread)[0] == OPEN


def test_a_move_of_the_portal_is_made_by_no_one_and_never_by_a_person(world, table, thread):
    with pytest.raises(PermissionDenied):
        table.make(thread, "lapse", by=world.user("administrator"))
    with pytest.raises(PermissionDenied):
        table.make(thread, "answer", by=None)
    assert written(thread)[0] == OPEN
    table.make(thread, "lapse", by=None)
    entry = thread.history.first()
    assert (entry.status, entry.history_user, entry.history_change_reason) == (
        CLOSED,
        None,
        "Tự đóng",
    )


def test_the_moves_on_offer_are_those_the_user_may_make_now(world, table, thread):
    home_affairs, editor_b = world.user("home_affairs"), world.user("editor_b")
    assert [move.name for move in table.available(thread, home_affairs)] == ["answer", "close"]
    assert table.available(thread, editor_b) == []
    assert not table.allows(thread, "lapse", home_affairs)  # the portal's own: never offered
    table.make(thread, "answer", by=home_affairs)
    assert [move.name for move in table.available(thread, home_affairs)] == ["close"]


def test_a_stale_copy_is_judged_on_the_row_as_it_is_now(world, table, thread):
    """What the user's page showed is not what decides: the row read again under its lock
    is. Two people on the same page: the second is refused, and nothing is written twice."""
    home_affairs = world.user("home_affairs")
    first, second = Difficulty.objects.get(pk=thread.pk), Difficulty.objects.get(pk=thread.pk)
    table.make(first, "close", by=home_affairs, reason="Đã giải đáp.")
    assert second.status == OPEN  # the second page still shows it open
    with pytest.raises(Refused):
        table.make(second, "answer", by=home_affairs)
    assert written(thread) == (CLOSED, 2)  # created, closed


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database; SQLite takes one writer at a time",
)
def test_two_moves_at_once_are_made_one_after_the_other():
    """The first holds the row's lock while its move is checked and written; the second
    waits for it, then finds the state the first left and is refused."""
    from registry.enums import Role
    from registry.models import Unit, UnitKind, User

    kind, _created = UnitKind.objects.get_or_create(
        code="department", defaults={"name": "Sở, ban, ngành"}
    )
    unit = Unit.objects.create(code="37-SYT-M", name="Sở Y tế", short_name="SYT", kind=kind)
    author = User.objects.create(
        username="moves-editor", full_name="Nguyễn Văn An", role=Role.UNIT_EDITOR, unit=unit
    )
    thread = Difficulty.objects.create(unit=unit, subject="Vướng mắc", created_by=author)
    holding, go = threading.Event(), threading.Event()

    def hold(step):
        # Only the first move reaches its check holding the lock; the second never gets here.
        holding.set()
        assert go.wait(10)

    table = build_table([], check=hold)
    outcomes = {}

    def move(name):
        try:
            table.make(Difficulty.objects.get(pk=thread.pk), "lapse", by=None)
            outcomes[name] = "moved"
        except Refused:
            outcomes[name] = "refused"
        except Exception as error:  # reported below
            outcomes[name] = repr(error)
        finally:
            connection.close()

    first = threading.Thread(target=move, args=("first",))
    first.start()
    assert holding.wait(10)
    second = threading.Thread(target=move, args=("second",))
    second.start()
    second.join(0.5)  # time to ask for the row; it waits for the first's lock
    go.set()
    first.join(10)
    second.join(10)
    assert outcomes == {"first": "moved", "second": "refused"}
    stored = Difficulty.objects.get(pk=thread.pk)
    assert stored.status == CLOSED
    assert stored.history.filter(status=CLOSED).count() == 1
