"""Demo: the dossiers of the year's proposals (``reports.dossier``).

- Đinh Thị Ngọc Lan's certificate of merit (Sở Y tế): the department issues its submission
  letter of 2025 and uploads the signed scan; the signed achievement report is already on
  the proposal (``reports.demo_data``); the province's council issues the minutes of its
  meeting of 18 December 2025, which stand for the minutes. Every required part is present.
- Phạm Thị Thu Hương's provincial emulation fighter title (Sở GD-ĐT): the same minutes
  stand for hers; the initiative's certification is still missing, as Home Affairs' request
  for more says.
- Trường Tiểu học Ninh Khánh (Sở GD-ĐT, accepted in 2024): proposed for the certificate of
  merit of 2024 with the signed scans of the department's letter and of the school's
  achievement report, but without the minutes of the department's council: Home Affairs
  does not agree, the reason naming the missing part (the appraisal's move).

The scans are the documents the portal issued, rendered by its own PDF builder, standing for
the signed paper copies. Runs after ``reports.demo_data`` (the proposals, the signers, the
council's meeting); running it again changes nothing.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import translation

from registry.demo import accepted_demo_exemplar
from registry.models import Unit, User

from . import dossier, issuing
from .awards import proposal_appraise
from .demo_councils import NAME as COUNCIL_NAME
from .models import (
    AwardForm,
    AwardProposal,
    AwardTrack,
    DossierPart,
    IssuedDocument,
    Meeting,
    ProposalFile,
    Signer,
    default_signer,
)

Kind, Status = IssuedDocument.Kind, AwardProposal.Status
HOME_AFFAIRS = "tdkt.snv"
# The province's chair signs for the People's Committee (illustrative, as the council's).
PROVINCE_SIGNER = ("Nguyễn Minh Quang", "Chủ tịch", "Ủy ban nhân dân")
# The proposal refused for a missing part: (exemplar token, award, year, unit, proposer,
# reasons).
REFUSED = (
    "ninhkhanh-sgddt-2024",
    "bang-khen-chu-tich-ubnd-tinh",
    2024,
    "37-SGDDT",
    "canbo.sgddt",
    "Năm năm liền đạt danh hiệu Tập thể lao động xuất sắc; mô hình “Thư viện xanh” ngoài trời "
    "được nhân rộng ra các trường tiểu học của thành phố Ninh Bình.",
)


def _issued(kind, params, unit, username, day) -> tuple[IssuedDocument | None, int]:
    """The document of ``kind`` issued about ``params``: the one there, else issued now by
    ``unit``'s default signer (and 1 record created)."""
    existing = issuing.issued_for(kind, params).first()
    if existing is not None:
        return existing, 0
    signer = default_signer(unit)
    if signer is None:
        return None, 0
    user = User.objects.get(username=username)
    return issuing.issue(kind=kind, params=params, signer=signer, day=day, user=user), 1


def _scan(proposal, code: str, issued: IssuedDocument | None, name: str, by) -> int:
    """The signed copy of ``issued`` uploaded as the scan of part ``code`` (once)."""
    part = DossierPart.objects.get(code=code)
    if issued is None or not issued.pdf:
        return 0
    if ProposalFile.objects.filter(proposal=proposal, part=part).exists():
        return 0
    with issued.pdf.open("rb") as stored:
        upload = SimpleUploadedFile(name, stored.read(), content_type="application/pdf")
    dossier.add_files(
        proposal=proposal, part=part, uploads=[upload], caption="Bản ký, đóng dấu", by=by
    )
    return 1


def _province_signer() -> int:
    province = Unit.objects.filter(code="37").first()
    if province is None or Signer.objects.filter(unit=province).exists():
        return 0
    name, position, collective = PROVINCE_SIGNER
    Signer.objects.create(
        unit=province,
        full_name=name,
        position=position,
        authority=Signer.Authority.ON_BEHALF,
        collective=collective,
        is_default=True,
    )
    return 1


@transaction.atomic
def load(home_affairs: User) -> int:
    """The dossiers above; returns how many records it created."""
    created = _province_signer()
    lan = AwardProposal.objects.filter(
        exemplar=accepted_demo_exemplar("lan-syt"), year=2025
    ).first()
    if lan is not None:
        health = lan.proposing_unit
        letter, made = _issued(
            Kind.PROPOSALS_TO_HOME_AFFAIRS,
            {"unit": health.code, "year": 2025},
            health,
            "canbo.syt",
            datetime.date(2025, 11, 28),
        )
        editor = User.objects.get(username="canbo.syt")
        created += made + _scan(lan, "to-trinh", letter, "to-trinh-so-y-te-ban-ky.pdf", editor)
    meeting = Meeting.objects.filter(council__name=COUNCIL_NAME).select_related("council__unit")
    meeting = meeting.first()
    if meeting is not None:
        params = {"meeting": meeting.pk}
        unit = meeting.council.unit
        created += _issued(Kind.COUNCIL_MINUTES, params, unit, HOME_AFFAIRS, meeting.date)[1]
    created += _refused(home_affairs)
    return created


def _refused(home_affairs: User) -> int:
    token, code, year, unit_code, proposer, reasons = REFUSED
    exemplar, award = accepted_demo_exemplar(token), AwardForm.objects.filter(code=code).first()
    unit = Unit.objects.filter(code=unit_code).first()
    if exemplar is None or award is None or unit is None:
        return 0
    if AwardProposal.objects.filter(exemplar=exemplar, award=award, year=year).exists():
        return 0
    editor = User.objects.get(username=proposer)
    proposal = AwardProposal(
        exemplar=exemplar,
        award=award,
        year=year,
        track=AwardTrack.objects.get(code="regular"),
        proposing_unit=unit,
        reasons=reasons,
        created_by=editor,
    )
    proposal._history_user = editor
    proposal.save()
    letter, _made = _issued(
        Kind.PROPOSALS_TO_HOME_AFFAIRS,
        {"unit": unit.code, "year": year},
        unit,
        proposer,
        datetime.date(2025, 2, 14),
    )
    _scan(proposal, "to-trinh", letter, "to-trinh-so-gd-dt-ban-ky.pdf", editor)
    report, _made = _issued(
        Kind.ACHIEVEMENT_REPORT,
        {"exemplar": exemplar.code, "personal_data": False, "proposal": proposal.pk},
        exemplar.unit,
        proposer,
        datetime.date(2025, 2, 10),
    )
    _scan(proposal, "bao-cao-tap-the", report, "bao-cao-thanh-tich-ban-ky.pdf", editor)
    with translation.override("vi"):
        notes = dossier.missing_reason(dossier.checklist(proposal), Status.NOT_AGREED)
    proposal_appraise(proposal=proposal, by=home_affairs, outcome=Status.NOT_AGREED, notes=notes)
    return 1
