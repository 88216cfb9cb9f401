from django.urls import include, path

from . import views
from .views import guide as guide_views
from .views import session as session_views

app_name = "registry"

# The pages of one exemplar, under ``dien-hinh/<code>/``.
exemplar_pages = [
    path("", views.ExemplarDetailView.as_view(), name="exemplar_detail"),
    path("sua/", views.ExemplarUpdateView.as_view(), name="exemplar_update"),
    path("chuyen/", views.ExemplarTransitionView.as_view(), name="exemplar_transition"),
    # Follow-up and nurturing (views/tracking.py).
    path("theo-doi/", views.ExemplarFollowUpListView.as_view(), name="exemplar_follow_ups"),
    path("theo-doi/them/", views.FollowUpCreateView.as_view(), name="follow_up_create"),
    path("boi-duong/", views.NurturingNoteListView.as_view(), name="nurturing_notes"),
    path("boi-duong/them/", views.NurturingNoteCreateView.as_view(), name="nurturing_note_create"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("don-vi/", views.UnitListView.as_view(), name="unit_list"),
    path("don-vi/<str:code>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("don-vi/<str:code>/nhan-su/", views.UnitPeopleView.as_view(), name="unit_people"),
    path("tieu-chuan/", views.CatalogueView.as_view(), name="catalogue"),
    path("chi-tieu/", views.QuotaRuleListView.as_view(), name="quota_rules"),
    path("ke-hoach/", include(views.PLANS.urls())),
    path("ke-hoach/<int:pk>/sao-chep/", views.PlanCopyView.as_view(), name="plan_copy"),
    path("dien-hinh/", views.ExemplarListView.as_view(), name="exemplar_list"),
    path("dien-hinh/them/", views.ExemplarCreateView.as_view(), name="exemplar_create"),
    path("dien-hinh/<str:code>/", include(exemplar_pages)),
    *views.EXEMPLAR_FILES.urls(),
    path("tham-dinh/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("thong-bao/", views.NotificationListView.as_view(), name="notifications"),
    # What the user's role does this month (registry/guide.py).
    path("huong-dan/", guide_views.HelpView.as_view(), name="help"),
    # The idle warning's "continue working" (static/js/drafts.js).
    path("phien-lam-viec/gia-han/", session_views.keep_alive, name="session_keep_alive"),
    # Quotas, follow-up and the annual registration (views/tracking.py).
    path("chi-tieu/tien-do/", views.QuotaComplianceView.as_view(), name="quota_compliance"),
    path("theo-doi/", views.FollowUpGapListView.as_view(), name="follow_up_gaps"),
    path("dang-ky/", views.MyRegistrationView.as_view(), name="my_registration"),
    path("don-vi/<str:code>/dang-ky/", views.RegistrationView.as_view(), name="registration"),
    # Spreadsheet imports (urls_spreadsheets.py).
    path("", include("registry.urls_spreadsheets")),
]
