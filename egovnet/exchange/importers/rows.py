"""Per-row checks: create or update, the diff against the database, authorization and model validation."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from egovnet.core import permissions
from egovnet.geo.models import Division

from .fastcheck import model_check
from .reader import FileFormatError
from .resolve import Resolver
from .spec import DIVISION, ID_HEADER, MULTI, REF, VERSION_HEADER, Column, RegistrySpec

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class RowOutcome:
    row: int
    pk: int | None = None
    version: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    action: str = ""
    obj: Any = None
    changes: dict[str, Any] = field(default_factory=dict)
    diff: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # header → (before, after) for the report
    cells: list | None = None  # an update's raw cells, which pass 2 checks again


def _norm_header(text: Any) -> tuple[str, str]:
    full = " ".join(str(text or "").split())
    return full, full.split(" ")[0]


def header_index(spec: RegistrySpec, header: list) -> dict[str, int]:
    """Map each known header (full "名称 Name" or just its Chinese part "名称") to its column position."""
    seen: dict[str, int] = {}
    for i, cell in enumerate(header):
        full, zh = _norm_header(cell)
        seen.setdefault(full, i)
        seen.setdefault(zh, i)
    index = {}
    for h in spec.headers():
        full, zh = _norm_header(h)
        if full in seen or zh in seen:
            index[h] = seen.get(full, seen.get(zh))
    missing = [c.header for c in spec.importable_columns() if c.required and c.header not in index]
    if missing:
        raise FileFormatError(
            f"第 1 行缺少必填列：{'、'.join(missing)}（请使用下载的模板） / missing required column(s) {missing}: use the template"
        )
    return index


def _same(column: Column, old: Any, new: Any) -> bool:
    if column.kind in (REF, DIVISION):
        return old == (new.pk if new is not None else None)
    if column.kind == MULTI:
        return sorted(old or []) == sorted(new or [])
    if old is None and new in ("", None):
        return True
    return old == new


def _old_value(column: Column, obj: Any) -> Any:
    if column.kind in (REF, DIVISION):
        return getattr(obj, f"{column.field}_id")
    return getattr(obj, column.field)


def _follow(value: Any, path: list[str]) -> Any:
    for name in path:
        if value is None:
            return None
        value = getattr(value, name)
    return value


def _owner(spec: RegistrySpec, obj: Any) -> Any:
    """The owning organisation; ``owner_field`` may be a path (``plan_version__plan__department``)."""
    return _follow(obj, spec.owner_field.split("__")) if spec.owner_field else obj


def _allowed(actor: Any, spec: RegistrySpec, action: str, org: Any, cache: dict) -> bool:
    key = (action, org.pk) if org.pk else (action, org.path, org.division_id, org.level)
    if key not in cache:
        cache[key] = permissions.can_for_org(actor, action, spec.model, org)
    return cache[key]


def _deny(spec: RegistrySpec, action: str, org: Any) -> str:
    verbose = spec.model._meta.verbose_name
    return (
        f"无权对“{org}”名下的记录执行“{action}”操作（不在您的角色或管辖范围内） / "
        f"permission denied: you may not {action} a {verbose} of {org} (outside your roles or scope)"
    )


def _create_target(spec: RegistrySpec, values: dict[str, Any]) -> Any:
    """The organisation whose scope a new row falls in (for a new organisation: its parent, or itself)."""
    if spec.owner_field:
        first, *rest = spec.owner_field.split("__")
        return _follow(values.get(first), rest)
    probe = model_check(spec.model).instance(values)
    parent = values.get("parent")
    probe.path = (parent.path if parent else "/") + "new/"
    return parent or probe


def _validate_model(spec: RegistrySpec, probe: Any, resolver: Resolver) -> list[tuple[str, str]]:
    if not resolver.validate_models:
        return []
    fks = [f.name for f in spec.model._meta.concrete_fields if isinstance(f, models.ForeignKey)]
    for name in fks:  # give clean() the cached division objects, never a query
        code = getattr(probe, f"{name}_id", None)
        if probe._meta.get_field(name).related_model is Division and code in resolver.divisions:
            setattr(probe, name, resolver.divisions[code])
    try:
        probe.clean_fields(exclude=[*fks, "path"])
        probe.clean()
    except ValidationError as exc:
        headers = {c.field: c.header for c in spec.columns}
        return [(headers.get(f, ""), " ".join(map(str, msgs))) for f, msgs in exc.message_dict.items()]
    return []


def check_row(
    spec: RegistrySpec, actor: Any, out: RowOutcome, existing: dict[int, Any], resolver: Resolver, cache: dict
) -> None:
    """Decide create / update / unchanged for one parsed row, appending every problem to ``out.errors``."""
    if out.errors:
        return
    if out.pk is None:
        _check_create(spec, actor, out, resolver, cache)
    else:
        _check_update(spec, actor, out, existing, resolver, cache)


def _check_create(spec: RegistrySpec, actor: Any, out: RowOutcome, resolver: Resolver, cache: dict) -> None:
    target = _create_target(spec, out.values)
    if target is not None and not _allowed(actor, spec, "add", target, cache):
        out.errors.append((_scope_header(spec), _deny(spec, "add", target)))
        return
    if spec.extra_check:
        out.errors += spec.extra_check(actor, None, out.values)
    if resolver.validate_models and not model_check(spec.model).certainly_valid(out.values):
        out.errors += _validate_model(spec, spec.model(**out.values), resolver)  # the messages of Django's checks
    out.action = CREATE


def create_diff(spec: RegistrySpec, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """What a new row sets, header → (None, shown value): made only for the rows a report shows."""
    return {
        c.header: (None, c.label_for(_display(c, values[c.field])))
        for c in _touched(spec, values)
        if values[c.field] not in ("", None, [])
    }


def _check_update(
    spec: RegistrySpec, actor: Any, out: RowOutcome, existing: dict[int, Any], resolver: Resolver, cache: dict
) -> None:
    obj = existing.get(out.pk)
    if obj is None:
        out.errors.append(
            (
                ID_HEADER,
                f"编号 {out.pk} 不存在或不在您的查看范围内 / id {out.pk} does not exist or is outside your scope",
            )
        )
        return
    values = spec.prepare_existing(actor, obj, out.values) if spec.prepare_existing else out.values
    for column in _touched(spec, values):
        old, new = _old_value(column, obj), values[column.field]
        if not _same(column, old, new):
            out.changes[column.field] = new
            out.diff[column.header] = (column.label_for(old), column.label_for(_display(column, new)))
    out.obj = obj
    if not out.changes:
        out.action = UNCHANGED
        return
    out.action = UPDATE
    if obj.version != out.version:
        out.errors.append(
            (
                VERSION_HEADER,
                f"该记录在导出后已被修改（当前版本 {obj.version}，文件中 {out.version}），请重新导出后再改 / "
                f"stale row: the record is at version {obj.version}, the file has {out.version}; export again",
            )
        )
        return
    for org in _orgs_to_change(spec, obj, out.changes):
        if not _allowed(actor, spec, "change", org, cache):
            out.errors.append((_scope_header(spec), _deny(spec, "change", org)))
            return
    if spec.extra_check:
        out.errors += spec.extra_check(actor, obj, out.changes)
    probe = copy.copy(obj)
    for name, value in out.changes.items():
        setattr(probe, name, value)
    out.errors += _validate_model(spec, probe, resolver)


def _orgs_to_change(spec: RegistrySpec, obj: Any, changes: dict[str, Any]) -> list[Any]:
    orgs = [_owner(spec, obj)]
    first, *rest = (spec.owner_field or "parent").split("__")
    moved = _follow(changes.get(first), rest)
    if moved is not None:
        orgs.append(moved)
    return orgs


def _scope_header(spec: RegistrySpec) -> str:
    field_name = (spec.owner_field or "parent").split("__")[0]
    return next((c.header for c in spec.columns if c.field == field_name), "")


def _touched(spec: RegistrySpec, values: dict[str, Any]) -> list[Column]:
    return [c for c in spec.importable_columns() if c.field in values]


def _display(column: Column, value: Any) -> Any:
    if column.kind in (REF, DIVISION):
        return str(value) if value is not None else ""
    return value
