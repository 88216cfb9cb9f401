import copy

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .exemplar_validation import (
    NAME_FIELD,
    SUBJECT_FIELDS,
    ExemplarValidator,
    Stored,
)
from .models import CatalogueVersion, Plan, QuotaRule, UnitKind
from .selectors import (
    FIRST_YEAR,
    STATUS_SENT_UP,
    UNIT_SCOPE_OWN,
    UNIT_SCOPE_QUOTA,
    unit_default_year,
)
from .tasks import send_portal_mail

# Django's empty choice (``BLANK_CHOICE_DASH``, ``ModelChoiceField.empty_label``), and what the
# portal says instead: "choose" where a choice is needed, "none" where none may be left.
DJANGO_BLANK = "---------"
CHOOSE = _("— Choose —")
CHOOSE_NONE = _("— None —")
# The placeholder of every date field: dates read and write day first (formats/vi).
DATE_PLACEHOLDER = _("dd/mm/yyyy")
DATE_FORMAT = "%d/%m/%Y"


def _name_the_blank(field: forms.Field) -> None:
    """Replace Django's "---------" by words, on a select of records or of fixed choices."""
    label = CHOOSE if field.required else CHOOSE_NONE
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if any(text == DJANGO_BLANK for value, text in choices if value in ("", None)):
            field.choices = [
                (value, label if value in ("", None) and text == DJANGO_BLANK else text)
                for value, text in choices
            ]


def _day_first(widget: forms.DateInput) -> None:
    """A date typed and shown as dd/mm/yyyy, with a placeholder that says so."""
    if widget.input_type != "text":
        return
    widget.format = DATE_FORMAT
    widget.attrs["placeholder"] = DATE_PLACEHOLDER
    widget.attrs.setdefault("inputmode", "numeric")
    widget.attrs.setdefault("autocomplete", "off")


class BootstrapFormMixin:
    """Give every widget the layout's classes, so templates render fields one way; selects
    name their empty choice in words and date fields read and write dd/mm/yyyy."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            _name_the_blank(field)
            if isinstance(widget, forms.DateInput):
                _day_first(widget)

    def full_clean(self):
        super().full_clean()
        # Screen readers read a field's error with the field (see includes/form_field.html).
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [self[name].auto_id + "_errors"]
                if self.fields[name].help_text:
                    ids.append(self[name].auto_id + "_helptext")
                widget.attrs["aria-describedby"] = " ".join(ids)


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Log-in names are not case-sensitive here; only passwords are.
        "invalid_login": _(
            "The log-in name or the password is wrong. Passwords are case-sensitive."
        ),
    }


class PortalPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    pass


class PortalSetPasswordForm(BootstrapFormMixin, SetPasswordForm):
    pass


class QueuedPasswordResetForm(BootstrapFormMixin, PasswordResetForm):
    """Django's reset form, with the mail handed to the background worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_portal_mail.enqueue(subject=subject, body=body, to=[to_email])


def _years():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + 1, FIRST_YEAR - 1, -1)]


def _year_choices():
    return [("", _("All years")), *_years()]


def year_field(label=None, *, optional=True):
    """A year of the portal's life; the list is computed each time a form is built."""
    label = label or _("Year")
    if optional:
        return forms.TypedChoiceField(
            label=label, required=False, coerce=int, empty_value=None, choices=_year_choices
        )
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=_years, initial=lambda: timezone.localdate().year
    )


def search_field(placeholder=None):
    """The free-text box of every list's filters (accent-insensitive where it is used)."""
    attrs = {"type": "search"}
    if placeholder:
        attrs["placeholder"] = placeholder
    return forms.CharField(
        label=_("Search"), required=False, max_length=100, widget=forms.TextInput(attrs=attrs)
    )


def choice_filter(label, choices, empty_label):
    """An optional filter choosing one of ``choices`` (a model's ``TextChoices.choices``)."""
    return forms.ChoiceField(label=label, required=False, choices=[("", empty_label), *choices])


def code_choice(label, queryset, empty_label):
    """An optional filter choosing a row by its code ("?kind=xa" rather than a number)."""
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        to_field_name="code",
        empty_label=empty_label,
    )


class UnitFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name or code, with or without accents"))
    kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))
    year = year_field(_("Active in year"))
    on = forms.DateField(
        label=_("In force on"),
        required=False,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


class CatalogueVersionForm(BootstrapFormMixin, forms.Form):
    version = code_choice(
        _("Catalogue version"), CatalogueVersion.objects.filter(published=True), None
    )


class YearForm(BootstrapFormMixin, forms.Form):
    year = year_field(optional=False)

    def __init__(self, *args, years=None, **kwargs):
        """``years`` narrows the choice to those years (a unit's home offers the years the
        unit was in force)."""
        super().__init__(*args, **kwargs)
        if years is not None:
            self.fields["year"].choices = [(year, str(year)) for year in years]


class ExemplarForm(BootstrapFormMixin, forms.ModelForm):
    """The unit's form for an exemplar. Status, unit and reviewer fields are not in it, so
    whatever a request posts for them is ignored."""

    # The version the user's text started from goes with a browser draft of the form
    # (static/js/drafts.js), so that a restored draft cannot overwrite a later save unnoticed.
    version = forms.IntegerField(
        widget=forms.HiddenInput(attrs={"data-keep-in-draft": True}), required=False
    )
    creation_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    specific_evidence = forms.CharField(
        label=_("Evidence for the specific criterion of the field"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    SUBJECT_FIELDS = SUBJECT_FIELDS
    NAME_FIELD = NAME_FIELD

    class Meta:
        from .models import Exemplar

        model = Exemplar
        fields = [
            "year",
            "subject_kind",
            "full_name",
            "gender",
            "birth_year",
            "position",
            "workplace",
            "collective_name",
            "head_name",
            "member_count",
            "household_head",
            "household_address",
            "household_members",
            "field",
            "campaign",
            "is_new_factor",
            "achievements",
            "new_model",
            "contact_name",
            "contact_phone",
            "contact_email",
            "publication_consent",
        ]
        widgets = {
            "subject_kind": forms.RadioSelect,
            "achievements": forms.Textarea(attrs={"rows": 6}),
            "new_model": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, unit=None, by=None, **kwargs):
        """``unit``: the unit the record is (or will be) of; ``by``: the person recording,
        whose reach and permissions the rules check (``exemplar_validation``)."""
        from .models import CatalogueVersion, Criterion

        super().__init__(*args, **kwargs)
        self.unit = unit
        self.by = by
        # Possible duplicates found by the check: they do not stop the save.
        self.warnings: dict[str, list[str]] = {}
        self.fields["subject_kind"].widget.attrs["class"] = "form-check-input"
        # A new record gets the year the unit's home opens on (a unit that ended, its last).
        year = self.instance.year if self.instance.pk else unit_default_year(unit)
        self.fields["year"].initial = year
        if self.instance.pk:
            self.catalogue_version = self.instance.catalogue_version
        else:
            # The catalogue of the plan in force in the year typed (or offered). A year no
            # plan covers has none: the year is refused (``clean_year``); meanwhile the form
            # shows the latest published wording, so that nothing typed is lost.
            self.catalogue_version = CatalogueVersion.for_year(self._typed_year() or year) or (
                CatalogueVersion.objects.filter(published=True).first()
            )
        self.general_criteria = list(
            Criterion.objects.filter(version=self.catalogue_version, kind="general")
        )
        existing = {}
        if self.instance.pk:
            existing = dict(self.instance.evidence.values_list("criterion_id", "text"))
        for criterion in self.general_criteria:
            name = f"evidence_{criterion.pk}"
            self.fields[name] = forms.CharField(
                label=criterion.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                initial=existing.get(criterion.pk, ""),
            )
            # The form numbers the criteria as the catalogue does ("General criterion 1").
            self.fields[name].criterion = criterion
        # Each field's own criterion, numbered as in the catalogue: the form shows the one
        # of the field chosen above the evidence for it.
        self.specific_criteria = list(
            Criterion.objects.filter(version=self.catalogue_version, kind="specific")
            .select_related("field")
            .order_by("number")
        )
        if self.instance.pk:
            specific = self.instance.criteria().filter(kind="specific").first()
            if specific:
                self.fields["specific_evidence"].initial = existing.get(specific.pk, "")
        self.fields["publication_consent"].required = False
        # The subject's name is needed to save at all (``clean``), whatever the kind.
        for name in self.NAME_FIELD.values():
            self.fields[name].widget.attrs["aria-required"] = "true"
        self._describe_what_sending_needs()

    def needed_to_send(self) -> set[str]:
        """The fields that sending needs (``workflow.completeness_errors`` checks the same),
        which the form marks "needed to send"; the subject's name, needed to save at all, is
        marked as required instead."""
        from . import workflow

        needed = workflow.fields_needed_to_send() | {
            f"evidence_{c.pk}" for c in self.general_criteria
        }
        return needed - set(self.NAME_FIELD.values())

    def full_clean(self):
        super().full_clean()
        self._describe_what_sending_needs()

    def _describe_what_sending_needs(self):
        """Screen readers read "needed to send" with each field sending needs (the mark's
        id is ``<field id>_send``, see ``registry/partials/exemplar_form_field.html``), with
        the field's help and errors."""
        for name in self.needed_to_send():
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [bound.auto_id + "_send"]
            if self.fields[name].help_text:
                ids.append(bound.auto_id + "_helptext")
            if name == "specific_evidence":
                ids.append("specific-criterion")
            if name in self.errors:
                ids.insert(0, bound.auto_id + "_errors")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def general_evidence_fields(self):
        return [self[f"evidence_{c.pk}"] for c in self.general_criteria]

    def chosen_specific_criterion(self):
        """The specific criterion of the field of work chosen (as typed, or saved), if any."""
        value = self["field"].value()
        return next((c for c in self.specific_criteria if str(c.field_id) == str(value)), None)

    def subject_field_groups(self):
        return {kind: [self[name] for name in names] for kind, names in self.SUBJECT_FIELDS.items()}

    def _typed_year(self) -> int | None:
        if not self.is_bound:
            return None
        try:
            return int(self.data.get(self.add_prefix("year")) or "")
        except ValueError:
            return None

    def clean(self):
        """The rules every exemplar meets, as the import checks them too
        (``exemplar_validation``): errors go to their fields (those the form does not show,
        to the form as a whole), the subject kinds not chosen are emptied."""
        cleaned = super().clean()
        candidate = copy.copy(self.instance)
        if not self.instance.pk:
            candidate.unit = self.unit
        for name in self.Meta.fields:
            if name in cleaned:
                setattr(candidate, name, cleaned[name])
        found = ExemplarValidator(by=self.by).validate(
            candidate,
            stored=Stored.of(self.instance) if self.instance.pk else None,
            skip=set(self.errors),
        )
        for names in self.SUBJECT_FIELDS.values():
            for name in names:
                if name in cleaned:
                    cleaned[name] = getattr(candidate, name)
        for name, messages in found.errors.items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        self.warnings = found.warnings
        return cleaned

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def evidence(self) -> dict[int, str]:
        """Criterion id → evidence text, the specific one mapped to the chosen field."""
        values = {
            c.pk: self.cleaned_data.get(f"evidence_{c.pk}", "") for c in self.general_criteria
        }
        from .models import Criterion

        specific = Criterion.objects.filter(
            version=self.catalogue_version, kind="specific", field=self.cleaned_data.get("field")
        ).first()
        if specific:
            values[specific.pk] = self.cleaned_data.get("specific_evidence", "")
        return values


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def describe_comment(self, *, required: bool = False, error: str = "") -> None:
        """Tie the comment box to its help (``id_comment_helptext``) and, when a move was
        refused for want of a reason, mark it invalid with the message (``id_comment_errors``)
        and put the focus on it."""
        attrs = self.fields["comment"].widget.attrs
        ids = ["id_comment_helptext"]
        if required:
            attrs["aria-required"] = "true"
        if error:
            ids.insert(0, "id_comment_errors")
            attrs["aria-invalid"] = "true"
            attrs["autofocus"] = True
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        attrs["aria-describedby"] = " ".join(ids)


class ExemplarFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name, with or without accents"))
    year = year_field()
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    subject_kind = forms.ChoiceField(label=_("Subject"), required=False, choices=())
    field = code_choice(_("Field"), None, _("All fields"))
    unit_kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=40)
    unit_scope = forms.ChoiceField(
        label=_("Records of the unit"),
        required=False,
        choices=[
            ("", _("With its predecessors and successors")),
            (UNIT_SCOPE_OWN, _("Its own only")),
            (UNIT_SCOPE_QUOTA, _("Counted toward its quota")),
        ],
    )
    campaign = code_choice(_("Campaign"), None, _("All campaigns"))
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=())

    SORTS = {
        "recent": ("-updated_at", _("Last changed")),
        "oldest": ("status_changed_at", _("Waiting longest")),
        "name": ("search_text", _("Name")),
        "unit": ("unit__name", _("Unit")),
    }

    def __init__(self, *args, statuses=None, default_sort=None, **kwargs):
        """``statuses``: the only statuses the list can hold (a review queue's); with one,
        there is nothing to choose and the status filter is left out. ``default_sort``: the
        order the list takes when none is chosen, shown first and selected."""
        from registry.models import Campaign

        from .enums import ExemplarStatus, SubjectKind
        from .models import Field

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All statuses")),
            *ExemplarStatus.choices,
            # What the dashboard's "sent up for review" counts (``selectors.status_group``).
            (_("Several statuses"), [(STATUS_SENT_UP, _("Sent up for review"))]),
        ]
        self.fields["subject_kind"].choices = [("", _("All subjects")), *SubjectKind.choices]
        self.fields["field"].queryset = Field.objects.all()
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["sort"].choices = [(k, v[1]) for k, v in self.SORTS.items()]
        if statuses is not None:
            statuses = [ExemplarStatus(status) for status in statuses]
            if len(statuses) > 1:
                self.fields["status"].choices = [
                    ("", _("All statuses")),
                    *((status.value, status.label) for status in statuses),
                ]
            else:
                del self.fields["status"]
        if default_sort is not None:
            sorts = self.fields["sort"].choices
            self.fields["sort"].choices = sorted(sorts, key=lambda c: c[0] != default_sort)
            self.fields["sort"].initial = default_sort

    def clean(self):
        data = super().clean()
        if data.get("unit") and data.get("unit_scope") == UNIT_SCOPE_QUOTA and not data.get("year"):
            self.add_error(
                "unit_scope",
                _("Choose a year: what counts toward a unit's quota is counted year by year."),
            )
        return data


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files under one name (``<input type="file" multiple>``), cleaned to a
    list. Their content is checked afterwards, all together (``registry.file_quota``), so
    that a refusal names each file; here only "none at all" is an error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


def upload_help() -> str:
    """The help under a file field: the accepted files and how many go at once."""
    from .file_quota import limit

    return gettext(
        "%(types)s Up to %(count)s files at once; the caption is given to each of them."
    ) % {
        "types": gettext("JPEG, PNG or WebP photos; PDF or DOCX documents; at most 10 MB."),
        "count": limit("ATTACHMENTS_PER_REQUEST"),
    }


class AttachmentForm(BootstrapFormMixin, forms.Form):
    """Photos and documents of a record, one or several at once; checked and stored all
    together (``registry.attachments.add``)."""

    file = MultipleFileField(
        label=_("Photo or document"),
        widget=MultipleFileInput(
            attrs={"multiple": True, "accept": ".jpg,.jpeg,.png,.webp,.pdf,.docx"}
        ),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="attachment-%s", **kwargs)
        self.fields["file"].help_text = upload_help()


DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class PlanFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Subject, number or year, with or without accents"))
    year = year_field(_("In force in year"))


class CatalogueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, version):
        return version.title


class PlanForm(BootstrapFormMixin, forms.ModelForm):
    """A plan's own fields; its quota rules are the formset beside it."""

    class Meta:
        model = Plan
        fields = [
            "title",
            "number",
            "signed_on",
            "issuer",
            "period_from",
            "period_to",
            "catalogue",
            "deadline_day",
            "deadline_month",
            "quota_basis",
            "reference_day",
            "reference_month",
            "illustrative",
            "note",
        ]
        field_classes = {"catalogue": CatalogueChoiceField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "signed_on": DATE_INPUT,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = CatalogueVersion.objects.filter(published=True)
        self.fields["catalogue"].empty_label = _("None yet")


class QuotaRuleForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = QuotaRule
        fields = ["unit_kind", "minimum", "counts_endorsed", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kind"].queryset = UnitKind.objects.order_by("order", "name")


class BaseQuotaRuleFormSet(forms.BaseInlineFormSet):
    """A plan's quota rules: one row per unit kind, of kinds in force during the plan's
    years (as its own form read them into the plan, checked before the rules)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        if any(self.errors):
            return
        seen = {}
        for form in self.forms:
            kind = form.cleaned_data.get("unit_kind")
            if kind is None or form.cleaned_data.get("DELETE"):
                continue
            if kind.pk in seen:
                form.add_error(
                    "unit_kind",
                    _("%(kind)s already has a row above: one minimum per unit kind.")
                    % {"kind": kind.name},
                )
                continue
            seen[kind.pk] = form
            first, last = self.instance.period_from, self.instance.period_to
            if first and last and first <= last:
                in_force = any(kind.is_active_in(year) for year in range(first, last + 1))
                if not in_force:
                    form.add_error(
                        "unit_kind",
                        _("Units of this kind exist only in %(period)s, outside the plan's years.")
                        % {"period": kind.period_display},
                    )
        if any(self.errors):
            return
        super().clean()


def quota_rule_formset(*, extra: int):
    return forms.inlineformset_factory(
        Plan,
        QuotaRule,
        form=QuotaRuleForm,
        formset=BaseQuotaRuleFormSet,
        extra=extra,
        can_delete=True,
    )
