"""Forms of commendation proposals, councils, introductions to the media and consolidations."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import MediaOutlet
from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    RemoveRowMixin,
    choice_filter,
    code_choice,
    search_field,
    text_box,
)
from exemplar_portal.base.text import ascii_name
from registry.enums import ExemplarStatus, SubjectKind
from registry.forms import AttachmentForm, year_field
from registry.models import Campaign, Exemplar, Field, Plan, Unit

from .conditions import double_award
from .councils import RECUSED
from .models import (
    AwardForm,
    AwardProposal,
    AwardTrack,
    Consolidation,
    Council,
    CouncilMember,
    Disclosure,
    DossierPart,
    IssuedDocument,
    MediaIntroduction,
    Meeting,
    RecipientGroup,
    Signer,
    Vote,
    default_signer,
)


def proposable_exemplars(user):
    """Accepted exemplars the user may propose: Home Affairs any, unit staff their unit's."""
    accepted = Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED).select_related("unit")
    if user.has_perm("reports.appraise_awardproposal"):
        return accepted
    return accepted.filter(unit_id=user.unit_id) if user.unit_id else accepted.none()


class ProposalForm(BootstrapFormMixin, forms.ModelForm):
    """The proposer picks the exemplar among those they may propose; the proposing unit is
    theirs (Home Affairs names it). Duplicates and awards that do not fit the subject are
    refused with a clear message."""

    class Meta:
        model = AwardProposal
        fields = ["exemplar", "award", "year", "track", "proposing_unit", "reasons"]
        field_classes = {"track": forms.ModelChoiceField}
        widgets = {"reasons": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["exemplar"].queryset = proposable_exemplars(user).order_by("-year", "pk")
        self.fields["award"].queryset = AwardForm.objects.all()
        self.fields["track"].to_field_name = "code"
        self.fields["track"].required = True
        self.fields["year"].initial = timezone.localdate().year
        if user.has_perm("reports.appraise_awardproposal"):
            self.fields["proposing_unit"].queryset = Unit.objects.select_related("kind")
            self.fields["proposing_unit"].initial = user.unit_id
        else:
            del self.fields["proposing_unit"]
            if not self.instance.pk:
                self.instance.proposing_unit_id = user.unit_id
        if self.instance.pk:
            # The exemplar of a proposal does not change; a new one is proposed instead.
            self.fields["exemplar"].disabled = True

    def clean(self):
        cleaned = super().clean()
        exemplar, award, year = cleaned.get("exemplar"), cleaned.get("award"), cleaned.get("year")
        if exemplar and award and not award.applies_to(exemplar.subject_kind):
            self.add_error(
                "award",
                _("“%(award)s” is not conferred on a %(subject)s.")
                % {"award": award, "subject": SubjectKind(exemplar.subject_kind).label.lower()},
            )
        if award and year and not award.is_active_in(year):
            self.add_error(
                "award",
                _("“%(award)s” is not in force in %(year)s.") % {"award": award, "year": year},
            )
        if exemplar and award and year and not self.has_error("award"):
            # The subject over all its yearly rows, the award with the forms counted as it.
            refusal = double_award(
                exemplar=exemplar, award=award, year=year, leaving_out=self.instance
            )
            if refusal:
                # An error on the award also spares the model's unique constraint check.
                self.add_error("award", refusal)
        return cleaned


class AppraisalForm(BootstrapFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=AwardProposal.Status.outcomes)
    notes = text_box(
        _("Appraisal notes"),
        rows=4,
        max_length=4000,
        required=False,
        help_text=_("What was checked; what the unit must add, if anything."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") in (
            AwardProposal.Status.NEEDS_MORE,
            AwardProposal.Status.NOT_AGREED,
        ) and not cleaned.get("notes"):
            self.add_error("notes", _("Say why, so that the unit knows what to do."))
        return cleaned


class DossierUploadForm(AttachmentForm):
    """A scan of one part of a proposal's dossier (``reports.dossier``): the part named by
    its code, which must be one of this dossier's, else nothing is stored. A part that is one
    document takes one file."""

    part = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, dossier, part=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        if part is not None:
            self.initial["part"] = part.code
        code = part.code if part is not None else self.data.get("part", "")
        self.auto_id = f"part-{ascii_name(code) or 'x'}-%s"
        row = dossier.row_of(part) if part is not None else None
        if row is not None and row.single:
            self.fields["file"].widget.attrs.pop("multiple", None)
            self.fields["file"].help_text = _(
                "One file: a scan of several pages goes as one PDF. JPEG, PNG or WebP photos; "
                "PDF or DOCX documents; at most 10 MB."
            )

    def clean(self):
        from .dossier import part_problem

        cleaned = super().clean()
        code = cleaned.get("part", "")
        part = DossierPart.objects.filter(code=code).first() if code else None
        problem = part_problem(self.dossier, part)
        if problem:
            self.add_error(None, problem)
        cleaned["part"] = part
        return cleaned


class DecisionForm(BootstrapFormMixin, forms.ModelForm):
    """The decision; with it, the group the yearly statistics count the recipient in (a
    collective's groups or an individual's; none for a household), which may stay empty."""

    class Meta:
        model = AwardProposal
        fields = ["decision_number", "decision_date", "decision_signer", "recipient_group"]
        help_texts = {
            "decision_number": _("For example 1234/QĐ-UBND."),
            "decision_signer": _("Name and title of who signed the decision."),
        }

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = name != "recipient_group"
        groups = RecipientGroup.for_subject(proposal.exemplar.subject_kind) if proposal else None
        if groups == []:
            del self.fields["recipient_group"]
        elif groups is not None:
            self.fields["recipient_group"].choices = [
                ("", _("Not classified")),
                *((group.value, group.label) for group in groups),
            ]
            self.fields["recipient_group"].initial = proposal.recipient_group

    def clean_decision_date(self):
        return self.not_after_today("decision_date", _("A decision is recorded once it is signed."))


class ProposalFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Exemplar or decision number"))
    year = year_field(_("Achievement year"))
    award = code_choice(_("Award form"), AwardForm.objects.all(), _("All awards"))
    track = code_choice(_("Track"), AwardTrack.objects.all(), _("All tracks"))
    status = choice_filter(_("Status"), _("Any status"), AwardProposal.Status.choices)


class DecisionFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Decision number or signer"))
    year = year_field(_("Year of the decision"))
    level = choice_filter(_("Conferred by"), _("Anyone"), AwardForm.Level.choices)


class AwardFormFilterForm(BootstrapFormMixin, forms.Form):
    """The catalogue of award forms: by who confers, category, subject, track, year."""

    q = search_field(_("Name or code"))
    level = choice_filter(_("Conferred by"), _("Anyone"), AwardForm.Level.choices)
    category = choice_filter(_("Category"), _("All categories"), AwardForm.Category.choices)
    subject = choice_filter(_("Subject"), _("Any subject"), SubjectKind.choices)
    track = code_choice(_("Track"), AwardTrack.objects.all(), _("All tracks"))
    year = year_field(_("In force in"))


class IntroductionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = MediaIntroduction
        fields = ["exemplar", "outlet", "date", "occasion", "angle"]
        widgets = {"angle": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exemplar"].queryset = (
            Exemplar.objects.filter(status=ExemplarStatus.ACCEPTED)
            .select_related("unit")
            .order_by("-year", "pk")
        )
        self.fields["outlet"].queryset = MediaOutlet.objects.filter(is_active=True)
        self.fields["date"].initial = timezone.localdate


class IntroductionFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Exemplar"))
    year = year_field()
    field = code_choice(_("Field"), Field.objects.all(), _("All fields"))
    outlet = code_choice(
        _("Outlet"), MediaOutlet.objects.all(), _("All outlets"), to_field_name=None
    )
    occasion = choice_filter(_("Occasion"), _("Any occasion"), MediaIntroduction.Occasion.choices)


# Consolidations ------------------------------------------------------------------------------


class ConsolidationForm(BootstrapFormMixin, forms.ModelForm):
    """A year, and a movement or campaign when the consolidation is of one only."""

    year = year_field(_("Year"), optional=False)

    class Meta:
        model = Consolidation
        fields = ["year", "campaign"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.order_by("name")
        self.fields["campaign"].empty_label = _("Every exemplar of the year")


class PeriodReviewForm(BootstrapFormMixin, forms.Form):
    """The plan whose period is reviewed; whether it may be reviewed yet, and only once, is
    checked when the review is created (``consolidation.create_period_review``)."""

    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the plans.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-period_from")
        self.fields["plan"].label_from_instance = lambda plan: plan.short_label


class ConsolidationFilterForm(BootstrapFormMixin, forms.Form):
    year = year_field(_("Year"))
    kind = choice_filter(_("Kind"), _("Every kind"), Consolidation.Kind.choices)
    status = choice_filter(_("Status"), _("Any status"), Consolidation.Status.choices)


class PublishForm(BootstrapFormMixin, forms.Form):
    """Publishing freezes the figures; the report takes its number when it is issued."""


class ReopenForm(BootstrapFormMixin, forms.Form):
    reason = text_box(
        _("Reason for reopening"),
        rows=3,
        max_length=2000,
        min_length=10,
        help_text=_("Kept with the published version and shown to every reader."),
    )


class CompareForm(BootstrapFormMixin, forms.Form):
    before = forms.TypedChoiceField(label=_("From version"), coerce=int)
    after = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(number)s") % {"number": n}) for n in numbers]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("before") is not None and cleaned.get("before") == cleaned.get("after"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned


# Signers, issuing and the register -------------------------------------------------------------


class SignerForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Signer
        fields = [
            "full_name",
            "position",
            "authority",
            "principal",
            "collective",
            "is_default",
            "active",
            "order",
        ]


class IssueForm(BootstrapFormMixin, forms.Form):
    """Who signs and on which date: the number comes from the register when this is sent."""

    signer = forms.ModelChoiceField(
        label=_("Signer"),
        queryset=Signer.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the unit's signers.")},
    )
    issued_on = forms.DateField(
        label=_("Date of the document"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args, unit, asks_signer=True, day=None, **kwargs):
        """``asks_signer``: False for a document its makers sign (the minutes); ``day``: the
        date offered, today unless the document has its own."""
        super().__init__(*args, **kwargs)
        if asks_signer:
            signers = Signer.objects.active().filter(unit=unit)
            self.fields["signer"].queryset = signers.order_by("-is_default", "order", "pk")
        else:
            del self.fields["signer"]
        if not self.is_bound:
            if asks_signer:
                self.initial.setdefault("signer", default_signer(unit))
            self.initial.setdefault("issued_on", day or timezone.localdate())

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        today = timezone.localdate()
        if day > today:
            raise forms.ValidationError(_("A document cannot be dated after today."))
        if day.year != today.year:
            raise forms.ValidationError(
                _("A document takes its number from this year's register: date it in %(year)s.")
                % {"year": today.year}
            )
        return day


class NarrativeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Consolidation
        fields = list(Consolidation.NARRATIVE_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 5}) for name in Consolidation.NARRATIVE_FIELDS
        }

    def clean(self):
        cleaned = super().clean()
        for name in Consolidation.NARRATIVE_FIELDS:
            if len(cleaned.get(name) or "") > 20000:
                self.add_error(name, _("At most 20,000 characters."))
        return cleaned


class RegisterFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    year = year_field(_("Year"))
    kind = choice_filter(_("Kind of document"), _("Every document"), IssuedDocument.Kind.choices)


# Councils ------------------------------------------------------------------------------------


def kept_units(user):
    """The units whose council the user keeps: Home Affairs the province's, unit staff their
    own unit's."""
    if user.has_perm("reports.appraise_awardproposal"):
        return Unit.objects.filter(parent__isnull=True)
    return Unit.objects.filter(pk=user.unit_id)


class CouncilForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Council
        fields = [
            "unit",
            "name",
            "quorum_numerator",
            "quorum_denominator",
            "pass_numerator",
            "pass_denominator",
            "pass_more_than",
            "basis",
            "active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = kept_units(user)
        if self.instance.pk:
            units = Unit.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.get()


class CouncilMemberForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CouncilMember
        fields = ["full_name", "position", "role", "since", "until"]


class MemberFormSet(RemoveRowMixin, forms.BaseInlineFormSet):
    pass


def member_formset(*, extra: int):
    return forms.inlineformset_factory(
        Council,
        CouncilMember,
        form=CouncilMemberForm,
        formset=MemberFormSet,
        extra=extra,
        can_delete=True,
    )


class MeetingCreateForm(BootstrapFormMixin, forms.ModelForm):
    """A new meeting: its council, day and place; attendance and proposals come after."""

    class Meta:
        model = Meeting
        fields = ["council", "date", "starts_at", "place"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Council.objects.restrict(user).filter(active=True)
        kept = [
            c.pk
            for c in councils.select_related("unit")
            if user.has_perm("reports.change_council", c)
        ]
        self.fields["council"].queryset = Council.objects.filter(pk__in=kept)


class MeetingForm(BootstrapFormMixin, forms.ModelForm):
    """Who chaired, who took the minutes, who was present, which proposals were considered:
    among the council's members in office that day and the proposals the user reaches."""

    class Meta:
        model = Meeting
        fields = ["date", "starts_at", "place", "chair", "secretary", "present", "proposals"]
        widgets = {
            "present": forms.CheckboxSelectMultiple,
            "proposals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.instance.council.members.all()
        for name in ("chair", "secretary", "present"):
            self.fields[name].queryset = members
        self.fields["proposals"].queryset = AwardProposal.objects.restrict(user).select_related(
            "award", "exemplar"
        )

    def clean(self):
        data = super().clean()
        present = set(data.get("present") or ())
        for name in ("chair", "secretary"):
            if data.get(name) and data[name] not in present:
                self.add_error(name, _("Tick them among the members present too."))
        return data


class BallotForm(BootstrapFormMixin, forms.Form):
    """Each member present: their vote on one proposal, or their recusal and why."""

    CHOICES = [("", _("Not recorded")), *Vote.Choice.choices, (RECUSED, _("Recused"))]

    def __init__(self, *args, meeting, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        votes = {v.member_id: v.choice for v in meeting.votes.filter(proposal=proposal)}
        recusals = {r.member_id: r.reason for r in meeting.recusals.filter(proposal=proposal)}
        self.members = list(meeting.present.all())
        for member in self.members:
            self.fields[f"vote_{member.pk}"] = forms.ChoiceField(
                label=str(member),
                choices=self.CHOICES,
                required=False,
                initial=RECUSED if member.pk in recusals else votes.get(member.pk, ""),
            )
            self.fields[f"reason_{member.pk}"] = forms.CharField(
                label=_("Reason for the recusal of %(name)s") % {"name": member.full_name},
                max_length=300,
                required=False,
                initial=recusals.get(member.pk, ""),
            )

    def rows(self):
        return [(m, self[f"vote_{m.pk}"], self[f"reason_{m.pk}"]) for m in self.members]

    def ballots(self) -> dict:
        data = self.cleaned_data
        return {m: (data[f"vote_{m.pk}"], data[f"reason_{m.pk}"]) for m in self.members}


class DisclosureForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = ["starts_on", "ends_on", "where", "comments", "handling"]
        widgets = {
            "comments": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 3}),
        }
