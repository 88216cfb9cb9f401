"""Forms of the certificate blanks, their fields, the calibration page and a print."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    RemoveRowMixin,
    choice_filter,
    code_choice,
    search_field,
)
from registry.forms import year_field
from registry.models import Unit

from .certificates import signer_defaults
from .models import AwardForm, CertificateBlank, CertificateField

Key = CertificateField.Key


class CertificateBlankForm(BootstrapFormMixin, forms.ModelForm):
    """A blank: its name, who keeps it, the award forms it serves, its sheet, the place
    printed before the date, the register number's ending and the printer's shift; its
    fields are the formset beside it."""

    class Meta:
        model = CertificateBlank
        fields = [
            "name",
            "unit",
            "award_forms",
            "paper",
            "orientation",
            "custom_width_mm",
            "custom_height_mm",
            "place",
            "number_suffix",
            "offset_x_mm",
            "offset_y_mm",
            "active",
            "note",
        ]
        widgets = {
            "award_forms": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        awards = self.fields["award_forms"]
        awards.queryset = AwardForm.objects.order_by("order", "name", "valid_from")
        awards.label_from_instance = lambda award: f"{award.name} ({award.period_display})"
        awards.widget.attrs["class"] = "form-check-input"
        for name in ("custom_width_mm", "custom_height_mm", "offset_x_mm", "offset_y_mm"):
            self.fields[name].widget.attrs["step"] = "0.1"


class CertificateFieldForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = CertificateField
        fields = [
            "key",
            "x_mm",
            "y_mm",
            "width_mm",
            "font_size",
            "bold",
            "italic",
            "align",
            "uppercase",
            "max_lines",
            "line_spacing_mm",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].widget.attrs["class"] += " field-key"
        for name in ("x_mm", "y_mm", "width_mm", "font_size", "line_spacing_mm"):
            self.fields[name].widget.attrs.update(step="0.1")
        self.fields["max_lines"].widget.attrs.update(min="1", max="6")


class BaseCertificateFieldFormSet(RemoveRowMixin, forms.BaseInlineFormSet):
    """A blank's fields: each text once. Each row's own check (``CertificateField.clean``)
    keeps it on the sheet of the size the blank's form read into the blank."""

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            key = data.get("key")
            if key in seen:
                form.add_error(
                    "key",
                    _("“%(text)s” already has a row above: one place per text.")
                    % {"text": Key(key).label},
                )
                continue
            seen.add(key)
        if any(self.errors):
            return
        super().clean()


def certificate_field_formset(*, extra: int):
    return forms.inlineformset_factory(
        CertificateBlank,
        CertificateField,
        form=CertificateFieldForm,
        formset=BaseCertificateFieldFormSet,
        extra=extra,
        can_delete=True,
    )


class CertificateBlankFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Name"))
    award = code_choice(_("Award form"), AwardForm.objects.all(), _("Any award form"))
    active = choice_filter(
        _("In use"), _("In use or not"), [("1", _("In use")), ("0", _("Not in use"))]
    )


class CertificatePrintFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Decision number, blank or signer"))
    year = year_field(_("Year of the decision"))
    decision = forms.IntegerField(required=False, widget=forms.HiddenInput)


class OffsetForm(BootstrapFormMixin, forms.Form):
    """The printer's shift to try on the calibration page (the blank's own by default)."""

    dx = forms.DecimalField(
        label=_("printer shift across (mm)"),
        max_digits=4,
        decimal_places=1,
        min_value=-30,
        max_value=30,
        required=False,
    )
    dy = forms.DecimalField(
        label=_("printer shift down (mm)"),
        max_digits=4,
        decimal_places=1,
        min_value=-30,
        max_value=30,
        required=False,
    )


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, proposal):
        return f"{proposal.exemplar} – {proposal.award.name}"


class CertificatePrintForm(BootstrapFormMixin, forms.Form):
    """Which blank, which of the decision's awards (those the blank serves, by default),
    and what the signature and the achievement read."""

    blank = forms.ModelChoiceField(label=_("Blank"), queryset=CertificateBlank.objects.none())
    proposals = ProposalChoiceField(
        label=_("Awards to print"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one award to print.")},
    )
    signer_position = forms.CharField(
        label=_("Signer's position"),
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "As printed above the signature, one line each: “KT. CHỦ TỊCH”, “PHÓ CHỦ TỊCH”."
        ),
    )
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120, required=False)
    achievement = forms.CharField(
        label=_("Achievement for every certificate"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Leave empty for each award's own: the first clause of the proposal's reasons "
            "when it states the achievement (“Có thành tích…”) and fits the blank, else "
            "“Đã có thành tích xuất sắc trong phong trào thi đua năm …”."
        ),
    )

    def __init__(self, *args, decision, blanks, proposals, blank=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.fields["blank"].queryset = blanks
        self.fields["proposals"].queryset = proposals
        self.fields["proposals"].widget.attrs["class"] = "form-check-input"
        if not self.is_bound:
            name, position = signer_defaults(decision)
            earlier = decision.certificate_prints.order_by("-printed_at", "-pk").first()
            if earlier is not None:
                name, position = earlier.signer_name, earlier.signer_position
            self.initial.setdefault("signer_name", name)
            self.initial.setdefault("signer_position", position)
            if blank is not None:
                self.initial["blank"] = blank.pk
                served = set(blank.award_forms.values_list("pk", flat=True))
                self.initial["proposals"] = [p.pk for p in proposals if p.award_id in served]

    def clean(self):
        data = super().clean()
        blank, chosen = data.get("blank"), data.get("proposals")
        if blank is None:
            return data
        if chosen:
            served = set(blank.award_forms.values_list("pk", flat=True))
            foreign = [p for p in chosen if p.award_id not in served]
            if foreign:
                self.add_error(
                    "proposals",
                    _(
                        "The blank “%(blank)s” is not for %(awards)s: untick them, or "
                        "choose a blank for that award."
                    )
                    % {
                        "blank": blank,
                        "awards": "; ".join(f"{p.exemplar} ({p.award.name})" for p in foreign),
                    },
                )
        keys = {spec.key for spec in blank.fields.all()}
        if Key.SIGNER_NAME in keys and not (data.get("signer_name") or "").strip():
            self.add_error(
                "signer_name", _("Type the signer's name: the blank has a place for it.")
            )
        if Key.SIGNER_POSITION in keys and not (data.get("signer_position") or "").strip():
            self.add_error(
                "signer_position", _("Type the signer's position: the blank has a place for it.")
            )
        return data
