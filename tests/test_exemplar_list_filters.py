"""The exemplar list's filters the dashboard's bars open: a group of statuses ("sent up for
review") and which records of a unit (with its predecessors and successors, its own only, or
those counted toward its quota of a year)."""

import pytest
from django.urls import reverse
from django.utils import translation

from registry import quotas
from registry.enums import ExemplarStatus as S
from registry.forms import ExemplarFilterForm
from tests.factories.exemplars import ExemplarFactory
from tests.reform import _link, build_reform, exemplar

pytestmark = pytest.mark.integration

LIST = reverse("registry:exemplar_list")


def listed(client, **params) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {item.code for item in response.context["exemplars"]}


@pytest.fixture
def statuses(world):
    """One exemplar of Sở Y tế in each status, and one sent up by Sở GD&ĐT."""
    made = {
        status: ExemplarFactory(unit=world.dept_a, status=status, with_evidence=False)
        for status in S.values
    }
    made["other"] = ExemplarFactory(unit=world.dept_b, status=S.UNDER_REVIEW, with_evidence=False)
    return made


class TestSentUp:
    def test_lists_what_was_sent_up_and_not_sent_back(self, world, statuses, client_for):
        found = listed(client_for(world.user("leader")), status="sent_up", year=2025)
        sent = (S.SUBMITTED_TO_DISTRICT, S.UNDER_REVIEW, S.ACCEPTED)
        assert found == {statuses[s].code for s in sent} | {statuses["other"].code}
        assert set(sent) == quotas.SUBMITTED_STATUSES

    def test_offered_in_the_status_filter_with_its_label(self, world, client_for):
        with translation.override("en"):
            choices = dict(ExemplarFilterForm().fields["status"].choices)
            assert dict(choices["Several statuses"]) == {"sent_up": "Sent up for review"}
        html = client_for(world.user("leader")).get(LIST).content.decode()
        assert '<option value="sent_up">Đã gửi lên xét duyệt</option>' in html

    @pytest.mark.parametrize(
        ("persona", "units"),
        [
            ("editor_a", {"dept_a"}),
            ("editor_b", {"dept_b"}),
            ("home_affairs", {"dept_a", "dept_b"}),
        ],
    )
    def test_within_the_readers_reach(self, world, statuses, client_for, persona, units):
        found = listed(client_for(world.user(persona)), status="sent_up")
        expected = set()
        if "dept_a" in units:
            expected |= {statuses[s].code for s in quotas.SUBMITTED_STATUSES}
        if "dept_b" in units:
            expected.add(statuses["other"].code)
        assert found == expected


@pytest.fixture
def reform(world):
    """The reform province (tests/reform.py) with, in 2024, the district's 3 own accepted
    exemplars and 2 of Xã Gia Vân cũ it endorsed; in 2025, one accepted of each old commune
    (Xã Gia Vân cũ and Xã Gia Thanh cũ, merged into Xã Gia Vân) and a draft of Xã Gia Thanh
    cũ. Part of Xã Gia Thanh cũ also went to Xã Gia Hưng, which did not take over its work."""
    r = build_reform()
    r.made = {
        "district_own": [exemplar(r.district, 2024, S.ACCEPTED) for _ in range(3)],
        "endorsed": [exemplar(r.old_a, 2024, S.ACCEPTED, endorsed_by=r.district) for _ in range(2)],
        "old_a": exemplar(r.old_a, 2025, S.ACCEPTED, endorsed_by=r.district),
        "old_b": exemplar(r.old_b, 2025, S.ACCEPTED, endorsed_by=r.district),
        "old_b_draft": exemplar(r.old_b, 2025, S.DRAFT),
    }
    _link(r.old_b, r.new_b, r.new_b.valid_from, takes_over=False, how="split")
    return r


class TestUnitScope:
    def test_by_default_with_predecessors_and_successors(self, world, reform, client_for):
        client = client_for(world.user("leader"))
        made = reform.made
        found = listed(client, unit=reform.new_a.code, year=2025)
        assert found == {made["old_a"].code, made["old_b"].code, made["old_b_draft"].code}
        # Xã Gia Hưng descends from part of Xã Gia Thanh cũ: a search by it finds that too.
        assert listed(client, unit=reform.new_b.code, year=2025) == {
            made["old_b"].code,
            made["old_b_draft"].code,
        }

    def test_own_only(self, world, reform, client_for):
        client = client_for(world.user("leader"))
        assert listed(client, unit=reform.new_a.code, unit_scope="own") == set()
        assert listed(client, unit=reform.old_b.code, unit_scope="own", year=2025) == {
            reform.made["old_b"].code,
            reform.made["old_b_draft"].code,
        }

    @pytest.mark.parametrize(
        ("unit", "year"), [("new_a", 2025), ("new_b", 2025), ("district", 2024), ("old_a", 2024)]
    )
    def test_counted_toward_the_quota_is_what_the_standing_counts(
        self, world, reform, client_for, unit, year
    ):
        unit = getattr(reform, unit)
        row = quotas.standing(year).by_unit()[unit.pk]
        client = client_for(world.user("leader"))
        params = {"unit": unit.code, "unit_scope": "quota", "year": year}
        assert len(listed(client, status="accepted", **params)) == row.accepted
        assert len(listed(client, status="sent_up", **params)) == row.submitted

    def test_counted_toward_the_quota_differs_from_the_lineage_where_it_should(
        self, world, reform, client_for
    ):
        client = client_for(world.user("leader"))
        made = reform.made
        # The district's 5 = 3 of its own and 2 it endorsed; the lineage finds its own only.
        district = {"unit": reform.district.code, "year": 2024}
        assert len(listed(client, unit_scope="quota", **district)) == 5
        assert listed(client, **district) == {item.code for item in made["district_own"]}
        # Xã Gia Hưng did not take over Xã Gia Thanh cũ's work: nothing counts for it.
        assert listed(client, unit=reform.new_b.code, unit_scope="quota", year=2025) == set()

    def test_a_quota_without_a_year_is_refused_and_keeps_what_was_typed(
        self, world, reform, client_for
    ):
        response = client_for(world.user("leader")).get(
            LIST, {"unit": reform.new_a.code, "unit_scope": "quota", "q": "Nguyễn"}
        )
        assert response.status_code == 200
        form = response.context["filter_form"]
        assert list(form.errors) == ["unit_scope"]
        with translation.override("en"):
            assert "Choose a year" in str(ExemplarFilterForm(form.data).errors["unit_scope"])
        html = response.content.decode()
        assert f'value="{reform.new_a.code}"' in html and 'value="Nguyễn"' in html
        assert '<option value="quota" selected>' in html
        assert "invalid-feedback" in html

    def test_an_unknown_scope_is_refused(self, world, client_for):
        response = client_for(world.user("leader")).get(LIST, {"unit": "37-SYT", "unit_scope": "x"})
        assert response.status_code == 200
        assert "unit_scope" in response.context["filter_form"].errors

    @pytest.mark.parametrize("scope", ["", "own", "quota"])
    @pytest.mark.parametrize(
        ("persona", "sees"),
        [
            ("editor_a", True),
            ("head_a", True),
            ("editor_b", False),
            ("commune_editor", False),
            ("district_reviewer", False),
            ("media", False),
            ("home_affairs", True),
            ("leader", True),
        ],
    )
    def test_never_beyond_the_readers_reach(self, world, client_for, scope, persona, sees):
        accepted = ExemplarFactory(unit=world.dept_a, status=S.ACCEPTED, with_evidence=False)
        found = listed(
            client_for(world.user(persona)), unit=world.dept_a.code, unit_scope=scope, year=2025
        )
        assert found == ({accepted.code} if sees else set())
