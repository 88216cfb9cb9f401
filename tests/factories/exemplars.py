import factory

from registry.enums import SubjectKind
from registry.models import CatalogueVersion, CriterionEvidence, Exemplar, Field


class ExemplarFactory(factory.django.DjangoModelFactory):
    """A complete individual exemplar, ready to be submitted."""

    class Meta:
        model = Exemplar
        skip_postgeneration_save = True

    unit = None
    year = 2025
    subject_kind = SubjectKind.INDIVIDUAL
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hạnh {n}")
    gender = "female"
    birth_year = 1985
    position = "Điều dưỡng trưởng"
    workplace = "Bệnh viện Đa khoa tỉnh Ninh Bình"
    field = factory.LazyFunction(lambda: Field.objects.get(code="health"))
    catalogue_version = factory.LazyFunction(lambda: CatalogueVersion.objects.get(code="2023-2025"))
    achievements = "Mười năm liền hoàn thành xuất sắc nhiệm vụ; cứu chữa hơn 300 ca cấp cứu."
    new_model = "Mô hình “Điều dưỡng tận tâm” rút ngắn thời gian chờ của người bệnh."
    contact_name = "Trần Văn Minh"
    contact_phone = "0229 3871 000"
    publication_consent = True
    created_by = factory.LazyAttribute(lambda o: o.unit.users.first())

    @factory.post_generation
    def with_evidence(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            for criterion in obj.criteria():
                CriterionEvidence.objects.create(
                    exemplar=obj,
                    criterion=criterion,
                    text=f"Minh chứng cho tiêu chuẩn {criterion.number}",
                )
