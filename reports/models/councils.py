"""The emulation and commendation council (Hội đồng Thi đua - Khen thưởng) of a unit or of
the province: its members, its meetings, the proposals each meeting considers, each member's
vote or recusal, and the public disclosure a proposal for a state award needs before a vote.

The quorum and the passing rule are data on the council (fractions of its members, with the
text they rest on); what a meeting concluded on a proposal is computed from them
(``reports.councils.outcome``), never typed.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import WithPage, by_user
from registry.models.records import UnitScopedQuerySet, unit_link
from registry.rules import is_media

from .awards import AwardProposal


class CouncilQuerySet(UnitScopedQuerySet):
    """The councils of the units the user reaches; media staff read none."""

    def scope(self, user, action):
        return models.Q(pk__in=[]) if is_media(user) else super().scope(user, action)


class Council(WithPage, models.Model):
    """A unit's (or the province's) council, with its quorum and passing rule as data."""

    unit = unit_link("councils")
    name = models.CharField(_("name"), max_length=200)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3)
    pass_numerator = models.PositiveSmallIntegerField(_("passing: numerator"), default=1)
    pass_denominator = models.PositiveSmallIntegerField(_("passing: denominator"), default=2)
    pass_more_than = models.BooleanField(
        _("more than the fraction"),
        default=True,
        help_text=_("Ticked: more than the fraction of the members must agree; else at least."),
    )
    basis = models.CharField(
        _("basis of the rules"),
        max_length=300,
        blank=True,
        help_text=_("The regulation and article the quorum and the passing rule come from."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = by_user(_("created by"))
    objects = CouncilQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:council_detail"

    class Meta:
        ordering = ["unit__name", "name"]
        verbose_name = _("emulation and commendation council")
        verbose_name_plural = _("emulation and commendation councils")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        for part in ("quorum", "pass"):
            top, bottom = (getattr(self, f"{part}_{end}") for end in ("numerator", "denominator"))
            if top is not None and bottom is not None and not 0 < top <= bottom:
                raise ValidationError(
                    {f"{part}_numerator": _("A fraction between 0 and 1, e.g. 2 of 3.")}
                )

    def members_on(self, day):
        """The members in office on ``day``."""
        return self.members.filter(
            models.Q(since__isnull=True) | models.Q(since__lte=day),
            models.Q(until__isnull=True) | models.Q(until__gte=day),
        )


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        STANDING = "standing", _("Standing member")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), related_name="members", on_delete=models.CASCADE
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "pk"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class MeetingQuerySet(CouncilQuerySet):
    unit_paths = ("council__unit",)


class Meeting(WithPage, models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), related_name="meetings", on_delete=models.PROTECT
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    chair = models.ForeignKey(
        CouncilMember,
        verbose_name=_("chaired by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    secretary = models.ForeignKey(
        CouncilMember,
        verbose_name=_("secretary"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    present = models.ManyToManyField(
        CouncilMember, verbose_name=_("members present"), related_name="meetings", blank=True
    )
    proposals = models.ManyToManyField(
        AwardProposal, verbose_name=_("proposals considered"), related_name="meetings", blank=True
    )
    created_by = by_user(_("created by"))
    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:meeting_detail"

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self):
        return f"{self.council} – {self.date:%d/%m/%Y}"


class MembersStand(models.Model):
    """What one member did on one proposal at one meeting: once each (a vote or a recusal,
    ``reports.councils.record_votes`` keeps them apart)."""

    meeting = models.ForeignKey(Meeting, related_name="%(class)ss", on_delete=models.CASCADE)
    proposal = models.ForeignKey(AwardProposal, related_name="%(class)ss", on_delete=models.CASCADE)
    member = models.ForeignKey(CouncilMember, related_name="%(class)ss", on_delete=models.PROTECT)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "proposal", "member"], name="council_%(class)s_once"
            )
        ]


class Vote(MembersStand):
    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")
        ABSTAIN = "abstain", _("Abstain")

    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    history = HistoricalRecords()

    class Meta(MembersStand.Meta):
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.member}: {self.get_choice_display()}"


class Recusal(MembersStand):
    """A member who stands aside on a proposal for a conflict of interest."""

    reason = models.CharField(_("reason"), max_length=300)
    history = HistoricalRecords()

    class Meta(MembersStand.Meta):
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")

    def __str__(self):
        return f"{self.member}: {self.reason}"


class Disclosure(models.Model):
    """The public disclosure of a proposal before the council votes on it (Decree
    98/2023/NĐ-CP Art. 46(2): at least 10 working days for orders and state titles)."""

    proposal = models.OneToOneField(
        AwardProposal,
        verbose_name=_("award proposal"),
        related_name="disclosure",
        on_delete=models.CASCADE,
    )
    starts_on = models.DateField(_("published from"))
    ends_on = models.DateField(_("published until"))
    where = models.CharField(
        _("where published"),
        max_length=300,
        help_text=_("The portal, newspaper or notice board where the candidates were made public."),
    )
    comments = models.TextField(_("comments received"), blank=True)
    handling = models.TextField(_("how the comments were handled"), blank=True)
    recorded_by = by_user(_("recorded by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")

    def __str__(self):
        return f"{self.proposal} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end comes before the start.")
        if self.comments.strip() and not self.handling.strip():
            errors["handling"] = _("Say how the comments received were handled.")
        if errors:
            raise ValidationError(errors)
