"""A unit's state-award proposal goes public for ten working days; Home Affairs records the
provincial council's meeting, the attendance, the votes with one recusal, and opens the
minutes; on a phone the meeting's page reads without overflowing.

Fields are found by their ids (the labels follow the translations of the interface)."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from reports import councils
from reports.models import Council, CouncilMember, Meeting
from tests.test_councils import STATE_AWARD, proposal_of

pytestmark = pytest.mark.browser


def test_disclosure_council_votes_and_minutes(page: Page, world, login, axe_check):
    council = Council.objects.create(
        unit=world.province,
        name="Hội đồng Thi đua - Khen thưởng tỉnh Ninh Bình",
        created_by=world.user("home_affairs"),
    )
    names = ["Nguyễn Minh Quang", "Nguyễn Văn Thành", "Phạm Quốc Hùng", "Bùi Thị Lan Anh"]
    roles = [CouncilMember.Role.CHAIR, CouncilMember.Role.STANDING]
    roles += [CouncilMember.Role.MEMBER, CouncilMember.Role.SECRETARY]
    members = [
        CouncilMember.objects.create(council=council, full_name=name, role=role)
        for name, role in zip(names, roles, strict=True)
    ]
    proposal = proposal_of(world.dept_a, award=STATE_AWARD)

    login(world.user("editor_a"))
    page.goto(proposal.get_absolute_url())
    axe_check(page)
    page.goto(reverse("reports:proposal_disclosure", args=[proposal.pk]))
    page.locator("#id_starts_on").fill("24/11/2025")
    page.locator("#id_ends_on").fill("05/12/2025")
    page.locator("#id_where").fill("Cổng thông tin điện tử Sở Y tế")
    axe_check(page)
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_text("Cổng thông tin điện tử Sở Y tế")).to_be_visible()
    assert proposal.disclosure.ends_on == datetime.date(2025, 12, 5)

    page.context.clear_cookies()
    login(world.user("home_affairs"), check=False)
    page.goto(council.get_absolute_url())
    axe_check(page)
    page.goto(reverse("reports:meeting_create") + f"?council={council.pk}")
    page.locator("#id_date").fill("10/12/2025")
    page.locator("#id_place").fill("Phòng họp số 1, trụ sở Ủy ban nhân dân tỉnh")
    page.locator("form.card button[type=submit]").click()
    meeting = Meeting.objects.get()
    page.locator("#id_chair").select_option(str(members[0].pk))
    page.locator("#id_secretary").select_option(str(members[3].pk))
    for member in members:
        page.locator(f"input[name=present][value='{member.pk}']").check()
    page.locator(f"input[name=proposals][value='{proposal.pk}']").check()
    axe_check(page)
    page.locator("form.card button[type=submit]").click()
    page.goto(reverse("reports:meeting_ballot", args=[meeting.pk, proposal.pk]))
    axe_check(page)
    for member in members[:2] + members[3:]:
        page.locator(f"#id_vote_{member.pk}").select_option("agree")
    page.locator(f"#id_vote_{members[2].pk}").select_option(councils.RECUSED)
    page.locator(f"#id_reason_{members[2].pk}").fill("Thủ trưởng đơn vị của ứng viên")
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_text("Thủ trưởng đơn vị của ứng viên", exact=False)).to_be_visible()
    result = councils.outcome(meeting, proposal)
    assert (result.members, result.agree, result.passed) == (3, 3, True)
    axe_check(page)
    minutes_url = reverse("reports:document_council_minutes", args=[meeting.pk])
    minutes = page.request.get(minutes_url + "?format=pdf")
    assert minutes.ok and minutes.body().startswith(b"%PDF")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.set_viewport_size({"width": 1280, "height": 900})
