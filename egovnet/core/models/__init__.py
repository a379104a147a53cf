from .audit import AuditEntry
from .base import BaseModel, ScopeSpec
from .jobs import ScheduledRun, WorkerHeartbeat
from .pinyin import PinyinNamed
from .users import RoleAssignment, User

__all__ = ["AuditEntry", "BaseModel", "PinyinNamed", "RoleAssignment", "ScheduledRun", "ScopeSpec", "User", "WorkerHeartbeat"]
