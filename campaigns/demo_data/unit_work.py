"""The campaigns side of the demo's units at work: a movement's review and a bloc's pledge,
a difficulty answered by Home Affairs, and two units' regulations (one acknowledged, one sent
late), all tied to the 2023-2025 plan. Idempotent."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registry.demo import demo_pdf
from registry.models import Campaign, EmulationBloc, Plan, Unit, User

from .. import services as campaign_services
from ..models import (
    CampaignReview,
    Difficulty,
    DifficultyMessage,
    Pledge,
    RegulationRequirement,
    UnitRegulation,
)


def load() -> None:
    current = Plan.objects.get(period_from=2023, period_to=2025)
    RegulationRequirement.objects.filter(
        title="Quy định về đối tượng, tiêu chuẩn cụ thể đối với điển hình tiên tiến",
        plan__isnull=True,
    ).update(plan=current)
    _demo_reviews_and_pledge()
    _demo_difficulty()
    _demo_regulations()


def _demo_reviews_and_pledge() -> None:

    author = User.objects.get(username="tdkt.snv")
    movement = Campaign.objects.get(code="nong-thon-moi-2021-2025")
    CampaignReview.objects.get_or_create(
        campaign=movement,
        kind=CampaignReview.Kind.PRELIMINARY,
        date=datetime.date(2023, 6, 20),
        defaults={
            "results": "Sơ kết giữa kỳ: các địa phương tập trung xây dựng xã nông thôn mới nâng "
            "cao, kiểu mẫu; phát hiện nhiều hộ sản xuất kinh doanh giỏi để nhân rộng.",
            "recorded_by": author,
        },
    )
    bloc = EmulationBloc.objects.get(code="khoi-van-hoa-xa-hoi")
    pledge, created = Pledge.objects.get_or_create(
        title="Giao ước thi đua năm 2025 Khối Văn hóa - Xã hội",
        defaults={
            "year": 2025,
            "signed_on": datetime.date(2025, 2, 14),
            "bloc": bloc,
            "campaign": Campaign.objects.get(code="van-hoa-cong-so"),
            "content": "Hoàn thành xuất sắc nhiệm vụ chính trị năm 2025; mỗi đơn vị lựa chọn ít "
            "nhất 01 điển hình tiên tiến gửi Sở Nội vụ; thực hiện tốt văn hóa công sở.",
            "recorded_by": author,
        },
    )
    if created:
        pledge.units.set(Unit.objects.filter(bloc=bloc))


def _demo_difficulty() -> None:
    """One difficulty thread from Sở Y tế, answered by Home Affairs. Idempotent."""

    unit_author = User.objects.get(username="canbo.syt")
    home_affairs = User.objects.get(username="tdkt.snv")
    difficulty, created = Difficulty.objects.get_or_create(
        subject="Hồ sơ điển hình tập thể khoa, phòng thuộc bệnh viện tuyến tỉnh",
        defaults={
            "unit": Unit.objects.get(code="37-SYT"),
            "created_by": unit_author,
            "status": Difficulty.Status.ANSWERED,
        },
    )
    if created:
        DifficultyMessage.objects.create(
            difficulty=difficulty,
            author=unit_author,
            body="Đề nghị Ban Thi đua - Khen thưởng hướng dẫn: tập thể khoa, phòng thuộc bệnh "
            "viện tuyến tỉnh được Sở Y tế đề xuất là điển hình tiên tiến thì hồ sơ do bệnh "
            "viện hay do Sở lập, và có cần xác nhận của Công đoàn ngành không?",
        )
        DifficultyMessage.objects.create(
            difficulty=difficulty,
            author=home_affairs,
            body="Hồ sơ do Sở Y tế lập và gửi trên Cổng; bệnh viện cung cấp báo cáo thành tích "
            "có xác nhận của Giám đốc bệnh viện. Không bắt buộc xác nhận của Công đoàn ngành.",
        )


def _demo_regulations() -> None:
    """Sở Y tế's regulation, sent on time and acknowledged; Sở GD&ĐT's, sent late. Idempotent."""

    requirement = RegulationRequirement.objects.filter(
        title="Quy định về đối tượng, tiêu chuẩn cụ thể đối với điển hình tiên tiến"
    ).first()
    if requirement is None:
        return
    home_affairs = User.objects.get(username="tdkt.snv")
    for unit_code, username, sent_on, acknowledge in [
        ("37-SYT", "canbo.syt", datetime.date(2023, 3, 20), True),
        ("37-SGDDT", "canbo.sgddt", datetime.date(2023, 4, 10), False),
    ]:
        unit = Unit.objects.get(code=unit_code)
        if UnitRegulation.objects.filter(requirement=requirement, unit=unit).exists():
            continue
        upload = SimpleUploadedFile(
            f"Quy dinh tieu chuan dien hinh {unit_code}.pdf",
            demo_pdf(f"Quy dinh doi tuong, tieu chuan dien hinh tien tien - {unit_code}"),
            content_type="application/pdf",
        )
        regulation = campaign_services.regulation_send(
            requirement=requirement,
            unit=unit,
            upload=upload,
            by=User.objects.get(username=username),
        )
        sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(9, 30)))
        UnitRegulation.objects.filter(pk=regulation.pk).update(sent_at=sent_at)
        if acknowledge:
            campaign_services.regulation_acknowledge(regulation=regulation, by=home_affairs)
            UnitRegulation.objects.filter(pk=regulation.pk).update(
                reviewed_at=sent_at + datetime.timedelta(days=3)
            )
