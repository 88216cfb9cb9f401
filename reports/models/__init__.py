"""The reports app's own records, one module per area."""

from .awards import AwardForm, AwardProposal, MediaIntroduction
from .consolidations import Consolidation, ConsolidationVersion, DocumentRender

__all__ = [
    "AwardForm",
    "AwardProposal",
    "Consolidation",
    "ConsolidationVersion",
    "DocumentRender",
    "MediaIntroduction",
]
