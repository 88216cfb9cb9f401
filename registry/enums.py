from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does in the portal. Row-level reach follows from the role and the unit."""

    UNIT_EDITOR = "unit_editor", _("Unit editor")
    UNIT_HEAD = "unit_head", _("Unit head")
    DISTRICT_REVIEWER = "district_reviewer", _("District reviewer")
    HOME_AFFAIRS = "home_affairs", _("Home Affairs reviewer")
    MEDIA = "media", _("Media / propaganda")
    LEADER = "leader", _("Provincial leader")
    ADMINISTRATOR = "administrator", _("Administrator")

    @classmethod
    def reading_all(cls):
        """Roles that read every unit's records."""
        return {cls.HOME_AFFAIRS, cls.LEADER, cls.ADMINISTRATOR}


class SubjectKind(models.TextChoices):
    """Who an exemplar is (plan IV.1)."""

    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    HOUSEHOLD = "household", _("Household")


class CriterionKind(models.TextChoices):
    GENERAL = "general", _("General criterion")
    SPECIFIC = "specific", _("Specific criterion of a field")
