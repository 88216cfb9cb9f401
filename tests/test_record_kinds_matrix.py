"""The generic matrix: every record kind the portal mounts (``exemplar_portal.base.kit``),
walked with every persona.

Found from the URLs themselves, so a kind added tomorrow is walked without a line here:
signed out, every page sends to the sign-in page; signed in, the list answers 200, or 403
where the kind asks a permission for its list and the persona lacks it; the form to create
answers 200 or 403 as the add permission says; a record that does not exist is a 404 on
every page that names one. A kind whose pages name a parent record (``parent_model``) is
walked under a parent the persona reaches (their own unit, for a unit's records; an exemplar
of their unit, for an exemplar's), its permissions asked of it as the kit asks them; under a
parent that does not exist, or that the persona does not reach, each of those pages is a 404.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from exemplar_portal.base.kit import RecordKind
from registry.models import Exemplar, Unit
from tests.factories import campaigns as campaign_factories
from tests.factories import reports as report_factories
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

ONE = ("detail", "update", "delete")
MISSING = 987654321


def mounted_kinds() -> list[tuple[RecordKind, str]]:
    """Each record kind reachable by URL, with its URL namespace."""
    found: dict[type, tuple[RecordKind, str]] = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner)
                continue
            kind = getattr(pattern.callback, "view_initkwargs", {}).get("kind")
            if isinstance(kind, RecordKind):
                found.setdefault(type(kind), (kind, namespace))

    walk(get_resolver().url_patterns, "")
    return sorted(found.values(), key=lambda pair: type(pair[0]).__name__)


KINDS = mounted_kinds()


def url(kind: RecordKind, namespace: str, page: str, parent=None) -> str:
    """The URL of ``page`` of a record that does not exist, under ``parent`` (a record, or
    ``MISSING``) where the page names a parent."""
    name = f"{namespace}:{kind.url_name(page)}"
    kwargs = {}
    if kind.nested(page):
        kwargs[kind.parent_key] = getattr(parent, kind.parent_key, MISSING)
    if page in ONE:
        kwargs[kind.lookup] = MISSING if kind.lookup == "pk" else "khong-co-ban-ghi-nay"
    return reverse(name, kwargs=kwargs)


def parents(kind: RecordKind, user) -> tuple:
    """A parent record ``user`` reaches (their own unit for a unit's records, an exemplar of
    their unit for an exemplar's, else one of the factories) and one they do not reach, if
    any; none for a kind without a parent."""
    model = kind.parent_model
    if model is None:
        return None, None
    reached = model.objects.restrict(user)
    if model is Unit:
        inside = user.unit
    elif model is Exemplar:  # one of the user's unit, and one of another unit
        inside = ExemplarFactory(unit=user.unit)
        others = Unit.objects.exclude(pk=user.unit_id).filter(users__isnull=False)
        ExemplarFactory(unit=others.order_by("pk").first())
    else:
        name = f"{model.__name__}Factory"
        factory = getattr(campaign_factories, name, None) or getattr(report_factories, name)
        # A unit's own parent record (its fund) is made for the persona's unit.
        own = {"unit": user.unit} if any(f.name == "unit" for f in model._meta.fields) else {}
        inside = reached.first() or factory(**own)
        if not reached.filter(pk=inside.pk).exists():
            return None, inside  # the persona reaches no such parent (media staff, a fund)
    return inside, model.objects.exclude(pk__in=reached.values("pk")).first()


def asked_of(kind: RecordKind, page: str, parent):
    """What the kit asks the permission of ``page`` (without a record) of."""
    return kind.of(parent if kind.nested(page) else None).permission_object()


def test_the_portals_record_kinds_are_found():
    names = {type(kind).__name__ for kind, _ns in KINDS}
    assert {"CoverageKind", "ColumnKind", "EventKind", "ProposalKind"} <= names
    assert len(KINDS) >= 12
    assert any(kind.parent_model is Unit for kind, _ns in KINDS)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "namespace"), KINDS, ids=lambda v: type(v).__name__)
def test_a_record_kind_by_persona(world, client, kind, namespace):
    for page in kind.pages:
        response = client.get(url(kind, namespace, page))
        assert response.status_code == 302, page
        assert "/accounts/login/" in response["Location"], page
    for persona, user in world.users.items():
        client.force_login(user)
        inside, outside = parents(kind, user)
        # Where the persona reaches no parent, the pages under one are 404s (below).
        unreached = inside is None and kind.parent_model is not None
        if "list" in kind.pages and not (unreached and kind.nested("list")):
            permission = kind.list_permission
            allowed = not permission or user.has_perm(permission, asked_of(kind, "list", inside))
            answer = client.get(url(kind, namespace, "list", inside))
            assert answer.status_code == (200 if allowed else 403), persona
        if "create" in kind.pages and not (unreached and kind.nested("create")):
            allowed = user.has_perm(kind.permission("add"), asked_of(kind, "create", inside))
            answer = client.get(url(kind, namespace, "create", inside))
            assert answer.status_code == (200 if allowed else 403), persona
        for page in ONE:
            if page in kind.pages:
                answer = client.get(url(kind, namespace, page, inside))
                assert answer.status_code == 404, (persona, page)
        for page in filter(kind.nested, kind.pages):
            for parent in (MISSING, outside) if outside else (MISSING,):
                answer = client.get(url(kind, namespace, page, parent))
                assert answer.status_code == 404, (persona, page, parent)
        client.logout()
