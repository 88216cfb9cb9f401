"""Decisions that confer awards (quyết định khen thưởng).

One decision, signed by the authority of one level on one day under one number, confers
the awards of many proposals; each proposal keeps its own copy of the number, date and
signer (what lists, exports and documents print), and links to the decision it was conferred
by. A decision is made by recording it on an agreed proposal (``reports.awards``): the
proposals conferred under the same number, date and level share one decision. Certificates
and the fund's payouts are made from a decision.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage, by_user
from exemplar_portal.base.scopes import RestrictedQuerySet

from .awards import AwardForm, AwardProposal


class AwardDecisionQuerySet(RestrictedQuerySet):
    """The decisions that confer an award on a proposal the user reaches."""

    scope_spans_many = True

    def scope(self, user, action):
        proposals = AwardProposal.objects.all()
        condition = proposals.scope(user, action)
        if condition is None:
            return None
        return models.Q(proposals__in=proposals.filter(condition).values("pk"))


class AwardDecision(WithPage, Searchable, models.Model):
    """A decision conferring awards: its number, day, signer and the level that signs."""

    number = models.CharField(_("decision number"), max_length=60)
    date = models.DateField(_("decision date"))
    signer = models.CharField(_("signer"), max_length=200)
    level = models.CharField(_("conferred by"), max_length=16, choices=AwardForm.Level.choices)
    created_by = by_user(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    objects = AwardDecisionQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:decision_detail"
    searched_fields = ("number", "signer")

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["number", "date", "level"], name="award_decision_once_per_level_and_day"
            )
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y"),
        }
