"""Inspection and supervision of how units build and spread exemplars (plan III.5).

Writes that carry a rule live here, next to the rows they guard: a recommendation is
recorded only after the inspection was carried out, a closed one takes no further note, and
it is closed only once a follow-up note says what was done (its table of moves,
``RECOMMENDATION_MOVES``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.moves import Move, MoveError, Moves
from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from registry.selectors import unit_ids_in_scope


class InspectionPlanQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """Plans are public to every signed-in user (their inspections are scoped)."""
        return None


class InspectionPlan(models.Model):
    """The yearly plan of inspections, adopted by a decision."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("Number and date of the decision adopting the plan."),
    )
    lead_unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("lead unit"),
        related_name="inspection_plans",
        on_delete=models.PROTECT,
    )
    description = models.TextField(_("content"), blank=True)
    history = HistoricalRecords()

    objects = InspectionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:inspection_plan", kwargs={"pk": self.pk})


class InspectionQuerySet(RestrictedQuerySet):
    scope_spans_many = True

    def scope(self, user, action):
        """Inspections of a unit the user reaches, led by it, or on whose team the user
        sits."""
        scope = unit_ids_in_scope(user)
        if scope is None:
            return None
        return (
            Q(unit__in=scope)
            | Q(plan__lead_unit__in=scope)
            | Q(team_leader=user)
            | Q(team_members=user)
        )


class Inspection(RulesModel):
    """The inspection or supervision of one unit under a plan, and its findings."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection")
        SUPERVISION = "supervision", _("Supervision")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Carried out")

    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("plan"),
        related_name="inspections",
        on_delete=models.PROTECT,
    )
    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit inspected"),
        related_name="inspections",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INSPECTION)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    scheduled_on = models.DateField(_("scheduled for"))
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    team_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team leader"),
        related_name="led_inspections",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team members"),
        related_name="inspections_joined",
        blank=True,
    )
    other_members = models.TextField(
        _("other team members"),
        blank=True,
        help_text=_("Members without a portal account, one per line with their office."),
    )
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("How the unit finds, builds, nurtures and spreads its exemplars."),
    )
    search_text = models.TextField(editable=False, default="")
    objects = InspectionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[team_members], excluded_fields=["search_text"])

    class Meta:
        ordering = ["-scheduled_on", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.unit} · {self.scheduled_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("campaigns:inspection_detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.status == self.Status.DONE and not self.carried_out_on:
            raise ValidationError(
                {"carried_out_on": _("Give the date the inspection was carried out.")}
            )

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.unit.name} {self.findings[:2000]}")
        super().save(*args, **kwargs)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @transaction.atomic
    def record_recommendation(self, *, text: str, due_on=None, by):
        """Record a recommendation to the inspected unit; raises ``ValidationError`` while the
        inspection is not carried out yet.

        Side effects: the unit's editors and heads (and the district's reviewers, for a
        district) are told on commit, in the portal and by e-mail.
        """
        if not self.is_done:
            raise ValidationError(
                _("Record the findings and mark the inspection carried out first.")
            )
        recommendation = Recommendation(inspection=self, text=text, due_on=due_on)
        recommendation._history_user = by
        recommendation.save()
        notify_recommendation(recommendation, by=by)
        return recommendation


class RecommendationQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """The recommendations of the inspections the user reaches."""
        if unit_ids_in_scope(user) is None:
            return None
        return Q(inspection__in=Inspection.objects.restrict(user).values("pk"))

    def open(self):
        return self.filter(status=Recommendation.Status.OPEN)

    def closed(self):
        return self.filter(status=Recommendation.Status.CLOSED)

    def overdue(self, today=None):
        """Open recommendations whose due date has passed."""
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Recommendation(models.Model):
    """A recommendation to the inspected unit, followed up until it is closed.

    Its status changes only through ``RECOMMENDATION_MOVES`` (``close``, which needs at
    least one follow-up note).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Being followed up")
        CLOSED = "closed", _("Closed")

    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        related_name="recommendations",
        on_delete=models.CASCADE,
    )
    text = models.TextField(_("recommendation"))
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if not kwargs.get("update_fields"):
            self.search_text = fold(f"{self.inspection.unit.name} {self.text[:2000]}")
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_overdue(self) -> bool:
        return bool(not self.is_closed and self.due_on and self.due_on < timezone.localdate())

    def _lock(self):
        """Hold the row until the transaction ends, then read its status afresh: a note and
        a closing never cross."""
        type(self).objects.select_for_update().get(pk=self.pk)
        self.refresh_from_db(fields=["status", "closed_at", "closed_by"])

    @transaction.atomic
    def record_follow_up(self, *, note: str, by):
        """Add what the unit did; raises ``ValidationError`` on a closed recommendation or an
        empty note."""
        note = (note or "").strip()
        if not note:
            raise ValidationError(_("Write what was done."))
        self._lock()
        if self.is_closed:
            raise ValidationError(_("This recommendation is closed; it takes no further note."))
        return self.follow_ups.create(note=note, recorded_by=by)

    def close(self, *, by):
        """Close the recommendation, recording who and when; refused (``ValidationError``)
        when it is closed already or while no follow-up note records what was done, and
        ``PermissionDenied`` unless ``by`` may close it."""
        RECOMMENDATION_MOVES.make(self, "close", by=by)


def _has_follow_up(step):
    if not step.obj.follow_ups.exists():
        raise MoveError(_("Record a follow-up note saying what was done before closing."))


def _closed(step):
    step.obj.closed_at = timezone.now()
    step.obj.closed_by = step.by
    step.fields |= {"closed_at", "closed_by"}


RECOMMENDATION_MOVES = Moves(
    [
        Move(
            "close",
            _("Close the recommendation"),
            frozenset({Recommendation.Status.OPEN}),
            Recommendation.Status.CLOSED,
            "campaigns.close_recommendation",
            takes_reason=False,
            refusal=_("This recommendation is already closed."),
            check=_has_follow_up,
            apply=_closed,
        )
    ]
)


class RecommendationFollowUp(models.Model):
    """What the unit did about a recommendation, as recorded by the unit or Home Affairs."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        related_name="follow_ups",
        on_delete=models.CASCADE,
    )
    note = models.TextField(_("follow-up note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self):
        return self.note[:80]


def notify_recommendation(recommendation, *, by) -> int:
    """Tell the inspected unit about a new recommendation once it commits; returns how many
    will be told.

    Side effects (``registry.notifications.notify``): one portal ``Notification`` per
    recipient (never the author) and one e-mail each. Recipients: the unit's active editors
    and heads, and its district reviewers when the unit inspected is a district.
    """
    from django.utils.text import Truncator
    from django.utils.translation import gettext_noop

    from registry import phrases
    from registry.enums import Role
    from registry.models import User
    from registry.notifications import notify, portal_link
    from registry.phrases import Phrase

    inspection = recommendation.inspection
    recipients = (
        User.objects.filter(
            unit=inspection.unit_id,
            role__in=[Role.UNIT_EDITOR, Role.UNIT_HEAD, Role.DISTRICT_REVIEWER],
            is_active=True,
        )
        .exclude(pk=by.pk)
        .distinct()
        .order_by("pk")
    )
    link = portal_link(inspection.get_absolute_url())

    def describe(text):
        sentence = Phrase(
            gettext_noop("The %(kind)s team recorded a recommendation for %(unit)s: “%(text)s”."),
            kind=phrases.choice(Inspection, "kind", inspection.kind, lower=True),
            unit=inspection.unit.short_name or inspection.unit.name,
            # The quotation closes the sentence: no full stop of its own inside it.
            text=text.rstrip().rstrip("."),
        )
        if recommendation.due_on:
            due = Phrase(gettext_noop("Due by %(date)s."), date=phrases.date(recommendation.due_on))
            return phrases.sentences(sentence, due)
        return sentence

    # Each recipient reads it, and the e-mail, in their own language.
    return notify(
        recipients,
        about=inspection,
        message=describe(Truncator(recommendation.text).chars(200)),
        link_in_mail=False,
        details=[
            describe(recommendation.text),
            Phrase(
                gettext_noop("Record what the unit does about it as follow-up notes: %(link)s"),
                link=link,
            ),
        ],
    )
