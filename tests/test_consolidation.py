"""The yearly consolidation (issue 6): what it counts, publishing freezes it, reopening needs a
reason, versions are numbered and compared, and who may read or act on it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from exemplar_portal.base.moves import MoveNotAllowed, ReasonMissing
from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import Exemplar, Field, QuotaRule
from reports import consolidation as consolidating
from reports.consolidation import PROVINCIAL_AREA, build_snapshot
from reports.models import (
    AwardProposal,
    Consolidation,
    ConsolidationVersion,
    MediaIntroduction,
)
from tests.factories import kind
from tests.factories.campaigns import CampaignFactory, CoverageFactory
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory, MediaIntroductionFactory
from tests.personas import EACH_ROLE

pytestmark = pytest.mark.integration

YEAR = 2025
MOVEMENT = "Phong trào thi đua chuyển đổi số tỉnh Ninh Bình"
DEPARTMENT = "Sở, ban, ngành"
DISTRICT = "Huyện, thành phố thuộc tỉnh"
COMMUNE = "Xã, phường, đặc khu"
PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"
PROVINCIAL_FIGHTER = "chien-si-thi-dua-cap-tinh"


def exemplar(unit, *, status=S.ACCEPTED, year=YEAR, field="health", **kwargs):
    return ExemplarFactory(
        unit=unit,
        year=year,
        status=status,
        field=Field.objects.get(code=field),
        with_evidence=False,
        **kwargs,
    )


def propose(exemplar, code, *, unit, by, year=YEAR, status=AwardProposal.Status.PROPOSED, **kw):
    return AwardProposalFactory(
        exemplar=exemplar,
        award=code,
        year=year,
        proposing_unit=unit,
        status=status,
        created_by=by,
        **kw,
    )


@pytest.fixture
def movement(db):
    return CampaignFactory(code="chuyen-doi-so", name=MOVEMENT)


@pytest.fixture
def records(world, movement):
    """The year 2025 of the world, counted by hand below.

    Accepted in 2025: Lan (Sở Y tế, individual, health, movement), Khoa Hồi sức (Sở Y tế,
    collective, health), Hương (Sở GD-ĐT, individual, education, movement), Hòa (Xã Gia Vân,
    household, agriculture), Huyện (Huyện Gia Viễn, individual, agriculture). Sent up but
    not accepted: Chờ (Sở GD-ĐT, under review, movement) and Trình (Xã Gia Vân, at its
    district). Not counted: a draft of 2025, an accepted exemplar of 2024.
    A commune needs 1 accepted exemplar (the rule is lowered for the test), a department 1,
    a district 5.
    """
    QuotaRule.objects.filter(unit_kind=kind("commune")).update(minimum=1)
    home_affairs = world.user("home_affairs")
    made = {
        "lan": exemplar(world.dept_a, full_name="Đinh Thị Ngọc Lan", campaign=movement),
        "khoa": exemplar(
            world.dept_a,
            subject_kind=SubjectKind.COLLECTIVE,
            full_name="",
            collective_name="Khoa Hồi sức tích cực",
            head_name="Phạm Văn Long",
            member_count=24,
        ),
        "huong": exemplar(
            world.dept_b,
            full_name="Phạm Thị Thu Hương",
            field="education-training",
            campaign=movement,
        ),
        "hoa": exemplar(
            world.commune_a,
            subject_kind=SubjectKind.HOUSEHOLD,
            full_name="",
            household_head="Lã Văn Hòa",
            field="agriculture",
        ),
        "huyen": exemplar(world.district_a, full_name="Hà Văn Huyện", field="agriculture"),
        "cho": exemplar(
            world.dept_b, full_name="Vũ Văn Chờ", status=S.UNDER_REVIEW, campaign=movement
        ),
        "trinh": exemplar(
            world.commune_a, full_name="Bùi Thị Trình", status=S.SUBMITTED_TO_DISTRICT
        ),
        "draft": exemplar(world.dept_a, full_name="Lê Văn Nháp", status=S.DRAFT),
        "last_year": exemplar(world.dept_a, full_name="Trần Năm Trước", year=YEAR - 1),
    }
    MediaIntroductionFactory(
        exemplar=made["lan"],
        date=datetime.date(YEAR, 6, 11),
        occasion=MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY,
        angle="Người điều dưỡng tận tâm",
    )
    # Introduced in 2024: not of the year.
    MediaIntroductionFactory(exemplar=made["hoa"], date=datetime.date(YEAR - 1, 12, 30))
    made["conferred"] = propose(
        made["lan"],
        PROVINCIAL_MERIT,
        unit=world.dept_a,
        by=world.user("editor_a"),
        status=AwardProposal.Status.CONFERRED,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(YEAR, 12, 20),
    )
    made["proposed"] = propose(
        made["huong"], PROVINCIAL_FIGHTER, unit=world.dept_b, by=world.user("editor_b")
    )
    # A proposal of the achievement year 2024: not of the year.
    propose(made["last_year"], PROVINCIAL_MERIT, unit=world.dept_a, by=home_affairs, year=2024)
    CoverageFactory(
        published_on=datetime.date(YEAR, 7, 1),
        title="Người giữ nhịp tim cho bệnh nhân nặng",
        exemplars=[made["lan"]],
    )
    CoverageFactory(
        kind="reportage",
        published_on=datetime.date(YEAR, 9, 2),
        title="Gia đình làm giàu trên đồng chiêm trũng",
        exemplars=[made["hoa"]],
    )
    CoverageFactory(
        kind="news",
        published_on=datetime.date(YEAR - 1, 5, 2),
        title="Tin cũ năm trước",
        exemplars=[made["last_year"]],
    )
    return made


def labels(rows):
    return [(row["label"], row["count"]) for row in rows]


# 1. What the consolidation counts ----------------------------------------------------------


class TestSnapshot:
    def test_totals(self, records):
        snapshot = build_snapshot(year=YEAR)
        assert snapshot["year"] == YEAR and snapshot["campaign"] == ""
        assert snapshot["totals"] == {
            "accepted": 5,
            # The five accepted, Chờ under review, Trình at its district.
            "submitted": 7,
            "units_with_exemplars": 4,
            # Four departments, two districts, two communes.
            "units_with_quota": 8,
            # Sở Y tế (2 ≥ 1), Sở GD-ĐT (1 ≥ 1), Xã Gia Vân (1 ≥ 1).
            "units_met": 3,
            "units_behind": 5,
            "introductions": 1,
            "proposals": 2,
            "conferred": 1,
            "coverage": 2,
        }

    def test_dimensions(self, records):
        snapshot = build_snapshot(year=YEAR)
        assert labels(snapshot["by_unit_kind"]) == [(DEPARTMENT, 3), (DISTRICT, 1), (COMMUNE, 1)]
        # The commune counts with its district; the district's own exemplar too.
        assert labels(snapshot["by_area"]) == [(PROVINCIAL_AREA, 3), ("Huyện Gia Viễn", 2)]
        assert labels(snapshot["by_field"]) == [
            ("Nông nghiệp", 2),
            ("Y tế", 2),
            ("Giáo dục và đào tạo", 1),
        ]
        # In the order of the subject kinds, codes kept.
        assert labels(snapshot["by_subject_kind"]) == [
            ("collective", 1),
            ("individual", 3),
            ("household", 1),
        ]
        assert labels(snapshot["by_campaign"]) == [("", 3), (MOVEMENT, 2)]

    def test_by_unit(self, records):
        rows = {row["name"]: row for row in build_snapshot(year=YEAR)["by_unit"]}
        assert set(rows) == {"Sở Y tế", "Sở Giáo dục và Đào tạo", "Huyện Gia Viễn", "Xã Gia Vân"}
        health = rows["Sở Y tế"]
        assert (health["accepted"], health["individual"], health["collective"]) == (2, 1, 1)
        assert health["household"] == 0 and health["area"] == PROVINCIAL_AREA
        assert (rows["Xã Gia Vân"]["household"], rows["Xã Gia Vân"]["area"]) == (
            1,
            "Huyện Gia Viễn",
        )

    def test_quota(self, records):
        quota = build_snapshot(year=YEAR)["quota"]
        met = [unit["name"] for unit in quota["units"] if unit["met"]]
        assert met == ["Sở Giáo dục và Đào tạo", "Sở Y tế", "Xã Gia Vân"]
        assert quota["behind"] == [
            "Báo và Phát thanh, Truyền hình Ninh Bình",
            "Sở Nội vụ",
            "Huyện Gia Viễn",
            "Huyện Kim Sơn",
            "Xã Kim Chính",
        ]
        units = {unit["name"]: unit for unit in quota["units"]}
        assert (units["Sở Y tế"]["minimum"], units["Sở Y tế"]["accepted"]) == (1, 2)
        assert units["Sở Giáo dục và Đào tạo"]["submitted"] == 2
        assert units["Xã Gia Vân"] == {
            "code": "373-GIAVAN",
            "name": "Xã Gia Vân",
            "kind": COMMUNE,
            "district": "Huyện Gia Viễn",
            "minimum": 1,
            "submitted": 2,
            "accepted": 1,
            "inherited": 0,
            "endorsed": 0,
            "predecessors": [],
            "met": True,
        }
        assert (units["Huyện Gia Viễn"]["minimum"], units["Huyện Gia Viễn"]["met"]) == (5, False)
        assert quota["by_kind"] == [
            {"label": DEPARTMENT, "total": 4, "met": 2},
            {"label": DISTRICT, "total": 2, "met": 0},
            {"label": COMMUNE, "total": 2, "met": 1},
        ]

    def test_exemplars_introductions_proposals_coverage(self, records):
        snapshot = build_snapshot(year=YEAR)
        names = [e["name"] for e in snapshot["exemplars"]]
        assert sorted(names) == sorted(
            [
                "Đinh Thị Ngọc Lan",
                "Khoa Hồi sức tích cực",
                "Phạm Thị Thu Hương",
                "Lã Văn Hòa",
                "Hà Văn Huyện",
            ]
        )
        # Departments first (by name), then the district, then the commune.
        assert names[:1] == ["Phạm Thị Thu Hương"]
        assert names[-2:] == ["Hà Văn Huyện", "Lã Văn Hòa"]
        lan = next(e for e in snapshot["exemplars"] if e["name"] == "Đinh Thị Ngọc Lan")
        assert lan["code"] == records["lan"].code
        assert lan["campaign"] == MOVEMENT and lan["field"] == "Y tế"
        assert lan["position"] == "Điều dưỡng trưởng, Bệnh viện Đa khoa tỉnh Ninh Bình"
        assert [(i["name"], i["outlet"], i["date"]) for i in snapshot["introductions"]] == [
            ("Đinh Thị Ngọc Lan", "Báo Ninh Bình", "2025-06-11")
        ]
        proposals = {p["name"]: p for p in snapshot["proposals"]}
        assert set(proposals) == {"Đinh Thị Ngọc Lan", "Phạm Thị Thu Hương"}
        assert proposals["Đinh Thị Ngọc Lan"]["status"] == "conferred"
        assert proposals["Đinh Thị Ngọc Lan"]["decision_number"] == "1234/QĐ-UBND"
        assert proposals["Đinh Thị Ngọc Lan"]["decision_date"] == "2025-12-20"
        assert proposals["Phạm Thị Thu Hương"]["award"] == "Chiến sĩ thi đua cấp tỉnh"
        assert [(c["title"], c["exemplars"]) for c in snapshot["coverage"]] == [
            ("Người giữ nhịp tim cho bệnh nhân nặng", ["Đinh Thị Ngọc Lan"]),
            ("Gia đình làm giàu trên đồng chiêm trũng", ["Lã Văn Hòa"]),
        ]

    def test_a_campaign_consolidation_counts_only_that_campaigns_exemplars(self, records, movement):
        snapshot = build_snapshot(year=YEAR, campaign=movement)
        assert snapshot["campaign"] == MOVEMENT
        assert sorted(e["name"] for e in snapshot["exemplars"]) == [
            "Phạm Thị Thu Hương",
            "Đinh Thị Ngọc Lan",
        ]
        totals = snapshot["totals"]
        assert (totals["accepted"], totals["submitted"], totals["units_with_exemplars"]) == (
            2,
            3,
            2,
        )
        assert (totals["introductions"], totals["proposals"], totals["conferred"]) == (1, 2, 1)
        # Only the article about Lan: the reportage is about a household outside the movement.
        assert [c["title"] for c in snapshot["coverage"]] == [
            "Người giữ nhịp tim cho bệnh nhân nặng"
        ]
        assert labels(snapshot["by_campaign"]) == [(MOVEMENT, 2)]
        assert labels(snapshot["by_unit_kind"]) == [(DEPARTMENT, 2)]
        assert labels(snapshot["by_field"]) == [("Giáo dục và đào tạo", 1), ("Y tế", 1)]

    def test_another_year_counts_its_own(self, records):
        snapshot = build_snapshot(year=YEAR - 1)
        assert [e["name"] for e in snapshot["exemplars"]] == ["Trần Năm Trước"]
        assert snapshot["totals"]["proposals"] == 1
        assert snapshot["totals"]["introductions"] == 1
        assert [c["title"] for c in snapshot["coverage"]] == ["Tin cũ năm trước"]


# 2. Publishing freezes; reopening; versions -------------------------------------------------


def url(name, consolidation, **kwargs):
    return reverse(f"reports:{name}", kwargs={"pk": consolidation.pk, **kwargs})


@pytest.fixture
def consolidation(world):
    return consolidating.create(year=YEAR, campaign=None, by=world.user("home_affairs"))


def publish_through_the_page(client, consolidation):
    return client.post(url("consolidation_publish", consolidation), {})


class TestFreeze:
    def test_a_published_version_keeps_what_it_showed(
        self, world, records, consolidation, client_for
    ):
        client = client_for(world.user("home_affairs"))
        # A number typed into the request is not the form's: the report takes its number from
        # the register when it is issued.
        response = client.post(
            url("consolidation_publish", consolidation), {"document_number": "25/BC-SNV"}
        )
        version = consolidation.versions.get()
        assert response.status_code == 302
        assert response["Location"] == version.get_absolute_url()
        assert version.number == 1 and version.document_number == ""
        assert version.published_by == world.user("home_affairs")
        consolidation.refresh_from_db()
        assert consolidation.status == Consolidation.Status.PUBLISHED

        # The records change after publishing.
        Exemplar.objects.filter(pk=records["lan"].pk).update(full_name="Đinh Thị Lan Đổi Tên")
        Exemplar.objects.filter(pk=records["khoa"].pk).update(status=S.RETURNED)
        exemplar(world.dept_b, full_name="Ngô Văn Mới Được Công Nhận", field="education-training")

        version.refresh_from_db()
        names = [e["name"] for e in version.data["exemplars"]]
        assert "Đinh Thị Ngọc Lan" in names and "Khoa Hồi sức tích cực" in names
        assert "Đinh Thị Lan Đổi Tên" not in names
        assert "Ngô Văn Mới Được Công Nhận" not in names
        assert version.data["totals"]["accepted"] == 5

        page = client.get(version.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert "Đinh Thị Ngọc Lan" in html and "Khoa Hồi sức tích cực" in html
        assert "Đinh Thị Lan Đổi Tên" not in html
        assert "Ngô Văn Mới Được Công Nhận" not in html
        assert page.context["snapshot"]["totals"]["accepted"] == 5
        # The page of a published consolidation is its latest version.
        assert client.get(consolidation.get_absolute_url())["Location"] == (
            version.get_absolute_url()
        )

        # Reopened, it counts the records as they are now.
        reopened = client.post(
            url("consolidation_reopen", consolidation),
            {"reason": "Sở Y tế bổ sung hồ sơ sau khi công bố."},
        )
        assert reopened.status_code == 302
        live = client.get(consolidation.get_absolute_url())
        assert live.status_code == 200
        html = live.content.decode()
        assert "Đinh Thị Lan Đổi Tên" in html
        assert "Ngô Văn Mới Được Công Nhận" in html
        assert "Khoa Hồi sức tích cực" not in html
        assert live.context["snapshot"]["totals"]["accepted"] == 5 - 1 + 1
        # Version 1 still reads as published.
        old = client.get(version.get_absolute_url())
        assert "Đinh Thị Ngọc Lan" in old.content.decode()
        assert "Đinh Thị Lan Đổi Tên" not in old.content.decode()

    def test_the_xlsx_of_a_version_is_frozen_too(self, world, records, consolidation, client_for):
        from tests.test_documents import xlsx_rows

        client = client_for(world.user("home_affairs"))
        publish_through_the_page(client, consolidation)
        Exemplar.objects.filter(pk=records["lan"].pk).update(full_name="Tên Mới Sau Công Bố")
        exemplar(world.dept_b, full_name="Ngô Văn Mới Được Công Nhận", field="education-training")
        frozen = client.get(url("consolidation_version_xlsx", consolidation, number=1)).content
        live = client.get(url("consolidation_xlsx", consolidation)).content
        sheet = _("Accepted exemplars")
        names = [row[1] for row in xlsx_rows(frozen, sheet)[1:]]
        assert "Đinh Thị Ngọc Lan" in names and "Tên Mới Sau Công Bố" not in names
        assert "Ngô Văn Mới Được Công Nhận" not in names and len(names) == 5
        # The live workbook, by contrast, reads the records as they are now.
        live_names = [row[1] for row in xlsx_rows(live, sheet)[1:]]
        assert "Tên Mới Sau Công Bố" in live_names and "Ngô Văn Mới Được Công Nhận" in live_names

    @pytest.mark.parametrize(
        ("reason", "message"),
        [
            ("", "Trường này là bắt buộc."),
            ("Sai số", "Giá trị này phải có ít nhất 10 kí tự (hiện có 6)"),
            ("   ", "Trường này là bắt buộc."),
        ],
    )
    def test_reopening_needs_a_reason(self, world, consolidation, client_for, reason, message):
        client = client_for(world.user("home_affairs"))
        publish_through_the_page(client, consolidation)
        response = client.post(url("consolidation_reopen", consolidation), {"reason": reason})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert response.context["form"].errors["reason"]
        if reason.strip():
            # The form keeps what was typed.
            assert f"{reason}</textarea>" in response.content.decode()
        consolidation.refresh_from_db()
        assert consolidation.status == Consolidation.Status.PUBLISHED
        version = consolidation.versions.get()
        assert version.reopened_at is None and version.reopen_reason == ""

    def test_the_service_refuses_a_blank_reason_and_an_open_consolidation(
        self, world, consolidation
    ):
        by = world.user("home_affairs")
        with pytest.raises(MoveNotAllowed):
            consolidating.reopen(consolidation=consolidation, by=by, reason="Chưa công bố")
        consolidating.publish(consolidation=consolidation, by=by)
        with pytest.raises(ReasonMissing):
            consolidating.reopen(consolidation=consolidation, by=by, reason="   ")

    def test_reopening_marks_the_version_and_publishing_again_makes_version_2(
        self, world, consolidation, client_for
    ):
        home_affairs = world.user("home_affairs")
        client = client_for(home_affairs)
        publish_through_the_page(client, consolidation)
        reason = "Sở Y tế bổ sung một điển hình sau thẩm định."
        response = client.post(url("consolidation_reopen", consolidation), {"reason": reason})
        assert response.status_code == 302
        first = consolidation.versions.get(number=1)
        assert first.reopen_reason == reason
        assert first.reopened_by == home_affairs
        assert first.reopened_at is not None and first.reopened_at >= first.published_at
        consolidation.refresh_from_db()
        assert consolidation.is_open

        publish_through_the_page(client, consolidation)
        assert list(consolidation.versions.order_by("number").values_list("number", flat=True)) == [
            1,
            2,
        ]
        second = consolidation.versions.get(number=2)
        assert second.reopen_reason == "" and second.published_at >= first.reopened_at
        # The reason shows on version 1's page.
        assert reason in client.get(first.get_absolute_url()).content.decode()

        # A third time: numbers stay sequential.
        consolidating.reopen(consolidation=consolidation, by=home_affairs, reason="Lần thứ hai")
        third = consolidating.publish(consolidation=consolidation, by=home_affairs)
        assert third.number == 3
        assert consolidation.versions.get(number=1).reopen_reason == reason
        assert consolidation.versions.get(number=2).reopen_reason == "Lần thứ hai"

    def test_publishing_a_published_consolidation_is_refused(
        self, world, consolidation, client_for
    ):
        by = world.user("home_affairs")
        consolidating.publish(consolidation=consolidation, by=by)
        with pytest.raises(ValidationError):
            consolidating.publish(consolidation=consolidation, by=by)
        client = client_for(by)
        response = client.post(url("consolidation_publish", consolidation), {}, follow=True)
        assert response.status_code == 200
        assert ConsolidationVersion.objects.filter(consolidation=consolidation).count() == 1
        messages = [str(m) for m in response.context["messages"]]
        assert "Bản tổng hợp này đã được công bố; hãy mở lại trước." in messages
        # The confirmation page itself sends back to the version.
        page = client.get(url("consolidation_publish", consolidation))
        assert page.status_code == 302

    def test_reopening_an_open_consolidation_sends_back(self, world, consolidation, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.post(
            url("consolidation_reopen", consolidation), {"reason": "Không cần mở lại đâu."}
        )
        assert response.status_code == 302
        assert not ConsolidationVersion.objects.filter(consolidation=consolidation).exists()


class TestCreate:
    def test_home_affairs_builds_a_consolidation(self, world, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:consolidation_create"), {"year": YEAR})
        created = Consolidation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == created.get_absolute_url()
        assert (created.year, created.campaign, created.status) == (YEAR, None, "open")
        assert created.created_by == world.user("home_affairs")

    def test_the_same_year_twice_is_refused(self, world, consolidation, client_for):
        client = client_for(world.user("home_affairs"))
        response = client.post(reverse("reports:consolidation_create"), {"year": YEAR})
        assert response.status_code == 200
        assert Consolidation.objects.count() == 1
        message = "Bản tổng hợp của năm này đã có."
        assert message == _("The consolidation of this year already exists.")
        assert message in response.context["form"].non_field_errors()
        assert message in response.content.decode()

    def test_a_campaign_consolidation_of_the_same_year_is_allowed_once(
        self, world, consolidation, movement, client_for
    ):
        client = client_for(world.user("home_affairs"))
        data = {"year": YEAR, "campaign": movement.pk}
        response = client.post(reverse("reports:consolidation_create"), data)
        assert response.status_code == 302
        assert Consolidation.objects.filter(year=YEAR, campaign=movement).count() == 1
        again = client.post(reverse("reports:consolidation_create"), data)
        assert again.status_code == 200
        message = "Bản tổng hợp của năm và phong trào này đã có."
        assert message in again.context["form"].non_field_errors()
        assert message in again.content.decode()
        assert Consolidation.objects.count() == 2
        # Another year of the same campaign is a consolidation of its own.
        other = client.post(
            reverse("reports:consolidation_create"), {"year": YEAR - 1, "campaign": movement.pk}
        )
        assert other.status_code == 302

    def test_a_duplicate_built_at_the_same_moment_is_refused_too(
        self, world, consolidation, monkeypatch
    ):
        # Both checks passed before either was saved: the database's constraint decides.
        monkeypatch.setattr(Consolidation, "validate_constraints", lambda self, **kw: None)
        with pytest.raises(ValidationError) as refused:
            consolidating.create(year=YEAR, campaign=None, by=world.user("home_affairs"))
        assert "đã có" in " ".join(refused.value.messages)
        assert Consolidation.objects.filter(year=YEAR).count() == 1

    def test_the_service_refuses_duplicates_too(self, world, consolidation, movement):
        by = world.user("home_affairs")
        with pytest.raises(ValidationError):
            consolidating.create(year=YEAR, campaign=None, by=by)
        consolidating.create(year=YEAR, campaign=movement, by=by)
        with pytest.raises(ValidationError):
            consolidating.create(year=YEAR, campaign=movement, by=by)


# 3. Comparing versions -----------------------------------------------------------------------


@pytest.fixture
def two_versions(world, records, consolidation):
    """Version 1 as the records stand; then Khoa Hồi sức is reopened (Sở Y tế still meets
    its quota with Lan), Hòa is refused (Xã Gia Vân falls behind), a new exemplar of Sở Nội
    vụ is accepted (it now meets its quota) and proposed, Hương's proposal is agreed;
    version 2."""
    by = world.user("home_affairs")
    first = consolidating.publish(consolidation=consolidation, by=by)
    Exemplar.objects.filter(pk=records["khoa"].pk).update(status=S.RETURNED)
    Exemplar.objects.filter(pk=records["hoa"].pk).update(status=S.REFUSED)
    added = exemplar(world.home_affairs_unit, full_name="Mai Thị Nội Vụ", field="health")
    propose(added, PROVINCIAL_FIGHTER, unit=world.home_affairs_unit, by=by)
    AwardProposal.objects.filter(pk=records["proposed"].pk).update(
        status=AwardProposal.Status.AGREED
    )
    consolidating.reopen(consolidation=consolidation, by=by, reason="Kết quả thẩm định lại.")
    second = consolidating.publish(consolidation=consolidation, by=by)
    return first, second, added


class TestCompare:
    def test_what_changed(self, records, two_versions):
        first, second, added = two_versions
        comparison = consolidating.compare(first.data, second.data)
        totals = {change.label: (change.before, change.after) for change in comparison["totals"]}
        labels_ = consolidating.total_labels()
        assert totals[labels_["accepted"]] == (5, 4)
        assert totals[labels_["submitted"]] == (7, 6)
        assert totals[labels_["units_met"]] == (3, 3)
        assert totals[labels_["units_with_exemplars"]] == (4, 4)
        assert totals[labels_["proposals"]] == (2, 3)
        assert totals[labels_["conferred"]] == (1, 1)
        assert comparison["totals_changed"] is True
        assert [e["name"] for e in comparison["added"]] == ["Mai Thị Nội Vụ"]
        assert [e["code"] for e in comparison["added"]] == [added.code]
        assert sorted(e["name"] for e in comparison["removed"]) == [
            "Khoa Hồi sức tích cực",
            "Lã Văn Hòa",
        ]
        assert sorted(comparison["quota_changed"], key=lambda u: u["name"]) == [
            {"name": "Sở Nội vụ", "before": False, "after": True},
            {"name": "Xã Gia Vân", "before": True, "after": False},
        ]
        changed = [
            (p["name"], p["award"], str(p["before"]), str(p["after"]))
            for p in comparison["proposals_changed"]
        ]
        assert sorted(changed) == [
            ("Mai Thị Nội Vụ", "Chiến sĩ thi đua cấp tỉnh", "—", "Chờ thẩm định"),
            ("Phạm Thị Thu Hương", "Chiến sĩ thi đua cấp tỉnh", "Chờ thẩm định", "Thống nhất"),
        ]
        dimensions = dict(comparison["dimensions"])
        by_kind = dimensions[consolidating.dimension_labels()["by_subject_kind"]]
        assert [(c.label, c.before, c.after, c.delta) for c in by_kind] == [
            (str(SubjectKind.COLLECTIVE.label), 1, 0, -1),
            (str(SubjectKind.HOUSEHOLD.label), 1, 0, -1),
            (str(SubjectKind.INDIVIDUAL.label), 3, 4, 1),
        ]

    def test_a_proposal_whose_exemplar_left_shows_as_gone(self, world, records, consolidation):
        by = world.user("home_affairs")
        first = consolidating.publish(consolidation=consolidation, by=by)
        Exemplar.objects.filter(pk=records["proposed"].exemplar_id).update(status=S.RETURNED)
        consolidating.reopen(consolidation=consolidation, by=by, reason="Trả lại hồ sơ để bổ sung.")
        second = consolidating.publish(consolidation=consolidation, by=by)
        changed = consolidating.compare(first.data, second.data)["proposals_changed"]
        proposal = records["proposed"]
        assert [(p["name"], p["award"], str(p["after"])) for p in changed] == [
            (proposal.exemplar.subject_name, proposal.award.name, "—")
        ]

    def test_a_version_compared_with_itself_changes_nothing(self, two_versions):
        first, _second, _added = two_versions
        comparison = consolidating.compare(first.data, first.data)
        assert comparison["totals_changed"] is False
        assert comparison["added"] == comparison["removed"] == comparison["quota_changed"] == []
        assert comparison["proposals_changed"] == []
        assert comparison["dimensions"] == []

    def test_the_compare_page(self, world, consolidation, two_versions, client_for):
        client = client_for(world.user("leader"))
        response = client.get(
            url("consolidation_compare", consolidation), {"before": 1, "after": 2}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Mai Thị Nội Vụ" in html
        assert "Khoa Hồi sức tích cực" in html and "Lã Văn Hòa" in html
        assert "Kết quả thẩm định lại." in html
        assert "Phạm Thị Thu Hương – Chiến sĩ thi đua cấp tỉnh: Chờ thẩm định → Thống nhất" in html
        assert "Hai phiên bản có số liệu như nhau." not in html
        comparison = response.context["comparison"]
        assert (comparison["before"].number, comparison["after"].number) == (1, 2)

    def test_the_same_version_twice_is_an_error(
        self, world, consolidation, two_versions, client_for
    ):
        client = client_for(world.user("home_affairs"))
        response = client.get(
            url("consolidation_compare", consolidation), {"before": 2, "after": 2}
        )
        assert response.status_code == 200
        assert response.context["comparison"] is None
        message = "Hãy chọn hai phiên bản khác nhau."
        assert message in response.context["form"].non_field_errors()
        assert message in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [
            {"before": 1, "after": 9},
            {"before": 0, "after": 2},
            {"before": "một", "after": 2},
            {"before": 1},
        ],
    )
    def test_an_unknown_version_is_a_form_error(
        self, world, consolidation, two_versions, client_for, query
    ):
        client = client_for(world.user("home_affairs"))
        response = client.get(url("consolidation_compare", consolidation), query)
        assert response.status_code == 200
        assert response.context["comparison"] is None
        assert response.context["form"].errors

    def test_an_unknown_version_page_is_404(self, world, consolidation, two_versions, client_for):
        client = client_for(world.user("home_affairs"))
        for name in ["consolidation_version", "consolidation_version_xlsx"]:
            assert client.get(url(name, consolidation, number=9)).status_code == 404


# 4. Who may read and act ---------------------------------------------------------------------

READERS = ["leader", "administrator"]
OTHERS = [persona for persona in EACH_ROLE if persona not in {"home_affairs", *READERS}]
ACTIONS = ["list", "detail", "version", "xlsx", "version_xlsx", "pdf", "progress"]
ACTIONS += ["create", "publish", "reopen"]


@pytest.fixture
def both(world, movement):
    """An open consolidation (the year) and a published one (the movement's)."""
    by = world.user("home_affairs")
    open_one = consolidating.create(year=YEAR, campaign=None, by=by)
    published = consolidating.create(year=YEAR, campaign=movement, by=by)
    consolidating.publish(consolidation=published, by=by, document_number="25/BC-SNV")
    return open_one, published


def pages(open_one, published):
    version = {"number": 1}
    return {
        "list": reverse("reports:consolidation_list"),
        "detail": url("consolidation_detail", open_one),
        "version": url("consolidation_version", published, **version),
        "xlsx": url("consolidation_xlsx", open_one),
        "version_xlsx": url("consolidation_version_xlsx", published, **version),
        "pdf": url("consolidation_version_pdf", published, **version),
        "progress": url("consolidation_version_pdf", published, **version) + "?progress=1",
        "create": reverse("reports:consolidation_create"),
        "publish": url("consolidation_publish", open_one),
        "reopen": url("consolidation_reopen", published),
    }


def expected_codes(persona):
    if persona == "home_affairs":
        return {**dict.fromkeys(ACTIONS, 200), "pdf": 302}
    if persona in READERS:
        return {
            **dict.fromkeys(ACTIONS, 200),
            # Not rendered yet: sent to the version page to prepare it.
            "pdf": 302,
            "create": 403,
            "publish": 403,
            "reopen": 403,
        }
    return dict.fromkeys(ACTIONS, 403)


@pytest.mark.parametrize("persona", EACH_ROLE)
def test_who_may_read_and_act(world, both, client_for, persona):
    client = client_for(world.user(persona))
    codes = {action: client.get(page).status_code for action, page in pages(*both).items()}
    assert codes == expected_codes(persona)


@pytest.mark.parametrize("persona", [*OTHERS, *READERS])
def test_only_home_affairs_creates_publishes_and_reopens(world, both, client_for, persona):
    open_one, published = both
    client = client_for(world.user(persona))
    urls = pages(open_one, published)
    assert client.post(urls["create"], {"year": YEAR - 1}).status_code == 403
    assert client.post(urls["publish"], {"document_number": "1/BC"}).status_code == 403
    assert client.post(urls["reopen"], {"reason": "Một lý do đủ dài để mở lại."}).status_code == 403
    assert Consolidation.objects.count() == 2
    open_one.refresh_from_db()
    published.refresh_from_db()
    assert open_one.is_open and not open_one.versions.exists()
    assert not published.is_open
    assert published.versions.get().reopen_reason == ""


@pytest.mark.parametrize("persona", [*OTHERS])
def test_others_cannot_start_a_render(world, both, client_for, persona):
    _open, published = both
    client = client_for(world.user(persona))
    response = client.post(url("consolidation_version_pdf", published, number=1))
    assert response.status_code == 403
    assert not published.versions.get().renders.exists()


def test_the_list_shows_the_consolidations_to_readers(world, both, client_for):
    open_one, published = both
    response = client_for(world.user("leader")).get(reverse("reports:consolidation_list"))
    listed = list(response.context["consolidations"])
    assert {c.pk for c in listed} == {open_one.pk, published.pk}
    latest = {c.pk: c.last_version for c in listed}
    assert latest[open_one.pk] is None and latest[published.pk].number == 1
    html = response.content.decode()
    assert MOVEMENT in html


def test_anonymous_users_are_sent_to_sign_in(world, both, client):
    for action, page in pages(*both).items():
        response = client.get(page)
        assert response.status_code == 302, action
        assert "login" in response["Location"] or "dang-nhap" in response["Location"], action


def test_reopen_is_offered_on_the_latest_version_to_home_affairs_only(
    world, consolidation, client_for
):
    by = world.user("home_affairs")
    first = consolidating.publish(consolidation=consolidation, by=by)
    consolidating.reopen(consolidation=consolidation, by=by, reason="Bổ sung hồ sơ muộn.")
    second = consolidating.publish(consolidation=consolidation, by=by)
    reopen = url("consolidation_reopen", consolidation)
    home_affairs = client_for(by)
    latest = home_affairs.get(second.get_absolute_url())
    # The page knows which version it shows: its buttons (reopen, the PDF, issuing) hang on it.
    assert latest.context.get("version") == second
    assert latest.context["can_reopen"] is True
    assert reopen in home_affairs.get(second.get_absolute_url()).content.decode()
    assert home_affairs.get(first.get_absolute_url()).context["can_reopen"] is False
    assert reopen not in home_affairs.get(first.get_absolute_url()).content.decode()
    leader = client_for(world.user("leader"))
    page = leader.get(second.get_absolute_url())
    assert page.context["can_reopen"] is False and reopen not in page.content.decode()


def test_the_page_lists_a_long_annex_in_part(
    world, records, consolidation, client_for, monkeypatch
):
    """Five accepted exemplars, two shown: the page says how many more the files list."""
    from reports.views import consolidations as views

    monkeypatch.setattr(views, "ANNEX_SHOWN", 2)
    response = client_for(world.user("leader")).get(consolidation.get_absolute_url())
    text = " ".join(response.content.decode().split())
    assert "Và 3 điển hình khác: tệp xlsx và PDF liệt kê đầy đủ." in text
