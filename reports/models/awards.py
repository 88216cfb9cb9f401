"""Commendation proposals (đề xuất khen thưởng) for accepted exemplars, and the introduction
of outstanding exemplars to the media (plan III.1, IV.3).

The award forms and titles are reference data from the Law on Emulation and Commendation
2022 and, for the years before 2024, the Law of 2003: loaded by a data migration from
``reports/data`` and kept by administrators in the admin (the implementing decrees change
them). What the law says of each (its source, cash, dossier and conditions) is
``award_law``.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.history import NotesInHistory
from exemplar_portal.base.records import Searchable, WithPage, by_user, status_field
from exemplar_portal.base.scopes import OpenQuerySet
from exemplar_portal.base.uploads import RecordFile
from registry.enums import SubjectKind
from registry.models.records import UnitScopedQuerySet, unit_link
from registry.models.units import YEAR_VALIDATORS, ValidityPeriod, ValidityQuerySet
from registry.rules import is_media

from .award_law import AwardTrack, regular_track
from .history import Verdict


class StatisticsColumn(models.TextChoices):
    """The columns of the yearly statistical forms of Circular 02/2023/TT-BNV that count
    award forms (``reports/statistics.py``): those of form 0602 (state-level awards) and of
    form 0603 (a ministry's or province's awards). "Own column": each form of the kind has a
    column of its own."""

    ORDER_OR_MEDAL = "order_or_medal", _("0602: an order or a medal (own column)")
    HO_CHI_MINH_PRIZE = "ho_chi_minh_prize", _("0602: Ho Chi Minh Prize")
    STATE_PRIZE = "state_prize", _("0602: State Prize")
    HONORARY_TITLE = "honorary_title", _("0602: a State honorary title (own column)")
    GOVERNMENT_FLAG = "government_flag", _("0602: the Government's emulation flag")
    PM_CERTIFICATE = "pm_certificate", _("0602: the Prime Minister's certificate of merit")
    NATIONAL_FIGHTER = "national_fighter", _("0602: national emulation fighter")
    OTHER_STATE = "other_state", _("0602: another state-level form (own column)")
    CERTIFICATE = "certificate", _("0603: certificate of merit")
    PROVINCIAL_FIGHTER = (
        "provincial_fighter",
        _("0603: emulation fighter of a ministry or province"),
    )
    EMULATION_FLAG = "emulation_flag", _("0603: emulation flag of a ministry or province")
    BADGE = "badge", _("0603: badge (commemorative medal) of a ministry or province")


class AwardFormQuerySet(OpenQuerySet, ValidityQuerySet):
    """Every signed-in user reads the award forms."""


class AwardForm(WithPage, Searchable, ValidityPeriod):
    """An emulation title or a form of commendation: who confers it, on whom, in which
    years, the law and article it rests on and the tracks it is proposed through."""

    class Category(models.TextChoices):
        TITLE = "title", _("Emulation title")
        COMMENDATION = "commendation", _("Form of commendation")

    class Level(models.TextChoices):
        STATE = "state", _("President of the State")
        GOVERNMENT = "government", _("Prime Minister")
        MINISTRY = "ministry", _("Minister or head of a central body")
        PROVINCE = "province", _("Chairperson of the Provincial People's Committee")
        DEPARTMENT = "department", _("Head of a provincial department or body")
        DISTRICT = "district", _("Chairperson of the District People's Committee")
        COMMUNE = "commune", _("Chairperson of the Commune People's Committee")
        ARMED_FORCES = "armed_forces", _("Commander or head in the armed forces' line")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    level = models.CharField(_("conferred by"), max_length=16, choices=Level.choices)
    for_collectives = models.BooleanField(_("for collectives"), default=False)
    for_individuals = models.BooleanField(_("for individuals"), default=False)
    for_households = models.BooleanField(_("for households"), default=False)
    legal_basis = models.ForeignKey(
        "reports.LegalDocument",
        verbose_name=_("legal basis"),
        related_name="award_forms",
        null=True,
        on_delete=models.PROTECT,
    )
    article = models.CharField(
        _("article"), max_length=120, blank=True, help_text=_("For example Điều 24 khoản 1.")
    )
    sent_up = models.BooleanField(
        _("sent up beyond the province"),
        default=False,
        help_text=_("The province's dossier goes to the Prime Minister or the President."),
    )
    tracks = models.ManyToManyField(
        AwardTrack, verbose_name=_("tracks"), related_name="award_forms", blank=True
    )
    statistics_column = models.CharField(
        _("column in the yearly statistics"),
        max_length=20,
        choices=StatisticsColumn.choices,
        blank=True,
        help_text=_(
            "Where the national statistical forms on commendation (0602 state-level awards, "
            "0603 a ministry's or province's awards) count this form; empty: a form of the "
            "President or the Prime Minister goes to the other forms of 0602, any other form "
            "to neither."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    # A title or form of an earlier law carried on by one of the law in force ("X-2003" by
    # "X"): the conditions count them as one (``reports.conditions``).
    continues_as = models.ForeignKey(
        "self",
        verbose_name=_("continued under the later law as"),
        related_name="continues",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    objects = AwardFormQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:awardform_detail"
    page_key = "code"
    searched_fields = ("name", "code", "article")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")

    def __str__(self):
        return self.name

    @property
    def subjects(self) -> list[str]:
        return [kind for kind in SubjectKind.values if self.applies_to(kind)]

    @property
    def subjects_display(self) -> str:
        return ", ".join(str(SubjectKind(kind).label) for kind in self.subjects)

    def applies_to(self, subject_kind: str) -> bool:
        return {
            SubjectKind.COLLECTIVE: self.for_collectives,
            SubjectKind.INDIVIDUAL: self.for_individuals,
            SubjectKind.HOUSEHOLD: self.for_households,
        }.get(subject_kind, False)

    @staticmethod
    def applicable_filter(subject_kind: str) -> models.Q:
        return models.Q(**{f"for_{subject_kind}s": True})


class RecipientGroup(models.TextChoices):
    """Who was commended, as the yearly statistical forms 0602 and 0603 break it down: a
    collective that is an enterprise, and five groups of individuals."""

    ENTERPRISE = "enterprise", _("An enterprise")
    PROVINCIAL_LEADER = (
        "provincial_leader",
        _("A leader at ministerial or provincial level or above"),
    )
    DEPARTMENT_LEADER = "department_leader", _("A leader at department level or equivalent")
    ENTREPRENEUR = "entrepreneur", _("An entrepreneur")
    OTHER_LEADER = "other_leader", _("Another leader, from deputy head of an office up")
    DIRECT_WORKER = (
        "direct_worker",
        _("Working directly: labour, study, combat or its support (workers, farmers…)"),
    )

    @classmethod
    def for_subject(cls, subject_kind: str) -> list:
        """The groups a subject of ``subject_kind`` may be counted in."""
        if subject_kind == SubjectKind.COLLECTIVE:
            return [cls.ENTERPRISE]
        if subject_kind == SubjectKind.INDIVIDUAL:
            return [member for member in cls if member != cls.ENTERPRISE]
        return []


class AwardProposalQuerySet(UnitScopedQuerySet):
    """Proposals about the exemplars of the units the user reaches, or made by them."""

    unit_paths = ("exemplar__unit", "proposing_unit")


class AwardProposal(NotesInHistory, WithPage, models.Model):
    """A unit's or Home Affairs' proposal to commend an accepted exemplar, its appraisal by
    Home Affairs and, once conferred, the decision."""

    noted_field = "updated_at"

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting appraisal")
        NEEDS_MORE = "needs_more", _("Needs more")
        NOT_AGREED = "not_agreed", _("Not agreed")
        AGREED = "agreed", _("Agreed")
        CONFERRED = "conferred", _("Conferred")
        # Saved, not sent: its conditions are not met (``reports.conditions``) and Home
        # Affairs has not allowed it despite them.
        HELD = "held", _("Held: conditions not met")

        @classmethod
        def outcomes(cls):
            """What an appraisal concludes."""
            return [(s.value, s.label) for s in (cls.AGREED, cls.NOT_AGREED, cls.NEEDS_MORE)]

        @classmethod
        def editable(cls):
            """States in which the proposer may still change the proposal."""
            return {cls.PROPOSED, cls.NEEDS_MORE, cls.HELD}

        @classmethod
        def appraisable(cls):
            return {cls.PROPOSED, cls.NEEDS_MORE, cls.AGREED, cls.NOT_AGREED}

    exemplar = models.ForeignKey(
        "registry.Exemplar",
        verbose_name=_("exemplar"),
        related_name="award_proposals",
        on_delete=models.PROTECT,
    )
    award = models.ForeignKey(
        AwardForm, verbose_name=_("award form"), related_name="proposals", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(
        _("achievement year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The year of the achievements."),
    )
    track = models.ForeignKey(
        AwardTrack,
        verbose_name=_("track"),
        related_name="proposals",
        default=regular_track,
        on_delete=models.PROTECT,
    )
    proposing_unit = unit_link("award_proposals", _("proposing unit"))
    reasons = models.TextField(_("reasons"), help_text=_("The achievements that earn the award."))
    status = status_field(Status)
    appraisal_notes = models.TextField(_("appraisal notes"), blank=True)
    appraised_by = by_user(_("appraised by"), null=True, blank=True)
    appraised_on = models.DateField(_("appraised on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_signer = models.CharField(_("signer"), max_length=200, blank=True)
    decision = models.ForeignKey(
        "reports.AwardDecision",
        verbose_name=_("award decision"),
        related_name="proposals",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
    )
    recipient_group = models.CharField(
        _("group in the yearly statistics"),
        max_length=20,
        choices=RecipientGroup.choices,
        blank=True,
        help_text=_(
            "For a collective, whether it is an enterprise; for an individual, the group the "
            "national statistical forms count them in."
        ),
    )
    # The conditions as last judged (``reports.conditions``; each check is a
    # ``ConditionCheck``), and Home Affairs' leave to send it despite them.
    conditions = models.CharField(
        _("conditions"), max_length=12, choices=Verdict.choices, blank=True, editable=False
    )
    override_reason = models.TextField(
        _("reason for sending despite the conditions"), blank=True, editable=False
    )
    overridden_by = by_user(
        _("allowed despite the conditions by"), null=True, blank=True, editable=False
    )
    overridden_at = models.DateTimeField(
        _("allowed despite the conditions at"), null=True, blank=True, editable=False
    )
    created_by = by_user(_("proposed by"))
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    objects = AwardProposalQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:proposal_detail"

    class Meta:
        ordering = ["-year", "-created_at", "-pk"]
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "award", "year"],
                name="award_proposal_once_per_award_and_year",
                violation_error_message=_(
                    "This exemplar is already proposed for this award for that achievement year."
                ),
            )
        ]

    def __str__(self):
        return f"{self.award} – {self.exemplar} ({self.year})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.Status.editable()

    @property
    def is_overridden(self) -> bool:
        return self.overridden_at is not None

    @property
    def disclosure_or_none(self):
        """Its public disclosure (``reports.Disclosure``), if one is recorded."""
        return getattr(self, "disclosure", None)

    @property
    def appraisal_outcome(self) -> str:
        """What the appraisal concluded (a conferred proposal was agreed first)."""
        if self.status == self.Status.CONFERRED:
            return self.Status.AGREED.label
        return self.get_status_display()


class ProposalFile(RecordFile):
    """A signed scan on a proposal, filed under the part of the dossier it is (``part``):
    the submission letter, the achievement report the unit printed, signed and sealed
    (bản ký), the council's minutes, a proof. Its room is the proposing unit's. A file
    uploaded without a part (the proposal page's signed report) is the achievement report
    of the exemplar's subject (``reports.dossier.report_part``)."""

    folder = "proposals"

    proposal = models.ForeignKey(
        AwardProposal,
        verbose_name=_("award proposal"),
        related_name="files",
        on_delete=models.CASCADE,
    )
    # Empty only on rows whose part could not be told (none of the achievement reports
    # applies to the exemplar's subject).
    part = models.ForeignKey(
        "reports.DossierPart",
        verbose_name=_("part of the dossier"),
        related_name="files",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    record_field = "proposal"
    quota_unit_field = "proposing_unit"

    class Meta(RecordFile.Meta):
        verbose_name = _("signed dossier document")
        verbose_name_plural = _("signed dossier documents")

    @classmethod
    def from_upload(cls, checked, *, uploaded_by, caption: str = "", **fields):
        if fields.get("part") is None and fields.get("proposal") is not None:
            from ..dossier import report_part

            fields["part"] = report_part(fields["proposal"])
        return super().from_upload(checked, uploaded_by=uploaded_by, caption=caption, **fields)


class MediaIntroductionQuerySet(UnitScopedQuerySet):
    """Introductions of the exemplars of the units the user reaches; for an outlet's staff,
    also those made to their outlets."""

    unit_paths = ("exemplar__unit",)

    def also_reached(self, user):
        if is_media(user) and user.unit_id:
            return Q(outlet__unit_id=user.unit_id)
        return None


class MediaIntroduction(WithPage, models.Model):
    """Home Affairs introduces an outstanding accepted exemplar to a media outlet."""

    class Occasion(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        PATRIOTIC_EMULATION_DAY = (
            "june_11",
            _("11 June: anniversary of President Ho Chi Minh's Call for Patriotic Emulation"),
        )
        EMULATION_CONGRESS = "congress", _("Patriotic emulation congress")
        NATIONAL_DAY = "national_day", _("National day and major anniversaries")
        OTHER = "other", _("Other occasion")

    exemplar = models.ForeignKey(
        "registry.Exemplar",
        verbose_name=_("exemplar"),
        related_name="media_introductions",
        on_delete=models.PROTECT,
    )
    outlet = models.ForeignKey(
        "campaigns.MediaOutlet",
        verbose_name=_("outlet"),
        related_name="introductions",
        on_delete=models.PROTECT,
    )
    date = models.DateField(_("date"))
    occasion = models.CharField(
        _("occasion"), max_length=16, choices=Occasion.choices, default=Occasion.ROUTINE
    )
    angle = models.TextField(
        _("angle and notes"), blank=True, help_text=_("What to bring out, whom to contact.")
    )
    created_by = by_user(_("introduced by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    objects = MediaIntroductionQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:introduction_detail"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("introduction to the media")
        verbose_name_plural = _("introductions to the media")
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "outlet", "date"],
                name="media_introduction_once_per_outlet_and_day",
                violation_error_message=_(
                    "This exemplar is already introduced to this outlet on that day."
                ),
            )
        ]

    def __str__(self):
        return f"{self.exemplar} → {self.outlet} ({self.date:%d/%m/%Y})"
