"""The emulation and commendation council: quorum and passing rule as data, votes and
recusals, the public disclosure before a vote on a state award, who keeps which council,
and the minutes as a Decree 30 document."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports import councils, issuing
from reports.models import Council, CouncilMember, Disclosure, IssuedDocument, Meeting, Vote
from tests.factories.exemplars import ExemplarFactory
from tests.factories.reports import AwardProposalFactory
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

R = CouncilMember.Role
DAY = datetime.date(2025, 12, 10)  # a Wednesday
STATE_AWARD = "huan-chuong-lao-dong-hang-ba"


def council_of(unit, members=7, **rule):
    council = Council.objects.create(
        unit=unit,
        name="Hội đồng Thi đua - Khen thưởng tỉnh",
        created_by=unit.users.first() or _anyone(),
        **rule,
    )
    roles = [R.CHAIR, R.VICE_CHAIR, R.STANDING, R.SECRETARY] + [R.MEMBER] * members
    for i, role in enumerate(roles[:members]):
        CouncilMember.objects.create(council=council, full_name=f"Thành viên {i}", role=role)
    return council


def _anyone():
    from registry.models import User

    return User.objects.first()


def proposal_of(unit, award=None):
    exemplar = ExemplarFactory(unit=unit)
    from registry.enums import ExemplarStatus
    from registry.models import Exemplar

    Exemplar.objects.filter(pk=exemplar.pk).update(status=ExemplarStatus.ACCEPTED)
    exemplar.refresh_from_db()
    kwargs = {"award": award} if award else {}
    return AwardProposalFactory(exemplar=exemplar, **kwargs)


def meeting_of(council, present: int, proposal):
    members = list(council.members.order_by("pk"))
    meeting = Meeting.objects.create(
        council=council,
        date=DAY,
        place="Hội trường Sở Nội vụ",
        chair=members[0],
        secretary=members[3],
        created_by=council.created_by,
    )
    meeting.present.set(members[:present])
    meeting.proposals.add(proposal)
    return meeting, members


def vote(meeting, proposal, members, *choices, recused=()):
    ballots = {m: (c, "") for m, c in zip(members, choices, strict=False)}
    for member, reason in recused:
        ballots[member] = (councils.RECUSED, reason)
    councils.record_votes(meeting, proposal, ballots)
    return councils.outcome(meeting, proposal)


A, D, X = Vote.Choice.AGREE, Vote.Choice.DISAGREE, Vote.Choice.ABSTAIN


def test_working_days_leave_out_weekends():
    monday = datetime.date(2025, 12, 1)
    assert councils.working_days(monday, monday + datetime.timedelta(days=11)) == 10
    assert councils.working_days(monday, monday + datetime.timedelta(days=10)) == 9
    assert councils.working_days(datetime.date(2025, 12, 6), datetime.date(2025, 12, 7)) == 0
    assert councils.working_days(monday, monday - datetime.timedelta(days=1)) == 0


def test_passing_counts_the_members_not_those_present(world):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=5, proposal=proposal)
    # 5 of 7 present (quorum 2/3 met); 3 agree: not more than half of 7.
    result = vote(meeting, proposal, members, A, A, A, D, X)
    assert (result.has_quorum, result.passed, result.voted) == (True, False, True)
    result = vote(meeting, proposal, members, A, A, A, A, X)
    assert result.passed and (result.agree, result.abstain) == (4, 1)


def test_no_quorum_no_pass(world):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=4, proposal=proposal)
    result = vote(meeting, proposal, members, A, A, A, A)
    assert not result.has_quorum and not result.passed


def test_a_recused_member_is_not_counted(world):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=6, proposal=proposal)
    # Without the recusal 3 of 7 would not pass; with one recused, 3 of 6 is not more than
    # half either; with two recused (members 3 and 4), 3 of 5 passes, 4 of them present.
    result = vote(meeting, proposal, members, A, A, A, recused=[(members[3], "Vợ của ứng viên")])
    assert (result.members, result.recused, result.passed) == (6, 1, False)
    result = vote(
        meeting,
        proposal,
        members,
        A,
        A,
        A,
        recused=[(members[3], "Vợ của ứng viên"), (members[4], "Cùng đơn vị")],
    )
    assert (result.members, result.present, result.passed) == (5, 4, True)
    assert meeting.recusals.count() == 2
    assert not Vote.objects.filter(member__in=members[3:5]).exists()


def test_the_rule_is_data(world):
    council = council_of(
        world.province, members=6, pass_numerator=2, pass_denominator=3, pass_more_than=False
    )
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=6, proposal=proposal)
    assert vote(meeting, proposal, members, A, A, A, A, D, D).passed  # 4 ≥ 2/3 of 6
    assert not vote(meeting, proposal, members, A, A, A, D, D, D).passed


def test_a_recusal_needs_a_reason_and_absent_members_do_not_vote(world):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=5, proposal=proposal)
    with pytest.raises(ValidationError):
        councils.record_votes(meeting, proposal, {members[0]: (councils.RECUSED, " ")})
    with pytest.raises(ValidationError):
        councils.record_votes(meeting, proposal, {members[6]: (A, "")})
    assert not meeting.votes.exists()


def test_a_state_award_waits_for_ten_working_days_of_disclosure(world):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a, award=STATE_AWARD)
    meeting, members = meeting_of(council, present=5, proposal=proposal)
    assert councils.disclosure_problem(proposal, DAY)
    with pytest.raises(ValidationError):
        vote(meeting, proposal, members, A, A, A, A)
    disclosure = Disclosure.objects.create(
        proposal=proposal,
        starts_on=datetime.date(2025, 11, 24),
        ends_on=datetime.date(2025, 12, 4),  # 9 working days
        where="Cổng thông tin điện tử tỉnh",
        recorded_by=council.created_by,
    )
    proposal.refresh_from_db()
    assert "9" in councils.disclosure_problem(proposal, DAY)
    disclosure.ends_on = datetime.date(2025, 12, 10)  # 13 working days, ends on the day
    disclosure.save()
    proposal.refresh_from_db()
    assert "10/12/2025" in councils.disclosure_problem(proposal, DAY)
    disclosure.ends_on = datetime.date(2025, 12, 8)
    disclosure.save()
    proposal.refresh_from_db()
    assert councils.disclosure_problem(proposal, DAY) == ""
    assert vote(meeting, proposal, members, A, A, A, A).passed


def test_disclosure_with_comments_says_how_they_were_handled():
    disclosure = Disclosure(
        starts_on=DAY, ends_on=DAY - datetime.timedelta(days=1), where="x", comments="Có ý kiến"
    )
    with pytest.raises(ValidationError) as raised:
        disclosure.clean()
    assert set(raised.value.message_dict) == {"ends_on", "handling"}


# Who may do what -------------------------------------------------------------------------------

KEEPS_PROVINCE = {"home_affairs"}
KEEPS_DEPT_A = {"editor_a", "head_a"}
READS_PROVINCE = {"home_affairs", "leader", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_and_keeps_which_council(world, client_for, persona):
    province = council_of(world.province, members=3)
    dept = council_of(world.dept_a, members=3)
    client = client_for(world.user(persona))
    listed = client.get(reverse("reports:council_list"))
    assert listed.status_code == (403 if persona == "media" else 200)
    for council, readers, keepers in (
        (province, READS_PROVINCE, KEEPS_PROVINCE),
        (dept, READS_PROVINCE | KEEPS_DEPT_A, KEEPS_DEPT_A),
    ):
        seen = client.get(council.get_absolute_url()).status_code
        assert seen == (200 if persona in readers else 404), council
        edit = client.get(reverse("reports:council_update", args=[council.pk])).status_code
        assert edit == (200 if persona in keepers else 403 if persona in readers else 404)


def test_a_unit_keeps_its_council_and_meeting_through_the_pages(world, client_for):
    client = client_for(world.user("head_a"))
    data = {
        "unit": world.dept_a.pk,
        "name": "Hội đồng Thi đua - Khen thưởng Sở Y tế",
        "quorum_numerator": 2,
        "quorum_denominator": 3,
        "pass_numerator": 1,
        "pass_denominator": 2,
        "pass_more_than": "on",
        "basis": "Quy chế hoạt động của Hội đồng",
        "active": "on",
        "members-TOTAL_FORMS": 3,
        "members-INITIAL_FORMS": 0,
        "members-0-full_name": "Lê Văn Hải",
        "members-0-role": "chair",
        "members-1-full_name": "Phạm Thu Trang",
        "members-1-role": "secretary",
        "members-2-full_name": "Đỗ Minh Tuấn",
        "members-2-role": "member",
    }
    bad = client.post(reverse("reports:council_create"), {**data, "quorum_numerator": 4})
    assert bad.status_code == 200 and not Council.objects.exists()
    assert client.post(reverse("reports:council_create"), data).status_code == 302
    council = Council.objects.get()
    assert council.members.count() == 3
    # Another unit's council is not offered to this unit's staff.
    other = client.post(reverse("reports:council_create"), {**data, "unit": world.dept_b.pk})
    assert other.status_code == 200 and Council.objects.count() == 1
    proposal = proposal_of(world.dept_a)
    created = client.post(
        reverse("reports:meeting_create"),
        {"council": council.pk, "date": "10/12/2025", "place": "Phòng họp số 1"},
    )
    meeting = Meeting.objects.get()
    assert created.url == reverse("reports:meeting_update", args=[meeting.pk])
    chair, secretary, member = council.members.order_by("pk")
    response = client.post(
        created.url,
        {
            "date": "10/12/2025",
            "place": "Phòng họp số 1",
            "chair": chair.pk,
            "secretary": secretary.pk,
            "present": [chair.pk, secretary.pk, member.pk],
            "proposals": [proposal.pk],
        },
    )
    assert response.status_code == 302
    ballot = reverse("reports:meeting_ballot", args=[meeting.pk, proposal.pk])
    refused = client.post(ballot, {f"vote_{member.pk}": councils.RECUSED})
    assert refused.status_code == 200 and not meeting.recusals.exists()
    client.post(
        ballot,
        {
            f"vote_{chair.pk}": A,
            f"vote_{secretary.pk}": A,
            f"vote_{member.pk}": councils.RECUSED,
            f"reason_{member.pk}": "Anh ruột của ứng viên",
        },
    )
    assert councils.outcome(meeting, proposal).passed
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Anh ruột của ứng viên" in page
    # Another unit's staff do not reach it.
    other_client = client_for(world.user("editor_b"))
    assert other_client.get(ballot).status_code == 404


def test_the_minutes_are_a_decree_30_document(world, client_for):
    council = council_of(world.province, members=7)
    proposal = proposal_of(world.dept_a)
    meeting, members = meeting_of(council, present=5, proposal=proposal)
    vote(meeting, proposal, members, A, A, A, A, recused=[(members[4], "Cùng đơn vị")])
    Disclosure.objects.create(
        proposal=proposal,
        starts_on=datetime.date(2025, 11, 17),
        ends_on=datetime.date(2025, 11, 28),
        where="Cổng thông tin điện tử tỉnh",
        comments="Một ý kiến về số năm công tác",
        handling="Đã xác minh, đủ điều kiện",
        recorded_by=council.created_by,
    )
    document = issuing.build(
        IssuedDocument.Kind.COUNCIL_MINUTES, {"meeting": meeting.pk}, user=None
    )
    text = document.text()
    assert document.type_name == "BIÊN BẢN" and document.is_draft
    assert document.number_text.endswith("/BB-HĐTĐKT")
    assert document.issuer == council.name.upper()
    assert document.superior == "UBND TỈNH NINH BÌNH"
    assert "Hội trường Sở Nội vụ" in text and "10 tháng 12 năm 2025" in text
    assert "Thành viên 4" in text and "Cùng đơn vị" in text
    assert "Cổng thông tin điện tử tỉnh" in text and "Đã xác minh, đủ điều kiện" in text
    assert document.signature.name == "Thành viên 0"
    assert document.cosignature.name == "Thành viên 3"
    assert [passed for _pk, passed in document.extra["results"]] == [True]
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:document_council_minutes", args=[meeting.pk])
    pdf = client.get(url + "?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(url + "?format=docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert client_for(world.user("media")).get(url).status_code == 404
    assert client_for(world.user("editor_a")).get(url).status_code == 404


DISCLOSES_DEPT_A = {"home_affairs", "editor_a", "head_a"}
REACHES_DEPT_A_PROPOSAL = DISCLOSES_DEPT_A | {"leader", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_records_a_disclosure_and_votes(world, client_for, persona):
    proposal = proposal_of(world.dept_a, award=STATE_AWARD)
    council = council_of(world.province, members=4)
    meeting, _members = meeting_of(council, present=4, proposal=proposal)
    client = client_for(world.user(persona))
    disclosure = client.get(reverse("reports:proposal_disclosure", args=[proposal.pk]))
    expected = 200 if persona in DISCLOSES_DEPT_A else 403
    assert disclosure.status_code == (expected if persona in REACHES_DEPT_A_PROPOSAL else 404)
    ballot = client.get(reverse("reports:meeting_ballot", args=[meeting.pk, proposal.pk]))
    expected = 200 if persona in KEEPS_PROVINCE else 403
    assert ballot.status_code == (expected if persona in READS_PROVINCE else 404)


def test_bad_disclosure_dates_keep_what_was_typed(world, client_for):
    proposal = proposal_of(world.dept_a, award=STATE_AWARD)
    client = client_for(world.user("editor_a"))
    url = reverse("reports:proposal_disclosure", args=[proposal.pk])
    data = {
        "starts_on": "05/12/2025",
        "ends_on": "24/11/2025",
        "where": "Bảng tin Sở Y tế",
        "comments": "Một ý kiến",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not Disclosure.objects.exists()
    page = response.content.decode()
    assert "Bảng tin Sở Y tế" in page and "Một ý kiến" in page
    assert set(response.context["form"].errors) == {"ends_on", "handling"}


def test_the_minutes_bear_the_meetings_day_and_are_signed_by_its_chair_and_secretary(
    world, client_for
):
    """The unit needs no registered signer: the chair and the secretary sign the minutes,
    and both the draft and the form to issue it offer the meeting's day."""
    council = council_of(world.province, members=5)
    proposal = proposal_of(world.dept_a)
    meeting, _members = meeting_of(council, present=5, proposal=proposal)
    kind = IssuedDocument.Kind.COUNCIL_MINUTES
    draft = issuing.build(kind, {"meeting": meeting.pk}, user=None)
    assert draft.date == DAY
    council.unit.signers.all().delete()
    client = client_for(world.user("home_affairs"))
    url = reverse("reports:document_council_minutes_issue", args=[meeting.pk])
    form = client.get(url).context["form"]
    assert "signer" not in form.fields
    # A meeting of another year is dated in this year's register: today is offered.
    assert form.initial["issued_on"] == timezone.localdate()
    response = client.post(url, {"issued_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    issued = IssuedDocument.objects.get(kind=kind)
    assert issued.signer is None and issued.signer_name == "Thành viên 0"
    assert issued.signer_lines == ["CHỦ TRÌ"]
    # A meeting of this year: its own day is offered.
    meeting.date = timezone.localdate()
    meeting.save()
    assert client.get(url).context["form"].initial["issued_on"] == meeting.date
