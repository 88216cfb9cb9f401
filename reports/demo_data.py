"""Demo commendation proposals and introductions to the media for the accepted exemplars of
``registry.demo``: a conferred provincial certificate of merit, a proposal sent back for more,
one awaiting appraisal, the provincial council's meeting of December 2025 that voted on
them (``reports.demo_councils``), and the introductions made to the provincial press for
11 June 2026;
then the consolidation of 2025: published once before the chair's decision on the certificate
of merit came in, reopened to add it, and published again, so that two versions compare;
finally a few exemplars accepted in 2023 and 2024 and the period review of the 2023-2025
plan, with its narrative, published once.
Runs after ``registry.demo`` (``manage.py load_demo``); running it again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns.data.outlets import load_outlets
from campaigns.models import MediaOutlet
from registry.data.demo_past_exemplars import PAST_EXEMPLARS
from registry.demo import accepted_demo_exemplar, demo_token
from registry.enums import ExemplarStatus
from registry.models import Exemplar, Plan, Unit, User

from . import consolidation as consolidating
from . import (
    demo_certificates,
    demo_councils,
    demo_dossier,
    demo_fund,
    demo_history,
    demo_statistics,
)
from .awards import DECISION_FIELDS, proposal_confer
from .models import (
    AwardForm,
    AwardProposal,
    AwardTrack,
    Consolidation,
    IssuedDocument,
    MediaIntroduction,
    ProposalFile,
    Signer,
    default_signer,
)

Status, Occasion = AwardProposal.Status, MediaIntroduction.Occasion
HOME_AFFAIRS = "tdkt.snv"
CONSOLIDATED_YEAR = 2025

# (exemplar token, award code, year, track, proposing unit, proposer, reasons,
#  appraisal as (outcome, date, notes) or None, decision as (number, date, signer) or None)
PROPOSALS = [
    (
        "lan-syt",
        "bang-khen-chu-tich-ubnd-tinh",
        2025,
        "regular",
        "37-SYT",
        "canbo.syt",
        "Có thành tích xuất sắc trong công tác khám, chữa bệnh cho trẻ em năm 2025; "
        "mô hình “Phòng khám thân thiện với trẻ em” giảm 30% thời gian chờ khám, được nhân "
        "rộng ra các phòng khám ngoại trú của Bệnh viện Đa khoa tỉnh.",
        (Status.AGREED, datetime.date(2025, 12, 5), "Hồ sơ đủ điều kiện theo quy định."),
        (
            "2968/QĐ-UBND",
            datetime.date(2025, 12, 26),
            "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình",
        ),
    ),
    (
        "huong-sgddt",
        "chien-si-thi-dua-cap-tinh",
        2025,
        "regular",
        "37-SGDDT",
        "canbo.sgddt",
        "Ba năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở; bồi dưỡng 27 học sinh đạt giải "
        "học sinh giỏi quốc gia môn Ngữ văn; sáng kiến “Đọc sách cùng con” được Hội đồng "
        "sáng kiến cấp tỉnh công nhận.",
        (
            Status.NEEDS_MORE,
            datetime.date(2026, 3, 18),
            "Bổ sung quyết định công nhận sáng kiến có phạm vi ảnh hưởng cấp tỉnh.",
        ),
        None,
    ),
    (
        "hoa-giavan",
        "bang-khen-chu-tich-ubnd-tinh",
        2025,
        "thematic",
        "37-SNV",
        HOME_AFFAIRS,
        "Có thành tích xuất sắc trong phong trào thi đua “Ninh Bình chung sức xây dựng nông "
        "thôn mới” giai đoạn 2021 - 2025: hiến 320 m² đất làm đường thôn, giúp các hộ trong "
        "thôn áp dụng mô hình cá - lúa.",
        (
            Status.AGREED,
            datetime.date(2026, 1, 20),
            "Thành tích tiêu biểu trong phong trào xây dựng nông thôn mới; hồ sơ đủ điều kiện.",
        ),
        None,
    ),
]

# (exemplar token, outlet, date, occasion, angle)
INTRODUCTIONS = [
    (
        "lan-syt",
        "Báo Ninh Bình",
        datetime.date(2026, 6, 1),
        Occasion.PATRIOTIC_EMULATION_DAY,
        "Giới thiệu nhân dịp kỷ niệm 78 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua "
        "ái quốc (11/6/2026): bài chân dung về bác sĩ và mô hình phòng khám thân thiện.",
    ),
    (
        "huong-sgddt",
        "Phát thanh - Truyền hình Ninh Bình",
        datetime.date(2026, 6, 2),
        Occasion.PATRIOTIC_EMULATION_DAY,
        "Phóng sự về câu lạc bộ “Đọc sách cùng con” tại các trường học trong tỉnh.",
    ),
    (
        "hoa-giavan",
        "Báo Ninh Bình",
        datetime.date(2025, 10, 14),
        Occasion.ROUTINE,
        "Mô hình nuôi cá lúa kết hợp trên ruộng trũng; liên hệ qua UBND xã.",
    ),
]


@transaction.atomic
def load() -> int:
    """The proposals and introductions; returns how many records it created."""
    load_outlets()
    home_affairs = User.objects.get(username=HOME_AFFAIRS)
    created = 0
    decisions = []  # recorded once the first version of the consolidation is published
    for token, code, year, track, unit_code, proposer, reasons, appraisal, decision in PROPOSALS:
        exemplar, award = accepted_demo_exemplar(token), AwardForm.objects.get(code=code)
        if (
            exemplar is None
            or AwardProposal.objects.filter(exemplar=exemplar, award=award, year=year).exists()
        ):
            continue
        proposal = AwardProposal(
            exemplar=exemplar,
            award=award,
            year=year,
            track=AwardTrack.objects.get(code=track),
            proposing_unit=Unit.objects.get(code=unit_code),
            reasons=reasons,
            created_by=User.objects.get(username=proposer),
        )
        proposal._history_user = proposal.created_by
        proposal.save()
        if appraisal:
            outcome, proposal.appraised_on, proposal.appraisal_notes = appraisal
            proposal.status, proposal.appraised_by = outcome, home_affairs
            proposal._history_user = home_affairs
            proposal.save()
            if decision:
                decisions.append((proposal, decision))
        created += 1
    outlets = {outlet.name: outlet for outlet in MediaOutlet.objects.all()}
    for token, outlet_name, date, occasion, angle in INTRODUCTIONS:
        exemplar, outlet = accepted_demo_exemplar(token), outlets.get(outlet_name)
        if exemplar is None or outlet is None:
            continue
        if MediaIntroduction.objects.filter(exemplar=exemplar, outlet=outlet, date=date).exists():
            continue
        introduction = MediaIntroduction(
            exemplar=exemplar,
            outlet=outlet,
            date=date,
            occasion=occasion,
            angle=angle,
            created_by=home_affairs,
        )
        introduction._history_user = home_affairs
        introduction.save()
        created += 1
    created += demo_councils.load(home_affairs)
    _consolidate(home_affairs, decisions)
    created += _signers()
    _narrative()
    created += _issue(home_affairs)
    created += _past_exemplars()
    created += _period_review(home_affairs)
    created += demo_dossier.load(home_affairs)
    created += demo_history.load(home_affairs)
    return created


def load_after_all() -> int:
    """What reads every award the demo conferred, the province's at work included
    (``reports.demo_province``): the statistics' groups, the fund's payouts of 2025's
    decisions, and one decision's certificates printed."""
    home_affairs = User.objects.get(username=HOME_AFFAIRS)
    created = demo_statistics.load(home_affairs)
    created += demo_fund.load(home_affairs)
    created += demo_certificates.load(home_affairs)
    return created


# Who signs (illustrative names): (unit code, full name, position, authority, head's
# position for KT., collective for TM., default)
A = Signer.Authority
SIGNERS = [
    ("37-SNV", "Nguyễn Văn Thành", "Giám đốc", A.HEAD, "", "", True),
    ("37-SNV", "Trần Thị Thu Hằng", "Phó Giám đốc", A.DEPUTY, "Giám đốc", "", False),
    ("37-SYT", "Phạm Quốc Hùng", "Giám đốc", A.HEAD, "", "", True),
    ("37-SYT", "Vũ Thị Ngọc Lan", "Phó Giám đốc", A.DEPUTY, "Giám đốc", "", False),
    ("37-SGDDT", "Đinh Văn Khải", "Giám đốc", A.HEAD, "", "", True),
    ("14488", "Hoàng Minh Tuấn", "Chủ tịch", A.ON_BEHALF, "", "Ủy ban nhân dân", True),
    (
        "14488",
        "Lê Thị Hồng Vân",
        "Phó Chủ tịch",
        A.ON_BEHALF_DEPUTY,
        "Chủ tịch",
        "Ủy ban nhân dân",
        False,
    ),
    ("373-GIAVAN", "Hoàng Minh Tuấn", "Chủ tịch", A.ON_BEHALF, "", "Ủy ban nhân dân", True),
    ("373", "Bùi Văn Thắng", "Chủ tịch", A.ON_BEHALF, "", "Ủy ban nhân dân", True),
]

# The 2025 report's narrative, as Home Affairs wrote it before issuing.
NARRATIVE = {
    "results": (
        "Công tác phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến được các sở, ban, "
        "ngành, địa phương quan tâm; nhiều mô hình mới có sức lan tỏa như “Phòng khám thân "
        "thiện với trẻ em” của Bệnh viện Đa khoa tỉnh, mô hình cá - lúa ở xã Gia Vân.\n"
        "Các cơ quan báo chí của tỉnh mở chuyên mục “Gương sáng Ninh Bình”, đăng, phát 5 tin, "
        "bài về các điển hình được công nhận."
    ),
    "shortcomings": (
        "Số đơn vị chưa đạt chỉ tiêu còn nhiều, chủ yếu do các xã, phường mới thành lập từ "
        "ngày 01/7/2025 đang ổn định tổ chức bộ máy; một số hồ sơ đề nghị khen thưởng chưa "
        "đầy đủ minh chứng, phải bổ sung."
    ),
    "tasks_ahead": (
        "Hướng dẫn các xã, phường rà soát, đăng ký xây dựng điển hình năm 2026 trước ngày "
        "31/3/2026; phối hợp với Báo và Phát thanh, Truyền hình Ninh Bình duy trì chuyên mục "
        "tuyên truyền điển hình tiên tiến; tổ chức gặp mặt các điển hình nhân ngày 11/6."
    ),
    "proposals_text": (
        "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các địa phương bố trí cán bộ phụ trách công tác "
        "thi đua, khen thưởng ở cấp xã và ban hành kế hoạch tuyên truyền điển hình tiên tiến "
        "giai đoạn 2026 - 2030."
    ),
}


def _signers() -> int:
    created = 0
    for code, name, position, authority, principal, collective, default in SIGNERS:
        unit = Unit.objects.filter(code=code).first()
        if unit is None or Signer.objects.filter(unit=unit, full_name=name).exists():
            continue
        Signer.objects.create(
            unit=unit,
            full_name=name,
            position=position,
            authority=authority,
            principal=principal,
            collective=collective,
            is_default=default,
        )
        created += 1
    return created


def _narrative() -> None:
    consolidation = Consolidation.objects.filter(
        kind=Consolidation.Kind.YEARLY, year=CONSOLIDATED_YEAR, campaign=None
    ).first()
    if consolidation is None or consolidation.results:
        return
    for name, text in NARRATIVE.items():
        setattr(consolidation, name, text)
    consolidation.save()


def _issue(home_affairs) -> int:
    """Issue a few documents the way offices do, so that the register has entries: Sở Y tế's
    report of its 2025 exemplars, its achievement report in the official form for Đinh Thị
    Ngọc Lan's certificate of merit (whose signed scan it uploaded back on the proposal) and
    Home Affairs' submission of 2025 to the chair, each with its number; the yearly report
    stays a draft for a newcomer to issue."""
    from . import issuing

    Kind = IssuedDocument.Kind
    created = 0
    documents = [
        (Kind.UNIT_EXEMPLARS, {"unit": "37-SYT", "year": 2025}, "37-SYT", "lanhdao.syt"),
        (Kind.PROPOSALS_TO_PROVINCE, {"year": 2025}, "37-SNV", HOME_AFFAIRS),
    ]
    lan = AwardProposal.objects.filter(
        exemplar=accepted_demo_exemplar("lan-syt"), year=2025
    ).first()
    if lan is not None:
        params = {"exemplar": lan.exemplar.code, "personal_data": False, "proposal": lan.pk}
        documents.append((Kind.ACHIEVEMENT_REPORT, params, "37-SYT", "lanhdao.syt"))
    for kind, params, unit_code, username in documents:
        if issuing.issued_for(kind, params).exists():
            continue
        unit = Unit.objects.get(code=unit_code)
        issued = issuing.issue(
            kind=kind,
            params=params,
            signer=default_signer(unit),
            day=timezone.localdate(),
            user=User.objects.get(username=username),
        )
        created += 1
        if kind == Kind.ACHIEVEMENT_REPORT and issued.pdf:
            _signed_scan(lan, issued)
    return created


def _signed_scan(proposal, issued) -> None:
    """The unit's signed and sealed copy of the report, uploaded back on the proposal (the
    issued PDF stands for the scan)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from registry import attachments

    with issued.pdf.open("rb") as file:
        scan = SimpleUploadedFile(
            "bao-cao-thanh-tich-ban-ky.pdf", file.read(), content_type="application/pdf"
        )
    attachments.add(
        ProposalFile,
        proposal,
        uploads=[scan],
        caption="Báo cáo thành tích đã ký, đóng dấu",
        by=issued.issued_by,
    )


def _confer(proposal, decision, by) -> None:
    decision = dict(zip(DECISION_FIELDS, decision, strict=True))
    proposal_confer(proposal=proposal, by=by, decision=decision)


def _consolidate(home_affairs, decisions) -> None:
    """Publish 2025, record the decisions that came in later, reopen with the reason, publish
    again (only the first time: a consolidation already there is left as it is)."""
    existing = Consolidation.objects.filter(
        kind=Consolidation.Kind.YEARLY, year=CONSOLIDATED_YEAR, campaign=None
    ).exists()
    if not existing:
        consolidation = consolidating.create(year=CONSOLIDATED_YEAR, campaign=None, by=home_affairs)
        consolidating.publish(consolidation=consolidation, by=home_affairs)
    for proposal, decision in decisions:
        _confer(proposal, decision, home_affairs)
    if not existing and decisions:
        numbers = ", ".join(
            f"{number} ngày {date:%d/%m/%Y}"
            for (number, date, _signer) in (d for _p, d in decisions)
        )
        consolidating.reopen(
            consolidation=consolidation,
            by=home_affairs,
            reason=f"Bổ sung kết quả khen thưởng theo Quyết định số {numbers} "
            "của Chủ tịch UBND tỉnh.",
        )
        consolidating.publish(
            consolidation=consolidation, by=home_affairs, document_number="18/BC-SNV"
        )


# The period review of the 2023-2025 plan ----------------------------------------------------

REVIEWED_PERIOD = (2023, 2025)

# Exemplars accepted in the first two years of the plan, so that the review has each year's
# figures: (token, unit code, editor, year, subject values, field code, campaign code,
# achievements, new model). Each is submitted by its unit, endorsed by its district while the
# district reviews it, and accepted by Home Affairs.
DISTRICT_REVIEWER = "huyen.giavien"

# The review's narrative, as Home Affairs wrote it before publishing.
PERIOD_NARRATIVE = {
    "results": (
        "Sau ba năm thực hiện Kế hoạch, công tác phát hiện, bồi dưỡng, tuyên truyền và nhân "
        "rộng điển hình tiên tiến được các sở, ban, ngành, địa phương triển khai thường xuyên, "
        "gắn với các phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn "
        "hóa công sở”, “Cả nước chung sức xây dựng nông thôn mới”.\n"
        "Nhiều mô hình có sức lan tỏa được nhân rộng: “Điều dưỡng tận tâm - Người bệnh hài "
        "lòng” và “Phòng khám thân thiện với trẻ em” của Bệnh viện Đa khoa tỉnh, “Thư viện "
        "xanh” của Trường Tiểu học Ninh Khánh, cánh đồng lớn và sản phẩm OCOP “Gạo hữu cơ Gia "
        "Vân” của Hợp tác xã dịch vụ nông nghiệp Gia Vân.\n"
        "Trong năm 2025, khi các sở hợp nhất từ ngày 01/3/2025, Báo Ninh Bình và Đài Phát "
        "thanh và Truyền hình tỉnh hợp nhất từ ngày 02/5/2025, cấp huyện kết thúc hoạt động "
        "từ ngày 01/7/2025, kết quả của các đơn vị kết thúc được tính cho đơn vị tiếp nhận "
        "nhiệm vụ, bảo đảm mỗi chỉ tiêu chỉ tính một lần trong năm."
    ),
    "shortcomings": (
        "Số đơn vị chưa đạt chỉ tiêu hằng năm còn nhiều, nhất là các xã, thị trấn; việc phát "
        "hiện điển hình ở một số đơn vị còn hình thức, chưa gắn với kết quả thực hiện nhiệm vụ "
        "chính trị.\n"
        "Nguyên nhân: một số cấp ủy, người đứng đầu chưa quan tâm đúng mức; cán bộ làm công "
        "tác thi đua, khen thưởng ở cơ sở kiêm nhiệm, thay đổi nhiều khi sắp xếp tổ chức bộ "
        "máy năm 2025."
    ),
    "tasks_ahead": (
        "Tham mưu Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền gương điển hình tiên "
        "tiến giai đoạn 2026 - 2030 phù hợp với mô hình chính quyền địa phương hai cấp, giao "
        "chỉ tiêu cho các xã, phường mới thành lập từ ngày 01/7/2025.\n"
        "Phối hợp với Báo và Phát thanh, Truyền hình Ninh Bình duy trì chuyên mục “Gương sáng "
        "Ninh Bình”; tổ chức gặp mặt, tôn vinh điển hình tiên tiến nhân kỷ niệm Ngày Chủ tịch "
        "Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6)."
    ),
    "proposals_text": (
        "Đề nghị Ủy ban nhân dân tỉnh tặng Bằng khen cho các tập thể, cá nhân có thành tích "
        "tiêu biểu trong thực hiện Kế hoạch giai đoạn 2023 - 2025; bố trí kinh phí tuyên "
        "truyền, khen thưởng điển hình tiên tiến trong dự toán ngân sách hằng năm của các xã, "
        "phường."
    ),
}


def _past_exemplars() -> int:
    """The exemplars of 2023 and 2024, moved through the real workflow (once)."""
    from registry import services, workflow
    from registry.demo import EVIDENCE, unit_head
    from registry.models import Campaign, CriterionEvidence, Field

    created = 0
    for (
        token,
        unit_code,
        editor,
        year,
        subject,
        field_code,
        campaign_code,
        achievements,
        new_model,
    ) in PAST_EXEMPLARS:
        creation_token = demo_token(token)
        unit = Unit.objects.filter(code=unit_code).first()
        if unit is None or Exemplar.objects.filter(creation_token=creation_token).exists():
            continue
        author = User.objects.get(username=editor)
        exemplar = services.exemplar_create(
            unit=unit,
            by=author,
            values={
                "year": year,
                **subject,
                "field": Field.objects.get(code=field_code),
                "campaign": Campaign.objects.filter(code=campaign_code).first(),
                "achievements": achievements,
                "new_model": new_model,
                "contact_name": author.full_name,
                "contact_phone": "0229 3871 234",
                "publication_consent": True,
            },
            evidence={},
            creation_token=creation_token,
        )
        for number, criterion in enumerate(exemplar.criteria().order_by("kind", "number")):
            CriterionEvidence.objects.create(
                exemplar=exemplar, criterion=criterion, text=EVIDENCE[number % len(EVIDENCE)]
            )
        exemplar = workflow.transition(exemplar=exemplar, action="submit", by=author)
        if exemplar.status == ExemplarStatus.AWAITING_HEAD:
            # The department's head signs it off (``registry.demo.SIGNING_OFF_KINDS``).
            exemplar = workflow.transition(
                exemplar=exemplar, action="head_approve", by=unit_head(unit)
            )
        if exemplar.status == ExemplarStatus.SUBMITTED_TO_DISTRICT:
            exemplar = workflow.transition(
                exemplar=exemplar,
                action="endorse",
                by=User.objects.get(username=DISTRICT_REVIEWER),
                comment="Ủy ban nhân dân xã đã xác nhận thành tích.",
            )
        workflow.transition(
            exemplar=exemplar,
            action="accept",
            by=User.objects.get(username=HOME_AFFAIRS),
            comment=f"Công nhận điển hình tiên tiến năm {year}.",
        )
        created += 1
    return created


def _period_review(home_affairs) -> int:
    """The period review of the 2023-2025 plan with its narrative, published once (only
    the first time: a review already there is left as it is)."""
    plan = Plan.objects.filter(period_from=REVIEWED_PERIOD[0], period_to=REVIEWED_PERIOD[1]).first()
    if (
        plan is None
        or Consolidation.objects.filter(kind=Consolidation.Kind.PERIOD, plan=plan).exists()
    ):
        return 0
    review = consolidating.create_period_review(plan=plan, by=home_affairs)
    for name, text in PERIOD_NARRATIVE.items():
        setattr(review, name, text)
    review.save()
    consolidating.publish(consolidation=review, by=home_affairs)
    return 1
