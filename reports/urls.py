from django.urls import include, path

from .views import (
    award_forms,
    awards,
    consolidations,
    councils,
    dashboard,
    documents,
    history,
    register,
)

app_name = "reports"

urlpatterns = [
    path("khen-thuong/", include(awards.urlpatterns)),
    path("khen-thuong/hinh-thuc/", include(award_forms.urlpatterns)),
    path("khen-thuong/", include(councils.disclosure_urls)),
    path("khen-thuong/hoi-dong/", include(councils.urlpatterns)),
    path("khen-thuong/", include(history.urlpatterns)),
    path("van-ban/", include(documents.urlpatterns)),
    path("tong-quan/", include(dashboard.urlpatterns)),
    path("tong-hop/", include(consolidations.urlpatterns)),
    path("", include(register.urlpatterns)),
]
