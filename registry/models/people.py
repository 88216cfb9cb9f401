"""People who work in the portal, each with a unit and a role."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..auth import normalise_password
from ..enums import Role
from .records import unit_link


class PortalUserManager(UserManager):
    def get_by_natural_key(self, username):
        # Log-in names are not case-sensitive: "SoNoiVu" and "sonoivu" are one account (a
        # constraint keeps them one).
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who works in the portal. Every user except a technical superuser has a unit."""

    full_name = models.CharField(_("full name"), max_length=150)
    unit = unit_link("users", null=True, blank=True)
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.UNIT_EDITOR
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Set by the language switcher; notifications and e-mails are written in it.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PortalUserManager()

    class Meta:
        ordering = ["full_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="registry_user_username_ci_unique",
                violation_error_message=_(
                    "A user with that log-in name already exists (log-in names ignore case)."
                ),
            )
        ]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or self.username

    @property
    def preferred_language(self) -> str:
        """The language the user reads the portal in: what they chose, else Vietnamese."""
        return self.language or settings.LANGUAGE_CODE

    def get_short_name(self):
        return self.full_name.split()[-1] if self.full_name else self.username

    def set_password(self, raw_password):
        super().set_password(normalise_password(raw_password))

    def check_password(self, raw_password):
        # Passwords set before normalisation was introduced were hashed as typed: try that
        # form too, and store the normalised one once it matches.
        normalised = normalise_password(raw_password)
        if super().check_password(normalised):
            return True
        if normalised != raw_password and super().check_password(raw_password):
            self.set_password(raw_password)
            self._password = None  # an upgrade of the stored form, not a password change
            self.save(update_fields=["password"])
            return True
        return False

    def clean(self):
        super().clean()
        if not self.is_superuser and not self.unit_id:
            raise ValidationError({"unit": _("Every user belongs to a unit.")})
        if (
            self.role == Role.DISTRICT_REVIEWER
            and self.unit_id
            and not self.unit.kind.reviews_children
        ):
            raise ValidationError(
                {"role": _("A district reviewer must belong to a unit that reviews its communes.")}
            )

    def save(self, *args, **kwargs):
        # Only administrators (and technical superusers) enter the admin site.
        self.is_staff = self.is_superuser or self.role == Role.ADMINISTRATOR
        super().save(*args, **kwargs)
