from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from registry.forms import (
    LoginForm,
    PortalPasswordChangeForm,
    PortalSetPasswordForm,
    QueuedPasswordResetForm,
)
from registry.views import health
from registry.views.session import set_language

admin.site.site_header = _("Exemplar portal administration")
admin.site.site_title = _("Exemplar portal")
admin.site.index_title = _("Administration")

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(form_class=PortalPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=PortalSetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("quan-tri/", admin.site.urls),
    path("healthz", health, name="health"),
    path("phong-trao/", include("campaigns.urls")),
    path("bao-cao/", include("reports.urls")),
    path("", include("registry.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "registry.views.platform.bad_request"
handler403 = "registry.security.permission_denied"
handler500 = "registry.views.platform.server_error"
