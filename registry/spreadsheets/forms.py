from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from exemplar_portal.base.forms import BootstrapFormMixin

from .safety import limit


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet file"),
        # An empty file is refused by ``safety.check_spreadsheet``, in the same words as others.
        allow_empty_file=True,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "The filled-in template, as an Excel workbook (.xlsx) or CSV UTF-8 (.csv); at most "
            "%(size)s and %(rows)s rows."
        ) % {
            "size": filesizeformat(limit("IMPORT_MAX_BYTES")),
            "rows": number_format(limit("IMPORT_MAX_ROWS"), force_grouping=True),
        }


class ReportFilterForm(forms.Form):
    """Which rows of an import's report to show."""

    CHOICES = [
        ("", _("All rows")),
        ("error", _("Errors")),
        ("warning", _("Warnings")),
        ("new", _("New")),
        ("updated", _("Updated")),
        ("unchanged", _("Unchanged")),
    ]
    show = forms.ChoiceField(label=_("Show"), choices=CHOICES, required=False)
