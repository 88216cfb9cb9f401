"""The reports app's own records, one module per area."""

from .awards import AwardForm, AwardProposal, MediaIntroduction

__all__ = ["AwardForm", "AwardProposal", "MediaIntroduction"]
