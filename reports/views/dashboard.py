"""The leaders' dashboard: key figures and charts of a year, read-only.

The figures are computed in ``reports/dashboard.py``; the charts are drawn by
``static/js/dashboard.js`` from data passed with ``json_script``, and each has a table of
links under it, so the page reads without JavaScript and prints. The printable version
(PDF, or xlsx) is ``DashboardDocumentView``.
"""

from django import forms
from django.urls import path
from django.utils import timezone
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from registry.forms import BootstrapFormMixin, year_field

from ..dashboard import dashboard_for
from ..models import IssuedDocument
from .documents import DocumentView, document_urls


class DashboardYearForm(BootstrapFormMixin, forms.Form):
    year = year_field(optional=False)


class DashboardView(PermissionRequiredMixin, TemplateView):
    template_name = "reports/dashboard.html"
    permission_required = "reports.view_dashboard"

    def get_year(self, form) -> int:
        if form.is_bound and form.is_valid():
            return form.cleaned_data["year"]
        return timezone.localdate().year

    def get_context_data(self, **kwargs):
        form = DashboardYearForm(self.request.GET or None)
        year = self.get_year(form)
        if not (form.is_bound and form.is_valid()):
            form = DashboardYearForm(initial={"year": year})
        return super().get_context_data(
            form=form, dashboard=dashboard_for(user=self.request.user, year=year), **kwargs
        )


class DashboardDocumentView(DocumentView):
    """The dashboard as Home Affairs' overview report: a draft in any format, or issued."""

    kind = IssuedDocument.Kind.DASHBOARD
    permission_required = "reports.view_dashboard"
    url_name = "dashboard_document"
    per_reader = True


urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    *document_urls("van-ban/", DashboardDocumentView),
]
