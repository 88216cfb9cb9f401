"""Demo events of 2024-2026 where the province honours and shares its exemplars (plan III.2-III.4,
VI.2-VI.6): the 2025 conference of exemplars and the Sixth Patriotic Emulation Congress, the
11 June anniversary, a flag-salute meeting, a dialogue with pupils, a study visit, a training
and a yearly summary. They feature the demo's accepted exemplar; the conference has a photo.
Runs after ``registry.demo``; running it again changes nothing.
"""

import datetime
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from exemplar_portal.base.uploads import check_upload
from registry.demo import demo_photo
from registry.enums import ExemplarStatus
from registry.models import Campaign, Exemplar, Unit, User

from ..models import Event, EventFile

K = Event.Kind
# The demo exemplar of ``registry.demo`` the events feature (accepted by Home Affairs).
EXEMPLAR_TOKEN = uuid.uuid5(uuid.NAMESPACE_URL, "demo-exemplar-lan-syt")
DEPARTMENTS = ["37-SYT", "37-SGDDT", "37-SVHTTDL", "37-SNNPTNT", "37-SCT", "37-CAT", "37-BCHQS"]
MASS_ORGANISATIONS = ["37-MTTQ", "37-LDLD", "37-HLHPN", "37-TDTN", "37-HND", "37-HCCB"]
DISTRICTS = ["369", "370", "372", "373", "374", "375", "376", "377"]

EVENTS = [
    {
        "kind": K.TRAINING,
        "title": "Tập huấn nghiệp vụ công tác thi đua, khen thưởng và tuyên truyền điển hình tiên "
        "tiến năm 2024",
        "date": datetime.date(2024, 8, 15),
        "place": "Hội trường Sở Nội vụ tỉnh Ninh Bình",
        "organiser": "37-SNV-TDKT",
        "recorded_by": "tdkt.snv",
        "units": [*DEPARTMENTS, *MASS_ORGANISATIONS, *DISTRICTS],
        "audience": "Cán bộ làm công tác thi đua, khen thưởng và tuyên truyền của các sở, ban, "
        "ngành, đoàn thể, huyện, thành phố",
        "attendance": 180,
        "description": "Hướng dẫn Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn; "
        "quy trình phát hiện, lựa chọn, xây dựng hồ sơ điển hình tiên tiến; kỹ năng viết tin, "
        "bài giới thiệu gương người tốt, việc tốt.",
        "outcome": "Các đơn vị thống nhất mẫu hồ sơ điển hình tiên tiến và lịch gửi danh sách "
        "điển hình về Ban Thi đua - Khen thưởng trước ngày 30/11 hằng năm.",
        "exemplar": False,
    },
    {
        "kind": K.YEARLY_SUMMARY,
        "title": "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2024 và phát động phong trào "
        "thi đua năm 2025 ngành Y tế",
        "date": datetime.date(2025, 1, 17),
        "place": "Hội trường Sở Y tế Ninh Bình",
        "organiser": "37-SYT",
        "recorded_by": "canbo.syt",
        "units": [],
        "audience": "Lãnh đạo các bệnh viện, trung tâm y tế và đơn vị trực thuộc Sở Y tế",
        "attendance": 120,
        "description": "Đánh giá kết quả phong trào thi đua năm 2024; trao danh hiệu thi đua và "
        "hình thức khen thưởng; ký kết giao ước thi đua năm 2025.",
        "outcome": "Các đơn vị đăng ký thi đua năm 2025; mỗi bệnh viện lựa chọn ít nhất 01 điển "
        "hình tiên tiến để giới thiệu, nhân rộng.",
        "exemplar": True,
        "campaign": "van-hoa-cong-so",
    },
    {
        "kind": K.CONFERENCE,
        "title": "Hội nghị biểu dương điển hình tiên tiến tỉnh Ninh Bình năm 2025",
        "date": datetime.date(2025, 6, 10),
        "place": "Trung tâm Hội nghị tỉnh Ninh Bình",
        "organiser": "37-SNV",
        "recorded_by": "tdkt.snv",
        "units": [*DEPARTMENTS, *MASS_ORGANISATIONS, *DISTRICTS],
        "audience": "Lãnh đạo tỉnh, đại biểu các sở, ban, ngành, đoàn thể, huyện, thành phố và "
        "các điển hình tiên tiến được biểu dương",
        "attendance": 350,
        "description": "Báo cáo kết quả công tác phát hiện, bồi dưỡng, nhân rộng điển hình tiên "
        "tiến giai đoạn 2020 - 2025; tham luận của các điển hình tiêu biểu; trao Bằng khen của "
        "Chủ tịch Ủy ban nhân dân tỉnh.",
        "outcome": "Biểu dương 96 tập thể, 154 cá nhân điển hình tiên tiến; lựa chọn 12 mô hình "
        "tiêu biểu để giới thiệu trên Báo Ninh Bình và Đài Phát thanh và Truyền hình tỉnh.",
        "exemplar": True,
        "also": ["huong-sgddt", "hoa-giavan"],
        "photo": (
            "hoi-nghi-bieu-duong-2025.jpg",
            "Lãnh đạo tỉnh trao Bằng khen cho các điển hình tiên tiến tiêu biểu",
        ),
    },
    {
        "kind": K.CONGRESS,
        "title": "Đại hội Thi đua yêu nước tỉnh Ninh Bình lần thứ VI, giai đoạn 2025 - 2030",
        "date": datetime.date(2025, 10, 16),
        "place": "Trung tâm Hội nghị tỉnh Ninh Bình",
        "organiser": "37-SNV",
        "recorded_by": "tdkt.snv",
        "units": [*DEPARTMENTS, *MASS_ORGANISATIONS, "37-BPTTH"],
        "audience": "Đại biểu điển hình tiên tiến tiêu biểu của các ngành, các cấp",
        "attendance": 500,
        "description": "Tổng kết phong trào thi đua yêu nước giai đoạn 2020 - 2025, phát động "
        "phong trào thi đua giai đoạn 2025 - 2030; tôn vinh các tập thể, cá nhân điển hình tiên "
        "tiến tiêu biểu xuất sắc.",
        "outcome": "Đại hội thông qua chương trình hành động giai đoạn 2025 - 2030; tôn vinh "
        "150 điển hình tiên tiến tiêu biểu; bầu đoàn đại biểu dự Đại hội Thi đua yêu nước toàn "
        "quốc lần thứ XI.",
        "exemplar": True,
        "also": ["huong-sgddt", "hoa-giavan"],
    },
    {
        "kind": K.MEETING,
        "title": "Tọa đàm “Thắp sáng ước mơ” giữa điển hình tiên tiến ngành Y tế và học sinh "
        "Trường THPT chuyên Lương Văn Tụy",
        "date": datetime.date(2025, 11, 14),
        "place": "Trường THPT chuyên Lương Văn Tụy, phường Hoa Lư",
        "organiser": "37-TDTN",
        "recorded_by": "tdkt.snv",
        "units": ["37-SGDDT", "37-SYT"],
        "audience": "Học sinh, đoàn viên Trường THPT chuyên Lương Văn Tụy",
        "attendance": 420,
        "description": "Bác sĩ Đinh Thị Ngọc Lan chia sẻ hành trình hơn 20 năm gắn bó với bệnh "
        "nhi; học sinh đặt câu hỏi về nghề y và định hướng nghề nghiệp.",
        "outcome": "Đoàn trường phát động phong trào “Mỗi tuần một việc tốt”; 35 học sinh đăng ký "
        "tham gia câu lạc bộ sơ cấp cứu.",
        "exemplar": True,
        "also": ["huong-sgddt"],
    },
    {
        "kind": K.FLAG_SALUTE,
        "title": "Chào cờ đầu tháng 3/2026: biểu dương Trưởng khoa Nhi, Bệnh viện Đa khoa tỉnh",
        "date": datetime.date(2026, 3, 2),
        "place": "Hội trường Sở Y tế Ninh Bình",
        "organiser": "37-SYT",
        "recorded_by": "canbo.syt",
        "units": [],
        "audience": "Cán bộ, công chức, viên chức cơ quan Sở Y tế",
        "attendance": 85,
        "description": "Sinh hoạt chính trị dưới cờ; giới thiệu mô hình “Phòng khám thân thiện "
        "với trẻ em”.",
        "outcome": "Cơ quan Sở tặng Giấy khen; các phòng chuyên môn đăng ký học tập cách làm "
        "rút ngắn thời gian chờ khám.",
        "exemplar": True,
        "campaign": "van-hoa-cong-so",
    },
    {
        "kind": K.STUDY_VISIT,
        "title": "Tham quan, học tập mô hình “Phòng khám thân thiện với trẻ em” tại Bệnh viện Đa "
        "khoa tỉnh Ninh Bình",
        "date": datetime.date(2026, 4, 16),
        "place": "Khoa Nhi, Bệnh viện Đa khoa tỉnh Ninh Bình",
        "organiser": "37-SNV-TDKT",
        "recorded_by": "tdkt.snv",
        "units": ["37-SYT", "37-HLHPN"],
        "audience": "Lãnh đạo các trung tâm y tế khu vực và cán bộ làm công tác thi đua",
        "attendance": 45,
        "description": "Nghe giới thiệu quy trình tiếp đón, khu vui chơi chờ khám, hẹn khám qua "
        "điện thoại; trao đổi kinh nghiệm triển khai.",
        "outcome": "Ba trung tâm y tế khu vực đăng ký áp dụng mô hình trong năm 2026.",
        "exemplar": True,
        "campaign": "van-hoa-cong-so",
    },
    {
        "kind": K.ANNIVERSARY,
        "title": "Gặp mặt điển hình tiên tiến nhân kỷ niệm 78 năm Ngày Chủ tịch Hồ Chí Minh ra "
        "Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2026)",
        "date": datetime.date(2026, 6, 11),
        "place": "Hội trường Ủy ban nhân dân tỉnh Ninh Bình",
        "organiser": "37-SNV",
        "recorded_by": "tdkt.snv",
        "units": [*DEPARTMENTS, *MASS_ORGANISATIONS],
        "audience": "Các điển hình tiên tiến tiêu biểu của tỉnh",
        "attendance": 150,
        "description": "Ôn lại ý nghĩa Lời kêu gọi thi đua ái quốc; các điển hình tiên tiến "
        "chia sẻ kinh nghiệm; lãnh đạo tỉnh tặng quà.",
        "outcome": "Giao Sở Nội vụ phối hợp Báo và Phát thanh, Truyền hình Ninh Bình giới thiệu "
        "các gương điển hình trong chuyên mục “Người tốt - Việc tốt”.",
        "exemplar": True,
        "also": ["hoa-giavan"],
        "campaign": "hoc-tap-lam-theo-bac",
    },
]


def _accepted(tokens: list[str]) -> list[Exemplar]:
    """Other accepted demo exemplars of ``registry.demo``, by their demo token."""
    return list(
        Exemplar.objects.filter(
            creation_token__in=[
                uuid.uuid5(uuid.NAMESPACE_URL, f"demo-exemplar-{token}") for token in tokens
            ],
            status=ExemplarStatus.ACCEPTED,
        )
    )


@transaction.atomic
def load() -> None:
    """The demo events, featuring the demo's accepted exemplar, and the conference's photo."""
    exemplar = Exemplar.objects.filter(
        creation_token=EXEMPLAR_TOKEN, status=ExemplarStatus.ACCEPTED
    ).first()
    for values in EVENTS:
        if Event.objects.filter(title=values["title"]).exists():
            continue
        author = User.objects.get(username=values["recorded_by"])
        event = Event(
            kind=values["kind"],
            title=values["title"],
            date=values["date"],
            place=values["place"],
            organiser=Unit.objects.get(code=values["organiser"]),
            campaign=Campaign.objects.filter(code=values.get("campaign", "")).first(),
            audience=values["audience"],
            attendance=values["attendance"],
            description=values["description"],
            outcome=values["outcome"],
            recorded_by=author,
        )
        event._history_user = author
        event.save_with_lists(
            participating_units=Unit.objects.filter(code__in=values["units"]),
            exemplars=([exemplar] if exemplar and values["exemplar"] else [])
            + _accepted(values.get("also", [])),
        )
        if "photo" in values:
            name, caption = values["photo"]
            checked = check_upload(SimpleUploadedFile(name, demo_photo()))
            EventFile.from_upload(checked, uploaded_by=author, caption=caption, event=event)
