from django import forms
from django.utils.translation import gettext_lazy as _

from registry.forms import BootstrapFormMixin, MultipleFileField, MultipleFileInput, upload_help


class RecordFileForm(BootstrapFormMixin, forms.Form):
    """Photos or documents for a movement or an event, one or several at once; checked and
    stored all together by ``registry.file_quota.store_batch``."""

    file = MultipleFileField(
        label=_("Photo or document"),
        widget=MultipleFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.webp,.pdf,.docx", "multiple": True}
        ),
    )
    caption = forms.CharField(label=_("Caption"), required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help()
