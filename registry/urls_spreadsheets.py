"""Spreadsheet imports (``registry/views/spreadsheets.py``), inside the registry namespace."""

from django.urls import include, path

from .views import spreadsheets as views

# One import, under ``nhap-du-lieu/lan/<pk>/``.
job_pages = [
    path("", views.ImportJobView.as_view(), name="import_job"),
    path("xac-nhan/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("huy/", views.ImportCancelView.as_view(), name="import_cancel"),
    path("chay-lai/", views.ImportRestartView.as_view(), name="import_restart"),
    path("tep/", views.ImportFileView.as_view(), name="import_file"),
]

urlpatterns = [
    path("nhap-du-lieu/", views.ImportListView.as_view(), name="import_list"),
    path("nhap-du-lieu/lan/<int:pk>/", include(job_pages)),
    path("nhap-du-lieu/<slug:kind>/", views.ImportStartView.as_view(), name="import_start"),
    path(
        "nhap-du-lieu/<slug:kind>/mau/", views.ImportTemplateView.as_view(), name="import_template"
    ),
]
