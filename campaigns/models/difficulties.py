"""Difficulties and proposals units send to Home Affairs (plan VII.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage, by_user, status_field
from registry.models.records import UnitScopedQuerySet, unit_link


class Difficulty(WithPage, Searchable, RulesModel):
    """A difficulty or proposal (phản ánh vướng mắc, đề xuất) a unit sends to Home Affairs.

    A thread: the unit writes, Home Affairs answers. Open → answered (Home Affairs wrote
    last) → closed; a unit writing on an answered thread re-opens it; a closed thread takes
    no new message. Who may do what is in campaigns/rules/.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    unit = unit_link("difficulties")
    subject = models.CharField(_("topic"), max_length=300)
    status = status_field(Status)
    created_by = by_user(_("sent by"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    objects = UnitScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])
    searched_fields = ("subject",)
    page_url = "campaigns:difficulty_detail"

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("difficulty or proposal")
        verbose_name_plural = _("difficulties and proposals")
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return self.subject

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
    author = by_user(_("author"))
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.difficulty} · {self.author} · {self.created_at:%d/%m/%Y %H:%M}"
