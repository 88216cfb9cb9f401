"""One finished import for the demo, so that a newcomer finds a history of imports: Sở Y
tế's editor (``canbo.syt``) imported three of the department's exemplars as drafts, through
the real upload, check and confirmation. Idempotent."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import load_workbook

from ..models import ImportJob, User
from . import service
from .kinds import EXEMPLARS
from .templates import template_workbook

FILE_NAME = "Danh sách điển hình Sở Y tế 2025.xlsx"
ROWS = [
    {
        "year": 2025,
        "subject_kind": "Cá nhân",
        "full_name": "Đinh Thị Thanh Xuân",
        "gender": "Nữ",
        "birth_year": 1979,
        "position": "Trưởng khoa Nhi",
        "workplace": "Bệnh viện Sản Nhi Ninh Bình",
        "field": "Y tế",
        "achievements": "Chủ trì cấp cứu thành công 42 ca sơ sinh non tháng nặng năm 2025; "
        "chiến sĩ thi đua cơ sở ba năm liền.",
        "new_model": "Mô hình “Chăm sóc trẻ sơ sinh bằng phương pháp Kangaroo” tại khoa.",
        "contact_name": "Đinh Thị Thanh Xuân",
        "contact_phone": "0913254789",
        "publication_consent": "Có",
    },
    {
        "year": 2025,
        "subject_kind": "Tập thể",
        "collective_name": "Trạm Y tế xã Gia Vân",
        "head_name": "Bùi Văn Khánh",
        "member_count": 9,
        "field": "Y tế",
        "achievements": "Đạt Bộ tiêu chí quốc gia về y tế xã; tỷ lệ tiêm chủng đầy đủ 99%.",
        "new_model": "Khám sàng lọc bệnh không lây nhiễm lưu động tại nhà văn hóa thôn.",
        "contact_name": "Bùi Văn Khánh",
        "contact_phone": "0229 3642 115",
        "publication_consent": "Có",
    },
    {
        "year": 2025,
        "subject_kind": "Cá nhân",
        "full_name": "Trương Văn Lực",
        "gender": "Nam",
        "birth_year": 1988,
        "position": "Điều dưỡng",
        "workplace": "Trung tâm Y tế huyện Gia Viễn",
        "field": "Y tế",
        "is_new_factor": "Có",
        "achievements": "Hiến máu tình nguyện 21 lần; tham gia hơn 30 chuyến khám thiện nguyện.",
        "contact_name": "Trương Văn Lực",
        "contact_phone": "0976 118 204",
    },
]


def load() -> None:
    """Import ``ROWS`` as ``canbo.syt``, unless it was done already or the demo accounts
    are missing (``registry.demo.demo_load`` creates them)."""
    user = User.objects.filter(username="canbo.syt").select_related("unit").first()
    if user is None or ImportJob.objects.filter(original_name=FILE_NAME).exists():
        return
    with translation.override("vi"):
        book = load_workbook(io.BytesIO(template_workbook(EXEMPLARS, user)))
        keys = [key for key, _label in EXEMPLARS.resource.import_columns()]
        for row in ROWS:
            book.worksheets[0].append([row.get(key) for key in keys])
        buffer = io.BytesIO()
        book.save(buffer)
        job = service.start_import(
            kind=EXEMPLARS.kind, upload=SimpleUploadedFile(FILE_NAME, buffer.getvalue()), user=user
        )
        # The worker's check, run here so that the demo has its import without a worker (the
        # queued task then finds the job checked and does nothing).
        service.run_step(job.pk, "check")
        job.refresh_from_db()
        service.confirm_import(job=job, user=user)
