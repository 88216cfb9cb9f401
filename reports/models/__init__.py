"""The reports app's own records, one module per area."""

from .award_law import (
    AwardCondition,
    AwardDossierPart,
    AwardTrack,
    BaseSalary,
    CashRate,
    DossierPart,
    LegalDocument,
    cash_amount,
)
from .awards import (
    AwardForm,
    AwardProposal,
    MediaIntroduction,
    ProposalFile,
    RecipientGroup,
    StatisticsColumn,
)
from .calendar import DayOff
from .certificates import (
    CertificateBlank,
    CertificateEntry,
    CertificateField,
    CertificateNumber,
    CertificatePrint,
)
from .consolidations import Consolidation, ConsolidationVersion, DocumentRender
from .councils import Council, CouncilMember, Disclosure, Meeting, Recusal, Vote
from .decisions import AwardDecision
from .fund import Fund, FundEntry, FundPayout
from .history import ConditionCheck, Initiative, PriorAward, TaskRating, Verdict, subject_rows
from .register import DocumentCounter, IssuedDocument, Signer, default_signer

__all__ = [
    "AwardCondition",
    "AwardDecision",
    "AwardDossierPart",
    "AwardForm",
    "AwardProposal",
    "AwardTrack",
    "BaseSalary",
    "CashRate",
    "CertificateBlank",
    "CertificateEntry",
    "CertificateField",
    "CertificateNumber",
    "CertificatePrint",
    "ConditionCheck",
    "Consolidation",
    "ConsolidationVersion",
    "Council",
    "CouncilMember",
    "DayOff",
    "Disclosure",
    "DocumentCounter",
    "DocumentRender",
    "DossierPart",
    "Fund",
    "FundEntry",
    "FundPayout",
    "Initiative",
    "IssuedDocument",
    "LegalDocument",
    "MediaIntroduction",
    "Meeting",
    "PriorAward",
    "ProposalFile",
    "RecipientGroup",
    "Recusal",
    "Signer",
    "StatisticsColumn",
    "TaskRating",
    "Verdict",
    "Vote",
    "cash_amount",
    "default_signer",
    "subject_rows",
]
