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
from .register import DocumentCounter, IssuedDocument, Signer, default_signer

__all__ = [
    "AwardCondition",
    "AwardDossierPart",
    "AwardForm",
    "AwardProposal",
    "AwardTrack",
    "BaseSalary",
    "CashRate",
    "Consolidation",
    "ConsolidationVersion",
    "DocumentCounter",
    "DocumentRender",
    "DossierPart",
    "IssuedDocument",
    "LegalDocument",
    "MediaIntroduction",
    "ProposalFile",
    "Signer",
    "cash_amount",
    "default_signer",
]
