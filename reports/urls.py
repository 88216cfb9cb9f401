from django.urls import include, path

from .views import (
    award_forms,
    awards,
    certificates,
    consolidations,
    councils,
    dashboard,
    decisions,
    documents,
    dossier,
    fund,
    history,
    register,
    statistics,
)

app_name = "reports"

urlpatterns = [
    path("khen-thuong/", include(awards.urlpatterns)),
    path("khen-thuong/hinh-thuc/", include(award_forms.urlpatterns)),
    path("khen-thuong/", include(councils.disclosure_urls)),
    path("khen-thuong/", include(dossier.urlpatterns)),
    path("khen-thuong/hoi-dong/", include(councils.urlpatterns)),
    path("khen-thuong/quyet-dinh/", include(decisions.urlpatterns)),
    path("khen-thuong/quyet-dinh/", include(fund.decision_urls)),
    path("khen-thuong/quy/", include(fund.urlpatterns)),
    path("khen-thuong/quyet-dinh/", include(certificates.decision_urlpatterns)),
    path("khen-thuong/phoi-bang-khen/", include(certificates.urlpatterns)),
    path("khen-thuong/bang-khen-da-in/", include(certificates.print_urlpatterns)),
    path("khen-thuong/", include(history.urlpatterns)),
    path("van-ban/", include(documents.urlpatterns)),
    path("tong-quan/", include(dashboard.urlpatterns)),
    path("tong-hop/", include(consolidations.urlpatterns)),
    path("thong-ke-thi-dua/", include(statistics.urlpatterns)),
    path("", include(register.urlpatterns)),
]
