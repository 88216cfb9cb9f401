"""Forms of budgets (plan V): a unit's yearly estimate per item, its spending, the filters."""

import re
from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import (
    BootstrapFormMixin,
    code_choice,
    search_field,
)
from registry.forms import year_field
from registry.models import UnitKind

from ..models import BudgetEstimate, BudgetItem, BudgetSpending

# Whole đồng, grouped by dots (or spaces) the way Vietnamese offices write them, or not at all.
_GROUPED = re.compile(r"\d{1,3}(?:[. \u00a0]\d{3})+|\d+")
_CURRENCY = re.compile(r"\s*(?:đồng|vnđ|vnd|đ|₫)$", re.IGNORECASE)
_MAX_DIGITS = BudgetEstimate._meta.get_field("amount").max_digits


def format_vnd(amount) -> str:
    """15000000 → "15.000.000"."""
    return f"{int(amount):,}".replace(",", ".")


class VndInput(forms.TextInput):
    """A text box showing an amount grouped by dots; typed text comes back as typed."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | Decimal):
            return format_vnd(value)
        return super().format_value(value)


class VndField(forms.Field):
    """An amount in whole đồng: "15.000.000", "15 000 000" and "15000000" are all 15 million."""

    widget = VndInput
    default_error_messages = {
        "invalid": _("Enter a whole amount in đồng, for example 15.000.000."),
        "negative": _("An amount cannot be negative."),
        "min_value": _("The amount must be at least %(min)s đồng."),
        "too_large": _("The amount is too large."),
    }

    def __init__(self, *, min_value=0, **kwargs):
        self.min_value = min_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, int | Decimal):
            return Decimal(value)
        text = _CURRENCY.sub("", (value or "").strip())
        if not text:
            return None
        if text.startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        if not _GROUPED.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        digits = re.sub(r"\D", "", text).lstrip("0") or "0"
        if len(digits) > _MAX_DIGITS:
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        return Decimal(digits)

    def validate(self, value):
        super().validate(value)
        if value is not None and value < self.min_value:
            raise forms.ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"min": format_vnd(self.min_value)},
            )


class EstimateRowForm(BootstrapFormMixin, forms.Form):
    """One item's line of the estimate. An empty amount removes the item's estimate."""

    # Marks the row as sent; a row missing from the request leaves its estimate alone.
    item = forms.CharField(widget=forms.HiddenInput, required=False)
    amount = VndField(
        label=_("Estimate (VND)"),
        required=False,
        # Narrow padding: on a phone the box shares the line with the spent and remaining.
        widget=VndInput(attrs={"class": "text-end px-2"}),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, item: BudgetItem, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)

    @property
    def was_sent(self) -> bool:
        return self.cleaned_data.get("item") == self.item.code

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") is None and cleaned.get("note") and "amount" not in self.errors:
            self.add_error("amount", _("Enter the estimate, or clear the note."))
        return cleaned


class BaseEstimateFormSet(forms.BaseFormSet):
    """One row per item active in the year, whatever the request claims; rows are keyed by
    item code, so a list of items changed meanwhile cannot put an amount on the wrong item."""

    def __init__(self, data=None, *, unit, year, **kwargs):
        self.unit, self.year = unit, year
        self.items = list(BudgetItem.objects.active_in(year))
        self.current = {e.item_id: e for e in BudgetEstimate.objects.filter(unit=unit, year=year)}
        initial = [
            {
                "item": item.code,
                "amount": getattr(self.current.get(item.pk), "amount", None),
                "note": getattr(self.current.get(item.pk), "note", ""),
            }
            for item in self.items
        ]
        super().__init__(data, initial=initial, prefix="estimate", **kwargs)

    def total_form_count(self):
        return len(self.items)

    def initial_form_count(self):
        return len(self.items)

    def add_prefix(self, index):
        if isinstance(index, int):
            return f"{self.prefix}-{self.items[index].code}"
        return super().add_prefix(index)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "item": self.items[index]}

    @transaction.atomic
    def save(self, *, by) -> int:
        """Create, change or remove the unit's estimates; returns how many changed."""
        current = {
            e.item_id: e
            for e in BudgetEstimate.objects.select_for_update().filter(
                unit=self.unit, year=self.year
            )
        }
        changed = 0
        for form in self.forms:
            if not form.was_sent:
                continue
            amount, note = form.cleaned_data["amount"], form.cleaned_data["note"]
            estimate = current.get(form.item.pk)
            if amount is None:
                if estimate is not None:
                    estimate.delete()
                    changed += 1
                continue
            if estimate is None:
                estimate = BudgetEstimate(unit=self.unit, year=self.year, item=form.item)
            elif (estimate.amount, estimate.note) == (amount, note):
                continue
            estimate.amount, estimate.note, estimate.updated_by = amount, note, by
            estimate.save()
            changed += 1
        return changed


EstimateFormSet = forms.formset_factory(EstimateRowForm, formset=BaseEstimateFormSet, extra=0)


class SpendingForm(BootstrapFormMixin, forms.ModelForm):
    amount = VndField(label=_("Amount (VND)"), min_value=1)

    class Meta:
        model = BudgetSpending
        fields = ["item", "spent_on", "amount", "description", "voucher"]
        help_texts = {
            "voucher": _("Number of the payment voucher or contract, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.year = self.instance.year  # the budget's, set by the view
        items = Q(pk__in=BudgetItem.objects.active_in(year).values("pk"))
        if self.instance.item_id:
            items |= Q(pk=self.instance.item_id)
        self.fields["item"].queryset = BudgetItem.objects.filter(items)
        today = timezone.localdate()
        if self.instance.pk is None and today.year == year:
            self.fields["spent_on"].initial = today

    def clean_spent_on(self):
        spent_on = self.cleaned_data["spent_on"]
        if spent_on.year != self.year:
            raise forms.ValidationError(
                _("The date must fall in %(year)s, the year of the budget."),
                code="other_year",
                params={"year": self.year},
            )
        return self.not_after_today(
            "spent_on", _("Spending is recorded once it is made."), "future"
        )


class BudgetTotalsFilterForm(BootstrapFormMixin, forms.Form):
    year = year_field(optional=False)
    unit_kind = code_choice(_("Unit kind"), UnitKind.objects.all(), _("All kinds"))
    q = search_field(_("Unit name or code"))
    units = forms.ChoiceField(
        label=_("Units"),
        required=False,
        choices=[("", _("With a budget")), ("all", _("All units of the year"))],
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = timezone.localdate().year
        super().__init__(data, **kwargs)


class BudgetSpendingFilterForm(BootstrapFormMixin, forms.Form):
    item = code_choice(_("Item"), BudgetItem.objects.all(), _("All items"))
    q = search_field(_("What it paid for, or voucher"))
