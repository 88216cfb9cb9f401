"""Writing and reportage contests on exemplars (plan III.1): rounds, entries, judging with
recusals, the ranking, prizes and the published results."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns import judging
from campaigns.judging import Sheet, mean_of_totals, rank_entries
from campaigns.models import (
    Contest,
    ContestCriterion,
    ContestEntry,
    ContestRound,
    Prize,
    Recusal,
    Score,
)
from registry.enums import ExemplarStatus, Role
from registry.models import Exemplar
from tests.factories import UserFactory
from tests.factories.exemplars import ExemplarFactory
from tests.personas import MANAGERS, PERSONAS

pytestmark = pytest.mark.integration

# Who reaches which entry: the authors' unit and the portrayed exemplar's unit (and the district
# over a commune), and those who read every unit.
READS = {
    "dept_a": {"editor_a", "head_a", "home_affairs", "leader", "administrator"},
    "commune_a": {"commune_editor", "district_reviewer", "home_affairs", "leader", "administrator"},
}


@pytest.fixture
def login(db):
    """A client of its own for each user, so that judges and Home Affairs act side by side."""

    def client_of(user):
        client = Client()
        client.force_login(user)
        return client

    return client_of


def accepted(unit, **values):
    exemplar = ExemplarFactory(unit=unit, **values)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


@pytest.fixture
def judges(world):
    """Three judges from outside Home Affairs, so that they see only what a judge sees."""
    return [
        UserFactory(
            username="judge_x", full_name="Giám khảo Xuân", unit=world.press, role=Role.MEDIA
        ),
        UserFactory(username="judge_y", full_name="Giám khảo Yến", unit=world.dept_b),
        UserFactory(username="judge_z", full_name="Giám khảo Zung", unit=world.commune_b),
    ]


@pytest.fixture
def contest(world):
    contest = Contest.objects.create(
        name="Cuộc thi viết về gương điển hình tiên tiến năm 2025",
        kind=Contest.Kind.WRITING,
        year=2025,
        organiser=world.home_affairs_unit,
        opens_on=datetime.date(2025, 4, 1),
        closes_on=datetime.date(2025, 9, 30),
        description="Thể lệ cuộc thi.",
    )
    for order, (name, top) in enumerate(
        [("Nội dung tư tưởng", 40), ("Tính chân thực và sức lan tỏa", 40), ("Hình thức", 20)],
        start=1,
    ):
        ContestCriterion.objects.create(contest=contest, name=name, max_score=top, order=order)
    return contest


def make_entry(contest, title, *, exemplars, author_unit=None, by):
    entry = ContestEntry.objects.create(
        contest=contest,
        title=title,
        kind=ContestEntry.Kind.ARTICLE,
        authors="Phạm Thu Trang",
        author_unit=author_unit,
        received_on=datetime.date(2025, 6, 1),
        recorded_by=by,
    )
    entry.exemplars.set(exemplars)
    return entry


@pytest.fixture
def entries(world, contest):
    """One entry by Sở Y tế's authors about its exemplar; one about Xã Gia Vân's exemplar."""
    home_affairs = world.user("home_affairs")
    return {
        "dept_a": make_entry(
            contest,
            "Người thầy thuốc của những em bé",
            exemplars=[accepted(world.dept_a, full_name="Đinh Thị Ngọc Lan")],
            author_unit=world.dept_a,
            by=home_affairs,
        ),
        "commune_a": make_entry(
            contest,
            "Cánh đồng sen Gia Vân",
            exemplars=[accepted(world.commune_a, full_name="Nguyễn Văn Thịnh")],
            by=home_affairs,
        ),
    }


@pytest.fixture
def final_round(contest, judges, entries):
    contest_round = ContestRound.objects.create(contest=contest, number=1, name="Chung khảo")
    contest_round.judges.set(judges)
    contest_round.entries.set(entries.values())
    return contest_round


def score_url(contest_round, entry):
    return reverse("campaigns:contest_score", kwargs={"pk": contest_round.pk, "entry": entry.pk})


def sheet(contest, *values, prefix="score"):
    """The scoring form's POST data: one value per criterion, in order ("" leaves it empty)."""
    data = {"action": "score"}
    for criterion, value in zip(contest.criteria.all(), values, strict=True):
        data[f"{prefix}-criterion_{criterion.pk}"] = value
    return data


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# The rule, on plain values.
def test_the_ranking_rule_on_three_judges_with_one_recusal_a_tie_and_an_incomplete_sheet():
    criteria = ["content", "truth", "form"]
    given = {
        # entry: {judge: (content, truth, form)}
        "A": {"j1": (30, 30, 15), "j2": (32, 30, 16), "j3": (40, 40, 20)},  # j3 recused
        "B": {"j1": (35, 30, 15), "j2": (34, 30, 15), "j3": (36, 30, 15)},  # 80, 79, 81
        "C": {"j1": (35, 30, 15), "j2": (35, 30, 15), "j3": (35, 30, 15)},  # 80, 80, 80
        "D": {"j1": (30, 28, 14), "j2": (31, 29, 15), "j3": (30, 28, None)},  # j3 incomplete
        "E": {"j1": (20, None, None)},
        "F": {"j1": (34, 34, 16), "j2": (35, 34, 16), "j3": (35, 34, 16)},  # 84, 85, 85
    }
    scores = [
        (entry, judge, criterion, Decimal(value))
        for entry, sheets in given.items()
        for judge, values in sheets.items()
        for criterion, value in zip(criteria, values, strict=True)
        if value is not None
    ]
    standings = rank_entries(
        entries=list("ABCDEF"),
        judges=["j1", "j2", "j3"],
        criteria=criteria,
        scores=scores,
        recusals=[("A", "j3")],
    )
    assert [(s.entry, s.rank, s.score) for s in standings] == [
        ("F", 1, Decimal("84.67")),  # 254 / 3 = 84.666… rounded half up
        ("B", 2, Decimal("80.00")),
        ("C", 2, Decimal("80.00")),  # a tie shares the rank…
        ("A", 4, Decimal("76.50")),  # …and the next rank skips; j3's 100 never counts
        ("D", 5, Decimal("73.50")),  # (72 + 75) / 2: j3's incomplete sheet does not count
        ("E", None, None),  # no complete total: not yet scored, last
    ]
    by_entry = {s.entry: s for s in standings}
    assert by_entry["A"].sheets[2] == Sheet(judge="j3", recused=True)
    assert by_entry["D"].sheets[2] == Sheet(judge="j3", scored=2)
    assert [s.total for s in by_entry["B"].sheets] == [80, 79, 81]
    assert by_entry["D"].counted == 2


def test_the_mean_rounds_half_up_in_decimal():
    assert mean_of_totals([Decimal("80.01"), Decimal("80.00")]) == Decimal("80.01")  # 80.005
    assert mean_of_totals([Decimal("1"), Decimal("2"), Decimal("2")]) == Decimal("1.67")
    assert (
        rank_entries(entries=["A"], judges=["j"], criteria=[], scores=[], recusals=[])[0].score
        is None
    )


# The same, through the judges' pages.
def test_a_contest_judged_by_three_judges_with_one_recusal_gives_the_right_ranking(
    world, login, contest, judges, final_round, entries
):
    third = make_entry(
        contest,
        "Ba mươi năm gieo chữ",
        exemplars=entries["dept_a"].exemplars.all(),
        by=world.user("home_affairs"),
    )
    fourth = make_entry(
        contest,
        "Đêm trắng khoa Hồi sức",
        exemplars=entries["dept_a"].exemplars.all(),
        by=world.user("home_affairs"),
    )
    final_round.entries.add(third, fourth)
    a, b = entries["dept_a"], entries["commune_a"]  # "Người thầy thuốc…", "Cánh đồng sen…"
    x, y, z = judges
    marks = {
        x: {
            a: ("30", "30", "15"),
            b: ("35", "30", "15"),
            third: ("35", "30", "15"),
            fourth: ("20", "", ""),
        },
        y: {a: ("32", "30", "16"), b: ("34", "30", "15"), third: ("35", "30", "15")},
        z: {b: ("36", "30", "15"), third: ("35", "30", "15"), fourth: ("30", "28", "")},
    }
    for judge, sheets in marks.items():
        client = login(judge)
        for entry, values in sheets.items():
            response = client.post(score_url(final_round, entry), sheet(contest, *values))
            assert response.status_code == 302, (
                response.context and response.context["score_form"].errors
            )
    response = login(z).post(
        score_url(final_round, a),
        {"action": "recuse", "recusal-reason": "Tác giả là người thân của tôi."},
    )
    assert response.status_code == 302

    response = login(world.user("home_affairs")).get(
        reverse("campaigns:contest_round", kwargs={"pk": final_round.pk})
    )
    standings = response.context["standings"]
    assert [(s.entry.title, s.rank, s.score) for s in standings] == [
        ("Ba mươi năm gieo chữ", 1, Decimal("80.00")),
        ("Cánh đồng sen Gia Vân", 1, Decimal("80.00")),
        ("Người thầy thuốc của những em bé", 3, Decimal("76.50")),
        ("Đêm trắng khoa Hồi sức", None, None),
    ]
    # Each judge's total, the recusal and the incomplete sheets, as Home Affairs reads them.
    assert [(s.judge.username, s.total, s.recused) for s in standings[2].sheets] == [
        ("judge_x", Decimal("75"), False),
        ("judge_y", Decimal("78"), False),
        ("judge_z", None, True),
    ]
    assert [s.scored for s in standings[3].sheets] == [1, 0, 2]
    page = response.content.decode()
    assert "76,50" in page and "80,00" in page
    assert "Tác giả là người thân của tôi." in page
    assert "chưa chấm điểm" in page


def test_recusal_stops_the_judge_scoring_that_entry(
    world, login, contest, judges, final_round, entries
):
    judge, entry = judges[0], entries["dept_a"]
    client = login(judge)
    client.post(
        score_url(final_round, entry),
        {"action": "recuse", "recusal-reason": "Đồng nghiệp cùng cơ quan."},
    )
    assert Recusal.objects.filter(round=final_round, entry=entry, judge=judge).exists()

    response = client.post(
        score_url(final_round, entry), sheet(contest, "30", "30", "15"), follow=True
    )
    assert not Score.objects.filter(judge=judge).exists()
    assert "Bạn đã từ chối chấm tác phẩm này nên không thể chấm điểm." in messages_of(response)
    page = client.get(score_url(final_round, entry))
    assert page.context["score_form"] is None and page.context["recusal_form"] is None
    assert 'id="recused"' in page.content.decode()
    with pytest.raises(judging.JudgeRecused):
        judging.record_scores(
            contest_round=final_round,
            entry=entry,
            judge=judge,
            values={contest.criteria.first(): Decimal(10)},
        )


def test_recusing_after_scoring_discards_the_scores_only_when_the_judge_says_so(
    world, login, contest, judges, final_round, entries
):
    judge, entry = judges[1], entries["commune_a"]
    client = login(judge)
    client.post(score_url(final_round, entry), sheet(contest, "30", "30", "15"))
    assert Score.objects.filter(judge=judge).count() == 3

    reason = {"action": "recuse", "recusal-reason": "Tác giả là học trò cũ của tôi."}
    response = client.post(score_url(final_round, entry), reason)
    assert response.status_code == 200
    assert "discard_scores" in response.context["recusal_form"].errors
    assert "Tác giả là học trò cũ của tôi." in response.content.decode()
    assert Score.objects.filter(judge=judge).count() == 3
    assert not Recusal.objects.exists()

    response = client.post(
        score_url(final_round, entry), {**reason, "recusal-discard_scores": "on"}, follow=True
    )
    assert (
        "Đã ghi nhận việc bạn từ chối chấm; 3 điểm bạn đã chấm tác phẩm này bị hủy."
        in messages_of(response)
    )
    assert not Score.objects.filter(judge=judge).exists()
    assert Recusal.objects.get().reason == "Tác giả là học trò cũ của tôi."
    # The discarded scores stay in the history, deleted by the judge.
    deleted = Score.history.filter(history_type="-", judge_id=judge.pk)
    assert deleted.count() == 3 and {h.history_user for h in deleted} == {judge}


def test_a_score_above_the_maximum_is_refused_and_the_sheet_keeps_what_was_typed(
    world, login, contest, judges, final_round, entries
):
    client = login(judges[0])
    response = client.post(
        score_url(final_round, entries["dept_a"]), sheet(contest, "45", "31,5", "18")
    )
    assert response.status_code == 200
    form = response.context["score_form"]
    first = contest.criteria.first()
    assert form.errors[f"criterion_{first.pk}"] == ["Điểm cao hơn điểm tối đa 40."]
    page = response.content.decode()
    assert 'value="45"' in page and 'value="31,5"' in page and 'value="18"' in page
    assert not Score.objects.exists()

    # Vietnamese decimals are read; an empty box is simply not scored yet.
    client.post(score_url(final_round, entries["dept_a"]), sheet(contest, "38,5", "31,5", ""))
    assert sorted(Score.objects.values_list("value", flat=True)) == [
        Decimal("31.5"),
        Decimal("38.5"),
    ]
    response = client.post(score_url(final_round, entries["dept_a"]), sheet(contest, "", "", ""))
    assert response.status_code == 200
    assert "Hãy nhập ít nhất một điểm." in response.context["score_form"].non_field_errors()


def test_only_a_judge_of_the_round_scores_it(world, login, contest, judges, final_round, entries):
    other_round = ContestRound.objects.create(contest=contest, number=2, name="Vòng phụ")
    other_judge = UserFactory(username="judge_other", unit=world.dept_b)
    other_round.judges.set([other_judge])
    other_round.entries.set(entries.values())
    entry = entries["dept_a"]
    for user in [other_judge, world.user("home_affairs"), world.user("editor_a")]:
        client = login(user)
        assert client.get(score_url(final_round, entry)).status_code == 403
        assert (
            client.post(score_url(final_round, entry), sheet(contest, "30", "30", "15")).status_code
            == 403
        )
        assert client.get(
            reverse("campaigns:contest_round", kwargs={"pk": final_round.pk})
        ).status_code == (200 if user.role == Role.HOME_AFFAIRS else 403)
    assert not Score.objects.exists()
    # A judge of the round scores only its entries.
    outside = make_entry(
        contest, "Ngoài vòng thi", exemplars=entry.exemplars.all(), by=world.user("home_affairs")
    )
    assert login(judges[0]).get(score_url(final_round, outside)).status_code == 404
    assert login(judges[0]).get(score_url(final_round, entry)).status_code == 200


def test_judges_do_not_see_other_judges_scores_before_publication(
    world, login, contest, judges, final_round, entries
):
    x, y, _z = judges
    login(x).post(score_url(final_round, entries["dept_a"]), sheet(contest, "31", "32", "13"))  # 76
    login(y).post(score_url(final_round, entries["dept_a"]), sheet(contest, "33", "34", "19"))  # 86
    round_page = reverse("campaigns:contest_round", kwargs={"pk": final_round.pk})
    entry_page = reverse("campaigns:contest_entry", kwargs={"pk": entries["dept_a"].pk})

    response = login(x).get(round_page)
    assert "standings" not in response.context and "recusals" not in response.context
    page = response.content.decode()
    assert ">76" in page and ">86" not in page and "81,00" not in page
    assert 'id="round-ranking"' not in page
    assert [(e.title, s.total) for e, s in response.context["my_sheet"]] == [
        ("Cánh đồng sen Gia Vân", None),
        ("Người thầy thuốc của những em bé", Decimal("76")),
    ]
    entry_html = login(x).get(entry_page).content.decode()
    assert ">86" not in entry_html and "81,00" not in entry_html
    score_html = login(x).get(score_url(final_round, entries["dept_a"])).content.decode()
    assert 'value="31"' in score_html and 'value="33"' not in score_html

    judging.publish_results(contest=contest, by=world.user("home_affairs"))
    response = login(x).get(round_page)
    assert response.context["standings"][0].score == Decimal("81.00")


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_and_who_runs_contests(
    world, login, contest, judges, final_round, entries, persona
):
    client = login(world.user(persona))
    manager = persona in MANAGERS
    run = 200 if manager else 403
    assert client.get(reverse("campaigns:contest_list")).status_code == 200
    detail = client.get(reverse("campaigns:contest_detail", kwargs={"pk": contest.pk}))
    assert detail.status_code == 200
    shown = {entry.title for entry in detail.context["entries"]}
    assert shown == {entries[key].title for key, readers in READS.items() if persona in readers}

    for key, entry in entries.items():
        reads = persona in READS[key]
        page = reverse("campaigns:contest_entry", kwargs={"pk": entry.pk})
        edit = reverse("campaigns:contest_entry_update", kwargs={"pk": entry.pk})
        assert client.get(page).status_code == (200 if reads else 404)
        assert client.get(edit).status_code == ((200 if manager else 403) if reads else 404)
        assert client.post(edit, {"title": "Đổi tên"}).status_code == (
            (200 if manager else 403) if reads else 404
        )

    for name, kwargs in [
        ("contest_create", {}),
        ("contest_update", {"pk": contest.pk}),
        ("contest_round_create", {"pk": contest.pk}),
        ("contest_round_update", {"pk": final_round.pk}),
        ("contest_round", {"pk": final_round.pk}),
        ("contest_entry_create", {"pk": contest.pk}),
        ("contest_prizes", {"pk": contest.pk}),
        ("contest_publish", {"pk": contest.pk}),
    ]:
        assert client.get(reverse(f"campaigns:{name}", kwargs=kwargs)).status_code == run, name
    assert client.post(
        reverse("campaigns:contest_publish", kwargs={"pk": contest.pk})
    ).status_code == (302 if manager else 403)
    contest.refresh_from_db()
    assert (contest.results_published_at is not None) is manager
    assert client.get(score_url(final_round, entries["dept_a"])).status_code == 403
    assert client.get(reverse("campaigns:contest_detail", kwargs={"pk": 999999})).status_code == 404


def test_home_affairs_runs_a_contest_from_the_pages(world, login, judges):
    client = login(world.user("home_affairs"))
    form = client.get(reverse("campaigns:contest_create")).context["form"]
    assert form["organiser"].value() == world.home_affairs_unit.pk
    assert form["year"].value() == timezone.localdate().year
    data = {
        "name": "Cuộc thi phóng sự “Điển hình tiên tiến Ninh Bình” năm 2025",
        "kind": "reportage",
        "year": "2025",
        "organiser": world.home_affairs_unit.pk,
        "opens_on": "01/04/2025",
        "closes_on": "30/09/2025",
        "description": "Thể lệ.",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Nội dung",
        "criteria-0-max_score": "60",
        "criteria-1-name": "Hình thức",
        "criteria-1-max_score": "40",
        "criteria-2-name": "",
        "criteria-2-max_score": "",
    }
    response = client.post(reverse("campaigns:contest_create"), data)
    contest = Contest.objects.get(name=data["name"])
    assert response.status_code == 302 and response.url == contest.get_absolute_url()
    assert [(c.name, c.max_score, c.order) for c in contest.criteria.all()] == [
        ("Nội dung", Decimal(60), 1),
        ("Hình thức", Decimal(40), 2),
    ]
    exemplar = accepted(world.dept_a)
    response = client.post(
        reverse("campaigns:contest_entry_create", kwargs={"pk": contest.pk}),
        {
            "title": "Phóng sự: Người giữ rừng",
            "kind": "reportage",
            "authors": "Vũ Hoàng Nam",
            "author_unit": world.press.pk,
            "exemplars": [exemplar.pk],
            "received_on": "15/06/2025",
        },
    )
    entry = ContestEntry.objects.get(title="Phóng sự: Người giữ rừng")
    assert response.url == entry.get_absolute_url()
    assert entry.recorded_by == world.user("home_affairs") and list(entry.exemplars.all()) == [
        exemplar
    ]
    response = client.post(
        reverse("campaigns:contest_round_create", kwargs={"pk": contest.pk}),
        {
            "number": "1",
            "name": "Chung khảo",
            "judges": [j.pk for j in judges],
            "entries": [entry.pk],
        },
    )
    contest_round = contest.rounds.get()
    assert response.url == contest_round.get_absolute_url()
    assert set(contest_round.judges.all()) == set(judges)
    # The round's number is the contest's own; the next one is offered.
    next_round = client.get(reverse("campaigns:contest_round_create", kwargs={"pk": contest.pk}))
    assert next_round.context["form"]["number"].value() == 2
    response = client.post(
        reverse("campaigns:contest_round_create", kwargs={"pk": contest.pk}),
        {"number": "1", "name": "Trùng", "judges": [judges[0].pk]},
    )
    assert "Cuộc thi đã có vòng 1." in response.context["form"].errors["number"]


def test_bad_input_keeps_what_was_typed(world, login, contest, judges, final_round, entries):
    client = login(world.user("home_affairs"))
    response = client.post(
        reverse("campaigns:contest_create"),
        {
            "name": "Cuộc thi giữ lại tên",
            "kind": "writing",
            "year": "2025",
            "organiser": world.home_affairs_unit.pk,
            "opens_on": "30/09/2025",
            "closes_on": "01/04/2025",
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-name": "",
            "criteria-0-max_score": "",
        },
    )
    assert response.status_code == 200
    assert "closes_on" in response.context["form"].errors
    assert "Cuộc thi giữ lại tên" in response.content.decode()
    assert not Contest.objects.filter(name="Cuộc thi giữ lại tên").exists()

    # Criteria already scored cannot be removed, nor their maximum lowered below a given score.
    login(judges[0]).post(
        score_url(final_round, entries["dept_a"]), sheet(contest, "35", "30", "15")
    )
    criteria = list(contest.criteria.all())
    data = {
        "name": contest.name,
        "kind": contest.kind,
        "year": "2025",
        "organiser": contest.organiser_id,
        "opens_on": "01/04/2025",
        "closes_on": "30/09/2025",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "3",
    }
    for index, criterion in enumerate(criteria):
        data[f"criteria-{index}-id"] = criterion.pk
        data[f"criteria-{index}-contest"] = contest.pk
        data[f"criteria-{index}-name"] = criterion.name
        data[f"criteria-{index}-max_score"] = "40" if index < 2 else "20"
    update = reverse("campaigns:contest_update", kwargs={"pk": contest.pk})
    response = client.post(
        update, {**data, "criteria-0-max_score": "30", "criteria-2-DELETE": "on"}
    )
    assert response.status_code == 200
    formset = response.context["criteria"]
    assert formset.forms[0].errors["max_score"] == [
        "Giám khảo đã chấm 35 điểm cho tiêu chí này; điểm tối đa không thể thấp hơn."
    ]
    assert "Giám khảo đã chấm tiêu chí này; không thể bỏ." in formset.forms[2].non_field_errors()
    assert contest.criteria.count() == 3 and contest.criteria.first().max_score == 40

    # An entry portrays accepted exemplars only, received while the contest took entries.
    draft = ExemplarFactory(unit=world.dept_a)
    response = client.post(
        reverse("campaigns:contest_entry_create", kwargs={"pk": contest.pk}),
        {
            "title": "Bài viết giữ lại",
            "kind": "article",
            "authors": "Lê Minh Đức",
            "exemplars": [draft.pk],
            "received_on": "15/10/2025",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "exemplars" in errors
    assert errors["received_on"] == ["Cuộc thi nhận tác phẩm từ 01/04/2025 đến 30/09/2025."]
    assert "Bài viết giữ lại" in response.content.decode()

    # A judge who scored stays on the panel.
    response = client.post(
        reverse("campaigns:contest_round_update", kwargs={"pk": final_round.pk}),
        {
            "number": "1",
            "name": "Chung khảo",
            "judges": [judges[1].pk, judges[2].pk],
            "entries": [e.pk for e in entries.values()],
        },
    )
    assert response.status_code == 200
    assert "judges" in response.context["form"].errors
    assert final_round.judges.count() == 3


def test_prizes_and_publication_freeze_the_judging(
    world, login, contest, judges, final_round, entries
):
    home_affairs = login(world.user("home_affairs"))
    a, b = entries["dept_a"], entries["commune_a"]
    for judge in judges:
        login(judge).post(score_url(final_round, a), sheet(contest, "35", "35", "18"))
    prizes = reverse("campaigns:contest_prizes", kwargs={"pk": contest.pk})
    response = home_affairs.post(prizes, {f"level_{a.pk}": "", f"amount_{a.pk}": "1000"})
    assert response.status_code == 200
    assert f"amount_{a.pk}" in response.context["form"].errors
    response = home_affairs.post(
        prizes,
        {f"level_{a.pk}": "first", f"amount_{a.pk}": "10.000.000", f"level_{b.pk}": "consolation"},
    )
    assert response.status_code == 302
    assert {(p.entry, p.level, p.amount) for p in Prize.objects.all()} == {
        (a, "first", Decimal(10_000_000)),
        (b, "consolation", None),
    }
    # Before publication, only those who run the contest see the prizes.
    detail = reverse("campaigns:contest_detail", kwargs={"pk": contest.pk})
    assert "Giải Nhất" not in login(world.user("editor_a")).get(detail).content.decode()
    assert "Giải Nhất" in home_affairs.get(detail).content.decode()

    publish = reverse("campaigns:contest_publish", kwargs={"pk": contest.pk})
    assert "Người thầy thuốc của những em bé" in home_affairs.get(publish).content.decode()
    home_affairs.post(publish)
    contest.refresh_from_db()
    assert contest.results_published_at is not None
    assert contest.history.first().history_user == world.user("home_affairs")

    # Frozen: no score, recusal, round or prize change.
    response = login(judges[0]).post(
        score_url(final_round, a), sheet(contest, "10", "10", "10"), follow=True
    )
    assert "Kết quả đã công bố; việc chấm thi không thể thay đổi." in messages_of(response)
    assert set(Score.objects.values_list("value", flat=True)) == {35, 18}
    login(judges[0]).post(score_url(final_round, b), {"action": "recuse", "recusal-reason": "x"})
    assert not Recusal.objects.exists()
    for name, kwargs in [
        ("contest_prizes", {"pk": contest.pk}),
        ("contest_round_update", {"pk": final_round.pk}),
        ("contest_round_create", {"pk": contest.pk}),
        ("contest_entry_create", {"pk": contest.pk}),
        ("contest_publish", {"pk": contest.pk}),
    ]:
        response = home_affairs.get(reverse(f"campaigns:{name}", kwargs=kwargs))
        assert response.status_code == 302 and response.url == contest.get_absolute_url(), name
    with pytest.raises(judging.ResultsPublished):
        judging.award_prizes(contest=contest, awards={a: None}, by=world.user("home_affairs"))

    # The published ranking and prizes, for those who reach the entries.
    response = login(world.user("editor_a")).get(detail)
    assert [(s.entry.title, s.rank, s.score) for s in response.context["results"]] == [
        ("Người thầy thuốc của những em bé", 1, Decimal("88.00"))
    ]
    page = response.content.decode()
    assert "Giải Nhất" in page and "10.000.000" in page and "Cánh đồng sen Gia Vân" not in page
    response = home_affairs.get(detail)
    assert [(s.rank, s.score) for s in response.context["results"]] == [
        (1, Decimal("88.00")),
        (None, None),
    ]
    entry_page = login(world.user("editor_a")).get(
        reverse("campaigns:contest_entry", kwargs={"pk": a.pk})
    )
    assert entry_page.context["result"].rank == 1
    assert "Giải Nhất" in entry_page.content.decode()


def test_the_judges_sheet_invites_to_score_then_to_review(
    world, login, contest, judges, final_round, entries
):
    judge = login(judges[0])
    judge.post(score_url(final_round, entries["dept_a"]), sheet(contest, "30", "30", "15"))
    page = judge.get(reverse("campaigns:contest_round", kwargs={"pk": final_round.pk}))
    table = page.content.decode().split('id="my-sheet"', 1)[1].split("</table>", 1)[0]
    rows = {
        entry.title: row
        for entry in entries.values()
        for row in table.split("<tr>")
        if entry.title in row
    }
    # A verb on the button, not the column's noun "Điểm".
    assert ">Chấm điểm</a>" in rows["Cánh đồng sen Gia Vân"]
    assert ">Xem lại điểm</a>" in rows["Người thầy thuốc của những em bé"]


def test_the_prizes_page_lists_entries_in_the_order_of_the_ranking(
    world, login, contest, judges, final_round, entries
):
    late = make_entry(
        contest,
        "Áo blouse trắng",
        exemplars=[],
        author_unit=world.dept_a,
        by=world.user("home_affairs"),
    )  # in no round: after the others
    for judge in judges:  # "Người thầy thuốc…" 80 > "Cánh đồng sen…" 60: against the titles
        login(judge).post(
            score_url(final_round, entries["dept_a"]), sheet(contest, "35", "30", "15")
        )
        login(judge).post(
            score_url(final_round, entries["commune_a"]), sheet(contest, "25", "25", "10")
        )
    response = login(world.user("home_affairs")).get(
        reverse("campaigns:contest_prizes", kwargs={"pk": contest.pk})
    )
    assert [
        (entry.title, standing.rank if standing else None)
        for entry, _level, _amount, standing in response.context["rows"]
    ] == [
        ("Người thầy thuốc của những em bé", 1),
        ("Cánh đồng sen Gia Vân", 2),
        (late.title, None),
    ]


def test_the_published_results_read_well_on_a_phone(
    world, login, contest, judges, final_round, entries
):
    entry = entries["dept_a"]
    for judge in judges:
        login(judge).post(score_url(final_round, entry), sheet(contest, "35", "35", "18"))
    judging.award_prizes(
        contest=contest,
        awards={entry: (Prize.Level.FIRST, Decimal(10_000_000))},
        by=world.user("home_affairs"),
    )
    judging.publish_results(contest=contest, by=world.user("home_affairs"))
    page = login(world.user("editor_a")).get(contest.get_absolute_url()).content.decode()
    results = page.split('id="contest-results"', 1)[1].split("</table>", 1)[0]
    # The authors go under the title on a narrow screen, and an amount stays on one line.
    assert '<span class="d-md-none small text-body-secondary"><br>Phạm Thu Trang</span>' in results
    assert '<td class="d-none d-md-table-cell">Phạm Thu Trang</td>' in results
    assert '<span class="small text-nowrap">10.000.000 đ</span>' in results


def test_the_entry_form_labels_start_with_a_capital(world, login, contest):
    page = login(world.user("home_affairs")).get(
        reverse("campaigns:contest_entry_create", kwargs={"pk": contest.pk})
    )
    labels = [str(page.context["form"][name].label) for name in page.context["form"].fields]
    assert "Đường dẫn" in labels
    assert all(label[0].isupper() for label in labels), labels


def test_lists_filter_search_and_export_within_reach(world, login, contest, entries):
    other = Contest.objects.create(
        name="Cuộc thi ảnh về người tốt việc tốt năm 2024",
        kind=Contest.Kind.REPORTAGE,
        year=2024,
        organiser=world.dept_b,
        opens_on=datetime.date(2024, 3, 1),
        closes_on=datetime.date(2024, 8, 31),
    )
    client = login(world.user("editor_a"))
    url = reverse("campaigns:contest_list")
    assert [c.pk for c in client.get(url, {"q": "guong dien hinh"}).context["contests"]] == [
        contest.pk
    ]
    assert [c.pk for c in client.get(url, {"kind": "reportage"}).context["contests"]] == [other.pk]
    assert [c.pk for c in client.get(url, {"year": "2025"}).context["contests"]] == [contest.pk]
    assert [c.pk for c in client.get(url, {"organiser": "37-SGDDT"}).context["contests"]] == [
        other.pk
    ]

    def rows(response):
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet_ = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return [list(row) for row in sheet_.iter_rows(values_only=True)]

    exported = rows(client.get(url, {"export": "xlsx", "year": "2025"}))
    assert exported[0][0] == "Tên" and len(exported) == 2
    assert exported[1][0] == contest.name and exported[1][7] == 1  # one entry within reach

    entry_list = reverse("campaigns:contest_entry_list")
    assert [e.pk for e in client.get(entry_list).context["entries"]] == [entries["dept_a"].pk]
    assert [r[0] for r in rows(client.get(entry_list, {"export": "xlsx"}))[1:]] == [
        entries["dept_a"].title
    ]
    home_affairs = login(world.user("home_affairs"))
    assert {r[0] for r in rows(home_affairs.get(entry_list, {"export": "xlsx"}))[1:]} == {
        e.title for e in entries.values()
    }
    assert [e.pk for e in home_affairs.get(entry_list, {"q": "canh dong"}).context["entries"]] == [
        entries["commune_a"].pk
    ]
    assert rows(login(world.user("media")).get(entry_list, {"export": "xlsx"}))[1:] == []


def test_changes_are_kept_in_the_history(world, login, contest, entries):
    entry = entries["dept_a"]
    client = login(world.user("home_affairs"))
    response = client.post(
        reverse("campaigns:contest_entry_update", kwargs={"pk": entry.pk}),
        {
            "title": "Người thầy thuốc của những em bé khoa Nhi",
            "kind": "reportage",
            "authors": entry.authors,
            "author_unit": world.dept_a.pk,
            "exemplars": [e.pk for e in entry.exemplars.all()],
            "received_on": "01/06/2025",
        },
    )
    assert response.status_code == 302
    page = login(world.user("editor_a")).get(
        reverse("campaigns:contest_entry", kwargs={"pk": entry.pk})
    )
    history = page.context["history"]
    assert history[0]["entry"].history_user == world.user("home_affairs")
    changes = {str(label): (old, new) for label, old, new in history[0]["changes"]}
    assert changes["tiêu đề"] == (
        "Người thầy thuốc của những em bé",
        "Người thầy thuốc của những em bé khoa Nhi",
    )
    assert "Phóng sự" in page.content.decode()


def test_the_exemplar_page_lists_its_contest_entries(world, login, entries):
    entry = entries["dept_a"]
    exemplar = entry.exemplars.get()
    page = (
        login(world.user("editor_a"))
        .get(reverse("registry:exemplar_detail", kwargs={"code": exemplar.code}))
        .content.decode()
    )
    section = page.split('id="exemplar-contest-entries"', 1)[1].split("</ul>", 1)[0]
    assert entry.get_absolute_url() in section and entry.title in section
