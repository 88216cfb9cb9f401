"""The generic matrix: every record kind the portal mounts (``exemplar_portal.base.kit``),
walked with every persona.

Found from the URLs themselves, so a kind added tomorrow is walked without a line here:
signed out, every page sends to the sign-in page; signed in, the list answers 200, or 403
where the kind asks a permission for its list and the persona lacks it; the form to create
answers 200 or 403 as the add permission says; a record that does not exist is a 404 on
every page that names one.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse

from exemplar_portal.base.kit import RecordKind

pytestmark = pytest.mark.integration

ONE = ("detail", "update", "delete")


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


def url(kind: RecordKind, namespace: str, page: str) -> str:
    name = f"{namespace}:{kind.url_name(page)}"
    if page in ONE:
        missing = 987654321 if kind.lookup == "pk" else "khong-co-ban-ghi-nay"
        return reverse(name, kwargs={kind.lookup: missing})
    return reverse(name)


def test_the_portals_record_kinds_are_found():
    names = {type(kind).__name__ for kind, _ns in KINDS}
    assert {"CoverageKind", "ColumnKind", "EventKind", "ProposalKind"} <= names
    assert len(KINDS) >= 12


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "namespace"), KINDS, ids=lambda v: type(v).__name__)
def test_a_record_kind_by_persona(world, client, kind, namespace):
    for page in kind.pages:
        response = client.get(url(kind, namespace, page))
        assert response.status_code == 302, page
        assert "/accounts/login/" in response["Location"], page
    for persona, user in world.users.items():
        client.force_login(user)
        if "list" in kind.pages:
            allowed = not kind.list_permission or user.has_perm(kind.list_permission)
            answer = client.get(url(kind, namespace, "list"))
            assert answer.status_code == (200 if allowed else 403), persona
        if "create" in kind.pages:
            allowed = user.has_perm(kind.permission("add"))
            answer = client.get(url(kind, namespace, "create"))
            assert answer.status_code == (200 if allowed else 403), persona
        for page in ONE:
            if page in kind.pages:
                assert client.get(url(kind, namespace, page)).status_code == 404, (persona, page)
        client.logout()
