"""Pages of difficulties and proposals (plan VII.1), a record kind of the kit
(``exemplar_portal.base.kit``).

A unit's editors and heads write to Home Affairs; threads out of the user's reach are a 404.
Replying and closing are moves of ``campaigns.services.DIFFICULTY_MOVES``.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from exemplar_portal.base.exports import display
from exemplar_portal.base.kit import RecordDetailView, RecordKind, RecordObjectMixin
from exemplar_portal.base.moves import answer, not_from_here
from registry.drafts import draft_saved
from registry.rules import is_home_affairs

from .. import services
from ..forms import DifficultyFilterForm, DifficultyForm, DifficultyReplyForm
from ..models import Difficulty


class Difficulties(RecordKind):
    model = Difficulty
    pages = ("list", "detail", "create")
    form_class = DifficultyForm
    filter_form_class = DifficultyFilterForm
    filters = {"status": "status", "year": "created_at__year", "unit_kind": "unit__kind"}
    search_fields = ("subject",)
    ordering = ("-updated_at", "-pk")
    select_related = ("unit", "unit__kind", "created_by")
    create_path = "gui/"
    object_name = "difficulty"
    list_name = "difficulties"
    export_filename = "phan-anh-vuong-mac"
    export_title = gettext_lazy("Difficulties and proposals")
    export_columns = [
        (gettext_lazy("unit"), "unit.name"),
        (gettext_lazy("topic"), "subject"),
        (gettext_lazy("status"), display("status")),
        (gettext_lazy("sent by"), "created_by"),
        (gettext_lazy("sent"), "created_at"),
        (gettext_lazy("last activity"), "updated_at"),
        (gettext_lazy("messages"), "message_count"),
    ]

    def list_queryset(self, request, filters):
        threads = super().list_queryset(request, filters).annotate(message_count=Count("messages"))
        if is_home_affairs(request.user):
            # What waits longest for an answer comes first.
            rank = Case(
                When(status=Difficulty.Status.OPEN, then=Value(0)),
                When(status=Difficulty.Status.ANSWERED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
            return threads.order_by(rank, "updated_at", "pk")
        return threads

    def detail_context(self, request, difficulty):
        user = request.user
        return {
            **super().detail_context(request, difficulty),
            "thread": difficulty.messages.select_related("author", "author__unit"),
            "can_reply": services.DIFFICULTY_MOVES.allows(difficulty, "reply", user),
            "can_close": services.DIFFICULTY_MOVES.allows(difficulty, "close", user),
        }

    def save(self, request, form, record=None):
        user = request.user
        difficulty = services.difficulty_open(
            unit=user.unit,
            by=user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        draft_saved(request)
        return difficulty

    def saved_message(self, record, created):
        return _("Your difficulty or proposal is sent to Home Affairs.")

    def views(self):
        return {**super().views(), "detail": DifficultyDetailView.as_view(kind=self)}


class DifficultyDetailView(RecordDetailView):
    """The thread; a POST adds a message to it."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DifficultyReplyForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        difficulty = self.object = self.get_record()
        if not request.user.has_perm("campaigns.reply_difficulty", difficulty):
            raise PermissionDenied
        form = DifficultyReplyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        body, done = form.cleaned_data["body"], _("Your message is sent.")
        reply = partial(
            services.difficulty_reply, difficulty=difficulty, by=request.user, body=body
        )
        return answer(request, difficulty, reply, done=done, level=messages.ERROR)


class DifficultyCloseView(RecordObjectMixin, TemplateView):
    """GET asks for confirmation; POST closes the thread for good."""

    page = "close"
    action = "close"

    def get(self, request, *args, **kwargs):
        difficulty = self.get_record()
        refusal = not_from_here(request, services.DIFFICULTY_MOVES, difficulty, "close")
        return refusal or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(difficulty=self.get_record(), **kwargs)

    def post(self, request, *args, **kwargs):
        difficulty = self.get_record()
        close = partial(services.difficulty_close, difficulty=difficulty, by=request.user)
        return answer(request, difficulty, close, done=_("The thread is closed."))


difficulties = Difficulties()

urlpatterns = [
    *difficulties.urls(),
    path("<int:pk>/dong/", DifficultyCloseView.as_view(kind=difficulties), name="difficulty_close"),
]
