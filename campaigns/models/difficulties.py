"""Difficulties and proposals units send to Home Affairs (plan VII.1)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.scopes import RestrictedQuerySet
from exemplar_portal.base.text import fold
from registry.selectors import unit_scope_filter


class DifficultyQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """The threads of the units the user reaches."""
        return unit_scope_filter(user, "unit")


class Difficulty(RulesModel):
    """A difficulty or proposal (phản ánh vướng mắc, đề xuất) a unit sends to Home Affairs.

    A thread: the unit writes, Home Affairs answers. Open → answered (Home Affairs wrote
    last) → closed; a unit writing on an answered thread re-opens it; a closed thread takes
    no new message. Who may do what is in campaigns/rules/.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    unit = models.ForeignKey(
        "registry.Unit",
        verbose_name=_("unit"),
        related_name="difficulties",
        on_delete=models.PROTECT,
    )
    subject = models.CharField(_("topic"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    search_text = models.TextField(editable=False, default="")
    objects = DifficultyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("difficulty or proposal")
        verbose_name_plural = _("difficulties and proposals")
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("campaigns:difficulty_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = fold(self.subject)
        super().save(*args, **kwargs)

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class DifficultyMessage(models.Model):
    """One message of a difficulty thread; never edited once sent."""

    difficulty = models.ForeignKey(
        Difficulty,
        verbose_name=_("difficulty or proposal"),
        related_name="messages",
        on_delete=models.CASCADE,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.difficulty} · {self.author} · {self.created_at:%d/%m/%Y %H:%M}"
