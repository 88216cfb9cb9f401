"""The catalogue of award forms (Hình thức khen thưởng): a read-only record kind of the kit
for every signed-in user, with what the law says of each form. Administrators keep the
forms in the admin."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

from exemplar_portal.base.exports import display, joined
from exemplar_portal.base.kit import RecordKind
from registry.enums import SubjectKind

from ..forms import AwardFormFilterForm
from ..models import AwardCondition, AwardDossierPart, AwardForm, CashRate, cash_amount


class AwardFormKind(RecordKind):
    model = AwardForm
    pages = ("list", "detail")
    name = "awardform"
    lookup = "code"
    filter_form_class = AwardFormFilterForm
    filters = {"level": "level", "category": "category", "track": "tracks"}
    search_fields = ("name", "code", "article")
    ordering = ("order", "name")
    select_related = ("legal_basis",)
    object_name = "award"
    list_name = "awards"
    export_filename = "hinh-thuc-khen-thuong"
    export_title = gettext_lazy("Award forms")
    export_columns = [
        (gettext_lazy("code"), "code"),
        (gettext_lazy("name"), "name"),
        (gettext_lazy("category"), display("category")),
        (gettext_lazy("conferred by"), display("level")),
        (gettext_lazy("subjects"), "subjects_display"),
        (gettext_lazy("legal basis"), lambda award: award.legal_basis and str(award.legal_basis)),
        (gettext_lazy("article"), "article"),
        (gettext_lazy("years in force"), "period_display"),
        (gettext_lazy("tracks"), joined("tracks", "label")),
        (gettext_lazy("sent up beyond the province"), "sent_up"),
    ]

    def list_queryset(self, request, filters):
        awards = super().list_queryset(request, filters)
        if filters.get("subject"):
            awards = awards.filter(AwardForm.applicable_filter(filters["subject"]))
        if filters.get("year"):
            awards = awards.active_in(filters["year"])
        return awards.prefetch_related("tracks")

    def detail_context(self, request, award):
        today = timezone.localdate()
        rates = CashRate.objects.filter(award=award).select_related("legal_document")
        return {
            **super().detail_context(request, award),
            "conditions": AwardCondition.objects.filter(award=award).select_related(
                "legal_document", "title"
            ),
            "dossier": AwardDossierPart.objects.filter(award=award).select_related(
                "part__legal_document"
            ),
            "rates": rates,
            "today": today,
            "amounts": [
                (SubjectKind(kind).label, cash_amount(award, kind, today))
                for kind in award.subjects
            ],
        }


urlpatterns = AwardFormKind().urls()
