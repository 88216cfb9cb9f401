"""Demo documents of the movements of ``registry.demo``: each one's launching plan."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from exemplar_portal.base.uploads import check_upload
from registry.demo import demo_pdf
from registry.models import Campaign, User

from ..models import CampaignFile

# (movement code, file name, caption)
DOCUMENTS = [
    (
        "nong-thon-moi-2021-2025",
        "Ke hoach phat dong phong trao nong thon moi 2021-2025.pdf",
        "Kế hoạch phát động phong trào thi đua giai đoạn 2021 - 2025 của UBND tỉnh",
    ),
    (
        "vi-nguoi-ngheo-2021-2025",
        "Huong dan thuc hien phong trao vi nguoi ngheo.pdf",
        "Hướng dẫn thực hiện phong trào của Ban Thi đua - Khen thưởng",
    ),
]


@transaction.atomic
def load() -> None:
    author = User.objects.get(username="tdkt.snv")
    for code, name, caption in DOCUMENTS:
        campaign = Campaign.objects.filter(code=code).first()
        if campaign is None or campaign.files.filter(original_name=name).exists():
            continue
        checked = check_upload(SimpleUploadedFile(name, demo_pdf(caption)))
        CampaignFile.from_upload(checked, uploaded_by=author, caption=caption, campaign=campaign)
