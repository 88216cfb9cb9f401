from django.urls import include, path

from . import views
from .views import budgets, contests, coverage, events, inspections, movements

app_name = "campaigns"

urlpatterns = [
    path("vuong-mac/", views.DifficultyListView.as_view(), name="difficulty_list"),
    path("vuong-mac/gui/", views.DifficultyCreateView.as_view(), name="difficulty_create"),
    path("vuong-mac/<int:pk>/", views.DifficultyDetailView.as_view(), name="difficulty_detail"),
    path("vuong-mac/<int:pk>/dong/", views.DifficultyCloseView.as_view(), name="difficulty_close"),
    path("quy-dinh/", views.RegulationListView.as_view(), name="regulation_list"),
    path(
        "quy-dinh/<int:requirement>/don-vi/<str:code>/",
        views.RegulationUnitView.as_view(),
        name="regulation_unit",
    ),
    path(
        "quy-dinh/van-ban/<int:pk>/tai-ve/",
        views.RegulationDownloadView.as_view(),
        name="regulation_download",
    ),
    path(
        "quy-dinh/van-ban/<int:pk>/ghi-nhan/",
        views.RegulationAcknowledgeView.as_view(),
        name="regulation_acknowledge",
    ),
    path(
        "quy-dinh/van-ban/<int:pk>/tra-lai/",
        views.RegulationReturnView.as_view(),
        name="regulation_return",
    ),
    path("su-kien/", include(events.urlpatterns)),
    path("tin-bai/", include(coverage.urlpatterns)),
    path("cuoc-thi/", include(contests.urlpatterns)),
    path("kiem-tra/", include(inspections.urlpatterns)),
    path("kinh-phi/", include(budgets.urlpatterns)),
    # Last: a movement is named by any slug.
    *movements.urlpatterns,
]
