"""The record kit (``exemplar_portal.base.kit``): what every record kind gets from it, and
the steps a kind may take besides the plain list, detail and form."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import Contest, ContestCriterion, Pledge
from campaigns.views.events import EventKind
from exemplar_portal.base.kit import RecordDeleteView, RecordDetailView, RecordKind
from registry.models import Campaign
from reports.forms import ConsolidationForm
from reports.models import AwardProposal, Consolidation, MediaIntroduction
from reports.views.awards import ProposalKind
from reports.views.register import IssuedDocumentKind
from tests.test_awards import exemplars, form_data, proposals  # noqa: F401  (fixtures)
from tests.test_campaigns import movement_data
from tests.test_events import make_event

pytestmark = pytest.mark.integration


def test_a_create_path_is_never_taken_for_a_record_named_by_a_slug():
    class Movements(RecordKind):
        model = Campaign
        lookup = "code"
        pages = ("detail", "update", "delete", "create", "list")

    patterns = Movements().urls()
    assert [p.name for p in patterns] == [
        "campaign_list",
        "campaign_create",
        "campaign_detail",
        "campaign_update",
        "campaign_delete",
    ]
    assert next(p for p in patterns if p.resolve("them/")).name == "campaign_create"
    assert next(p for p in patterns if p.resolve("them-moi/")).name == "campaign_detail"


def test_a_saved_form_goes_to_the_record_unless_the_kind_says_elsewhere(world, client_for):
    client = client_for(world.user("home_affairs"))
    response = client.post(reverse("campaigns:campaign_create"), movement_data())
    assert response["Location"] == Campaign.objects.get(code="chuyen-doi-so").get_absolute_url()
    response = client.post(
        reverse("campaigns:pledge_create"),
        {
            "title": "Giao ước thi đua năm 2025",
            "year": 2025,
            "signed_on": "10/02/2025",
            "units": [world.dept_a.pk, world.dept_b.pk],
            "content": "Hoàn thành xuất sắc nhiệm vụ.",
        },
    )
    assert response["Location"] == reverse("campaigns:pledge_list")
    assert Pledge.objects.get().title == "Giao ước thi đua năm 2025"


def test_the_page_asking_to_confirm_a_deletion_shows_what_the_kind_adds(world):
    user = world.user("home_affairs")
    event = make_event(organiser=world.dept_a, by=user, title="Hội nghị điển hình tiên tiến")

    class Events(EventKind):
        def delete_context(self, request, record):
            return {"going_with_it": [record.title]}

    request = RequestFactory().get("/")
    request.user = user
    response = RecordDeleteView.as_view(kind=Events())(request, pk=event.pk)
    assert response.status_code == 200
    assert response.context_data["event"] == event
    assert response.context_data["going_with_it"] == ["Hội nghị điển hình tiên tiến"]


class ContestFields(forms.ModelForm):
    class Meta:
        model = Contest
        fields = ["name", "kind", "year", "organiser", "opens_on", "closes_on"]


CriterionRows = forms.inlineformset_factory(
    Contest, ContestCriterion, fields=["name", "max_score"], extra=2, can_delete=False
)


class ContestsWithCriteria(RecordKind):
    """Contests whose criteria are edited in the same form."""

    model = Contest
    form_class = ContestFields
    filters = {"year": "year"}
    ordering = ("name",)
    paginate_by = 2
    template_prefix = "campaigns/contest"
    object_name = "contest"
    list_name = "contests"

    class filter_form_class(forms.Form):
        year = forms.IntegerField(required=False)

    def formsets(self, request, record=None, data=None):
        return {"criteria": CriterionRows(data, instance=record or Contest(), prefix="criteria")}

    def list_context(self, request, filters, records):
        return {"names_on_page": [contest.name for contest in records], "year": filters.get("year")}


def ask(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.user = user
    request._messages = CookieStorage(request)
    return request


def contest_data(world, **rows):
    return {
        "name": "Cuộc thi viết về người tốt việc tốt",
        "kind": Contest.Kind.WRITING,
        "year": "2025",
        "organiser": world.home_affairs_unit.pk,
        "opens_on": "2025-04-01",
        "closes_on": "2025-09-30",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        **rows,
    }


def test_a_kinds_formsets_are_on_its_form_checked_with_it_and_saved_for_the_new_record(world):
    create = ContestsWithCriteria().views()["create"]
    home_affairs = world.user("home_affairs")

    page = create(ask(home_affairs))
    assert page.status_code == 200
    assert not page.context_data["criteria"].is_bound

    # A row without its highest score: the form is shown again, with both checked.
    bad_row = {"criteria-0-name": "Nội dung", "criteria-0-max_score": ""}
    refused = create(ask(home_affairs, "post", contest_data(world, name="", **bad_row)))
    assert refused.status_code == 200
    assert "name" in refused.context_data["form"].errors
    assert "max_score" in refused.context_data["criteria"].forms[0].errors
    assert not Contest.objects.exists()
    refused = create(ask(home_affairs, "post", contest_data(world, **bad_row)))
    assert refused.status_code == 200 and not Contest.objects.exists()

    rows = {
        "criteria-0-name": "Nội dung",
        "criteria-0-max_score": "60",
        "criteria-1-name": "Hình thức",
        "criteria-1-max_score": "40",
    }
    saved = create(ask(home_affairs, "post", contest_data(world, **rows)))
    contest = Contest.objects.get()
    assert saved.status_code == 302 and saved.url == contest.get_absolute_url()
    assert [(c.name, c.max_score) for c in contest.criteria.order_by("max_score")] == [
        ("Hình thức", 40),
        ("Nội dung", 60),
    ]


def test_a_kinds_formsets_edit_the_rows_of_the_record_it_changes(world):
    contest = Contest.objects.create(
        name="Cuộc thi cũ",
        kind=Contest.Kind.WRITING,
        year=2024,
        organiser=world.home_affairs_unit,
        opens_on="2024-04-01",
        closes_on="2024-09-30",
    )
    criterion = contest.criteria.create(name="Nội dung", max_score=100)
    update = ContestsWithCriteria().views()["update"]
    data = contest_data(
        world,
        **{
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "1",
            "criteria-0-id": criterion.pk,
            "criteria-0-contest": contest.pk,
            "criteria-0-name": "Nội dung và hình thức",
            "criteria-0-max_score": "80",
        },
    )
    response = update(ask(world.user("home_affairs"), "post", data), pk=contest.pk)
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_score) == ("Nội dung và hình thức", 80)
    assert contest.criteria.count() == 1


def test_a_kinds_list_context_sees_the_filters_and_the_records_of_the_page(world):
    for name, year in [("B", 2025), ("A", 2025), ("C", 2025), ("D", 2024)]:
        Contest.objects.create(
            name=name,
            kind=Contest.Kind.WRITING,
            year=year,
            organiser=world.home_affairs_unit,
            opens_on=f"{year}-04-01",
            closes_on=f"{year}-09-30",
        )
    listing = ContestsWithCriteria().views()["list"]
    page = listing(ask(world.user("editor_a"), data={"year": "2025"}))
    assert [c.name for c in page.context_data["contests"]] == ["A", "B"]
    assert page.context_data["names_on_page"] == ["A", "B"]
    assert page.context_data["year"] == 2025
    second = listing(ask(world.user("editor_a"), data={"year": "2025", "page": "2"}))
    assert second.context_data["names_on_page"] == ["C"]


def test_a_record_prefix_comes_before_a_records_own_pages():
    class Prefixed(RecordKind):
        model = Consolidation
        record_prefix = "ban/"
        create_path = "ban/moi/"

    routes = {pattern.name: str(pattern.pattern) for pattern in Prefixed().urls()}
    assert routes == {
        "consolidation_list": "",
        "consolidation_create": "ban/moi/",
        "consolidation_detail": "ban/<int:pk>/",
        "consolidation_update": "ban/<int:pk>/sua/",
        "consolidation_delete": "ban/<int:pk>/xoa/",
    }


def test_a_page_without_a_permission_leaves_reading_to_the_scope():
    asks = RecordDetailView(kind=ProposalKind())
    assert asks.get_permission_required() == ["reports.view_awardproposal"]
    scoped = RecordDetailView(kind=IssuedDocumentKind())
    assert scoped.get_permission_required() == []


@pytest.mark.django_db
def test_a_list_permission_refuses_the_list_to_those_without_it(world, client_for):
    url = reverse("reports:consolidation_list")
    assert client_for(world.user("editor_a")).get(url).status_code == 403
    assert client_for(world.user("leader")).get(url).status_code == 200


@pytest.mark.django_db
def test_a_list_without_export_columns_has_no_download(world, client_for):
    client = client_for(world.user("home_affairs"))
    register = client.get(reverse("reports:register"), {"export": "xlsx"})
    assert register.status_code == 200
    assert register["Content-Type"].startswith("text/html")
    assert "issued_documents" in register.context
    listed = client.get(reverse("reports:proposal_list"), {"export": "xlsx"})
    assert listed["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_a_kinds_list_context_reaches_the_page(world, client_for):
    response = client_for(world.user("home_affairs")).get(reverse("reports:introduction_list"))
    assert response.context["june_11"] == MediaIntroduction.Occasion.PATRIOTIC_EMULATION_DAY
    assert response.context["introductions"] is response.context["object_list"]


def test_a_refused_save_is_shown_on_the_form_by_default():
    form = ConsolidationForm(data={"year": 2025})
    assert form.is_valid()
    answer = RecordKind().refused(None, form, None, ValidationError("Đã có bản tổng hợp."))
    assert answer is None
    assert form.non_field_errors() == ["Đã có bản tổng hợp."]


@pytest.mark.django_db
def test_a_kind_may_answer_a_refused_save_itself(world, client_for, proposals, monkeypatch):  # noqa: F811
    """The unit completes a proposal that Home Affairs agrees to at the same moment: the move
    is refused under lock, the user is told why and sent back to the proposal."""
    proposal = proposals["a"]
    form_class = ProposalKind.form_class
    clean = form_class.clean

    def agreed_meanwhile(form):
        AwardProposal.objects.filter(pk=proposal.pk).update(status=AwardProposal.Status.AGREED)
        return clean(form)

    monkeypatch.setattr(form_class, "clean", agreed_meanwhile)
    client = client_for(world.user("editor_a"))
    url = reverse("reports:proposal_update", kwargs={"pk": proposal.pk})
    response = client.post(url, form_data(proposal.exemplar, reasons="Đã bổ sung."))
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert told == [_("This proposal is already appraised.")]
    proposal.refresh_from_db()
    assert proposal.status == AwardProposal.Status.AGREED
    assert proposal.reasons != "Đã bổ sung."
