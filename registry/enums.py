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


class ExemplarStatus(models.TextChoices):
    """Where an exemplar stands. It changes only through ``registry.workflow``."""

    DRAFT = "draft", _("Draft")
    # The unit's own sign-off (an optional step, ``Unit.needs_head_signoff``): the editor's
    # record waits for the unit head, who sends it on or returns it with a reason.
    AWAITING_HEAD = "awaiting_head", _("Awaiting the unit head's sign-off")
    RETURNED_BY_HEAD = "returned_by_head", _("Returned by the unit head")
    SUBMITTED_TO_DISTRICT = "submitted_to_district", _("Awaiting the district")
    RETURNED_BY_DISTRICT = "returned_by_district", _("Returned by the district")
    UNDER_REVIEW = "under_review", _("Under review at Home Affairs")
    RETURNED = "returned", _("Returned for completion")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")

    @classmethod
    def editable(cls):
        """States in which the unit may change the record."""
        return {cls.DRAFT, cls.RETURNED_BY_HEAD, cls.RETURNED_BY_DISTRICT, cls.RETURNED}

    @classmethod
    def within_unit(cls):
        """States in which the record has not left its unit: a draft, or a record waiting
        for, or returned by, the unit's own head. Nobody outside the unit has it yet."""
        return {cls.DRAFT, cls.AWAITING_HEAD, cls.RETURNED_BY_HEAD}

    @classmethod
    def sent(cls):
        """States that count as sent to Home Affairs for the quota."""
        return {cls.UNDER_REVIEW, cls.ACCEPTED}

    @classmethod
    def final(cls):
        return {cls.ACCEPTED, cls.REFUSED}

    @classmethod
    def with_reason(cls):
        """States a reviewer puts a record in only with a reason, which the unit must read:
        returned (by the unit head, the district or Home Affairs, or reopened) and refused."""
        return {cls.RETURNED_BY_HEAD, cls.RETURNED_BY_DISTRICT, cls.RETURNED, cls.REFUSED}

    @classmethod
    def returned(cls):
        """States in which a record sent back waits for its unit to complete it and send it
        again (what a unit's home lists first)."""
        return {cls.RETURNED_BY_HEAD, cls.RETURNED_BY_DISTRICT, cls.RETURNED}


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Reach(models.TextChoices):
    """How far an exemplar's influence spreads (follow-up, plan II.3)."""

    UNIT = "unit", _("Within the unit")
    SECTOR = "sector", _("Across the sector")
    PROVINCE = "province", _("Across the province")
    NATIONAL = "national", _("Nationwide")
