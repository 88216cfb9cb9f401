"""Demo inspections: Sở Nội vụ's 2025 plan, with Sở Y tế, Gia Viễn district and Gia Vân
commune inspected, their findings and recommendations followed up. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from registry.models import Unit, User

from ..models import Inspection, InspectionPlan, Recommendation, RecommendationFollowUp

PLAN_TITLE = (
    "Kế hoạch kiểm tra công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến năm 2025"
)

# (unit code, kind, date, team leader, team members with an account, others, findings,
#  recommendations as (text, due date, follow-up notes as (username, date, note), closed on))
INSPECTIONS = [
    (
        "37-SYT",
        Inspection.Kind.INSPECTION,
        datetime.date(2025, 5, 20),
        "tdkt.snv",
        ["canbo.sgddt"],
        "Ông Phạm Văn Hưng - Phó Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ\n"
        "Bà Đoàn Thị Hương - Ban Tuyên giáo Tỉnh ủy",
        "Sở Y tế ban hành kế hoạch xây dựng, nhân rộng điển hình tiên tiến giai đoạn 2023 - "
        "2025 và giao chỉ tiêu cho từng bệnh viện, trung tâm y tế; năm 2024 phát hiện 14 điển "
        "hình, trong đó 6 điển hình được biểu dương tại Hội nghị ngành nhân Ngày Thầy thuốc Việt "
        "Nam 27/2.\n\n"
        "Mô hình “Phòng khám thân thiện với trẻ em” của Bệnh viện Đa khoa tỉnh được giới thiệu "
        "trên Báo Ninh Bình, đã nhân rộng tại 3 trung tâm y tế khu vực.\n\n"
        "Hạn chế: chưa có quy định riêng về đối tượng, tiêu chuẩn điển hình của ngành; hồ sơ "
        "theo dõi, bồi dưỡng điển hình sau khi được biểu dương chưa được cập nhật thường "
        "xuyên; việc tuyên truyền trên trang thông tin điện tử của Sở còn ít.",
        [
            (
                "Ban hành quy định cụ thể về đối tượng, tiêu chuẩn điển hình tiên tiến của ngành "
                "Y tế và gửi về Sở Nội vụ (Ban Thi đua - Khen thưởng).",
                datetime.date(2025, 8, 31),
                [
                    (
                        "canbo.syt",
                        datetime.date(2025, 8, 12),
                        "Ngày 08/8/2025, Giám đốc Sở Y tế ký Quyết định số 1187/QĐ-SYT ban hành "
                        "Quy định đối tượng, tiêu chuẩn điển hình tiên tiến ngành Y tế; đã gửi "
                        "Sở Nội vụ qua Cổng ngày 12/8/2025.",
                    )
                ],
                datetime.date(2025, 8, 20),
            ),
            (
                "Thường xuyên cập nhật hồ sơ theo dõi, bồi dưỡng các điển hình đã được biểu "
                "dương; mở chuyên mục “Gương sáng ngành Y” trên Trang thông tin điện tử của Sở.",
                None,
                [
                    (
                        "lanhdao.syt",
                        datetime.date(2025, 10, 6),
                        "Đã giao Văn phòng Sở cập nhật hồ sơ theo dõi hằng quý; chuyên mục "
                        "“Gương sáng ngành Y” đăng 5 bài từ tháng 7 đến tháng 9/2025.",
                    )
                ],
                None,
            ),
        ],
    ),
    (
        "373",
        Inspection.Kind.SUPERVISION,
        datetime.date(2025, 4, 16),
        "tdkt.snv",
        [],
        "Ông Phạm Văn Hưng - Phó Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ\n"
        "Bà Lê Thị Ngân - Liên đoàn Lao động tỉnh",
        "Huyện Gia Viễn giao chỉ tiêu điển hình tiên tiến cho các xã, thị trấn và phát động "
        "phong trào “Gia Viễn chung sức xây dựng nông thôn mới nâng cao, kiểu mẫu”; nhiều hộ "
        "sản xuất kinh doanh giỏi được phát hiện qua phong trào, tiêu biểu là mô hình trồng sen "
        "kết hợp du lịch trải nghiệm ở xã Gia Vân.\n\n"
        "Hạn chế: năm 2024 có 4/21 xã chưa đăng ký đủ 02 điển hình theo chỉ tiêu; chưa tổ "
        "chức giao lưu, gặp mặt điển hình cấp huyện; hồ sơ cần bàn giao cho các xã mới khi "
        "sắp xếp đơn vị hành chính chưa được chuẩn bị.",
        [
            (
                "Đôn đốc các xã chưa đủ chỉ tiêu đăng ký bổ sung điển hình tiên tiến năm 2025, "
                "hoàn thành trước khi kết thúc hoạt động cấp huyện.",
                datetime.date(2025, 6, 15),
                [],
                None,
            ),
        ],
    ),
    (
        "373-GIAVAN",
        Inspection.Kind.INSPECTION,
        datetime.date(2025, 4, 17),
        "tdkt.snv",
        ["huyen.giavien"],
        "",
        "Xã Gia Vân lựa chọn 02 điển hình năm 2025: hộ ông Nguyễn Văn Thịnh (trồng sen kết "
        "hợp du lịch trải nghiệm) và ông Bùi Văn Toàn (tổ hợp tác chăn nuôi bò sinh sản giúp hộ "
        "nghèo). Các điển hình được giới thiệu trên loa truyền thanh xã và tại hội nghị tổng kết "
        "phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.\n\n"
        "Hạn chế: hồ sơ điển hình còn thiếu xác nhận của thôn; chưa có sổ theo dõi việc nhân "
        "rộng các mô hình.",
        [
            (
                "Mở sổ theo dõi việc nhân rộng các mô hình điển hình của xã; ghi số hộ học tập, "
                "áp dụng từng mô hình.",
                None,
                [],
                None,
            ),
        ],
    ),
]


def _user(username):
    return User.objects.get(username=username)


@transaction.atomic
def load() -> None:
    """Create the plan, its inspections and recommendations once; nothing when present."""
    if InspectionPlan.objects.filter(title=PLAN_TITLE).exists():
        return
    home_affairs = _user("tdkt.snv")
    plan = InspectionPlan(
        year=2025,
        title=PLAN_TITLE,
        decision="Quyết định số 215/QĐ-SNV ngày 12/3/2025 của Giám đốc Sở Nội vụ",
        lead_unit=Unit.objects.get(code="37-SNV"),
        description="Kiểm tra việc phát hiện, bồi dưỡng, tuyên truyền và nhân rộng điển hình "
        "tiên tiến theo Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn 2023 - 2025 "
        "của UBND tỉnh (mục III.5) tại 01 sở, 01 huyện và 01 xã; đoàn do Ban Thi đua - Khen "
        "thưởng chủ trì, có đại diện Hội đồng Thi đua - Khen thưởng tỉnh tham gia.",
    )
    plan._history_user = home_affairs
    plan.save()
    for code, kind, held_on, leader, members, others, findings, recommendations in INSPECTIONS:
        inspection = Inspection(
            plan=plan,
            unit=Unit.objects.get(code=code),
            kind=kind,
            status=Inspection.Status.DONE,
            scheduled_on=held_on,
            carried_out_on=held_on,
            team_leader=_user(leader),
            other_members=others,
            findings=findings,
        )
        inspection._history_user = home_affairs
        inspection.save()
        inspection.team_members.set([_user(name) for name in members])
        for text, due_on, notes, closed_on in recommendations:
            recommendation = inspection.record_recommendation(
                text=text, due_on=due_on, by=home_affairs
            )
            for username, noted_on, note in notes:
                follow_up = recommendation.record_follow_up(note=note, by=_user(username))
                RecommendationFollowUp.objects.filter(pk=follow_up.pk).update(
                    recorded_at=_at(noted_on)
                )
            if closed_on:
                recommendation.close(by=home_affairs)
                Recommendation.objects.filter(pk=recommendation.pk).update(closed_at=_at(closed_on))


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
