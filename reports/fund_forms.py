"""Forms of the emulation and commendation funds: a fund, an entry typed by hand, the
ledger's filters. A decision's cash has no form: it is computed (``reports.fund``)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.forms.budgets import VndField
from exemplar_portal.base.forms import BootstrapFormMixin, choice_filter, search_field
from registry.forms import year_field

from .forms import kept_units
from .models import Fund, FundEntry

K = FundEntry.Kind


class MoneyField(VndField):
    """A sum of whole đồng above 0, as people type it ("15.000.000", "15000000 đ")."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)

    def to_python(self, value):
        amount = super().to_python(value)
        return None if amount is None else int(amount)


class FundForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Fund
        fields = ["unit", "name", "active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = kept_units(user)
        if self.instance.pk:
            units = units.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.get()


class FundEntryForm(BootstrapFormMixin, forms.ModelForm):
    """Money in or out typed by hand, in the fund the page names."""

    amount = MoneyField(label=_("amount (đồng)"))

    class Meta:
        model = FundEntry
        fields = [
            "year",
            "date",
            "kind",
            "amount",
            "description",
            "document_number",
            "document_date",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", self.fields["kind"].choices[0][1]),
            (_("Income"), [(k.value, k.label) for k in FundEntry.Kind.income()]),
            (
                _("Spending"),
                [(k.value, k.label) for k in FundEntry.Kind.spending() if k != K.AWARD_PAYOUT],
            ),
        ]
        if self.instance.pk is None and not self.is_bound:
            self.fields["year"].initial = timezone.localdate().year


class FundEntryFilterForm(BootstrapFormMixin, forms.Form):
    q = search_field(_("Description or document number"))
    year = year_field(_("Budget year"))
    kind = choice_filter(_("Kind"), _("All kinds"), FundEntry.Kind.choices)
