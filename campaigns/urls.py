from django.urls import include, path

from .views import (
    budgets,
    contests,
    coverage,
    difficulties,
    events,
    inspections,
    movements,
    regulations,
)

app_name = "campaigns"

urlpatterns = [
    path("vuong-mac/", include(difficulties.urlpatterns)),
    path("quy-dinh/", include(regulations.urlpatterns)),
    path("su-kien/", include(events.urlpatterns)),
    path("tin-bai/", include(coverage.urlpatterns)),
    path("cuoc-thi/", include(contests.urlpatterns)),
    path("kiem-tra/", include(inspections.urlpatterns)),
    path("kinh-phi/", include(budgets.urlpatterns)),
    # Last: a movement is named by any slug.
    *movements.urlpatterns,
]
