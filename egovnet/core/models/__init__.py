from .audit import AuditEntry
from .base import BaseModel, ScopeSpec
from .users import RoleAssignment, User

__all__ = ["AuditEntry", "BaseModel", "RoleAssignment", "ScopeSpec", "User"]
