"""Demo media coverage: the two columns the plan asks of the provincial press and broadcaster
(plan VII.6) and what they published in 2025-2026 about the demo's accepted exemplar,
logged by the demo media account. Runs after ``registry.demo``; running it again changes
nothing.
"""

import datetime
import uuid

from django.db import transaction

from registry.enums import ExemplarStatus
from registry.models import Exemplar, User

from ..data.outlets import load_outlets
from ..models import Column, Coverage, MediaOutlet

NEWSPAPER = "Báo Ninh Bình"
BROADCASTER = "Phát thanh - Truyền hình Ninh Bình"
GOOD_DEEDS = "Người tốt - Việc tốt"
NEW_FACTORS = "Điển hình tiên tiến - Nhân tố mới"

# (outlet, name, kind, started on, description)
COLUMNS = [
    (
        BROADCASTER,
        GOOD_DEEDS,
        Column.Kind.PROGRAMME,
        datetime.date(2023, 6, 11),
        "Chương trình phát thanh, truyền hình định kỳ giới thiệu gương người tốt, việc tốt, "
        "điển hình tiên tiến trong các phong trào thi đua của tỉnh, mở theo Kế hoạch tuyên "
        "truyền gương điển hình tiên tiến giai đoạn 2023 - 2025.",
    ),
    (
        NEWSPAPER,
        NEW_FACTORS,
        Column.Kind.COLUMN,
        datetime.date(2023, 4, 3),
        "Chuyên mục trên báo in và báo điện tử giới thiệu các tập thể, cá nhân điển hình tiên "
        "tiến, nhân tố mới, mô hình hay, cách làm hiệu quả trên các lĩnh vực.",
    ),
]

# (outlet, column or None, kind, published on, title, authors, summary)
ITEMS = [
    (
        NEWSPAPER,
        None,
        Coverage.Kind.NEWS,
        datetime.date(2025, 3, 27),
        "Bệnh viện Đa khoa tỉnh nhân rộng mô hình “Phòng khám thân thiện với trẻ em”",
        "Minh Hằng",
        "Sau một năm thí điểm tại khoa Nhi, mô hình được nhân rộng ra các phòng khám ngoại trú "
        "của bệnh viện.",
    ),
    (
        NEWSPAPER,
        NEW_FACTORS,
        Coverage.Kind.ARTICLE,
        datetime.date(2025, 5, 14),
        "Bác sĩ Đinh Thị Ngọc Lan: hơn 20 năm tận tụy bên giường bệnh nhi",
        "Thu Trang",
        "Chân dung Trưởng khoa Nhi, người trực tiếp cứu chữa hàng nghìn ca bệnh nhi nặng và khởi "
        "xướng phòng khám thân thiện với trẻ em.",
    ),
    (
        BROADCASTER,
        GOOD_DEEDS,
        Coverage.Kind.COLUMN_EPISODE,
        datetime.date(2025, 6, 21),
        "Nữ trưởng khoa và “phòng khám thân thiện” của bệnh nhi",
        "Vũ Hoàng Nam, Đức Anh",
        "Số phát sóng nhân dịp kỷ niệm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc.",
    ),
    (
        BROADCASTER,
        None,
        Coverage.Kind.REPORTAGE,
        datetime.date(2025, 9, 5),
        "Một ngày ở khoa Nhi, Bệnh viện Đa khoa tỉnh Ninh Bình",
        "Vũ Hoàng Nam",
        "Phóng sự ghi lại một ca trực của tập thể y, bác sĩ khoa Nhi.",
    ),
    (
        NEWSPAPER,
        NEW_FACTORS,
        Coverage.Kind.ARTICLE,
        datetime.date(2025, 12, 18),
        "Giảm 30% thời gian chờ khám nhờ cách làm mới ở khoa Nhi",
        "Thu Trang",
        "Sắp xếp lại quy trình tiếp đón, khu vui chơi chờ khám và hẹn khám qua điện thoại.",
    ),
    (
        BROADCASTER,
        GOOD_DEEDS,
        Coverage.Kind.COLUMN_EPISODE,
        datetime.date(2026, 2, 21),
        "Những ca trực Tết của bác sĩ khoa Nhi",
        "Vũ Hoàng Nam",
        "",
    ),
    (
        NEWSPAPER,
        NEW_FACTORS,
        Coverage.Kind.ARTICLE,
        datetime.date(2026, 6, 10),
        "Lan tỏa mô hình khám chữa bệnh thân thiện từ một tấm gương điển hình tiên tiến",
        "Minh Hằng",
        "Các trung tâm y tế khu vực học tập cách làm của khoa Nhi, Bệnh viện Đa khoa tỉnh.",
    ),
    (
        BROADCASTER,
        GOOD_DEEDS,
        Coverage.Kind.COLUMN_EPISODE,
        datetime.date(2026, 10, 17),
        "Mang “phòng khám thân thiện” đến với trẻ em vùng cao Nho Quan",
        "Đức Anh",
        "Bác sĩ Đinh Thị Ngọc Lan cùng đồng nghiệp khám, tặng quà cho trẻ em các xã vùng cao.",
    ),
]

# The demo exemplar of ``registry.demo`` these items present (accepted by Home Affairs).
EXEMPLAR_TOKEN = uuid.uuid5(uuid.NAMESPACE_URL, "demo-exemplar-lan-syt")


@transaction.atomic
def load() -> int:
    """The outlets, the two columns and their items; returns how many items it created."""
    load_outlets()
    author = User.objects.get(username="bientap.bnb")
    outlets = {outlet.name: outlet for outlet in MediaOutlet.objects.all()}
    columns = {}
    for outlet_name, name, kind, started_on, description in COLUMNS:
        column = Column.objects.filter(outlet=outlets[outlet_name], name=name).first()
        if column is None:
            column = Column(
                outlet=outlets[outlet_name],
                name=name,
                kind=kind,
                started_on=started_on,
                description=description,
            )
            column._history_user = author
            column.save()
        columns[name] = column
    exemplar = Exemplar.objects.filter(
        creation_token=EXEMPLAR_TOKEN, status=ExemplarStatus.ACCEPTED
    ).first()
    if exemplar is None:
        return 0
    created = 0
    for outlet_name, column_name, kind, published_on, title, authors, summary in ITEMS:
        outlet = outlets[outlet_name]
        if Coverage.objects.filter(outlet=outlet, title=title).exists():
            continue
        item = Coverage(
            outlet=outlet,
            column=columns.get(column_name),
            kind=kind,
            published_on=published_on,
            title=title,
            authors=authors,
            summary=summary,
            recorded_by=author,
        )
        item._history_user = author
        item.save()
        item.exemplars.add(exemplar)
        created += 1
    return created
