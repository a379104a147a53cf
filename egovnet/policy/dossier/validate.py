"""Validation of a dossier: JSON Schema + cross-references. Every error names its field path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jsonschema import Draft202012Validator

from egovnet.policy.dossier.labels import field_label
from egovnet.policy.dossier.schema import SCHEMA


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    @property
    def label(self) -> tuple[str, str]:
        """The field in words (中文, English), for pages; ``path`` stays for scripts and the CLI."""
        return field_label(self.path)


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
_TYPES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "array": ("列表", "a list"),
    "object": ("映射（对象）", "a mapping"),
    "null": ("空值", "null"),
}


def bilingual(zh: str, en: str) -> str:
    """Every message reads "中文。 / English." so that a page can show one half (and the CLI both)."""
    return f"{zh} / {en}"


def _type_names(expected) -> tuple[str, str]:
    names = [_TYPES.get(t, (t, t)) for t in (expected if isinstance(expected, list) else [expected])]
    return "或".join(n[0] for n in names), " or ".join(n[1] for n in names)


def _schema_message(e) -> str:
    """jsonschema's English message, in words a department's staff can act on, in both languages."""
    kind, value, instance = e.validator, e.validator_value, e.instance
    shown = repr(instance) if not isinstance(instance, (dict, list)) else type(instance).__name__
    if kind == "type":
        zh, en = _type_names(value)
        return bilingual(f"应为{zh}，实为 {shown}。", f"Must be {en}, not {shown}.")
    if kind == "enum":
        options = ", ".join(map(str, value))
        return bilingual(f"“{instance}”不是可选值（可选：{options}）。", f"Value {shown} is not one of: {options}.")
    if kind == "const":
        return bilingual(f"应为 “{value}”。", f"Must be {value!r}.")
    if kind == "pattern":
        if value == r"^\d{6}$":
            return bilingual(f"区划代码应为6位数字（如 \"440303\"），实为 {shown}。", f"A 6-digit division code, not {shown}.")
        return bilingual(f"{shown} 的格式不符（应匹配 {value}）。", f"Value {shown} does not have the expected form ({value}).")
    if kind == "minLength":
        return bilingual("不能为空。", "Must not be empty.")
    if kind == "maxLength":
        return bilingual(f"过长（最多 {value} 个字符）。", f"Too long (at most {value} characters).")
    if kind == "minimum":
        return bilingual(f"不能小于 {value}，实为 {shown}。", f"Must be at least {value}, not {shown}.")
    if kind == "maximum":
        return bilingual(f"不能大于 {value}，实为 {shown}。", f"Must be at most {value}, not {shown}.")
    if kind == "uniqueItems":
        return bilingual("列表中有重复项。", "The list has duplicates.")
    if kind in ("oneOf", "anyOf"):
        return bilingual(f"{shown} 不符合任何一种允许的写法，请对照格式说明。", f"Value {shown} matches none of the allowed forms.")
    return bilingual("取值不符合格式说明。", f"Not valid under the format: {e.message}.")


def schema_errors(data) -> list[FieldError]:
    errors = []
    for e in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(e.absolute_path)
        if e.validator == "required":
            missing = e.message.split("'")[1] if "'" in e.message else ""
            path = [*path, missing] if missing else path
            errors.append(FieldError(path_str(path), bilingual("缺少必填字段。", "Required field missing.")))
        elif e.validator == "type" and path and path[-1] == "division":
            errors.append(
                FieldError(
                    path_str(path),
                    bilingual(
                        f'区划代码须加引号，如 "440303"，实为 {e.instance!r}。',
                        f'Division code {e.instance!r} must be a quoted 6-digit code, e.g. "440303".',
                    ),
                )
            )
        elif e.validator == "additionalProperties":
            unknown = sorted(set(e.instance) - set(e.schema.get("properties", {})))
            names = ", ".join(unknown)
            errors.append(FieldError(path_str(path), bilingual(f"未知字段：{names}。", f"Unknown field: {names}.")))
        else:
            errors.append(FieldError(path_str(path), _schema_message(e)))
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
                errors.append(FieldError(path_str(path), bilingual(f"日期无效：{v}。", f"Invalid date: {v}.")))

    walk(data, [])
    return errors


def semantic_errors(data: dict, known_rules: set[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    apps = data.get("applications", [])
    app_ids = [a["id"] for a in apps]
    for i, a in enumerate(apps):
        if app_ids.index(a["id"]) != i:
            errors.append(FieldError(f"applications[{i}].id", bilingual(f"重复的标识：{a['id']}。", f"Duplicate id: {a['id']}.")))
        if a.get("classified") is True and "mlps_level" in a:
            errors.append(
                FieldError(f"applications[{i}].mlps_level", bilingual("仅适用于非涉密应用。", "Only for non-classified applications."))
            )
        if a.get("classified") is not True and "secrecy_grade" in a:
            errors.append(
                FieldError(f"applications[{i}].secrecy_grade", bilingual("仅适用于涉密应用。", "Only for classified applications."))
            )
    lp_ids = {lp["id"] for lp in data.get("local_parts", [])}
    for i, a in enumerate(apps):
        if a.get("local_part") and a["local_part"] not in lp_ids:
            errors.append(
                FieldError(f"applications[{i}].local_part", bilingual(f"未知地方部分：{a['local_part']}。", f"Unknown local part: {a['local_part']}."))
            )
    comps = data.get("network_components", [])
    comp_ids = {c.get("id", f"net-{i + 1}") for i, c in enumerate(comps)}
    for i, c in enumerate(comps):
        for j, s in enumerate(c.get("serves", [])):
            if s not in app_ids:
                errors.append(
                    FieldError(f"network_components[{i}].serves[{j}]", bilingual(f"未知应用：{s}。", f"Unknown application: {s}."))
                )
        if c.get("local_part") and c["local_part"] not in lp_ids:
            errors.append(
                FieldError(
                    f"network_components[{i}].local_part", bilingual(f"未知地方部分：{c['local_part']}。", f"Unknown local part: {c['local_part']}.")
                )
            )
    targets = set(app_ids) | comp_ids
    for i, d in enumerate(data.get("documents", [])):
        for j, s in enumerate(d.get("covers", [])):
            if s not in targets:
                errors.append(
                    FieldError(
                        f"documents[{i}].covers[{j}]", bilingual(f"未知应用或网络组成部分：{s}。", f"Unknown application or component: {s}.")
                    )
                )
        if d.get("local_part") and d["local_part"] not in lp_ids:
            errors.append(
                FieldError(f"documents[{i}].local_part", bilingual(f"未知地方部分：{d['local_part']}。", f"Unknown local part: {d['local_part']}."))
            )
    for i, d in enumerate(data.get("deviations", [])):
        if d["rule"] not in known_rules:
            errors.append(FieldError(f"deviations[{i}].rule", bilingual(f"未知规则：{d['rule']}。", f"Unknown rule: {d['rule']}.")))
    p = data["project"]
    if p.get("approval_path") == "simplified" and p.get("stage") == "proposal":
        errors.append(
            FieldError("project.stage", bilingual("简化程序无项目建议书阶段。", "The simplified path has no proposal stage."))
        )
    return errors


def validate(data, known_rules: set[str]) -> dict:
    """Return the normalised dossier or raise :class:`DossierError`."""
    if not isinstance(data, dict):
        raise DossierError([FieldError("(root)", bilingual("文件内容应为映射（对象）。", "A dossier is a mapping."))])
    data = normalise(data)
    errors = schema_errors(data) or _dates_valid(data)
    if not errors:
        errors = semantic_errors(data, known_rules)
    if errors:
        raise DossierError(errors)
    return data
