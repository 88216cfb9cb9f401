"""Demo: Home Affairs' two certificate blanks (the provincial chair's Bằng khen and the
Director's Giấy khen, ``reports.data.certificate_blanks``) and the certificates of one 2025
decision of the provincial chair printed on the Bằng khen blank, with their numbers in the
register. The decision is the demo's 2025 provincial decision with the most awards the
blank serves (the latest of those with as many). Call it after the demo's decisions are made
(``reports.demo_data.load`` and ``reports.demo_province.spread``); running it again changes
nothing.
"""

from django.db.models import Count, Q

from registry.models import User

from .certificates import certificates_print, printable_proposals
from .data.certificate_blanks import PROVINCIAL_MERIT, load_blanks
from .models import AwardDecision, CertificateBlank, CertificatePrint

HOME_AFFAIRS = "tdkt.snv"
YEAR = 2025
# The provincial chair at the time of the demo (illustrative, as in ``demo_councils``).
SIGNER_NAME = "Nguyễn Minh Quang"
SIGNER_POSITION = "Chủ tịch"


def decision_to_print(blank: CertificateBlank) -> AwardDecision | None:
    served = Q(proposals__award__in=blank.award_forms.all())
    return (
        AwardDecision.objects.filter(date__year=YEAR, level="province")
        .annotate(served=Count("proposals", filter=served, distinct=True))
        .filter(served__gt=0)
        .order_by("-served", "-date", "-pk")
        .first()
    )


def load(home_affairs: User | None = None) -> int:
    """The blanks, and one decision's certificates printed; returns how many records it
    made (blanks and prints)."""
    home_affairs = home_affairs or User.objects.filter(username=HOME_AFFAIRS).first()
    if home_affairs is None:
        return 0
    made = load_blanks(home_affairs)
    blank = (
        CertificateBlank.objects.filter(name=PROVINCIAL_MERIT, unit=home_affairs.unit)
        .prefetch_related("fields", "award_forms")
        .first()
    )
    if blank is None or CertificatePrint.objects.filter(blank=blank).exists():
        return made
    decision = decision_to_print(blank)
    if decision is None:
        return made
    served = set(blank.award_forms.values_list("pk", flat=True))
    proposals = [p for p in printable_proposals(decision, home_affairs) if p.award_id in served]
    certificates_print(
        blank=blank,
        decision=decision,
        proposals=proposals,
        by=home_affairs,
        signer_name=SIGNER_NAME,
        signer_position=SIGNER_POSITION,
    )
    return made + 1
