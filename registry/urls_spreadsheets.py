"""Spreadsheet imports (``registry/views/spreadsheets.py``), inside the registry namespace."""

from django.urls import path

from .views import spreadsheets as views

urlpatterns = [
    path("nhap-du-lieu/", views.ImportListView.as_view(), name="import_list"),
    path("nhap-du-lieu/lan/<int:pk>/", views.ImportJobView.as_view(), name="import_job"),
    path(
        "nhap-du-lieu/lan/<int:pk>/xac-nhan/",
        views.ImportConfirmView.as_view(),
        name="import_confirm",
    ),
    path("nhap-du-lieu/lan/<int:pk>/huy/", views.ImportCancelView.as_view(), name="import_cancel"),
    path(
        "nhap-du-lieu/lan/<int:pk>/chay-lai/",
        views.ImportRestartView.as_view(),
        name="import_restart",
    ),
    path("nhap-du-lieu/lan/<int:pk>/tep/", views.ImportFileView.as_view(), name="import_file"),
    path("nhap-du-lieu/<slug:kind>/", views.ImportStartView.as_view(), name="import_start"),
    path(
        "nhap-du-lieu/<slug:kind>/mau/",
        views.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
