from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms import BootstrapFormMixin


class RecordFileForm(BootstrapFormMixin, forms.Form):
    """A photo or document for a movement or an event; checked by ``registry.uploads``."""

    file = forms.FileField(
        label=_("Photo or document"),
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf,.docx"}),
        help_text=_("JPEG, PNG or WebP photos; PDF or DOCX documents; at most 10 MB."),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)
