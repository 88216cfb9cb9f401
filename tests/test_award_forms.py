"""The award forms as the law has them (reports/data, seeded by migration 0009): their legal
source, years, tracks, cash, dossier and conditions; the catalogue's pages for every persona;
and the proposals' kind turned into a track by the migration."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from registry.enums import SubjectKind
from reports.data import awards_2003, awards_2022
from reports.data.load import seed
from reports.models import (
    AwardCondition,
    AwardDossierPart,
    AwardForm,
    AwardTrack,
    cash_amount,
)
from tests.migrating import fresh_database, migrate
from tests.personas import PERSONAS

C, I, H = SubjectKind.COLLECTIVE, SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD  # noqa: E741
D = datetime.date


def award(code):
    return AwardForm.objects.get(code=code)


# Seed integrity ------------------------------------------------------------------------------


def test_every_form_has_its_source_and_article(db):
    assert AwardForm.objects.count() >= len(awards_2022.AWARDS) + len(awards_2003.AWARDS)
    for form in AwardForm.objects.select_related("legal_basis"):
        assert form.legal_basis is not None, form.code
        assert form.article.startswith("Điều"), form.code
        assert form.tracks.exists(), form.code


def test_old_law_forms_end_with_2023_and_the_2022_law_forms_start_in_2024(db):
    old = AwardForm.objects.filter(code__endswith="-2003")
    assert old.count() == len(awards_2003.AWARDS)
    for form in old:
        assert form.valid_to == 2023 and form.legal_basis.number in (
            "15/2003/QH11",
            "91/2017/NĐ-CP",
        )
        assert form.is_active_in(2023) and not form.is_active_in(2024)
    for data in awards_2022.AWARDS:
        form = award(data["code"])
        assert form.valid_from == 2024 and not form.is_active_in(2023), form.code
        assert form.legal_basis.number == "06/2022/QH15"
    # District-level forms end with the districts.
    assert award("giay-khen-chu-tich-ubnd-huyen").valid_to == 2025
    # The law's law: Art. 94, the 2003 law ends as the 2022 one begins.
    assert award("lao-dong-tien-tien-2003").legal_basis.valid_until == D(2023, 12, 31)
    assert award("lao-dong-tien-tien").legal_basis.valid_from == D(2024, 1, 1)


def test_the_missing_forms_are_there(db):
    for code in (
        "xa-phuong-thi-tran-tieu-bieu",
        "chien-si-tien-tien",
        "don-vi-quyet-thang",
        "don-vi-tien-tien",
        "huan-chuong-lao-dong-hang-ba",
        "huan-chuong-chien-cong-hang-nhi",
        "huy-chuong-chien-si-ve-vang-hang-ba",
        "ky-niem-chuong-tinh",
    ):
        assert award(code).is_active_in(2025), code
    assert award("don-vi-quyet-thang").level == AwardForm.Level.ARMED_FORCES
    assert award("huan-chuong-lao-dong-hang-ba").sent_up
    assert not award("bang-khen-chu-tich-ubnd-tinh").sent_up
    assert award("huy-chuong-huu-nghi").tracks.filter(code="foreign").exists()


def test_the_tracks_are_data(db):
    assert list(AwardTrack.objects.values_list("code", flat=True)) == [
        "regular",
        "ad_hoc",
        "thematic",
        "long_service",
        "seniority",
        "foreign",
        "sent_up",
    ]
    assert list(AwardTrack.objects.filter(sent_up=True).values_list("code", flat=True)) == [
        "sent_up"
    ]


def test_each_emulation_fighter_title_requires_the_initiative_proof(db):
    fighters = AwardForm.objects.filter(code__startswith="chien-si-thi-dua")
    assert fighters.count() == 6
    for form in fighters:
        proofs = AwardDossierPart.objects.filter(
            award=form, part__code__startswith="chung-nhan-sang-kien", required=True
        )
        assert proofs.filter(for_individuals=True).exists(), form.code
    # Other titles do not ask for it; forms of commendation ask for the proof of the
    # achievement where the case calls for it (Art. 84(2)).
    assert not AwardDossierPart.objects.filter(
        award=award("lao-dong-tien-tien"), part__code="chung-nhan-sang-kien"
    ).exists()
    merit = AwardDossierPart.objects.filter(award=award("bang-khen-chu-tich-ubnd-tinh"))
    assert merit.get(part__code="chung-nhan-thanh-tich").required is False
    assert merit.filter(part__code="bien-ban-xet-khen-thuong").exists()
    assert list(
        merit.filter(part__code="bao-cao-ca-nhan").values_list("part__official_form", flat=True)
    ) == ["Mẫu số 03"]
    # A dossier sent up opens with the Tờ trình of Mẫu số 01.
    order = AwardDossierPart.objects.filter(award=award("huan-chuong-lao-dong-hang-ba"))
    assert order.first().part.code == "to-trinh-mau-01"


def test_the_conditions_hold_the_laws_wording(db):
    worker = AwardCondition.objects.filter(award=award("lao-dong-tien-tien"))
    assert [(c.group, c.kind) for c in worker] == [(1, "task_rating"), (2, "text_only")]
    assert worker[0].text == "a) Hoàn thành tốt nhiệm vụ trở lên;" and worker[0].rating == "good"
    assert "chấp hành tốt chủ trương" not in " ".join(c.text for c in worker)
    provincial = AwardCondition.objects.filter(award=award("chien-si-thi-dua-cap-tinh"))
    three = provincial.get(kind="consecutive_title")
    assert (three.title.code, three.count, three.years) == ("chien-si-thi-dua-co-so", 3, 3)
    national = AwardCondition.objects.get(
        award=award("chien-si-thi-dua-toan-quoc"), kind="consecutive_title"
    )
    assert (national.title.code, national.count) == ("chien-si-thi-dua-cap-tinh", 2)
    merit = AwardCondition.objects.filter(award=award("bang-khen-chu-tich-ubnd-tinh"))
    assert {c.article for c in merit} >= {"Điều 74 khoản 1 điểm d"}
    initiatives = merit.get(kind="initiatives")
    assert (initiatives.count, initiatives.not_used_before) == (2, True)
    assert initiatives.initiative_level == "grassroots"
    # Every group of the grassroots fighter has alternatives; each row says its source.
    grassroots = AwardCondition.objects.filter(award=award("chien-si-thi-dua-co-so"))
    assert {c.group for c in grassroots} == {1, 2}
    assert all(c.source.endswith("số 06/2022/QH15") for c in grassroots)


def test_the_seed_runs_again_without_doubling_anything(db):
    from django.apps import apps

    counts = [
        model.objects.count() for model in (AwardForm, AwardCondition, AwardDossierPart, AwardTrack)
    ]
    seed(apps)
    assert counts == [
        model.objects.count() for model in (AwardForm, AwardCondition, AwardDossierPart, AwardTrack)
    ]


# Cash --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "subject", "day", "expected"),
    [
        # ND 98/2023 with the base salary of ND 24/2023 (1,800,000), then ND 73/2024 (2,340,000);
        # rounded up to ten thousand đồng.
        ("lao-dong-tien-tien", I, D(2024, 6, 30), 540_000),  # 0.3 × 1,800,000
        ("lao-dong-tien-tien", I, D(2024, 7, 1), 710_000),  # 0.3 × 2,340,000 = 702,000
        ("chien-si-thi-dua-cap-tinh", I, D(2024, 6, 30), 5_400_000),  # 3.0 × 1,800,000
        ("chien-si-thi-dua-cap-tinh", I, D(2024, 7, 1), 7_020_000),
        ("tap-the-lao-dong-tien-tien", C, D(2025, 7, 1), 1_880_000),  # 0.8 × 2,340,000 = 1,872,000
        # ND 152/2025 from 1 July 2025: the provincial certificate of merit 1.5 ×, every
        # Giấy khen 0.3 × (the commune's was 0.15 ×), a household 1.5 times an individual.
        ("bang-khen-chu-tich-ubnd-tinh", I, D(2025, 6, 30), None),  # ND 98's not recorded
        ("bang-khen-chu-tich-ubnd-tinh", I, D(2025, 7, 1), 3_510_000),
        # A collective's multiple under ND 152 was not read: not assumed from a person's.
        ("bang-khen-chu-tich-ubnd-tinh", C, D(2025, 7, 1), None),
        ("giay-khen-chu-tich-ubnd-xa", I, D(2025, 6, 30), 360_000),  # 0.15 × 2,340,000 = 351,000
        ("giay-khen-chu-tich-ubnd-xa", C, D(2025, 6, 30), 710_000),  # 0.3 × 2,340,000
        ("giay-khen-chu-tich-ubnd-xa", I, D(2025, 7, 1), 710_000),
        ("giay-khen-chu-tich-ubnd-xa", H, D(2025, 7, 1), 1_060_000),  # 0.45 × 2,340,000
        # Under the law of 2003 (ND 91/2017) in 2023: the provincial certificate 1.0 ×,
        # twice for a collective; before 1 July 2023 no base salary is recorded.
        ("bang-khen-chu-tich-ubnd-tinh-2003", I, D(2023, 12, 20), 1_800_000),
        ("bang-khen-chu-tich-ubnd-tinh-2003", C, D(2023, 12, 20), 3_600_000),
        ("bang-khen-chu-tich-ubnd-tinh-2003", I, D(2023, 6, 30), None),
        ("bang-khen-chu-tich-ubnd-tinh-2003", I, D(2024, 1, 2), None),
    ],
)
def test_cash_amount_against_a_hand_computation(db, code, subject, day, expected):
    assert cash_amount(award(code), subject, day) == expected


# Pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_catalogue_and_a_forms_page(world, client_for, persona):
    client = client_for(world.user(persona))
    response = client.get(reverse("reports:awardform_list"))
    assert response.status_code == 200
    assert response.context["paginator"].count == AwardForm.objects.count()
    response = client.get(award("bang-khen-chu-tich-ubnd-tinh").get_absolute_url())
    assert response.status_code == 200
    assert "Điều 74 khoản 1 điểm d" in response.content.decode()


def test_pages_ask_for_a_login(db, client):
    for url in (reverse("reports:awardform_list"), award("lao-dong-tien-tien").get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def listed(client, **params):
    response = client.get(reverse("reports:awardform_list"), {**params, "per_page": 100})
    assert response.status_code == 200
    return {a.code for a in response.context["paginator"].object_list}


def test_the_filters(world, client_for):
    client = client_for(world.user("editor_a"))
    in_2023 = listed(client, year=2023)
    assert "lao-dong-tien-tien-2003" in in_2023 and "lao-dong-tien-tien" not in in_2023
    assert "giay-khen-chu-tich-ubnd-huyen" not in listed(client, year=2026)
    assert listed(client, subject="household") == set(
        AwardForm.objects.filter(for_households=True).values_list("code", flat=True)
    )
    foreign = listed(client, track="foreign")
    assert foreign == {
        "huan-chuong-huu-nghi",
        "huy-chuong-huu-nghi",
        "bang-khen-chu-tich-ubnd-tinh",
    }
    armed = listed(client, level="armed_forces", category="title", year=2025)
    assert armed == {"chien-si-tien-tien", "don-vi-quyet-thang", "don-vi-tien-tien"}
    assert listed(client, q="xa phuong tieu bieu") == {"xa-phuong-thi-tran-tieu-bieu"}


@pytest.mark.parametrize(
    "params",
    [
        {"year": "hai nghìn"},
        {"level": "emperor"},
        {"track": "<script>"},
        {"subject": "robot"},
        {"category": "x" * 500},
        {"page": "999"},
    ],
)
def test_bad_filter_input_is_not_an_error(world, client_for, params):
    response = client_for(world.user("leader")).get(reverse("reports:awardform_list"), params)
    assert response.status_code in (200, 404)


def test_an_unknown_form_is_not_found(world, client_for):
    client = client_for(world.user("editor_a"))
    url = reverse("reports:awardform_detail", args=["khong-co"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["editor_a", "leader", "commune_editor"])
def test_the_export_has_the_filtered_forms(world, client_for, persona):
    client = client_for(world.user(persona))
    response = client.get(reverse("reports:awardform_list"), {"export": "xlsx", "year": 2023})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    codes = {row[0] for row in rows}
    assert "lao-dong-tien-tien-2003" in codes and "lao-dong-tien-tien" not in codes
    worker = next(row for row in rows if row[0] == "lao-dong-tien-tien-2003")
    assert "Điều 24 khoản 1" in worker and "15/2003/QH11" in " ".join(map(str, worker))


def test_the_detail_shows_the_law_and_the_amount_today(world, client_for, time_machine):
    time_machine.move_to(datetime.datetime(2025, 8, 1, 9), tick=False)
    response = client_for(world.user("editor_b")).get(
        award("lao-dong-tien-tien").get_absolute_url()
    )
    page = response.content.decode()
    assert "Điều 24 khoản 1" in page and "https://vi.wikisource.org" in page
    assert "a) Hoàn thành tốt nhiệm vụ trở lên;" in page
    assert "Mẫu số 03" in page and "Biên bản bình xét thi đua" in page
    assert [str(amount) for _label, amount in response.context["amounts"]] == ["710000"]


def test_the_menu_leads_to_the_catalogue(world, client_for):
    response = client_for(world.user("commune_editor")).get(reverse("registry:home"))
    assert reverse("reports:awardform_list") in response.content.decode()


# The proposals' kind becomes their track ---------------------------------------------------

BEFORE = [("reports", "0007_consolidation_campaign_in_registry")]
TRACK = [("reports", "0010_proposal_track")]


@pytest.mark.slow(seconds=30)  # a migration from nothing to the track and back
@pytest.mark.django_db
def test_a_proposals_kind_becomes_its_track(tmp_path):
    with fresh_database(tmp_path):
        old = migrate(BEFORE)
        kinds = {}
        Proposal = old.get_model("reports", "AwardProposal")
        Exemplar = old.get_model("registry", "Exemplar")
        Unit = old.get_model("registry", "Unit")
        UnitKind = old.get_model("registry", "UnitKind")
        User = old.get_model("registry", "User")
        Form = old.get_model("reports", "AwardForm")
        unit_kind, _ = UnitKind.objects.get_or_create(code="so", defaults={"name": "Sở"})
        unit = Unit.objects.create(code="T-1", name="Sở thử", kind=unit_kind)
        user = User.objects.create(username="thu")
        form, _ = Form.objects.get_or_create(
            code="bang-khen-chu-tich-ubnd-tinh",
            defaults={"name": "Bằng khen", "category": "commendation", "level": "province"},
        )
        field, _ = old.get_model("registry", "Field").objects.get_or_create(
            code="cai-cach-hanh-chinh", defaults={"name": "Cải cách hành chính"}
        )
        version, _ = old.get_model("registry", "CatalogueVersion").objects.get_or_create(
            code="thu", defaults={"title": "Thử", "source": "Thử", "subjects_text": "Thử"}
        )
        for kind in ("regular", "ad_hoc", "thematic"):
            exemplar = Exemplar.objects.create(
                catalogue_version=version,
                code=f"E-{kind}",
                unit=unit,
                year=2025,
                subject_kind="individual",
                full_name=kind,
                field=field,
                created_by=user,
            )
            kinds[kind] = Proposal.objects.create(
                exemplar=exemplar,
                award=form,
                year=2025,
                kind=kind,
                proposing_unit=unit,
                reasons="x",
                created_by=user,
            ).pk
        Proposal = migrate(TRACK).get_model("reports", "AwardProposal")
        for kind, pk in kinds.items():
            assert Proposal.objects.get(pk=pk).track.code == kind
        # And back: the track gives the kind again.
        Proposal = migrate(BEFORE).get_model("reports", "AwardProposal")
        assert {Proposal.objects.get(pk=pk).kind for pk in kinds.values()} == set(kinds)
