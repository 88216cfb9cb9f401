"""Pages of writing and reportage contests on exemplars (plan III.1).

Every signed-in user reads contests; entries follow the reach of exemplars
(``ContestEntry.objects.restrict``), and an entry out of reach is a 404. Home Affairs
and administrators run contests; a judge of a round scores its entries or recuses from one.
How entries are ranked is ``campaigns.judging``; publishing the results freezes the judging.
Contests and their entries are record kinds of the kit (``exemplar_portal.base.kit``);
rounds, scoring, prizes and publication are pages of their own.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from django.views.generic.edit import FormView
from rules.contrib.views import PermissionRequiredMixin

from exemplar_portal.base.exports import display, joined
from exemplar_portal.base.history import history_with_changes
from exemplar_portal.base.kit import RecordKind, get_in_reach
from exemplar_portal.base.moves import answer
from registry.models import Exemplar

from .. import judging
from ..forms.contests import (
    ContestEntryFilterForm,
    ContestEntryForm,
    ContestFilterForm,
    ContestForm,
    ContestRoundForm,
    PrizeForm,
    RecusalForm,
    ScoreSheetForm,
    criterion_formset,
)
from ..models import Contest, ContestEntry, ContestRound, Prize, Recusal, Score
from ..services import save_with_history

ENTRIES_SHOWN = 50


def frozen_message() -> str:
    return _("The results are published; the judging can no longer change.")


def can_manage(user) -> bool:
    return user.has_perm("campaigns.change_contest")


def by_level(prizes) -> list[Prize]:
    """Prizes from the special prize down to the consolation prizes."""
    order = Prize.Level.values
    return sorted(prizes, key=lambda prize: (order.index(prize.level), prize.entry.title))


class ContestMixin:
    """The contest named in the URL; every signed-in user reaches it."""

    def get_contest(self) -> Contest:
        if not hasattr(self, "_contest"):
            self._contest = get_in_reach(contests.scope(self.request), pk=self.kwargs["pk"])
        return self._contest

    def get_permission_object(self):
        return self.get_contest()


class OpenContestMixin:
    """Once the results are published, the judging is frozen: say so and go back."""

    def dispatch(self, request, *args, **kwargs):
        contest = self.get_contest()
        if contest.results_published_at is not None:
            messages.error(request, frozen_message())
            return redirect(contest)
        return super().dispatch(request, *args, **kwargs)


# Contests.
class Contests(RecordKind):
    model = Contest
    pages = ("list", "detail", "create", "update")
    form_class = ContestForm
    form_takes_user = True
    filter_form_class = ContestFilterForm
    filters = {"kind": "kind", "year": "year", "organiser": "organiser"}
    search_fields = ("name",)
    ordering = ("-year", "-opens_on", "-pk")
    select_related = ("organiser", "campaign")
    object_name = "contest"
    list_name = "contests"
    export_filename = "cuoc-thi"
    export_title = gettext_lazy("Contests")
    export_columns = [
        (gettext_lazy("name"), "name"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("year"), "year"),
        (gettext_lazy("organiser"), "organiser.name"),
        (gettext_lazy("movement"), "campaign.name"),
        (gettext_lazy("entries open on"), "opens_on"),
        (gettext_lazy("entries close on"), "closes_on"),
        (gettext_lazy("entries"), "entry_count"),
        (gettext_lazy("results published"), "results_published_at"),
    ]

    def list_queryset(self, request, filters):
        reached = ContestEntry.objects.restrict(request.user).values("pk")
        return (
            super()
            .list_queryset(request, filters)
            .annotate(entry_count=Count("entries", filter=Q(entries__in=reached), distinct=True))
        )

    def detail_context(self, request, contest):
        user = request.user
        manager = can_manage(user)
        published = contest.results_published_at is not None
        entries = list(
            ContestEntry.objects.restrict(user)
            .filter(contest=contest)
            .select_related("author_unit")
            .prefetch_related("exemplars")
            .order_by("title", "pk")
        )
        reached = {entry.pk for entry in entries}
        rounds = list(contest.rounds.annotate(judge_count=Count("judges", distinct=True)))
        for contest_round in rounds:
            contest_round.viewable = user.has_perm("campaigns.view_contestround", contest_round)
        prizes = {}
        if published or manager:
            prizes = {
                prize.entry_id: prize
                for prize in contest.prizes.select_related("entry")
                if prize.entry_id in reached
            }
        results = []
        if published:
            results = [s for s in judging.contest_results(contest) if s.entry.pk in reached]
            for standing in results:
                standing.entry.prize = prizes.get(standing.entry.pk)
        return {
            **super().detail_context(request, contest),
            "criteria": contest.criteria.all(),
            "rounds": rounds,
            "entries": entries[:ENTRIES_SHOWN],
            "entry_count": len(reached),
            "results": results,
            "prizes": by_level(prizes.values()),
            "published": published,
            "can_manage": manager and not published,
            "can_edit": manager,
            "can_publish": user.has_perm("campaigns.publish_contest", contest) and not published,
        }

    def formsets(self, request, record=None, data=None):
        """The criteria, frozen once the results are published."""
        contest = record or Contest()
        if contest.results_published_at is not None:
            return {}
        formset_class = criterion_formset(extra=3 if contest.pk is None else 1)
        return {"criteria": formset_class(data, instance=contest, prefix="criteria")}

    def saved_message(self, record, created):
        return _("The contest is saved.")


contests = Contests()


class ContestPrizesView(ContestMixin, PermissionRequiredMixin, OpenContestMixin, FormView):
    """Prizes for the contest's entries, beside the ranking of its last round."""

    template_name = "campaigns/contest_prizes.html"
    permission_required = "campaigns.add_prize"

    def get_form(self, form_class=None):
        contest = self.get_contest()
        return PrizeForm(
            **self.get_form_kwargs(),
            entries=contest.entries.order_by("title", "pk"),
            prizes={prize.entry_id: prize for prize in contest.prizes.all()},
        )

    def get_context_data(self, **kwargs):
        contest = self.get_contest()
        standings = {s.entry.pk: s for s in judging.contest_results(contest)}
        context = super().get_context_data(contest=contest, **kwargs)
        rows = [
            (entry, level, amount, standings.get(entry.pk))
            for entry, level, amount in context["form"].rows()
        ]
        # In the order of the ranking; the entries not ranked (yet) after, by title.
        position = {pk: index for index, pk in enumerate(standings)}
        context["rows"] = sorted(rows, key=lambda row: position.get(row[0].pk, len(position)))
        return context

    def form_valid(self, form):
        contest, user = self.get_contest(), self.request.user
        award = partial(judging.award_prizes, contest=contest, awards=form.awards(), by=user)
        return answer(
            self.request,
            contest,
            award,
            done=_("The prizes are saved."),
            refused=frozen_message(),
            level=messages.ERROR,
            error=judging.ResultsPublished,
        )


class ContestPublishView(ContestMixin, PermissionRequiredMixin, OpenContestMixin, TemplateView):
    """GET shows what will be published and asks for confirmation; POST publishes."""

    template_name = "campaigns/contest_publish.html"
    permission_required = "campaigns.publish_contest"

    def get_context_data(self, **kwargs):
        contest = self.get_contest()
        standings = judging.contest_results(contest)
        return super().get_context_data(
            contest=contest,
            final_round=judging.last_round(contest),
            standings=standings,
            unscored=sum(1 for s in standings if s.score is None),
            prizes=by_level(contest.prizes.select_related("entry")),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        contest = self.get_contest()
        try:
            judging.publish_results(contest=contest, by=request.user)
        except judging.ResultsPublished:
            messages.info(request, _("The results are already published."))
        except judging.NoRound:
            messages.error(request, _("The contest has no judging round yet; nothing to publish."))
        else:
            messages.success(request, _("The results are published; the judging is now frozen."))
        return redirect(contest)


# Rounds.
class RoundMixin:
    """The round named in the URL and its contest."""

    def get_round(self) -> ContestRound:
        if not hasattr(self, "_round"):
            self._round = get_in_reach(
                ContestRound.objects.select_related("contest", "contest__organiser"),
                pk=self.kwargs["pk"],
            )
        return self._round

    def get_contest(self):
        return self.get_round().contest

    def get_permission_object(self):
        return self.get_round()


class RoundFormMixin(PermissionRequiredMixin):
    template_name = "campaigns/contest_round_form.html"
    form_class = ContestRoundForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest=self.get_contest(), **kwargs)

    def form_valid(self, form):
        contest_round = save_with_history(form, self.request.user, contest=self.get_contest())
        messages.success(self.request, _("The round is saved."))
        return redirect(contest_round)


class ContestRoundCreateView(ContestMixin, RoundFormMixin, OpenContestMixin, FormView):
    permission_required = "campaigns.add_contestround"

    def get_form_kwargs(self):
        contest = self.get_contest()
        return {
            **super().get_form_kwargs(),
            "contest": contest,
            "instance": ContestRound(contest=contest),
        }


class ContestRoundUpdateView(RoundMixin, RoundFormMixin, OpenContestMixin, FormView):
    permission_required = "campaigns.change_contestround"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "contest": self.get_contest(),
            "instance": self.get_round(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest_round=self.get_round(), **kwargs)


class ContestRoundView(RoundMixin, PermissionRequiredMixin, TemplateView):
    """Home Affairs: the ranking with every judge's total and the recusals. A judge: their
    own sheet of the round's entries (and the ranking, once the results are published)."""

    template_name = "campaigns/contest_round.html"
    permission_required = "campaigns.view_contestround"

    def get_context_data(self, **kwargs):
        contest_round, user = self.get_round(), self.request.user
        contest = contest_round.contest
        standings = judging.round_standings(contest_round)
        judges = list(contest_round.judges.select_related("unit").order_by("full_name", "username"))
        is_judge = any(judge.pk == user.pk for judge in judges)
        sees_scores = user.has_perm("campaigns.view_contestround_scores", contest_round)
        context = super().get_context_data(
            contest=contest,
            contest_round=contest_round,
            criteria=list(contest.criteria.all()),
            judges=judges,
            is_judge=is_judge,
            sees_scores=sees_scores,
            can_change=can_manage(user) and contest.results_published_at is None,
            can_score=is_judge and contest.results_published_at is None,
            history=history_with_changes(contest_round),
            **kwargs,
        )
        if sees_scores:
            context["standings"] = standings
            context["recusals"] = contest_round.recusals.select_related("judge", "entry").order_by(
                "entry__title", "judge__full_name"
            )
        if is_judge:
            # Only the judge's own column of each entry.
            context["my_sheet"] = sorted(
                (
                    (s.entry, next(sheet for sheet in s.sheets if sheet.judge.pk == user.pk))
                    for s in standings
                ),
                key=lambda row: (row[0].title, row[0].pk),
            )
        return context


class ContestScoreView(RoundMixin, PermissionRequiredMixin, TemplateView):
    """A judge's sheet for one entry: a score per criterion, or a recusal with its reason."""

    template_name = "campaigns/contest_score.html"
    permission_required = "campaigns.judge_contestround"

    def get_entry(self) -> ContestEntry:
        if not hasattr(self, "_entry"):
            self._entry = get_in_reach(
                self.get_round().entries.select_related("author_unit"), pk=self.kwargs["entry"]
            )
        return self._entry

    def marks(self):
        contest_round, entry, user = self.get_round(), self.get_entry(), self.request.user
        scores = Score.objects.filter(round=contest_round, entry=entry, judge=user)
        recusal = Recusal.objects.filter(round=contest_round, entry=entry, judge=user).first()
        return {score.criterion_id: score.value for score in scores}, recusal

    def get_context_data(self, score_form=None, recusal_form=None, **kwargs):
        kwargs.pop("entry", None)  # the URL's pk; the object replaces it
        contest_round, entry = self.get_round(), self.get_entry()
        contest = contest_round.contest
        criteria = list(contest.criteria.all())
        scores, recusal = self.marks()
        open_ = contest.results_published_at is None and recusal is None
        if open_:
            score_form = score_form or ScoreSheetForm(
                criteria=criteria, scores=scores, prefix="score"
            )
            recusal_form = recusal_form or RecusalForm(scored=len(scores), prefix="recusal")
        total = sum(scores.values()) if criteria and len(scores) == len(criteria) else None
        return super().get_context_data(
            contest=contest,
            contest_round=contest_round,
            entry=entry,
            exemplars=entry.exemplars.select_related("unit"),
            criteria=[(c, scores.get(c.pk)) for c in criteria],
            total=total,
            recusal=recusal,
            score_form=score_form if open_ else None,
            recusal_form=recusal_form if open_ else None,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        contest_round = self.get_round()
        scores, recusal = self.marks()
        back = redirect("campaigns:contest_round", pk=contest_round.pk)
        if contest_round.contest.results_published_at is not None:
            messages.error(request, frozen_message())
            return back
        if recusal is not None:
            messages.error(request, _("You recused from this entry; you cannot score it."))
            return back
        try:
            if request.POST.get("action") == "recuse":
                return self.post_recusal(scored=len(scores)) or back
            return self.post_scores(scores) or back
        except judging.ResultsPublished:
            messages.error(request, frozen_message())
        except judging.JudgeRecused:
            messages.error(request, _("You recused from this entry; you cannot score it."))
        except judging.ScoresNotDiscarded:
            messages.error(
                request, _("You already scored this entry: tick the box to discard those scores.")
            )
        return back

    def post_recusal(self, *, scored: int):
        """Record the recusal; a response only when the form must be shown again."""
        form = RecusalForm(self.request.POST, scored=scored, prefix="recusal")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(recusal_form=form))
        discarded = judging.recuse(
            contest_round=self.get_round(),
            entry=self.get_entry(),
            judge=self.request.user,
            reason=form.cleaned_data["reason"],
            discard_scores=form.cleaned_data.get("discard_scores", False),
        )
        if discarded:
            message = ngettext(
                "Your recusal is recorded; your %(count)d score of this entry is discarded.",
                "Your recusal is recorded; your %(count)d scores of this entry are discarded.",
                discarded,
            )
            messages.warning(self.request, message % {"count": discarded})
        else:
            messages.success(self.request, _("Your recusal is recorded."))
        return None

    def post_scores(self, scores):
        """Save the sheet; a response only when the form must be shown again."""
        entry = self.get_entry()
        criteria = list(self.get_round().contest.criteria.all())
        form = ScoreSheetForm(self.request.POST, criteria=criteria, scores=scores, prefix="score")
        if form.is_valid():
            try:
                judging.record_scores(
                    contest_round=self.get_round(),
                    entry=entry,
                    judge=self.request.user,
                    values=form.values(),
                )
            except ValidationError as error:
                form.add_error(None, error)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(score_form=form))
        messages.success(
            self.request, _("Your scores of “%(title)s” are saved.") % {"title": entry.title}
        )
        return None


# Entries.
def shown_prize(entry) -> str:
    return "; ".join(prize.get_level_display() for prize in entry.shown_prizes)


class ContestEntries(RecordKind):
    model = ContestEntry
    pages = ("list", "detail", "update")
    name = "contest_entry"
    form_class = ContestEntryForm
    filter_form_class = ContestEntryFilterForm
    filters = {"contest": "contest", "kind": "kind", "year": "contest__year"}
    search_fields = ("title", "authors")
    ordering = ("-contest__year", "contest__name", "title", "pk")
    select_related = ("contest", "author_unit")
    object_name = "entry"
    list_name = "entries"
    export_filename = "tac-pham-du-thi"
    export_title = gettext_lazy("Contest entries")
    export_columns = [
        (gettext_lazy("title"), "title"),
        (gettext_lazy("contest"), "contest.name"),
        (gettext_lazy("kind"), display("kind")),
        (gettext_lazy("authors"), "authors"),
        (gettext_lazy("authors' unit"), "author_unit.name"),
        (gettext_lazy("exemplars portrayed"), joined("exemplars")),
        (gettext_lazy("received on"), "received_on"),
        (gettext_lazy("link"), "url"),
        (gettext_lazy("prize"), shown_prize),
    ]

    def url_name(self, page):
        return "contest_entry" if page == "detail" else super().url_name(page)

    def export_queryset(self, request, entries):
        prizes = Prize.objects.all()
        if not can_manage(request.user):  # until the results are published
            prizes = prizes.filter(entry__contest__results_published_at__isnull=False)
        shown = Prefetch("prizes", queryset=prizes, to_attr="shown_prizes")
        return entries.prefetch_related("exemplars", shown)

    def detail_context(self, request, entry):
        user = request.user
        contest = entry.contest
        manager = can_manage(user)
        published = contest.results_published_at is not None
        exemplars = list(entry.exemplars.select_related("unit"))
        reached = set(
            Exemplar.objects.restrict(user)
            .filter(pk__in=[exemplar.pk for exemplar in exemplars])
            .values_list("pk", flat=True)
        )
        for exemplar in exemplars:
            exemplar.reached = exemplar.pk in reached
        rounds = []
        for contest_round in entry.rounds.select_related("contest").order_by("number"):
            standing = None
            if user.has_perm("campaigns.view_contestround_scores", contest_round):
                standing = next(
                    s for s in judging.round_standings(contest_round) if s.entry.pk == entry.pk
                )
            judge = user.has_perm("campaigns.judge_contestround", contest_round)
            rounds.append((contest_round, standing, judge and not published))
        result = None
        if published:
            result = next(
                (s for s in judging.contest_results(contest) if s.entry.pk == entry.pk), None
            )
        return {
            **super().detail_context(request, entry),
            "contest": contest,
            "exemplars": exemplars,
            "rounds": rounds,
            "result": result,
            "prizes": entry.prizes.all() if published or manager else [],
            "published": published,
            "can_edit": user.has_perm("campaigns.change_contestentry", entry),
        }

    def form_kwargs(self, request, record=None):
        return {**super().form_kwargs(request, record), "contest": record.contest}

    def form_context(self, request, record=None):
        return {"contest": record.contest}

    def saved_message(self, record, created):
        return _("The entry is saved.")


class ContestEntryCreateView(ContestMixin, PermissionRequiredMixin, OpenContestMixin, FormView):
    """An entry of the contest named in the URL, until its results are published."""

    template_name = "campaigns/contest_entry_form.html"
    form_class = ContestEntryForm
    permission_required = "campaigns.add_contestentry"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "contest": self.get_contest()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(contest=self.get_contest(), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        entry = save_with_history(form, user, contest=self.get_contest(), recorded_by=user)
        messages.success(self.request, _("The entry is recorded."))
        return redirect(entry)


CONTEST_PAGES = [
    path("vong-thi/them/", ContestRoundCreateView.as_view(), name="contest_round_create"),
    path("bai-du-thi/them/", ContestEntryCreateView.as_view(), name="contest_entry_create"),
    path("giai-thuong/", ContestPrizesView.as_view(), name="contest_prizes"),
    path("cong-bo-ket-qua/", ContestPublishView.as_view(), name="contest_publish"),
]
ROUND_PAGES = [
    path("", ContestRoundView.as_view(), name="contest_round"),
    path("sua/", ContestRoundUpdateView.as_view(), name="contest_round_update"),
    path("bai-du-thi/<int:entry>/cham-diem/", ContestScoreView.as_view(), name="contest_score"),
]
urlpatterns = [
    *contests.urls(),
    path("<int:pk>/", include(CONTEST_PAGES)),
    path("vong-thi/<int:pk>/", include(ROUND_PAGES)),
    path("bai-du-thi/", include(ContestEntries().urls())),
]
