"""The record kit (``exemplar_portal.base.kit``): the options and steps a kind may declare."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from exemplar_portal.base.kit import RecordDetailView, RecordKind
from reports.forms import ConsolidationForm
from reports.models import AwardProposal, Consolidation, MediaIntroduction
from reports.views.awards import ProposalKind
from reports.views.register import IssuedDocumentKind
from tests.test_awards import exemplars, form_data, proposals  # noqa: F401  (fixtures)


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
