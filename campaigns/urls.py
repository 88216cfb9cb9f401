from django.urls import include, path

from . import views
from .views import budgets, contests, coverage, difficulties, events, inspections, regulations

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("them/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("giao-uoc/", views.PledgeListView.as_view(), name="pledge_list"),
    path("giao-uoc/them/", views.PledgeCreateView.as_view(), name="pledge_create"),
    path("vuong-mac/", include(difficulties.urlpatterns)),
    path("quy-dinh/", include(regulations.urlpatterns)),
    path("su-kien/", include(events.urlpatterns)),
    path("tin-bai/", include(coverage.urlpatterns)),
    path("cuoc-thi/", include(contests.urlpatterns)),
    path("kiem-tra/", include(inspections.urlpatterns)),
    path("kinh-phi/", include(budgets.urlpatterns)),
    path("<slug:code>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("<slug:code>/sua/", views.CampaignUpdateView.as_view(), name="campaign_update"),
    path("<slug:code>/so-ket/", views.CampaignReviewCreateView.as_view(), name="review_create"),
    path("<slug:code>/tep/", views.CampaignFileUploadView.as_view(), name="campaign_file_upload"),
    path(
        "<slug:code>/tep/<int:file_pk>/",
        views.CampaignFileDownloadView.as_view(),
        name="campaign_file_download",
    ),
    path(
        "<slug:code>/tep/<int:file_pk>/anh-nho/",
        views.CampaignFileDownloadView.as_view(thumbnail=True),
        name="campaign_file_thumbnail",
    ),
    path(
        "<slug:code>/tep/<int:file_pk>/xoa/",
        views.CampaignFileDeleteView.as_view(),
        name="campaign_file_delete",
    ),
]
