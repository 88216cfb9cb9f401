"""Commendation proposals (đề xuất khen thưởng) for accepted exemplars: who proposes, who
reads, the appraisal and decision by Home Affairs, refused input, export, history, demo."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from registry.enums import ExemplarStatus as S
from registry.enums import SubjectKind
from registry.models import Exemplar
from reports.models import AwardForm, AwardProposal
from reports.selectors import exemplar_awards
from tests.factories.exemplars import ExemplarFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.integration

Status = AwardProposal.Status


def accepted(**kwargs):
    exemplar = ExemplarFactory(**kwargs)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=S.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


def award(code):
    return AwardForm.objects.get(code=code)


PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"
PROVINCIAL_FIGHTER = "chien-si-thi-dua-cap-tinh"


@pytest.fixture
def exemplars(world):
    """Accepted: an individual of Sở Y tế (a), of Sở GD-ĐT (b), a household of Xã Gia Vân;
    and a draft of Sở Y tế."""
    return {
        "a": accepted(unit=world.dept_a, full_name="Đinh Thị Ngọc Lan"),
        "b": accepted(unit=world.dept_b, full_name="Phạm Thị Thu Hương"),
        "household": accepted(
            unit=world.commune_a,
            subject_kind=SubjectKind.HOUSEHOLD,
            full_name="",
            household_head="Lã Văn Hòa",
        ),
        "draft": ExemplarFactory(unit=world.dept_a, full_name="Trần Văn Bình"),
    }


def propose(exemplar, code, *, by, unit, year=2025, **extra):
    return AwardProposal.objects.create(
        exemplar=exemplar,
        award=award(code),
        year=year,
        proposing_unit=unit,
        reasons="Thành tích xuất sắc năm 2025.",
        created_by=by,
        **extra,
    )


@pytest.fixture
def proposals(world, exemplars):
    return {
        "a": propose(
            exemplars["a"], PROVINCIAL_MERIT, by=world.user("editor_a"), unit=world.dept_a
        ),
        "b": propose(
            exemplars["b"], PROVINCIAL_FIGHTER, by=world.user("editor_b"), unit=world.dept_b
        ),
        "household": propose(
            exemplars["household"],
            PROVINCIAL_MERIT,
            by=world.user("home_affairs"),
            unit=world.home_affairs_unit,
        ),
    }


# Who reads which proposal: the exemplar's unit (and the district over a commune), the
# proposing unit, and those who read every unit.
ALL_READERS = {"home_affairs", "leader", "administrator"}
READS = {
    "a": {"editor_a", "head_a"} | ALL_READERS,
    "b": {"editor_b"} | ALL_READERS,
    "household": {"commune_editor", "district_reviewer"} | ALL_READERS,
}


def form_data(exemplar, code=PROVINCIAL_MERIT, **overrides):
    return {
        "exemplar": exemplar.pk,
        "award": award(code).pk,
        "year": 2025,
        "track": "regular",
        "reasons": "Có sáng kiến cấp tỉnh, cứu chữa hơn 300 ca bệnh nặng.",
        **overrides,
    }


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_law_of_2022_is_loaded_with_who_confers_what_on_whom(db):
    merit = award(PROVINCIAL_MERIT)
    assert merit.name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert merit.level == AwardForm.Level.PROVINCE
    assert merit.applies_to(SubjectKind.HOUSEHOLD) and merit.applies_to(SubjectKind.COLLECTIVE)
    assert award("gia-dinh-van-hoa").applies_to(SubjectKind.HOUSEHOLD)
    assert not award("gia-dinh-van-hoa").applies_to(SubjectKind.INDIVIDUAL)
    assert not award(PROVINCIAL_FIGHTER).applies_to(SubjectKind.HOUSEHOLD)
    assert award("co-thi-dua-ubnd-tinh").applies_to(SubjectKind.COLLECTIVE)
    assert award("tap-the-lao-dong-xuat-sac").category == AwardForm.Category.TITLE
    # The district level ended with the districts (1 July 2025).
    district = award("giay-khen-chu-tich-ubnd-huyen")
    assert district.is_active_in(2025) and not district.is_active_in(2026)


@pytest.mark.parametrize("persona", PERSONAS)
def test_list_shows_only_the_proposals_within_reach(world, client_for, proposals, persona):
    response = client_for(world.user(persona)).get(reverse("reports:proposal_list"))
    assert response.status_code == 200
    shown = {p.pk for p in response.context["proposals"]}
    assert shown == {proposals[k].pk for k, readers in READS.items() if persona in readers}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_proposal_out_of_reach_is_not_found(world, client_for, proposals, persona):
    client = client_for(world.user(persona))
    for key, proposal in proposals.items():
        response = client.get(proposal.get_absolute_url())
        assert response.status_code == (200 if persona in READS[key] else 404), key


def test_pages_ask_for_a_login(client, proposals):
    for url in (
        reverse("reports:proposal_list"),
        reverse("reports:proposal_create"),
        proposals["a"].get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


# Proposing Sở Y tế's exemplar: its editors and heads, and Home Affairs. Other unit staff may
# open the form but cannot pick it; the rest may not propose at all.
PROPOSE_A = {"editor_a", "head_a", "home_affairs"}
MAY_PROPOSE = PROPOSE_A | {"editor_b", "commune_editor", "commune_b_editor"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_proposes_which_exemplar(world, client_for, exemplars, persona):
    client = client_for(world.user(persona))
    url = reverse("reports:proposal_create")
    assert client.get(url).status_code == (200 if persona in MAY_PROPOSE else 403)
    data = form_data(exemplars["a"])
    if persona == "home_affairs":
        data["proposing_unit"] = world.home_affairs_unit.pk
    response = client.post(url, data)
    created = AwardProposal.objects.filter(exemplar=exemplars["a"]).first()
    if persona in PROPOSE_A:
        assert response.status_code == 302
        assert created.status == Status.PROPOSED
        assert created.created_by == world.user(persona)
        assert created.proposing_unit == world.user(persona).unit
    elif persona in MAY_PROPOSE:
        assert response.status_code == 200
        assert "exemplar" in response.context["form"].errors
        assert created is None
    else:
        assert response.status_code == 403
        assert created is None


def test_the_proposing_unit_is_the_proposers_whatever_is_posted(world, client_for, exemplars):
    client = client_for(world.user("editor_a"))
    data = form_data(exemplars["a"], proposing_unit=world.dept_b.pk)
    assert client.post(reverse("reports:proposal_create"), data).status_code == 302
    assert AwardProposal.objects.get().proposing_unit == world.dept_a


def test_exemplar_page_link_fills_in_the_exemplar(world, client_for, exemplars):
    client = client_for(world.user("editor_a"))
    response = client.get(reverse("reports:proposal_create"), {"exemplar": exemplars["a"].code})
    form = response.context["form"]
    assert form.initial["exemplar"] == exemplars["a"]
    # Not proposable: a draft, or another unit's exemplar.
    for other in (exemplars["draft"], exemplars["b"]):
        response = client.get(reverse("reports:proposal_create"), {"exemplar": other.code})
        assert "exemplar" not in response.context["form"].initial
        assert other.pk not in {e.pk for e in response.context["form"].fields["exemplar"].queryset}


def test_a_second_proposal_for_the_same_award_and_year_is_refused(
    world, client_for, proposals, exemplars
):
    client = client_for(world.user("head_a"))
    data = form_data(exemplars["a"], reasons="Lý do gõ lại lần hai")
    response = client.post(reverse("reports:proposal_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["award"]
    assert any("Đinh Thị Ngọc Lan" in e and "2025" in e for e in errors)
    assert "Lý do gõ lại lần hai" in response.content.decode()  # what was typed stays
    assert AwardProposal.objects.filter(exemplar=exemplars["a"]).count() == 1
    # Another year, or another award, is a new proposal.
    assert (
        client.post(reverse("reports:proposal_create"), {**data, "year": 2024}).status_code == 302
    )
    data = form_data(exemplars["a"], PROVINCIAL_FIGHTER)
    assert client.post(reverse("reports:proposal_create"), data).status_code == 302
    assert AwardProposal.objects.filter(exemplar=exemplars["a"]).count() == 3


def test_the_database_refuses_a_duplicate_too(world, proposals):
    with pytest.raises(IntegrityError), transaction.atomic():
        propose(
            proposals["a"].exemplar, PROVINCIAL_MERIT, by=world.user("head_a"), unit=world.dept_a
        )


def test_an_award_must_apply_to_the_exemplars_subject(world, client_for, exemplars):
    client = client_for(world.user("home_affairs"))
    data = form_data(
        exemplars["household"],
        PROVINCIAL_FIGHTER,
        proposing_unit=world.home_affairs_unit.pk,
        reasons="Hộ sản xuất giỏi ba năm liền",
    )
    response = client.post(reverse("reports:proposal_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["award"]
    assert any("Chiến sĩ thi đua cấp tỉnh" in e for e in errors)
    assert "Hộ sản xuất giỏi ba năm liền" in response.content.decode()
    assert not AwardProposal.objects.exists()
    # A household may receive a provincial certificate of merit or be a cultured family.
    for code in (PROVINCIAL_MERIT, "gia-dinh-van-hoa"):
        data = {**data, "award": award(code).pk}
        assert client.post(reverse("reports:proposal_create"), data).status_code == 302
    assert AwardProposal.objects.count() == 2


def test_an_award_out_of_force_is_refused(world, client_for, exemplars):
    client = client_for(world.user("editor_a"))
    data = form_data(exemplars["a"], "giay-khen-chu-tich-ubnd-huyen", year=2026)
    response = client.post(reverse("reports:proposal_create"), data)
    assert response.status_code == 200 and "award" in response.context["form"].errors


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_home_affairs_appraises_and_decides(world, client_for, proposals, persona):
    client = client_for(world.user(persona))
    proposal = proposals["a"]
    allowed = persona == "home_affairs"
    reached = persona in READS["a"]
    expected = 200 if allowed else (403 if reached else 404)
    url = reverse("reports:proposal_appraise", kwargs={"pk": proposal.pk})
    assert client.get(url).status_code == expected
    response = client.post(url, {"outcome": "agreed", "notes": ""})
    assert response.status_code == (302 if allowed else expected)
    proposal.refresh_from_db()
    assert proposal.status == (Status.AGREED if allowed else Status.PROPOSED)
    url = reverse("reports:proposal_decide", kwargs={"pk": proposal.pk})
    data = {
        "decision_number": "2968/QĐ-UBND",
        "decision_date": "26/12/2025",
        "decision_signer": "Chủ tịch UBND tỉnh",
    }
    response = client.post(url, data)
    assert response.status_code == (302 if allowed else expected)
    proposal.refresh_from_db()
    assert proposal.status == (Status.CONFERRED if allowed else Status.PROPOSED)


def test_the_appraisal_cycle(world, client_for, proposals):
    proposal = proposals["a"]
    home_affairs = client_for(world.user("home_affairs"))
    appraise = reverse("reports:proposal_appraise", kwargs={"pk": proposal.pk})
    decide = reverse("reports:proposal_decide", kwargs={"pk": proposal.pk})
    # Sent back without a word: refused.
    response = home_affairs.post(appraise, {"outcome": "needs_more", "notes": ""})
    assert response.status_code == 200 and "notes" in response.context["form"].errors
    # A decision waits for an agreed appraisal.
    home_affairs.post(decide, {"decision_number": "1/QĐ-UBND", "decision_date": "01/12/2025"})
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.decision_number == ""
    home_affairs.post(appraise, {"outcome": "needs_more", "notes": "Bổ sung quyết định sáng kiến."})
    proposal.refresh_from_db()
    assert proposal.status == Status.NEEDS_MORE
    assert proposal.appraised_by == world.user("home_affairs")
    # The unit completes it: it goes back to appraisal. Another unit cannot touch it.
    update = reverse("reports:proposal_update", kwargs={"pk": proposal.pk})
    assert client_for(world.user("editor_b")).get(update).status_code == 404
    editor = client_for(world.user("editor_a"))
    response = editor.post(update, form_data(proposal.exemplar, reasons="Đã bổ sung quyết định."))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.reasons == "Đã bổ sung quyết định."
    home_affairs = client_for(world.user("home_affairs"))
    home_affairs.post(appraise, {"outcome": "agreed", "notes": ""})
    # Agreed: the unit no longer changes it.
    assert client_for(world.user("editor_a")).get(update).status_code == 403
    home_affairs = client_for(world.user("home_affairs"))
    response = home_affairs.post(decide, {"decision_number": "", "decision_date": "31/12/2099"})
    form = response.context["form"]
    assert {"decision_number", "decision_date", "decision_signer"} <= set(form.errors)
    data = {
        "decision_number": "2968/QĐ-UBND",
        "decision_date": "26/12/2025",
        "decision_signer": "Chủ tịch UBND tỉnh Ninh Bình",
    }
    assert home_affairs.post(decide, data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.CONFERRED
    assert (proposal.decision_number, str(proposal.decision_date)) == (
        "2968/QĐ-UBND",
        "2025-12-26",
    )
    # Conferred: no more appraisal.
    response = home_affairs.post(appraise, {"outcome": "not_agreed", "notes": "Thử lại"})
    proposal.refresh_from_db()
    assert proposal.status == Status.CONFERRED
    page = home_affairs.get(proposal.get_absolute_url()).content.decode()
    assert "2968/QĐ-UBND" in page


def test_history_shows_who_changed_what(world, client_for, proposals):
    proposal = proposals["a"]
    home_affairs = client_for(world.user("home_affairs"))
    home_affairs.post(
        reverse("reports:proposal_appraise", kwargs={"pk": proposal.pk}),
        {"outcome": "not_agreed", "notes": "Chưa đủ thời gian công tác."},
    )
    response = home_affairs.get(proposal.get_absolute_url())
    history = response.context["history"]
    assert history[0]["entry"].history_user == world.user("home_affairs")
    changes = {str(label): new for label, _old, new in history[0]["changes"]}
    assert changes[str(AwardProposal._meta.get_field("status").verbose_name)] == str(
        Status.NOT_AGREED.label
    )
    assert "Chưa đủ thời gian công tác." in response.content.decode()


def test_export_keeps_to_the_users_reach(world, client_for, proposals):
    url = reverse("reports:proposal_list")
    rows = rows_of(client_for(world.user("editor_a")).get(url, {"export": "xlsx"}))
    assert len(rows) == 2
    assert rows[1][0] == "Đinh Thị Ngọc Lan"
    assert rows[1][3] == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    rows = rows_of(client_for(world.user("home_affairs")).get(url, {"export": "xlsx"}))
    assert len(rows) == 4
    rows = rows_of(client_for(world.user("media")).get(url, {"export": "xlsx"}))
    assert len(rows) == 1


def test_list_filters(world, client_for, proposals):
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:proposal_list")
    AwardProposal.objects.filter(pk=proposals["b"].pk).update(
        status=Status.CONFERRED, decision_number="15/QĐ-UBND"
    )

    def shown(**params):
        return {p.pk for p in client.get(url, params).context["proposals"]}

    assert shown(q="dinh thi ngoc lan") == {proposals["a"].pk}
    assert shown(q="15/QĐ") == {proposals["b"].pk}
    assert shown(status="conferred") == {proposals["b"].pk}
    assert shown(award=PROVINCIAL_MERIT) == {proposals["a"].pk, proposals["household"].pk}
    assert shown(year=2024) == set()


def test_exemplar_awards_for_the_exemplar_page(world, proposals, exemplars):
    exemplar = exemplars["a"]
    mine = exemplar_awards(user=world.user("editor_a"), exemplar=exemplar)
    assert list(mine["award_proposals"]) == [proposals["a"]]
    assert mine["can_propose_award"] and not mine["can_introduce"]
    other = exemplar_awards(user=world.user("editor_b"), exemplar=exemplar)
    assert not other["award_proposals"] and not other["can_propose_award"]
    home_affairs = exemplar_awards(user=world.user("home_affairs"), exemplar=exemplar)
    assert home_affairs["can_propose_award"] and home_affairs["can_introduce"]
    draft = exemplar_awards(user=world.user("editor_a"), exemplar=exemplars["draft"])
    assert not draft["can_propose_award"]
    html = render_to_string(
        "reports/partials/exemplar_awards.html",
        {**mine, "exemplar": exemplar, "user": world.user("editor_a")},
    )
    assert 'id="exemplar-awards"' in html
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    assert f"?exemplar={exemplar.code}" in html


def test_administrators_keep_the_award_forms_in_the_admin(world, client_for):
    url = reverse("admin:reports_awardform_changelist")
    assert client_for(world.user("administrator")).get(url).status_code == 200
    merit = award(PROVINCIAL_MERIT)
    change = reverse("admin:reports_awardform_change", args=[merit.pk])
    assert client_for(world.user("editor_a")).get(change).status_code in (302, 403)
