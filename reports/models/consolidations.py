"""The yearly consolidation (tổng hợp) of a province's exemplars (plan III.4, VI.1, VII.2),
and the period review (báo cáo tổng kết) of a plan's whole period.

Home Affairs builds a ``Consolidation`` for a year, optionally for one campaign, and reads it
live while it is being prepared. A period review is a consolidation of the same kind for the
years of one plan (``plan``; its ``year`` is the plan's last year, so the two kinds sort
together): it is published, reopened, compared and issued the same way.

Publishing freezes what a consolidation shows into a numbered, dated
``ConsolidationVersion`` (its ``data`` is the whole snapshot, never recomputed), so that what
was published stays exactly as published when records change later. Reopening a published
consolidation needs a reason, kept on the version it reopens; publishing again yields the
next version. ``DocumentRender`` keeps a version's large PDF, rendered once by the worker, and
the drafts of other documents too large for a web request (``reports/limits.py``).
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from exemplar_portal.base.records import WithPage, by_user, delete_files_with, status_field
from exemplar_portal.base.scopes import OpenQuerySet
from registry.models.records import movement_link
from registry.models.units import YEAR_VALIDATORS


class Consolidation(WithPage, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Being prepared")
        PUBLISHED = "published", pgettext_lazy("consolidation status", "Published")

    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Yearly consolidation")
        PERIOD = "period", _("Period review")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.YEARLY)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    plan = models.ForeignKey(
        "registry.Plan",
        verbose_name=_("plan"),
        related_name="consolidations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The plan whose whole period a period review covers."),
    )
    campaign = movement_link(
        "consolidations",
        _("movement or campaign"),
        help_text=_("Empty for every exemplar of the year."),
    )
    status = status_field(Status)
    # The report's narrative sections, written by Home Affairs before it issues the report.
    results = models.TextField(_("results achieved"), blank=True)
    shortcomings = models.TextField(_("shortcomings and their causes"), blank=True)
    tasks_ahead = models.TextField(_("tasks ahead"), blank=True)
    proposals_text = models.TextField(_("proposals and recommendations"), blank=True)
    created_by = by_user(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    NARRATIVE_FIELDS = ("results", "shortcomings", "tasks_ahead", "proposals_text")
    # Every consolidation: it is the province's, not a unit's; whether the user reads them at
    # all is a role's (``reports.view_consolidation``, a 403).
    objects = OpenQuerySet.as_manager()
    page_url = "reports:consolidation_detail"

    class Meta:
        ordering = ["-year", "campaign__name", "pk"]
        verbose_name = _("consolidation")
        verbose_name_plural = _("consolidations")
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(campaign__isnull=True, kind="yearly"),
                name="consolidation_once_per_year",
                violation_error_message=_("The consolidation of this year already exists."),
            ),
            models.UniqueConstraint(
                fields=["year", "campaign"],
                name="consolidation_once_per_year_and_campaign",
                violation_error_message=_(
                    "The consolidation of this year and campaign already exists."
                ),
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(kind="period"),
                name="period_review_once_per_plan",
                violation_error_message=_("The period review of this plan already exists."),
            ),
            # A yearly consolidation has no plan; a period review has one and covers every
            # exemplar of its years (no campaign).
            models.CheckConstraint(
                condition=models.Q(kind="yearly", plan__isnull=True)
                | models.Q(kind="period", plan__isnull=False, campaign__isnull=True),
                name="consolidation_kind_matches_plan",
                violation_error_message=_(
                    "A period review needs a plan and no campaign; a yearly consolidation has "
                    "no plan."
                ),
            ),
        ]

    def __str__(self):
        if self.is_period:
            return _("Period review %(period)s") % {"period": self.plan.period_label}
        if self.campaign_id:
            return _("Consolidation %(year)s – %(campaign)s") % {
                "year": self.year,
                "campaign": self.campaign.name,
            }
        return _("Consolidation %(year)s") % {"year": self.year}

    @property
    def is_period(self) -> bool:
        return self.kind == self.Kind.PERIOD

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def latest_version(self):
        return self.versions.order_by("-number").first()

    def next_version_number(self) -> int:
        latest = self.latest_version()
        return latest.number + 1 if latest else 1


class ConsolidationVersion(models.Model):
    """What a consolidation showed when it was published, frozen."""

    consolidation = models.ForeignKey(
        Consolidation,
        verbose_name=_("consolidation"),
        related_name="versions",
        on_delete=models.PROTECT,
    )
    number = models.PositiveSmallIntegerField(_("version"))
    document_number = models.CharField(
        _("document number"),
        max_length=40,
        blank=True,
        help_text=_('As registered by the office, e.g. "25/BC-SNV"; empty until registered.'),
    )
    published_at = models.DateTimeField(_("published"))
    published_by = by_user(_("published by"))
    data = models.JSONField(_("snapshot"), encoder=DjangoJSONEncoder, editable=False)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    reopened_by = by_user(_("reopened by"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["consolidation", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["consolidation", "number"], name="consolidation_version_number_once"
            )
        ]

    def __str__(self):
        return _("%(consolidation)s, version %(number)s") % {
            "consolidation": self.consolidation,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse(
            "reports:consolidation_version",
            kwargs={"pk": self.consolidation_id, "number": self.number},
        )


# The documents of a unit, an exemplar or the province, drafted (``DocumentRender``) and
# issued (``IssuedDocument``) alike; each list of kinds puts a consolidation's report first.
DOCUMENT_KINDS = [
    ("UNIT_EXEMPLARS", ("unit_exemplars", _("Report with the unit's list of exemplars"))),
    ("EXEMPLAR_PROFILE", ("exemplar_profile", _("Report on an exemplar's achievements"))),
    (
        "ACHIEVEMENT_REPORT",
        ("achievement_report", _("Achievement report in the official form")),
    ),
    ("QUOTA_COMPLIANCE", ("quota_compliance", _("Report on quota compliance"))),
    (
        "PROPOSALS_TO_PROVINCE",
        (
            "proposals_province",
            _("Submission of commendations to the Provincial People's Committee"),
        ),
    ),
    (
        "PROPOSALS_TO_HOME_AFFAIRS",
        ("proposals_unit", _("Submission of commendations to the Department of Home Affairs")),
    ),
    ("DASHBOARD", ("dashboard", _("Overview report for the provincial leaders"))),
    ("COUNCIL_MINUTES", ("council_minutes", _("Minutes of a council meeting"))),
    ("FUND_SUMMARY", ("fund_summary", _("Report on the emulation and commendation fund"))),
]


class DocumentRender(models.Model):
    """A large document rendered by the background worker and kept: a version's report (one
    file per version, document and language, rendered once), or the draft of another
    document estimated too large for a web request (no version; ``params`` say what to build,
    ``key`` is the fingerprint of its content: the same content is rendered once)."""

    # A version's report, and the drafts by the kinds of ``IssuedDocument``.
    Document = models.TextChoices(
        "Document",
        [
            ("CONSOLIDATED_REPORT", ("consolidated_report", _("Consolidated report"))),
            *DOCUMENT_KINDS,
        ],
    )

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Being rendered")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        # Past a limit of ``reports/limits.py``; ``error`` says which, to the reader.
        REFUSED = "refused", _("Over the limits")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        COLLECTING = "collecting", _("Preparing the tables")
        LAYING_OUT = "laying_out", _("Laying out the pages")
        WRITING = "writing", _("Writing the PDF")
        FINISHED = "finished", _("Finished")

    version = models.ForeignKey(
        ConsolidationVersion,
        verbose_name=_("version"),
        related_name="renders",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    document = models.CharField(
        _("document"),
        max_length=32,
        choices=Document.choices,
        default=Document.CONSOLIDATED_REPORT,
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    # A draft's: what it is built from (the document's parameters, the signer shown).
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    key = models.CharField(_("content fingerprint"), max_length=64, blank=True, default="")
    status = status_field(Status)
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.WAITING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True, editable=False)
    docx = models.FileField(_("DOCX"), upload_to="documents/%Y/", blank=True, editable=False)
    size = models.PositiveIntegerField(_("size"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = by_user(_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "document", "language"], name="document_render_once"
            ),
            models.UniqueConstraint(
                fields=["document", "key", "language"],
                condition=models.Q(version__isnull=True),
                name="document_draft_render_once",
            ),
        ]

    def __str__(self):
        if self.version_id is None:
            return f"{self.get_document_display()} – {self.key[:12]} ({self.language})"
        return f"{self.get_document_display()} – {self.version} ({self.language})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


# A deleted render takes its files along.
delete_files_with(DocumentRender, "file", "docx")
