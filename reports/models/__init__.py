"""The reports app's own records, one module per area."""

from .awards import AwardForm, AwardProposal, MediaIntroduction
from .consolidations import Consolidation, ConsolidationVersion, DocumentRender
from .councils import Council, CouncilMember, Disclosure, Meeting, Recusal, Vote
from .register import DocumentCounter, IssuedDocument, Signer, default_signer

__all__ = [
    "AwardForm",
    "AwardProposal",
    "Consolidation",
    "ConsolidationVersion",
    "Council",
    "CouncilMember",
    "Disclosure",
    "DocumentCounter",
    "DocumentRender",
    "IssuedDocument",
    "MediaIntroduction",
    "Meeting",
    "Recusal",
    "Signer",
    "Vote",
    "default_signer",
]
