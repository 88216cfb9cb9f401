"""Exemplars and what hangs on them: criteria evidence, the review timeline, attachments,
nurturing notes, follow-up, the annual registration and in-portal notifications."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import ChoiceLabels, WithPage, by_user, status_field
from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from exemplar_portal.base.uploads import RecordFile

from .. import rules as perms
from ..enums import ExemplarStatus, Gender, Reach, SubjectKind
from .catalogue import CatalogueVersion, Criterion, Field
from .records import movement_link, unit_link
from .units import YEAR_VALIDATORS


def _public_code() -> str:
    # Public codes go in URLs: random, short, and free of any personal data.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


# What a search looks in; ``Exemplar.save`` folds the same fields into ``search_text``.
SEARCH_FIELDS = ["full_name", "collective_name", "household_head", "workplace", "position", "code"]


def exemplar_scope_filter(user) -> models.Q:
    """The exemplars ``user`` reaches: those of the units in reach (see ``selectors``) and,
    for media staff, those their unit's outlets covered or were introduced to by Home Affairs
    (the media publicise them, plan III.1); for a district reviewer, also those sent to their
    unit for endorsement, including work handed over from a body that ended.

    The one place of this logic: the exemplars' scope filters with it and the
    ``can_reach_exemplar`` rule asks that scope for what the unit scope alone does not
    answer. Reaching a record never opens its personal data
    (``can_view_exemplar_personal_data``).
    """
    from ..selectors import unit_ids_in_scope

    scope = unit_ids_in_scope(user)
    if scope is None:
        return models.Q()
    reach = models.Q(unit__in=scope)
    if perms.is_district_reviewer(user) and user.unit_id:
        reach |= models.Q(reviewer_unit__in=scope)
    from ..extensions import exemplar_reach

    for provider in exemplar_reach:
        more = provider(user)
        if more is not None:
            reach |= more
    return reach


class ExemplarQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """Exemplars within the user's reach (see ``exemplar_scope_filter``)."""
        return exemplar_scope_filter(user)

    def search(self, query: str):
        from exemplar_portal.base.search import search

        return search(self, query, fields=SEARCH_FIELDS, folded=True)


class Exemplar(ChoiceLabels, WithPage, RulesModel):
    """A collective, individual or household put forward as an advanced exemplar.

    ``status`` changes only through ``registry.workflow.transition``, which checks the move,
    locks the row, records a ``Transition`` and queues the notifications. ``version`` grows
    with every write so that two reviewers never overwrite each other silently.
    """

    code = models.CharField(
        _("code"), max_length=12, unique=True, default=_public_code, editable=False
    )
    unit = unit_link("exemplars")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    subject_kind = models.CharField(
        _("subject"), max_length=16, choices=SubjectKind.choices, default=SubjectKind.INDIVIDUAL
    )
    # An individual.
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    # A collective.
    collective_name = models.CharField(_("name of the collective"), max_length=255, blank=True)
    head_name = models.CharField(_("head of the collective"), max_length=150, blank=True)
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    # A household.
    household_head = models.CharField(_("head of household"), max_length=150, blank=True)
    household_address = models.CharField(_("address of the household"), max_length=255, blank=True)
    household_members = models.PositiveSmallIntegerField(
        _("members of the household"), null=True, blank=True
    )
    # Common.
    field = models.ForeignKey(
        Field, verbose_name=_("field"), related_name="exemplars", on_delete=models.PROTECT
    )
    campaign = movement_link("exemplars", _("discovered through"))
    reviewer_unit = unit_link(
        "exemplars_to_review",
        _("endorsed first by"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The unit that endorses the exemplar before Home Affairs: the reviewer in force on "
            "the day it was sent (a district until 30/6/2025); empty when it goes straight to "
            "Home Affairs."
        ),
    )
    catalogue_version = models.ForeignKey(
        CatalogueVersion,
        verbose_name=_("criteria judged against"),
        related_name="exemplars",
        on_delete=models.PROTECT,
    )
    achievements = models.TextField(_("achievements"), blank=True)
    new_model = models.TextField(
        _("new model, good practice or initiative"),
        blank=True,
        help_text=_("What is new in the way of working, and what effect it has had."),
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    publication_consent = models.BooleanField(
        _("consent to publication"),
        default=False,
        help_text=_(
            "The person, collective or household agrees that their name, photo and "
            "achievements may be published by the media and on the portal."
        ),
    )
    is_new_factor = models.BooleanField(
        _("new factor registered at the start of the year"), default=False
    )
    status = status_field(ExemplarStatus, max_length=24, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = by_user(_("created by"), editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status since"), null=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    # The subject's name folded (no accents, lower case): how duplicates across units are found.
    subject_key = models.CharField(max_length=255, editable=False, default="", db_index=True)
    # A change's reason is a text: a reviewer's reason for a return is kept in full.
    history = HistoricalRecords(
        excluded_fields=["search_text", "subject_key", "updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    objects = ExemplarQuerySet.as_manager()
    page_url = "registry:exemplar_detail"
    page_key = "code"

    class Meta:
        ordering = ["-year", "unit__name", "-created_at"]
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        indexes = [
            models.Index(fields=["year", "status"]),
            models.Index(fields=["unit", "year"]),
            # The review queue (oldest waiting first) and the province-wide list (latest
            # changed first) read 25 rows in index order instead of sorting every record.
            models.Index(fields=["status", "status_changed_at"]),
            models.Index(fields=["-updated_at"]),
            # A unit's records in id order: what sums a unit's files joins on. Without it the
            # planner, misled by the statistics of a files table that grew since they were
            # taken, walked every record's id to find a unit's few (15 ms instead of 0.6 ms).
            models.Index(fields=["unit", "id"], name="registry_exemplar_unit_ids"),
        ]
        rules_permissions = {
            "view": perms.can_view_exemplar,
            "add": perms.can_add_exemplar,
            "change": perms.can_edit_exemplar,
            "delete": perms.can_delete_exemplar,
            "submit": perms.can_submit_exemplar,
            "sign_off": perms.can_sign_off_exemplar,
            "district_review": perms.can_district_review_exemplar,
            "review": perms.can_review_exemplar,
            "view_personal_data": perms.can_view_exemplar_personal_data,
        }

    def __str__(self):
        return self.subject_name or self.code

    def derive_search_fields(self) -> None:
        """Set what searches and duplicate checks read (``subject_key``, ``search_text``)
        from the record's own fields; ``save`` does it, bulk writes call it themselves."""
        self.subject_key = fold(self.subject_name)[:255]
        self.search_text = fold(" ".join(getattr(self, name) or "" for name in SEARCH_FIELDS))

    def save(self, *args, **kwargs):
        self.derive_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_text",
                "subject_key",
                "updated_at",
            }
        super().save(*args, **kwargs)

    @property
    def subject_name(self) -> str:
        return {
            SubjectKind.INDIVIDUAL: self.full_name,
            SubjectKind.COLLECTIVE: self.collective_name,
            SubjectKind.HOUSEHOLD: self.household_head,
        }.get(self.subject_kind, "")

    @property
    def is_editable(self) -> bool:
        return self.status in ExemplarStatus.editable()

    def criteria(self):
        """The criteria this exemplar answers: the general ones and its field's specific one."""
        return Criterion.objects.filter(version_id=self.catalogue_version_id).filter(
            models.Q(kind="general") | models.Q(kind="specific", field_id=self.field_id)
        )

    def criteria_with_evidence(self) -> list[tuple["Criterion", str]]:
        """Each criterion this exemplar answers (with its field), and the unit's evidence
        for it ("" when none): what the record's page shows and what sending checks."""
        texts = dict(self.evidence.values_list("criterion_id", "text"))
        return [(c, texts.get(c.pk, "")) for c in self.criteria().select_related("field")]


class CriterionEvidence(models.Model):
    """The unit's evidence that the exemplar meets one criterion."""

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("exemplar"), related_name="evidence", on_delete=models.CASCADE
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), related_name="+", on_delete=models.PROTECT
    )
    text = models.TextField(_("evidence"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion evidence")
        verbose_name_plural = _("criteria evidence")
        constraints = [
            models.UniqueConstraint(fields=["exemplar", "criterion"], name="one_evidence_each")
        ]

    def __str__(self):
        return f"{self.exemplar} · {self.criterion}"


class Transition(ChoiceLabels, models.Model):
    """One step of an exemplar's review, never changed once written."""

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("exemplar"), related_name="transitions", on_delete=models.CASCADE
    )
    action = models.CharField(_("action"), max_length=24)
    from_status = models.CharField(_("from"), max_length=24, choices=ExemplarStatus.choices)
    to_status = models.CharField(_("to"), max_length=24, choices=ExemplarStatus.choices)
    # Empty for a step the portal made by itself (work handed over when a reviewer ended).
    by = by_user(_("by"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self):
        return f"{self.exemplar}: {self.from_status} → {self.to_status}"

    @property
    def comment_is_reason(self) -> bool:
        """The comment is the reason for a return, a reopening or a refusal."""
        return self.to_status in ExemplarStatus.with_reason()


class DatedExemplarNote(models.Model):
    """A dated note about an exemplar, written by someone, kept with its history."""

    date = models.DateField(_("date"))
    by = by_user(_("by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.exemplar} · {self.date}"


class NurturingNote(DatedExemplarNote):
    """Support given to a new factor during the year, and what it still has to fix."""

    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplar"),
        related_name="nurturing_notes",
        on_delete=models.CASCADE,
    )
    support_given = models.TextField(_("support given"), blank=True)
    shortcomings = models.TextField(_("shortcomings to fix"), blank=True)
    history = HistoricalRecords()

    class Meta(DatedExemplarNote.Meta):
        verbose_name = _("nurturing note")
        verbose_name_plural = _("nurturing notes")


class FollowUp(DatedExemplarNote):
    """A periodic assessment of an accepted exemplar (plan II.3)."""

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("exemplar"), related_name="follow_ups", on_delete=models.CASCADE
    )
    effectiveness = models.TextField(_("effect and effectiveness"))
    potential = models.TextField(_("development potential"), blank=True)
    reach = models.CharField(_("reach"), max_length=16, choices=Reach.choices)
    difficulties = models.TextField(_("difficulties found"), blank=True)
    support = models.TextField(_("support given"), blank=True)
    history = HistoricalRecords()

    class Meta(DatedExemplarNote.Meta):
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")


class Notification(models.Model):
    """A message in the portal for one user; the same event is also e-mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplar"),
        related_name="+",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )

    # The page of the record it concerns (a path of the portal), when that is not an exemplar
    # or not only one: a difficulty, a regulation, an inspection, a unit's registration.
    url = models.CharField(_("link"), max_length=300, blank=True)

    class Kind(models.TextChoices):
        REVIEW = "review", _("Review step")
        QUOTA_REMINDER = "quota_reminder", _("Quota reminder")
        DIFFICULTY = "difficulty", _("Difficulty or proposal")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REVIEW)
    # The review step a notification tells of: its reason (a return's, a refusal's) is shown
    # with the notification in full.
    transition = models.ForeignKey(
        Transition,
        verbose_name=_("review step"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The text in the portal's language, as sent; ``text`` keeps what it was made of (the
    # English message id and its parameters) so that each reader sees it in their language.
    message = models.CharField(_("message"), max_length=500)
    text = models.JSONField(_("message and its parameters"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.message

    @property
    def target_url(self) -> str:
        """Where the notification leads: the page it names, or its exemplar's."""
        if self.url:
            return self.url
        return self.exemplar.get_absolute_url() if self.exemplar_id else ""

    def render(self) -> str:
        """The message in the active language (the reader's); as stored when it has no text
        of its own (notifications older than translated ones)."""
        from ..phrases import Phrase

        if not self.text:
            return self.message
        return Phrase.from_json(self.text).render()[:500]


class Attachment(RecordFile):
    """A photo or document of an exemplar (``exemplar_portal.base.uploads.RecordFile``). Its
    history (uploaded, removed, restored, purged) is the exemplar's timeline."""

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("exemplar"), related_name="attachments", on_delete=models.CASCADE
    )
    history = HistoricalRecords()

    record_field = "exemplar"
    quota_unit_field = "unit"

    class Meta(RecordFile.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def stored_path(self, filename, thumbnail=False):
        return f"attachments/{self.exemplar.year}/{'thumbs/' if thumbnail else ''}{filename}"

    @classmethod
    def record_changed(cls, record, notes):
        # The record's content changed: a reviewer who opened it before must reload it. The
        # timeline reads the attachments' own history.
        Exemplar.objects.filter(pk=record.pk).update(version=models.F("version") + 1)
