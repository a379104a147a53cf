from .audit import AuditEntry
from .base import BaseModel, ScopeSpec
from .jobs import ScheduledRun, WorkerHeartbeat
from .users import RoleAssignment, User

__all__ = ["AuditEntry", "BaseModel", "RoleAssignment", "ScheduledRun", "ScopeSpec", "User", "WorkerHeartbeat"]
