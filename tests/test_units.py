"""Units: the tree, days in force, accent-insensitive search, the loader."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from exemplar_portal.base.text import fold
from registry.models import Unit
from tests.factories import UnitFactory, kind

pytestmark = pytest.mark.integration


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ninh Bình", "ninh binh"),
        ("ĐỒNG THÁP", "dong thap"),
        ("Xã  Gia   Viễn", "xa gia vien"),
        ("Hội Liên hiệp Phụ nữ", "hoi lien hiep phu nu"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_strips_vietnamese_diacritics(text, folded):
    assert fold(text) == folded


def test_search_finds_accented_names_from_plain_words(db):
    UnitFactory(code="37", name="Tỉnh Ninh Bình", kind=kind("province"))
    UnitFactory(code="14464", name="Xã Gia Viễn", kind=kind("commune"))
    UnitFactory(code="37-SYT", name="Sở Y tế")
    assert list(Unit.objects.search("ninh binh").values_list("code", flat=True)) == ["37"]
    assert list(Unit.objects.search("GIA VIEN").values_list("code", flat=True)) == ["14464"]
    assert list(Unit.objects.search("sở y").values_list("code", flat=True)) == ["37-SYT"]
    assert list(Unit.objects.search("14464").values_list("code", flat=True)) == ["14464"]
    assert not Unit.objects.search("ha noi").exists()


LAST_DAY = datetime.date(2025, 6, 30)
FIRST_DAY = datetime.date(2025, 7, 1)


def test_active_in_and_on_respect_the_days_in_force(db):
    district = UnitFactory(
        code="373", name="Huyện Gia Viễn", kind=kind("district"), valid_until=LAST_DAY
    )
    commune = UnitFactory(
        code="14464", name="Xã Gia Viễn", kind=kind("commune"), valid_from=FIRST_DAY
    )
    assert set(Unit.objects.active_in(2024).values_list("code", flat=True)) == {"373"}
    assert set(Unit.objects.active_in(2025).values_list("code", flat=True)) == {"373", "14464"}
    assert set(Unit.objects.active_in(2026).values_list("code", flat=True)) == {"14464"}
    assert set(Unit.objects.active_on(LAST_DAY).values_list("code", flat=True)) == {"373"}
    assert set(Unit.objects.active_on(FIRST_DAY).values_list("code", flat=True)) == {"14464"}
    assert district.is_active_in(2025) and commune.is_active_in(2025)
    assert (district.last_year, commune.first_year) == (2025, 2025)
    assert district.has_ended(today=FIRST_DAY) and not district.has_ended(today=LAST_DAY)
    assert not commune.has_ended()


def test_a_unit_cannot_be_its_own_ancestor(db):
    top = UnitFactory(code="A")
    child = UnitFactory(code="B", parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "parent" in error.value.message_dict


def test_validity_must_not_end_before_it_starts(db):
    unit = UnitFactory.build(
        code="X", kind=kind("department"), valid_from=FIRST_DAY, valid_until=LAST_DAY
    )
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert "valid_until" in error.value.message_dict


def test_an_ended_unit_is_labelled_with_its_last_day(db):
    ended = UnitFactory.build(name="Xã Gia Vân", valid_until=LAST_DAY)
    current = UnitFactory.build(name="Xã Gia Vân", valid_from=FIRST_DAY)
    assert ended.label == _("%(name)s (until %(date)s)") % {
        "name": "Xã Gia Vân",
        "date": "30/6/2025",
    }
    assert str(ended) == ended.label
    assert current.label == "Xã Gia Vân"
    assert current.period_display == f"1/7/2025 – {_('now')}"


def test_commune_under_a_district_is_reviewed_by_it(world):
    assert world.commune_a.reviewing_unit == world.district_a
    assert world.dept_a.reviewing_unit is None
    assert world.district_a.reviewing_unit is None


def test_unit_changes_are_kept_in_history(world):
    unit = world.dept_a
    unit.phone = "0229 3871 234"
    unit.save()
    assert unit.history.count() == 2
    assert unit.history.first().phone == "0229 3871 234"
    assert unit.history.last().phone == ""


class TestLoadUnits:
    def test_loads_ninh_binh_with_its_129_communes_and_wards(self, db):
        call_command("load_units")
        province = Unit.objects.get(code="37")
        assert province.name == "Tỉnh Ninh Bình"
        communes = Unit.objects.filter(kind__code="commune", parent=province)
        assert communes.count() == 129
        assert communes.filter(name__startswith="Phường").count() == 32
        assert communes.get(code="14464").name == "Xã Gia Viễn"
        assert all(c.valid_from == FIRST_DAY and c.valid_until is None for c in communes)

    def test_loads_the_districts_of_2023_2025_as_historical(self, db):
        call_command("load_units")
        districts = Unit.objects.filter(kind__code="district")
        assert sorted(districts.values_list("short_name", flat=True)) == sorted(
            [
                "TP Ninh Bình",
                "TP Tam Điệp",
                "Nho Quan",
                "Gia Viễn",
                "Hoa Lư",
                "TP Hoa Lư",
                "Yên Khánh",
                "Kim Sơn",
                "Yên Mô",
            ]
        )
        assert set(districts.values_list("valid_until", flat=True)) == {
            datetime.date(2024, 12, 31),
            LAST_DAY,
        }
        assert not Unit.objects.active_in(2026).filter(kind__code="district").exists()
        gia_vien = Unit.objects.get(code="373")
        assert gia_vien.has_ended() and gia_vien.end_basis.startswith("Luật Tổ chức chính quyền")
        hoa_lu = Unit.objects.get(code="37-TPHL")
        assert hoa_lu.valid_from == datetime.date(2025, 1, 1)
        assert set(hoa_lu.successions_in.values_list("predecessor__code", flat=True)) == {
            "369",
            "374",
        }

    def test_loads_the_bodies_the_plan_names(self, db):
        call_command("load_units")
        names = set(Unit.objects.values_list("name", flat=True))
        for name in [
            "Sở Nội vụ",
            "Ban Thi đua - Khen thưởng (Sở Nội vụ)",
            "Ban Tuyên giáo Tỉnh ủy",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Ninh Bình",
            "Sở Thông tin và Truyền thông",
            "Sở Tài chính",
            "Báo Ninh Bình",
            "Đài Phát thanh và Truyền hình tỉnh Ninh Bình",
            "Hiệp hội Doanh nghiệp tỉnh Ninh Bình",
        ]:
            assert name in names, name
        board = Unit.objects.get(code="37-SNV-TDKT")
        assert board.parent.code == "37-SNV"
        ict = Unit.objects.get(code="37-STTTT")
        assert ict.valid_until == datetime.date(2025, 2, 28)
        work = ict.successions_out.get(takes_over_work=True)
        assert (work.successor.code, work.kind) == ("37-SKHCN", "absorption")
        assert Unit.objects.get(code="37-HHDN").kind.code == "enterprise-association"
        assert Unit.objects.get(code="37-MTTQ").kind.code == "mass-organisation"

    def test_running_twice_changes_nothing(self, db, capsys):
        call_command("load_units")
        count = Unit.objects.count()
        history = Unit.history.count()
        with translation.override("en"):
            call_command("load_units")
        assert Unit.objects.count() == count
        assert Unit.history.count() == history
        assert f"0 created, 0 updated, {count} unchanged" in capsys.readouterr().out

    def test_a_renamed_unit_is_restored_and_its_change_recorded(self, db):
        call_command("load_units")
        unit = Unit.objects.get(code="14464")
        unit.name = "Xã Gia Viễn (sai)"
        unit.save()
        call_command("load_units")
        unit.refresh_from_db()
        assert unit.name == "Xã Gia Viễn"
        assert unit.history.count() == 3

    def test_another_province_loads_from_the_same_package(self, db):
        call_command("load_units", province="1")
        hanoi = Unit.objects.get(code="1")
        assert hanoi.name == "Thành phố Hà Nội"
        assert Unit.objects.filter(parent=hanoi, kind__code="commune").count() > 100
        assert Unit.objects.filter(code="1-SNV").exists()
        assert not Unit.objects.filter(kind__code="district").exists()

    def test_unknown_province_is_a_clear_error(self, db):
        with pytest.raises(CommandError):
            call_command("load_units", province="999")
        assert not Unit.objects.exists()


class TestUnitDirectory:
    def test_lists_and_searches_without_accents(self, world, client_for):
        client = client_for(world.user("editor_a"))
        response = client.get(reverse("registry:unit_list"), {"q": "gia van"})
        assert response.status_code == 200
        assert [u.name for u in response.context["units"]] == ["Xã Gia Vân"]
        assert "Xã Gia Vân" in response.content.decode()

    def test_filters_by_kind_year_and_day(self, world, client_for):
        for district in (world.district_a, world.district_b):
            district.valid_until = LAST_DAY
            district.save()
        client = client_for(world.user("editor_a"))
        response = client.get(reverse("registry:unit_list"), {"kind": "district", "year": 2024})
        units = list(response.context["units"])
        assert {u.code for u in units} == {"373", "376"}
        response = client.get(reverse("registry:unit_list"), {"kind": "district", "year": 2026})
        assert list(response.context["units"]) == []
        assert "Không có đơn vị nào phù hợp" in response.content.decode()
        url = reverse("registry:unit_list")
        on_last_day = client.get(url, {"kind": "district", "on": "30/06/2025"})
        assert {u.code for u in on_last_day.context["units"]} == {"373", "376"}
        after = client.get(url, {"kind": "district", "on": "01/07/2025"})
        assert list(after.context["units"]) == []
        # Ended units show their last day and a "historical" badge.
        content = client.get(url, {"kind": "district"}).content.decode()
        assert world.district_a.label in content and "30/6/2025" in content
        assert _("historical") in content

    def test_bad_filters_are_ignored_not_an_error(self, world, client_for):
        client = client_for(world.user("editor_a"))
        response = client.get(reverse("registry:unit_list"), {"year": "abc", "kind": "nope"})
        assert response.status_code == 200
        assert response.context["filter_form"].errors

    def test_htmx_request_gets_only_the_results(self, world, client_for):
        client = client_for(world.user("editor_a"))
        response = client.get(reverse("registry:unit_list"), {"q": "kim"}, HTTP_HX_REQUEST="true")
        content = response.content.decode()
        assert "<html" not in content
        assert "Xã Kim Chính" in content

    def test_pagination_keeps_the_filters(self, world, client_for):
        for n in range(30):
            UnitFactory(
                code=f"X-{n}",
                name=f"Xã Thử Nghiệm {n}",
                kind=kind("commune"),
                parent=world.province,
            )
        client = client_for(world.user("editor_a"))
        response = client.get(reverse("registry:unit_list"), {"q": "thu nghiem"})
        assert response.context["paginator"].count == 30
        assert len(response.context["units"]) == 25
        assert "q=thu+nghiem&amp;page=2" in response.content.decode()

    def test_detail_shows_the_tree_and_the_quota(self, world, client_for):
        client = client_for(world.user("editor_b"))
        response = client.get(world.district_a.get_absolute_url(), {"year": 2024})
        content = response.content.decode()
        assert "Xã Gia Vân" in content
        assert response.context["quota"].minimum == 5

    def test_query_count_does_not_grow_with_rows(
        self, world, client_for, django_assert_max_num_queries
    ):
        client = client_for(world.user("home_affairs"))
        for n in range(40):
            UnitFactory(code=f"Q-{n}", kind=kind("commune"), parent=world.district_a)
        with django_assert_max_num_queries(12):
            client.get(reverse("registry:unit_list"))


BASIS = "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"


def merge_communes(world):
    """Xã Gia Vân (old) and Xã Gia Thanh end on 30/6/2025; today's Xã Gia Vân carries on."""
    from registry.models import UnitSuccession

    old = world.commune_a
    old.valid_until, old.end_basis = LAST_DAY, BASIS
    old.save()
    thanh = UnitFactory(
        code="373-GIATHANH",
        name="Xã Gia Thanh",
        kind=kind("commune"),
        parent=world.district_a,
        valid_until=LAST_DAY,
    )
    new = UnitFactory(
        code="14488",
        name="Xã Gia Vân",
        kind=kind("commune"),
        parent=world.province,
        valid_from=FIRST_DAY,
    )
    for predecessor in (old, thanh):
        link = UnitSuccession(
            predecessor=predecessor,
            successor=new,
            kind="merger",
            effective_on=FIRST_DAY,
            legal_basis=BASIS,
            takes_over_work=True,
        )
        link.full_clean()
        link.save()
    return old, thanh, new


class TestUnitDetailLineage:
    def test_an_ended_unit_shows_its_days_basis_and_successor(self, world, client_for):
        old, _thanh, new = merge_communes(world)
        response = client_for(world.user("media")).get(old.get_absolute_url())
        content = response.content.decode()
        assert _("historical") in content
        assert old.period_display in content and BASIS in content
        [link] = response.context["successions_out"]
        assert link.successor == new and link.takes_over_work
        assert new.get_absolute_url() in content
        assert _("takes over its work") in content
        assert "1/7/2025" in content

    def test_a_new_unit_shows_its_predecessors_and_their_history(self, world, client_for):
        from registry.enums import ExemplarStatus
        from tests.factories.exemplars import ExemplarFactory

        old, thanh, new = merge_communes(world)
        ExemplarFactory(unit=old, year=2024, status=ExemplarStatus.ACCEPTED)
        ExemplarFactory(unit=old, year=2024, status=ExemplarStatus.UNDER_REVIEW)
        ExemplarFactory(unit=old, year=2025, status=ExemplarStatus.DRAFT)
        ExemplarFactory(
            unit=thanh, year=2025, status=ExemplarStatus.ACCEPTED, created_by=world.user("leader")
        )
        response = client_for(world.user("editor_b")).get(new.get_absolute_url())
        content = response.content.decode()
        assert _("historical") not in content
        assert {link.predecessor for link in response.context["successions_in"]} == {old, thanh}
        # The predecessors are named with their last day.
        assert old.label in content and "(" in old.label and "30/6/2025" in old.label
        history = [
            (row["year"], row["unit"].code, row["sent"], row["accepted"])
            for row in response.context["predecessor_history"]
        ]
        # Counts only, and a draft never sent is not counted.
        assert history == [(2025, "373-GIATHANH", 1, 1), (2024, "373-GIAVAN", 2, 1)]
        assert "Nguyễn Thị Hạnh" not in content

    def test_a_unit_without_successions_shows_none(self, world, client_for):
        response = client_for(world.user("media")).get(world.dept_a.get_absolute_url())
        assert response.context["successions_out"] == []
        assert response.context["successions_in"] == []
        assert _("Carries on from") not in response.content.decode()
