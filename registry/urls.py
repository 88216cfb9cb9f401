from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("don-vi/", views.UnitListView.as_view(), name="unit_list"),
    path("don-vi/<str:code>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("don-vi/<str:code>/nhan-su/", views.UnitPeopleView.as_view(), name="unit_people"),
    path("tieu-chuan/", views.CatalogueView.as_view(), name="catalogue"),
    path("chi-tieu/", views.QuotaRuleListView.as_view(), name="quota_rules"),
]
