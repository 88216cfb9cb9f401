"""The reports app's own records, one module per area."""

from .awards import AwardForm, AwardProposal, MediaIntroduction, ProposalFile
from .consolidations import Consolidation, ConsolidationVersion, DocumentRender
from .register import DocumentCounter, IssuedDocument, Signer, default_signer

__all__ = [
    "AwardForm",
    "AwardProposal",
    "Consolidation",
    "ConsolidationVersion",
    "DocumentCounter",
    "DocumentRender",
    "IssuedDocument",
    "MediaIntroduction",
    "ProposalFile",
    "Signer",
    "default_signer",
]
