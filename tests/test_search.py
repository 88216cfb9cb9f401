"""Accent-insensitive search: PostgreSQL full-text with unaccent, the SQLite fallback; the
same answers on both."""

import pytest
from django.db import connection

from exemplar_portal.base.search import search_words
from registry.models import Exemplar, Unit
from tests.factories import UnitFactory, kind
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration


@pytest.mark.unit
def test_search_words_are_folded_and_stripped_of_syntax():
    assert search_words("Nguyễn  Thị & | ! 'Hạnh':*") == ["nguyen", "thi", "hanh"]
    assert search_words("   ") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi", {"Nguyễn Thị Huyền", "Nguyễn Thị Đào"}),
        ("NGUYỄN THỊ HUYỀN", {"Nguyễn Thị Huyền"}),
        ("dao", {"Nguyễn Thị Đào"}),
        ("huy", {"Nguyễn Thị Huyền"}),
        ("benh vien", {"Nguyễn Thị Huyền", "Nguyễn Thị Đào"}),
        ("tran", {"Trần Văn Đức"}),
        ("khong co ai", set()),
        ("'); drop table x; --", set()),
    ],
)
def test_exemplar_search_ignores_accents_and_case(world, query, expected):
    ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Huyền")
    ExemplarFactory(unit=world.dept_a, full_name="Nguyễn Thị Đào")
    ExemplarFactory(unit=world.dept_a, full_name="Trần Văn Đức", workplace="Sở Y tế")
    assert {e.full_name for e in Exemplar.objects.search(query)} == expected


def test_collectives_and_households_are_found_by_their_names(world):
    ExemplarFactory(
        unit=world.dept_a,
        subject_kind="collective",
        full_name="",
        collective_name="Khoa Hồi sức tích cực",
        head_name="Trần Huy",
        member_count=40,
    )
    ExemplarFactory(
        unit=world.commune_a,
        subject_kind="household",
        full_name="",
        household_head="Nguyễn Văn Thịnh",
        household_address="Thôn Đông",
        household_members=5,
    )
    assert [e.subject_name for e in Exemplar.objects.search("hoi suc")] == ["Khoa Hồi sức tích cực"]
    assert [e.subject_name for e in Exemplar.objects.search("van thinh")] == ["Nguyễn Văn Thịnh"]


def test_units_use_the_same_search(db):
    UnitFactory(code="37", name="Tỉnh Ninh Bình", kind=kind("province"))
    UnitFactory(code="14464", name="Xã Gia Viễn", kind=kind("commune"))
    assert [u.code for u in Unit.objects.search("ninh binh")] == ["37"]
    assert [u.code for u in Unit.objects.search("gia vien")] == ["14464"]


def test_postgresql_uses_full_text_search_over_the_folded_names(world):
    """Exemplars: full text over ``search_text`` (already folded, so no unaccent), the
    expression of the GIN index of migration 0018; units: over their fields through
    unaccent."""
    from registry.models import Unit

    query = str(Exemplar.objects.search("nguyen").query)
    units = str(Unit.objects.search("gia van").query)
    if connection.vendor == "postgresql":
        assert "to_tsvector" in query and "search_text" in query
        assert "unaccent" not in query
        assert "unaccent" in units
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'registry_exemplar_search_idx'"
            )
            (definition,) = cursor.fetchone()
        assert "gin" in definition and "to_tsvector('simple'::regconfig" in definition
    else:
        assert "search_text" in query
