"""The campaigns app's records, one module per area of propagation."""

from .budgets import BudgetEstimate, BudgetItem, BudgetSpending
from .contests import (
    Contest,
    ContestCriterion,
    ContestEntry,
    ContestRound,
    Prize,
    Recusal,
    Score,
)
from .coverage import Column, Coverage, MediaOutlet
from .difficulties import Difficulty, DifficultyMessage
from .events import Event, EventFile
from .inspections import Inspection, InspectionPlan, Recommendation, RecommendationFollowUp
from .movements import CampaignFile, CampaignReview, Pledge
from .regulations import RegulationRequirement, RegulationTracking, UnitRegulation

__all__ = [
    "BudgetEstimate",
    "BudgetItem",
    "BudgetSpending",
    "CampaignFile",
    "CampaignReview",
    "Column",
    "Contest",
    "ContestCriterion",
    "ContestEntry",
    "ContestRound",
    "Coverage",
    "Difficulty",
    "DifficultyMessage",
    "Event",
    "EventFile",
    "Inspection",
    "InspectionPlan",
    "MediaOutlet",
    "Pledge",
    "Prize",
    "Recommendation",
    "RecommendationFollowUp",
    "Recusal",
    "RegulationRequirement",
    "RegulationTracking",
    "Score",
    "UnitRegulation",
]
