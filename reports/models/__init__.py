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
from .awards import AwardForm, AwardProposal, MediaIntroduction, ProposalFile
from .consolidations import Consolidation, ConsolidationVersion, DocumentRender
from .councils import Council, CouncilMember, Disclosure, Meeting, Recusal, Vote
from .history import ConditionCheck, Initiative, PriorAward, TaskRating, Verdict, subject_rows
from .register import DocumentCounter, IssuedDocument, Signer, default_signer

__all__ = [
    "AwardCondition",
    "AwardDossierPart",
    "AwardForm",
    "AwardProposal",
    "AwardTrack",
    "BaseSalary",
    "CashRate",
    "ConditionCheck",
    "Consolidation",
    "ConsolidationVersion",
    "Council",
    "CouncilMember",
    "Disclosure",
    "DocumentCounter",
    "DocumentRender",
    "DossierPart",
    "Initiative",
    "IssuedDocument",
    "LegalDocument",
    "MediaIntroduction",
    "Meeting",
    "PriorAward",
    "ProposalFile",
    "Recusal",
    "Signer",
    "TaskRating",
    "Verdict",
    "Vote",
    "cash_amount",
    "default_signer",
    "subject_rows",
]
