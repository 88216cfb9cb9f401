"""Security events, kept for administrators to read (and written to the log as JSON)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules import always_deny
from rules.contrib.models import RulesModel

from .. import rules as perms
from .records import unit_link


class SecurityEvent(RulesModel):
    """One event worth knowing after the fact: who signed in, who was refused, who saw or
    took away which record's personal data (as the 2025 personal data law expects)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOCKOUT = "lockout", _("Locked out")
        LOGOUT = "logout", _("Signed out")
        PERMISSION_DENIED = "permission_denied", _("Permission denied")
        OUT_OF_REACH = "out_of_reach", _("Record out of reach")
        IMPORT_REFUSED = "import_refused", _("Import refused")
        DOCUMENT_ISSUED = "document_issued", _("Document issued")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("Personal data viewed")
        PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # As typed for a failed sign-in (normalised), else the account's name.
    username = models.CharField(_("log-in name"), max_length=150, blank=True)
    unit = unit_link("+", on_delete=models.SET_NULL, null=True, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    method = models.CharField(max_length=8, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, db_index=True)
    target_type = models.CharField(_("record kind"), max_length=64, blank=True)
    target_id = models.CharField(_("record"), max_length=64, blank=True)
    target_label = models.CharField(_("record name"), max_length=255, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        indexes = [
            models.Index(fields=["kind", "at"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["user", "at"]),
        ]
        # Written by the portal only; administrators read them.
        rules_permissions = {
            "view": perms.is_administrator,
            "add": always_deny,
            "change": always_deny,
            "delete": always_deny,
        }

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M:%S} {self.get_kind_display()} {self.username}"
