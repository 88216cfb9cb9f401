"""One scope per model: ``Model.objects.restrict(user, action)`` (exemplar_portal.base.scopes).

Every model that declares a scope is walked with every persona: nobody signed out reaches
a row, every persona gets an answer, and those who read every unit reach every row; then
the scopes that follow many-valued links are checked to give each row once.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models.query import EmptyQuerySet

from campaigns.models import Event
from exemplar_portal.base.scopes import RestrictedQuerySet
from registry.models import Exemplar, Unit
from tests.factories.exemplars import ExemplarFactory
from tests.test_events import make_event

SCOPED = sorted(
    (
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), RestrictedQuerySet)
    ),
    key=lambda model: model._meta.label,
)
READING_ALL = ("home_affairs", "leader", "administrator")


def test_the_records_users_reach_declare_a_scope():
    labels = {model._meta.label for model in SCOPED}
    assert {
        "registry.Unit",
        "registry.Exemplar",
        "campaigns.Event",
        "campaigns.Coverage",
        "campaigns.ContestEntry",
        "campaigns.Inspection",
        "campaigns.Recommendation",
        "campaigns.Difficulty",
        "campaigns.UnitRegulation",
        "reports.AwardProposal",
        "reports.MediaIntroduction",
        "reports.IssuedDocument",
    } <= labels


@pytest.mark.django_db
@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_every_scope_answers_every_persona(world, model):
    assert isinstance(model.objects.restrict(AnonymousUser()), EmptyQuerySet)
    assert isinstance(model.objects.restrict(None), EmptyQuerySet)
    for persona, user in world.users.items():
        reached = model.objects.restrict(user)
        assert reached.count() <= model.objects.count(), persona


@pytest.mark.django_db
def test_units_and_exemplars_by_reach(world):
    own = ExemplarFactory(unit=world.dept_a)
    other = ExemplarFactory(unit=world.dept_b)
    editor = world.user("editor_a")
    assert set(Exemplar.objects.restrict(editor)) == {own}
    assert world.dept_a in Unit.objects.restrict(editor)
    assert world.dept_b not in Unit.objects.restrict(editor)
    for persona in READING_ALL:
        user = world.user(persona)
        assert set(Exemplar.objects.restrict(user)) == {own, other}
        assert Unit.objects.restrict(user).count() == Unit.objects.count()
    assert not Exemplar.objects.restrict(world.user("commune_b_editor")).exists()


@pytest.mark.django_db
def test_a_scope_over_many_links_gives_each_row_once(world):
    """An event reached through its organiser, two participating units and two exemplars
    is one row, and counts stay right."""
    editor = world.user("editor_a")
    event = make_event(
        organiser=world.dept_a,
        by=editor,
        title="Hội nghị biểu dương điển hình ngành Y tế năm 2026",
        date=datetime.date(2026, 4, 12),
        units=[world.dept_a, world.dept_b],
        exemplars=[ExemplarFactory(unit=world.dept_a), ExemplarFactory(unit=world.dept_a)],
    )
    reached = Event.objects.restrict(editor)
    assert list(reached) == [event]
    assert reached.count() == 1
    assert list(Event.objects.restrict(world.user("editor_b"))) == [event]
    assert not Event.objects.restrict(world.user("commune_b_editor")).exists()
