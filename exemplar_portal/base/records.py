"""What record models share, declared once: who did something to a record, its status, its
folded search text, its page, the files that go with it.

Fields come from small functions rather than abstract models where the models differ in a
label or an option, so that each model keeps its own fields in its own order (and its
migrations stay as they are); the unit a record belongs to is ``registry.models.records``.
"""

from functools import cache, partial

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .text import fold


def by_user(verbose_name, **options) -> models.ForeignKey:
    """The user who did something to the record (recorded, sent, closed it…): kept while the
    record is (``PROTECT``), and not listed from the user's side."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        related_name="+",
        on_delete=models.PROTECT,
        **options,
    )


def status_field(states, max_length: int = 16, **options) -> models.CharField:
    """A record's status among ``states`` (a ``TextChoices``); a record starts in the first."""
    return models.CharField(
        _("status"),
        max_length=max_length,
        choices=states.choices,
        default=next(iter(states)),
        **options,
    )


class Searchable(models.Model):
    """A record found by its folded text (``search_text``: lower case, without accents), which
    every save writes from ``searched_text()``: by default ``searched_fields`` in order."""

    search_text = models.TextField(editable=False, default="")

    searched_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def searched_text(self) -> str:
        return " ".join(str(getattr(self, name)) for name in self.searched_fields)

    def save(self, *args, **kwargs):
        # A save of some fields only writes the text when it is one of them.
        fields = kwargs.get("update_fields")
        if fields is None or "search_text" in fields:
            self.search_text = fold(self.searched_text())
        super().save(*args, **kwargs)


class WithPage:
    """A record with a page of its own: the URL named ``page_url``, which takes the record's
    ``page_key`` (its number, or a code)."""

    page_url = ""
    page_key = "pk"

    def get_absolute_url(self):
        return reverse(self.page_url, kwargs={self.page_key: getattr(self, self.page_key)})


class ChoiceLabels:
    """``get_<field>_display()`` that looks the label up instead of rebuilding the choices.

    Django's own builds a dictionary of every choice on each call, hashing, and so
    translating, each label: 43 µs for a record's status, drawn once per row of a list. This
    one keeps one dictionary per field (value to lazy label, so the reader's language still
    decides the text) and translates only the label it returns. Put it before
    ``models.Model`` in the bases: Django binds ``get_<field>_display`` to the class's
    ``_get_FIELD_display`` when the field is added.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)


@cache
def _labels(field) -> dict:
    return dict(make_hashable(field.flatchoices))


def delete_files_with(model, *fields: str) -> None:
    """A deleted ``model`` row takes the files of its ``fields`` along, once the deletion is
    committed."""

    def delete_files(sender, instance, **kwargs):
        for name in fields:
            file = getattr(instance, name)
            if file:
                transaction.on_commit(partial(file.storage.delete, file.name))

    post_delete.connect(delete_files, sender=model, weak=False)
