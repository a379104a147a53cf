"""Validation of a dossier: JSON Schema + cross-references. Every error names its field path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jsonschema import Draft202012Validator

from egovnet.policy.dossier.schema import SCHEMA


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DossierError(ValueError):
    """Invalid dossier input; ``errors`` name the field paths (e.g. ``applications[1].mlps_level``)."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


def path_str(parts: Iterable) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(root)"


def normalise(value):
    """YAML gives dates as date objects; the schema (and JSON) speak ISO strings."""
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_VALIDATOR = Draft202012Validator(SCHEMA)


def schema_errors(data) -> list[FieldError]:
    errors = []
    for e in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(e.absolute_path)
        if e.validator == "required":
            missing = e.message.split("'")[1] if "'" in e.message else ""
            path = [*path, missing] if missing else path
            errors.append(FieldError(path_str(path), "required field missing / 缺少必填字段"))
        elif e.validator == "type" and path and path[-1] == "division":
            errors.append(
                FieldError(path_str(path), f'{e.instance!r}: a quoted 6-digit code, e.g. "440303" / 区划代码须加引号')
            )
        elif e.validator == "additionalProperties":
            errors.append(FieldError(path_str(path), f"unknown field / 未知字段: {e.message}"))
        else:
            errors.append(FieldError(path_str(path), e.message))
    return errors


def _dates_valid(data) -> list[FieldError]:
    errors = []

    def walk(v, path):
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x, [*path, k])
        elif isinstance(v, list):
            for i, x in enumerate(v):
                walk(x, [*path, i])
        elif isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                errors.append(FieldError(path_str(path), f"invalid date / 日期无效: {v}"))

    walk(data, [])
    return errors


def semantic_errors(data: dict, known_rules: set[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    apps = data.get("applications", [])
    app_ids = [a["id"] for a in apps]
    for i, a in enumerate(apps):
        if app_ids.index(a["id"]) != i:
            errors.append(FieldError(f"applications[{i}].id", f"duplicate id / 重复的标识: {a['id']}"))
        if a.get("classified") is True and "mlps_level" in a:
            errors.append(
                FieldError(f"applications[{i}].mlps_level", "only for non-classified applications / 仅适用于非涉密应用")
            )
        if a.get("classified") is not True and "secrecy_grade" in a:
            errors.append(
                FieldError(f"applications[{i}].secrecy_grade", "only for classified applications / 仅适用于涉密应用")
            )
    lp_ids = {lp["id"] for lp in data.get("local_parts", [])}
    for i, a in enumerate(apps):
        if a.get("local_part") and a["local_part"] not in lp_ids:
            errors.append(
                FieldError(f"applications[{i}].local_part", f"unknown local part / 未知地方部分: {a['local_part']}")
            )
    comps = data.get("network_components", [])
    comp_ids = {c.get("id", f"net-{i + 1}") for i, c in enumerate(comps)}
    for i, c in enumerate(comps):
        for j, s in enumerate(c.get("serves", [])):
            if s not in app_ids:
                errors.append(
                    FieldError(f"network_components[{i}].serves[{j}]", f"unknown application / 未知应用: {s}")
                )
        if c.get("local_part") and c["local_part"] not in lp_ids:
            errors.append(
                FieldError(
                    f"network_components[{i}].local_part", f"unknown local part / 未知地方部分: {c['local_part']}"
                )
            )
    targets = set(app_ids) | comp_ids
    for i, d in enumerate(data.get("documents", [])):
        for j, s in enumerate(d.get("covers", [])):
            if s not in targets:
                errors.append(
                    FieldError(
                        f"documents[{i}].covers[{j}]", f"unknown application or component / 未知应用或网络组成部分: {s}"
                    )
                )
        if d.get("local_part") and d["local_part"] not in lp_ids:
            errors.append(
                FieldError(f"documents[{i}].local_part", f"unknown local part / 未知地方部分: {d['local_part']}")
            )
    for i, d in enumerate(data.get("deviations", [])):
        if d["rule"] not in known_rules:
            errors.append(FieldError(f"deviations[{i}].rule", f"unknown rule / 未知规则: {d['rule']}"))
    p = data["project"]
    if p.get("approval_path") == "simplified" and p.get("stage") == "proposal":
        errors.append(
            FieldError("project.stage", "the simplified path has no proposal stage / 简化程序无项目建议书阶段")
        )
    return errors


def validate(data, known_rules: set[str]) -> dict:
    """Return the normalised dossier or raise :class:`DossierError`."""
    if not isinstance(data, dict):
        raise DossierError([FieldError("(root)", "a dossier is a mapping / 文件内容应为映射（对象）")])
    data = normalise(data)
    errors = schema_errors(data) or _dates_valid(data)
    if not errors:
        errors = semantic_errors(data, known_rules)
    if errors:
        raise DossierError(errors)
    return data
