from .budget import BudgetLine, NetworkException, OmProposal, OmProposalLine
from .plans import ItemStatusChange, MigrationItem, MigrationPlan, PlanVersion

__all__ = [
    "BudgetLine",
    "ItemStatusChange",
    "MigrationItem",
    "MigrationPlan",
    "NetworkException",
    "OmProposal",
    "OmProposalLine",
    "PlanVersion",
]
