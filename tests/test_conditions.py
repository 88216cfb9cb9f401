"""The award conditions judged against hand-built histories (``reports.conditions``): a title
in consecutive years broken by one year (not met) or with a year simply missing (needs
review), records from before the portal, the old law's titles counting for the new law's
conditions, ratings, initiatives counted once, the verdict of groups and awards, and a double
award refused."""

import pytest

from registry.enums import ExemplarStatus
from registry.models import Exemplar
from reports import conditions
from reports.conditions import MET, NOT_MET, REVIEW, Evaluation, Law, Rule, SubjectHistory
from reports.models import (
    AwardCondition,
    AwardForm,
    AwardProposal,
    Initiative,
    PriorAward,
    TaskRating,
    Verdict,
)
from tests.factories.exemplars import ExemplarFactory
from tests.factories.registry import someone

pytestmark = pytest.mark.django_db

Status = AwardProposal.Status
GRASSROOTS_FIGHTER = "chien-si-thi-dua-co-so"
PROVINCIAL_FIGHTER = "chien-si-thi-dua-cap-tinh"
NATIONAL_FIGHTER = "chien-si-thi-dua-toan-quoc"
ADVANCED_WORKER = "lao-dong-tien-tien"
PROVINCIAL_MERIT = "bang-khen-chu-tich-ubnd-tinh"
OLD = "-2003"


def award(code):
    return AwardForm.objects.get(code=code)


def subject(unit, name="Trần Thị Thu Hà", year=2025):
    exemplar = ExemplarFactory(unit=unit, full_name=name, year=year)
    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    exemplar.refresh_from_db()
    return exemplar


def held(exemplar, code, year, number=None):
    return PriorAward.objects.create(
        exemplar=exemplar,
        award=award(code),
        year=year,
        document_number=number or f"{year - 2000}/QĐ-SYT",
        document_issuer="Giám đốc Sở Y tế",
        recorded_by=someone(),
    )


def rated(exemplar, year, rating):
    return TaskRating.objects.create(
        exemplar=exemplar, year=year, rating=rating, recorded_by=someone()
    )


def initiative(exemplar, title, year, level="grassroots"):
    return Initiative.objects.create(
        exemplar=exemplar, title=title, year=year, level=level, recorded_by=someone()
    )


def proposed(exemplar, code, year, status=Status.PROPOSED, **extra):
    return AwardProposal.objects.create(
        exemplar=exemplar,
        award=award(code),
        year=year,
        proposing_unit=exemplar.unit,
        reasons="Thành tích xuất sắc.",
        status=status,
        created_by=someone(),
        **extra,
    )


def judged(exemplar, code, year):
    return conditions.evaluate(exemplar=exemplar, award=award(code), year=year)


def condition(evaluation, group, kind):
    found = [c for g in evaluation.groups if g.number == group for c in g.conditions]
    return next(c for c in found if c.kind == kind)


def test_the_old_laws_forms_continue_as_the_new_ones(db):
    for code in (GRASSROOTS_FIGHTER, PROVINCIAL_FIGHTER, ADVANCED_WORKER, PROVINCIAL_MERIT):
        assert award(code + OLD).continues_as == award(code)
    assert award(GRASSROOTS_FIGHTER).continues_as is None
    law = Law.load()
    assert law.same(award(GRASSROOTS_FIGHTER).pk) == {
        award(GRASSROOTS_FIGHTER).pk,
        award(GRASSROOTS_FIGHTER + OLD).pk,
    }
    # The grassroots fighter's line: an advanced worker (or soldier) below it.
    below = {law.names[pk] for pk in law.below[award(GRASSROOTS_FIGHTER).pk]}
    assert below == {"Lao động tiên tiến", "Chiến sĩ tiên tiến"}
    assert law.years_of[award(PROVINCIAL_FIGHTER).pk] == 3


def test_three_consecutive_years_of_records_from_before_the_portal_meet_it(world):
    ha = subject(world.dept_a)
    for year in (2023, 2024, 2025):
        held(ha, GRASSROOTS_FIGHTER + OLD if year == 2023 else GRASSROOTS_FIGHTER, year)
    initiative(ha, "Quy trình theo dõi người bệnh suy tim tại nhà", 2025, "province")
    evaluation = judged(ha, PROVINCIAL_FIGHTER, 2025)
    titles = condition(evaluation, 1, "consecutive_title")
    assert titles.verdict == MET
    # The title held under the 2003 law in 2023 counts for the 2022 law's condition.
    assert {e.year for e in titles.evidence} == {2023, 2024, 2025}
    assert "2023, 2024, 2025" in titles.explanation
    assert condition(evaluation, 2, "initiatives").verdict == MET
    assert evaluation.verdict == MET
    assert titles.source.startswith("Điều 22 khoản 1, Luật Thi đua, khen thưởng")


def test_a_year_broken_by_a_lower_title_is_not_met_but_a_missing_year_needs_review(world):
    broken = subject(world.dept_a, "Phạm Văn Hùng")
    held(broken, GRASSROOTS_FIGHTER, 2025)
    held(broken, ADVANCED_WORKER, 2024)  # only an advanced worker that year
    held(broken, GRASSROOTS_FIGHTER + OLD, 2023)
    missing = subject(world.dept_a, "Lê Thị Mai")
    held(missing, GRASSROOTS_FIGHTER + OLD, 2023)
    held(missing, GRASSROOTS_FIGHTER, 2025)  # nothing recorded for 2024

    not_met = judged(broken, PROVINCIAL_FIGHTER, 2025)
    titles = condition(not_met, 1, "consecutive_title")
    assert titles.verdict == NOT_MET
    assert "2024" in titles.explanation and "Lao động tiên tiến" in titles.explanation
    assert any(e.kind == "prior_award" and e.year == 2024 for e in titles.evidence)
    assert not_met.verdict == NOT_MET
    assert not_met.failing() and all(g.verdict == NOT_MET for g in not_met.groups[:1])

    review = judged(missing, PROVINCIAL_FIGHTER, 2025)
    titles = condition(review, 1, "consecutive_title")
    assert titles.verdict == REVIEW
    assert "2024" in titles.explanation
    assert review.verdict == REVIEW


def test_a_proposal_not_agreed_disproves_its_year_one_still_open_needs_review(world):
    refused = subject(world.dept_a, "Vũ Văn Nam")
    held(refused, GRASSROOTS_FIGHTER, 2024)
    proposed(refused, GRASSROOTS_FIGHTER, 2025, status=Status.NOT_AGREED)
    titles = condition(judged(refused, PROVINCIAL_MERIT, 2025), 1, "consecutive_title")
    assert titles.verdict == NOT_MET and "2025" in titles.explanation

    waiting = subject(world.dept_a, "Đỗ Thị Lan")
    held(waiting, GRASSROOTS_FIGHTER, 2024)
    proposed(waiting, GRASSROOTS_FIGHTER, 2025)
    titles = condition(judged(waiting, PROVINCIAL_MERIT, 2025), 1, "consecutive_title")
    assert titles.verdict == REVIEW
    assert "2025" in titles.explanation and titles.evidence[-1].kind == "proposal"


def test_the_proposals_own_year_counts_among_the_consecutive_years(world):
    """Art. 74(1)(d), "02 lần liên tục": the certificate of merit proposed for 2025 asks for
    the grassroots fighter titles of 2024 and 2025."""
    lan = subject(world.dept_a, "Đinh Thị Ngọc Lan")
    held(lan, GRASSROOTS_FIGHTER, 2024)
    proposed(lan, GRASSROOTS_FIGHTER, 2025, status=Status.CONFERRED, decision_number="9/QĐ")
    evaluation = judged(lan, PROVINCIAL_MERIT, 2025)
    assert [g.verdict for g in evaluation.groups] == [MET, MET]
    assert evaluation.verdict == MET
    # A year earlier the window is 2023-2024, and 2023 is not recorded.
    assert judged(lan, PROVINCIAL_MERIT, 2024).verdict == REVIEW


def test_an_alternative_a_person_judges_keeps_a_group_from_not_met(world):
    """Points a-c of Art. 74(1) are judged by a person: a group that holds one needs
    review rather than "not met" where every other alternative fails."""
    hung = subject(world.dept_a, "Phạm Văn Hùng")
    held(hung, ADVANCED_WORKER, 2024)
    rated(hung, 2024, "good")
    evaluation = judged(hung, PROVINCIAL_MERIT, 2025)
    first = evaluation.groups[0]
    verdicts = {c.kind: c.verdict for c in first.conditions}
    assert verdicts == {"consecutive_title": NOT_MET, "task_rating": NOT_MET, "text_only": REVIEW}
    assert first.verdict == REVIEW and evaluation.verdict == REVIEW
    text = condition(evaluation, 1, "text_only")
    assert "điểm a, b hoặc c" in text.text and text.source


def test_task_ratings_lower_is_not_met_missing_needs_review(world):
    mai = subject(world.dept_a, "Lê Thị Mai")
    rated(mai, 2024, "excellent")
    rated(mai, 2025, "excellent")
    assert condition(judged(mai, PROVINCIAL_MERIT, 2025), 1, "task_rating").verdict == MET
    nam = subject(world.dept_a, "Vũ Văn Nam")
    rated(nam, 2024, "good")
    rated(nam, 2025, "excellent")
    rating = condition(judged(nam, PROVINCIAL_MERIT, 2025), 1, "task_rating")
    assert rating.verdict == NOT_MET and "2024" in rating.explanation
    lan = subject(world.dept_a, "Đỗ Thị Lan")
    rated(lan, 2025, "excellent")
    rating = condition(judged(lan, PROVINCIAL_MERIT, 2025), 1, "task_rating")
    assert rating.verdict == REVIEW and "2024" in rating.explanation
    # Good or better suffices for an advanced worker; completing tasks does not.
    rated(lan, 2023, "completed")
    assert condition(judged(lan, ADVANCED_WORKER, 2025), 1, "task_rating").verdict == MET
    assert condition(judged(lan, ADVANCED_WORKER, 2023), 1, "task_rating").verdict == NOT_MET


def test_an_initiative_counted_for_one_award_is_not_counted_again(world):
    ha = subject(world.dept_a)
    used = initiative(ha, "Bảng kiểm chăm sóc người bệnh suy tim", 2024)
    initiative(ha, "Phần mềm nhắc lịch tái khám", 2025)
    grassroots = proposed(ha, GRASSROOTS_FIGHTER, 2024, status=Status.CONFERRED)
    Initiative.objects.filter(pk=used.pk).update(used_for=grassroots)
    # Art. 74(1)(d): two grassroots initiatives in the two years; one is used already.
    found = condition(judged(ha, PROVINCIAL_MERIT, 2025), 2, "initiatives")
    assert found.verdict == NOT_MET
    assert "Bảng kiểm chăm sóc người bệnh suy tim" in found.explanation
    assert "Chiến sĩ thi đua cơ sở (2024)" in found.explanation
    assert any("Chiến sĩ thi đua cơ sở (2024)" in e.label for e in found.evidence)
    # The proposal it was counted for still counts it as its own.
    own = AwardProposal(pk=grassroots.pk, exemplar=ha, award=award(GRASSROOTS_FIGHTER), year=2024)
    assert condition(conditions.evaluate(own), 2, "initiatives").verdict == MET
    # A third initiative makes two free ones: met, and those two are the ones counted.
    third = initiative(ha, "Sổ tay điều dưỡng điện tử", 2024)
    found = condition(judged(ha, PROVINCIAL_MERIT, 2025), 2, "initiatives")
    assert found.verdict == MET and used.pk not in found.counted and third.pk in found.counted


def test_an_initiative_used_before_the_portal_is_not_counted(world):
    ha = subject(world.dept_a)
    prior = held(ha, GRASSROOTS_FIGHTER, 2025)
    Initiative.objects.create(
        exemplar=ha,
        title="Quy trình bàn giao người bệnh",
        year=2025,
        level="province",
        used_for_prior=prior,
        recorded_by=someone(),
    )
    found = condition(judged(ha, PROVINCIAL_FIGHTER, 2025), 2, "initiatives")
    assert found.verdict == NOT_MET and "Chiến sĩ thi đua cơ sở (2025)" in found.explanation


def test_too_few_initiatives_or_a_lower_level_needs_review(world):
    ha = subject(world.dept_a)
    initiative(ha, "Sáng kiến cấp cơ sở", 2025)  # the province's level is asked
    found = condition(judged(ha, PROVINCIAL_FIGHTER, 2025), 2, "initiatives")
    assert found.verdict == REVIEW and not found.evidence
    initiative(ha, "Sáng kiến cấp toàn quốc", 2021, "national")  # before the three years
    assert condition(judged(ha, PROVINCIAL_FIGHTER, 2025), 2, "initiatives").verdict == REVIEW
    initiative(ha, "Sáng kiến cấp toàn quốc", 2023, "national")  # a higher level counts
    assert condition(judged(ha, PROVINCIAL_FIGHTER, 2025), 2, "initiatives").verdict == MET


def test_a_2023_achievement_is_judged_under_the_old_laws_form(world):
    ha = subject(world.dept_a, year=2023)
    for year in (2021, 2022, 2023):
        held(ha, GRASSROOTS_FIGHTER + OLD, year)
    evaluation = judged(ha, PROVINCIAL_FIGHTER + OLD, 2023)
    assert evaluation.verdict == MET
    (titles,) = evaluation.groups[0].conditions
    assert "Nghị định" in titles.source and "Điều 9 khoản 2" in titles.source
    # An advanced worker only, in 2023, breaks the old law's three years too.
    bui = subject(world.dept_a, "Bùi Văn Toàn", year=2023)
    held(bui, GRASSROOTS_FIGHTER + OLD, 2021)
    held(bui, GRASSROOTS_FIGHTER + OLD, 2022)
    held(bui, ADVANCED_WORKER + OLD, 2023)
    assert judged(bui, PROVINCIAL_FIGHTER + OLD, 2023).verdict == NOT_MET


def test_a_title_earned_over_years_is_counted_by_times_and_never_disproved(world):
    """The national fighter: provincial fighter twice in a row (each over three years)."""
    ha = subject(world.dept_a)
    held(ha, PROVINCIAL_FIGHTER + OLD, 2022)
    held(ha, GRASSROOTS_FIGHTER, 2024)  # lower titles do not disprove a title of years
    titles = condition(judged(ha, NATIONAL_FIGHTER, 2025), 1, "consecutive_title")
    assert titles.verdict == REVIEW and "2020–2025" in titles.explanation
    held(ha, PROVINCIAL_FIGHTER, 2025)
    titles = condition(judged(ha, NATIONAL_FIGHTER, 2025), 1, "consecutive_title")
    assert titles.verdict == MET and {e.year for e in titles.evidence} == {2022, 2025}


def test_an_award_without_conditions_as_data_needs_review(world):
    ha = subject(world.dept_a)
    evaluation = judged(ha, "huan-chuong-lao-dong-hang-ba", 2025)
    assert evaluation.verdict == REVIEW and not evaluation.groups
    assert evaluation.explanation


def test_holding_an_award_and_the_verdicts_of_groups_and_awards():
    history = SubjectHistory(
        awards=[conditions.Held("prior_award", 1, award=7, year=2020, status="conferred", label="")]
    )
    law = Law(roots={7: 7, 8: 7})
    rule = Rule(group=1, kind="holds_award", text="Đã được tặng", title=8)
    assert conditions.judge_one(rule, history, law, year=2025).verdict == MET
    assert conditions.judge_one(rule, history, law, year=2019).verdict == REVIEW
    combine = conditions.combine
    assert combine([NOT_MET, MET], any_suffices=True) == MET
    assert combine([NOT_MET, NOT_MET], any_suffices=True) == NOT_MET
    assert combine([NOT_MET, REVIEW], any_suffices=True) == REVIEW
    assert combine([MET, REVIEW], any_suffices=False) == REVIEW
    assert combine([MET, NOT_MET, REVIEW], any_suffices=False) == NOT_MET
    assert combine([MET, MET], any_suffices=False) == MET


def test_an_evaluation_is_kept_as_plain_data_and_read_back(world):
    ha = subject(world.dept_a)
    held(ha, GRASSROOTS_FIGHTER, 2024)
    evaluation = judged(ha, PROVINCIAL_MERIT, 2025)
    import json

    data = json.loads(json.dumps(evaluation.as_data()))
    again = Evaluation.from_data(data)
    assert again == evaluation
    assert (
        again.groups[0].conditions[0].evidence[0].label
        == evaluation.groups[0].conditions[0].evidence[0].label
    )


def test_initiatives_are_marked_only_where_a_group_needs_them(world):
    ha = subject(world.dept_a)
    rule = AwardCondition.objects.filter(award=award(PROVINCIAL_MERIT), group=2, kind="initiatives")
    assert rule.get().not_used_before
    first = initiative(ha, "Sáng kiến một", 2024)
    second = initiative(ha, "Sáng kiến hai", 2025)
    rated(ha, 2024, "excellent")
    rated(ha, 2025, "excellent")
    # Group 1 by the ratings, group 2 only by the initiatives: both are used up.
    assert set(judged(ha, PROVINCIAL_MERIT, 2025).initiatives_to_mark()) == {first.pk, second.pk}
    # With the grassroots fighter twice, group 2 needs no initiative.
    held(ha, GRASSROOTS_FIGHTER, 2024)
    held(ha, GRASSROOTS_FIGHTER, 2025)
    assert judged(ha, PROVINCIAL_MERIT, 2025).initiatives_to_mark() == []


def test_a_double_award_is_refused_over_the_subjects_years_and_the_laws(world):
    row_2024 = subject(world.dept_a, year=2024)
    row_2025 = subject(world.dept_a)
    assert row_2024.subject_key == row_2025.subject_key
    proposed(row_2024, PROVINCIAL_MERIT, 2025)
    refusal = conditions.double_award(exemplar=row_2025, award=award(PROVINCIAL_MERIT), year=2025)
    assert "Trần Thị Thu Hà" in refusal and "2025" in refusal
    assert not conditions.double_award(exemplar=row_2025, award=award(PROVINCIAL_MERIT), year=2024)
    # Held from before the portal under the old law: the new law's form is the same award.
    held(row_2024, GRASSROOTS_FIGHTER + OLD, 2023, number="125/QĐ-SYT")
    refusal = conditions.double_award(exemplar=row_2025, award=award(GRASSROOTS_FIGHTER), year=2023)
    assert "125/QĐ-SYT" in refusal
    # Another person of the same unit is another subject.
    other = subject(world.dept_a, "Nguyễn Văn Khánh")
    assert not conditions.double_award(exemplar=other, award=award(PROVINCIAL_MERIT), year=2025)


# On the proposal: held, allowed despite the conditions, conferred ----------------------------


def form_data(exemplar, code, year=2025, **overrides):
    return {
        "exemplar": exemplar.pk,
        "award": award(code).pk,
        "year": year,
        "track": "regular",
        "reasons": "Ba năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.",
        **overrides,
    }


def broken_history(unit):
    """A grassroots fighter in 2023 (old law) and 2025, only an advanced worker in 2024."""
    hung = subject(unit, "Phạm Văn Hùng")
    held(hung, GRASSROOTS_FIGHTER + OLD, 2023)
    worker = held(hung, ADVANCED_WORKER, 2024)
    held(hung, GRASSROOTS_FIGHTER, 2025)
    return hung, worker


def test_a_proposal_not_met_is_held_and_only_home_affairs_allows_it_with_a_reason(
    world, client_for
):
    from django.urls import reverse

    hung, _worker = broken_history(world.dept_a)
    editor = client_for(world.user("editor_a"))
    response = editor.post(
        reverse("reports:proposal_create"), form_data(hung, PROVINCIAL_FIGHTER), follow=True
    )
    proposal = AwardProposal.objects.get(exemplar=hung)
    assert (proposal.status, proposal.conditions) == (Status.HELD, NOT_MET)
    page = response.content.decode()
    assert str(Status.HELD.label) in page and "Lao động tiên tiến" in page
    assert reverse("reports:proposal_override", args=[proposal.pk]) not in page
    (check,) = proposal.condition_checks.all()
    assert (check.occasion, check.verdict, check.checked_by) == (
        "sent",
        NOT_MET,
        world.user("editor_a"),
    )
    # Held, it waits for no appraisal: Home Affairs' appraisal page sends it back.
    override = reverse("reports:proposal_override", args=[proposal.pk])
    assert editor.post(override, {"reason": "Đơn vị xin trình"}).status_code == 403
    assert client_for(world.user("editor_b")).get(override).status_code == 404
    home_affairs = client_for(world.user("home_affairs"))
    assert override in home_affairs.get(proposal.get_absolute_url()).content.decode()
    response = home_affairs.post(override, {"reason": "  "})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.status == Status.HELD
    reason = "Năm 2024 đồng chí được cử đi học tập trung 8 tháng; Hội đồng thống nhất cho trình."
    assert home_affairs.post(override, {"reason": reason}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    assert (proposal.overridden_by, proposal.override_reason) == (
        world.user("home_affairs"),
        reason,
    )
    latest = proposal.history.first()
    assert latest.history_user == world.user("home_affairs")
    assert reason[:40] in latest.history_change_reason
    assert [c.occasion for c in proposal.condition_checks.order_by("pk")] == ["sent", "overridden"]
    page = client_for(world.user("head_a")).get(proposal.get_absolute_url()).content.decode()
    assert reason in page
    # Held no more: allowing it again is refused.
    home_affairs = client_for(world.user("home_affairs"))
    assert home_affairs.get(override).status_code == 302
    # The leave stands while the subject, award and year do; another year ends it.
    editor = client_for(world.user("editor_a"))
    update = reverse("reports:proposal_update", args=[proposal.pk])
    editor.post(update, form_data(hung, PROVINCIAL_FIGHTER, reasons="Bổ sung thành tích."))
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED and proposal.is_overridden
    editor.post(update, form_data(hung, PROVINCIAL_FIGHTER, year=2024))
    proposal.refresh_from_db()
    assert not proposal.is_overridden and proposal.override_reason == ""
    # 2024 still lacks the title: without the leave, it is held again.
    assert proposal.conditions == NOT_MET and proposal.status == Status.HELD


def test_a_held_proposal_goes_once_the_history_meets_its_conditions(world, client_for):
    from django.urls import reverse

    hung, worker = broken_history(world.dept_a)
    editor = client_for(world.user("editor_a"))
    editor.post(reverse("reports:proposal_create"), form_data(hung, PROVINCIAL_FIGHTER))
    proposal = AwardProposal.objects.get(exemplar=hung)
    assert proposal.status == Status.HELD
    # The 2024 decision was mistyped: it conferred the grassroots fighter title.
    worker.award = award(GRASSROOTS_FIGHTER)
    worker.save()
    initiative(hung, "Ứng dụng hồ sơ bệnh án điện tử", 2025, "province")
    update = reverse("reports:proposal_update", args=[proposal.pk])
    response = editor.post(update, form_data(hung, PROVINCIAL_FIGHTER), follow=True)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.conditions) == (Status.PROPOSED, MET)
    assert str(Verdict.MET.label) in response.content.decode()
    assert list(proposal.condition_checks.values_list("verdict", flat=True)) == [MET, NOT_MET]


def test_home_affairs_own_proposal_not_met_needs_the_leave_too(world, client_for):
    from django.urls import reverse

    hung, _worker = broken_history(world.dept_a)
    home_affairs = client_for(world.user("home_affairs"))
    data = form_data(hung, PROVINCIAL_FIGHTER, proposing_unit=world.home_affairs_unit.pk)
    response = home_affairs.post(reverse("reports:proposal_create"), data, follow=True)
    proposal = AwardProposal.objects.get(exemplar=hung)
    assert proposal.status == Status.HELD
    assert reverse("reports:proposal_override", args=[proposal.pk]) in response.content.decode()


def test_needing_review_never_holds_a_proposal(world, client_for):
    from django.urls import reverse

    mai = subject(world.dept_a, "Lê Thị Mai")
    held(mai, GRASSROOTS_FIGHTER, 2025)  # 2024 not recorded
    editor = client_for(world.user("editor_a"))
    response = editor.post(
        reverse("reports:proposal_create"), form_data(mai, PROVINCIAL_MERIT), follow=True
    )
    proposal = AwardProposal.objects.get(exemplar=mai)
    assert (proposal.status, proposal.conditions) == (Status.PROPOSED, REVIEW)
    assert str(Verdict.REVIEW.label) in response.content.decode()


def test_conferring_marks_the_initiatives_the_award_counted(world, client_for):
    from reports.awards import proposal_appraise, proposal_confer

    ha = subject(world.dept_a)
    held(ha, ADVANCED_WORKER, 2025)
    counted = initiative(ha, "Bảng kiểm chăm sóc người bệnh suy tim", 2025)
    home_affairs = world.user("home_affairs")
    proposal = proposed(ha, GRASSROOTS_FIGHTER, 2025)
    assert conditions.evaluate(proposal).verdict == MET
    proposal_appraise(proposal=proposal, by=home_affairs, outcome=Status.AGREED)
    proposal_confer(
        proposal=proposal,
        by=home_affairs,
        decision={
            "decision_number": "1520/QĐ-SYT",
            "decision_date": "2025-12-22",
            "decision_signer": "Giám đốc Sở Y tế",
        },
    )
    counted.refresh_from_db()
    assert counted.used_for == proposal
    assert counted.history.first().history_user == home_affairs
    assert "Chiến sĩ thi đua cơ sở" in counted.history.first().history_change_reason
    assert proposal.condition_checks.filter(occasion="conferred").exists()
    # Counted once: the certificate of merit of 2025 does not count it again.
    initiative(ha, "Sổ tay điều dưỡng điện tử", 2024)
    found = condition(judged(ha, PROVINCIAL_MERIT, 2025), 2, "initiatives")
    assert found.verdict == NOT_MET and "1520" not in found.explanation
    assert "Chiến sĩ thi đua cơ sở (2025)" in found.explanation
    # The conferred proposal, read again, still counts it as its own.
    assert conditions.evaluate(proposal).verdict == MET


def test_the_form_refuses_a_double_award_over_the_subjects_years(world, client_for):
    from django.urls import reverse

    row_2024 = subject(world.dept_a, year=2024)
    row_2025 = subject(world.dept_a)
    proposed(row_2024, PROVINCIAL_MERIT, 2025)
    editor = client_for(world.user("editor_a"))
    data = form_data(row_2025, PROVINCIAL_MERIT, reasons="Gõ lại lần nữa")
    response = editor.post(reverse("reports:proposal_create"), data)
    assert response.status_code == 200
    assert any("Trần Thị Thu Hà" in e for e in response.context["form"].errors["award"])
    assert "Gõ lại lần nữa" in response.content.decode()
    held(row_2024, GRASSROOTS_FIGHTER, 2025, number="1520/QĐ-SYT")
    response = editor.post(
        reverse("reports:proposal_create"), form_data(row_2025, GRASSROOTS_FIGHTER)
    )
    assert any("1520/QĐ-SYT" in e for e in response.context["form"].errors["award"])
    assert AwardProposal.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "answer"),
    [("editor_a", 200), ("home_affairs", 200), ("editor_b", 200), ("media", 403), ("leader", 403)],
)
def test_the_form_shows_the_conditions_as_they_are_chosen(world, client_for, persona, answer):
    from django.urls import reverse

    hung, _worker = broken_history(world.dept_a)
    url = reverse("reports:proposal_conditions")
    query = {"exemplar": hung.pk, "award": award(PROVINCIAL_FIGHTER).pk, "year": 2025}
    response = client_for(world.user(persona)).get(url, query)
    assert response.status_code == answer
    if answer == 200:
        page = response.content.decode()
        # Another unit's editor does not see this exemplar judged.
        assert ("Lao động tiên tiến" in page) is (persona != "editor_b")
        assert (str(Verdict.NOT_MET.label) in page) is (persona != "editor_b")


def test_the_edit_form_judges_the_proposal_as_it_is(world, client_for):
    from django.urls import reverse

    hung, _worker = broken_history(world.dept_a)
    proposal = proposed(hung, PROVINCIAL_FIGHTER, 2025, status=Status.HELD)
    editor = client_for(world.user("editor_a"))
    page = editor.get(reverse("reports:proposal_update", args=[proposal.pk])).content.decode()
    assert str(Verdict.NOT_MET.label) in page and "proposal-conditions" in page
    url = reverse("reports:proposal_conditions")
    query = {"proposal": proposal.pk, "award": award(PROVINCIAL_MERIT).pk, "year": 2025}
    assert str(Verdict.REVIEW.label) in editor.get(url, query).content.decode()
    assert client_for(world.user("editor_b")).get(url, query).status_code == 404
