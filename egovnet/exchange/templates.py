"""Downloadable import templates (.xlsx): Chinese headers, an instructions sheet, drop-down lists.

Sheets: "数据 Data" (the header row, drop-downs on enumeration and yes/no columns, a whole-number
rule on integer columns, division codes validated against the "行政区划 Divisions" sheet),
"填写说明 Instructions" (what each column means and the rules of the import), and the hidden
"选项 Lists" sheet holding the drop-down values.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from egovnet.geo.models import Division

from .importers.reader import DATA_SHEET
from .importers.spec import BOOL, CHOICE, DIVISION, ID_HEADER, INT, MULTI, REF, VERSION_HEADER, Column, RegistrySpec

INSTRUCTIONS_SHEET = "填写说明 Instructions"
LISTS_SHEET = "选项 Lists"
DIVISIONS_SHEET = "行政区划 Divisions"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
MAX_ROW = 200_000  # validations cover this many data rows
KIND_HELP = {
    BOOL: "填“是”或“否” / 是 or 否",
    INT: "整数 / whole number",
    "decimal": "数字，最多两位小数 / number, 2 decimals",
    "date": "日期，如 2024-05-31 / date",
    DIVISION: "GB/T 2260 六位行政区划代码 / 6-digit division code",
    REF: "编号，或准确名称（重名时“名称@行政区划代码”） / id or exact name (name@division-code)",
}


def column_help(column: Column) -> str:
    if column.help:
        return column.help
    if not column.importable:
        return "仅供阅读，导入时忽略 / read-only, ignored on import"
    if column.kind == CHOICE:
        return "从下拉列表选择：" + "、".join((column.choices or {}).values())
    if column.kind == MULTI:
        return "可填多个，用顿号“、”分隔：" + "、".join((column.choices or {}).values())
    return KIND_HELP.get(column.kind, "文本 / text")


def style_header(ws: Any, spec: RegistrySpec, comments: bool = True) -> None:
    for i, header in enumerate(spec.headers(), start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = Font(bold=True)
        column = _column_at(spec, i)
        cell.fill = REQUIRED_FILL if column is not None and column.required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if comments:
            cell.comment = Comment(_header_note(column, header), "egovnet")
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(header) + 6))
    ws.freeze_panes = "A2"


def _column_at(spec: RegistrySpec, position: int) -> Column | None:
    return spec.columns[position - 3] if position > 2 else None


def _header_note(column: Column | None, header: str) -> str:
    if header == ID_HEADER:
        return "为空：新建；填写编号：修改该记录 / empty: create; an id: update"
    if header == VERSION_HEADER:
        return "修改时保留导出时的版本号 / keep the exported version when updating"
    required = "（必填 required）" if column.required else ""
    return column_help(column) + required


def build_template(spec: RegistrySpec, target: str | Path | IO[bytes]) -> None:
    """Write the import template of ``spec`` to a path or binary stream."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append(spec.headers())
    style_header(ws, spec)
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_col = 0
    for position, column in enumerate(spec.columns, start=3):
        letter = get_column_letter(position)
        if not column.importable:  # read-only columns (e.g. an exported status) get no drop-down
            continue
        rule = _validation(column, lists, list_col + 1)
        if column.kind == CHOICE or column.kind == BOOL:
            list_col += 1
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{MAX_ROW}")
    _divisions_sheet(wb, ws, spec)
    _instructions(wb, spec)
    wb.save(target)


def _validation(column: Column, lists: Any, list_col: int) -> DataValidation | None:
    if column.kind in (CHOICE, BOOL):
        values = list((column.choices or {}).values()) if column.kind == CHOICE else ["是", "否"]
        letter = get_column_letter(list_col)
        lists.cell(row=1, column=list_col, value=column.header)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=list_col, value=value)
        formula = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        return _dv("list", formula1=formula, column=column)
    if column.kind == INT:
        return _dv("whole", operator="greaterThanOrEqual", formula1="0", column=column)
    return None


def _dv(kind: str, *, column: Column, **kw: Any) -> DataValidation:
    rule = DataValidation(type=kind, allow_blank=not column.required, showErrorMessage=True, **kw)
    rule.errorTitle = "输入无效 Invalid value"
    rule.error = f"{column.header}：{column_help(column)}"
    rule.promptTitle = column.header[:32]
    rule.prompt = column_help(column)[:255]
    rule.showInputMessage = True
    return rule


def _divisions_sheet(wb: Workbook, ws: Any, spec: RegistrySpec) -> None:
    positions = [i for i, c in enumerate(spec.columns, start=3) if c.kind == DIVISION]
    if not positions:
        return
    sheet = wb.create_sheet(DIVISIONS_SHEET)
    sheet.append(["代码 Code", "名称 Name", "层级 Level"])
    count = 0
    for code, name, level in (
        Division.objects.filter(valid_to__isnull=True).order_by("code").values_list("code", "name", "level")
    ):
        sheet.append([code, name, level])
        count += 1
    sheet.column_dimensions["B"].width = 24
    for position in positions:
        letter = get_column_letter(position)
        rule = DataValidation(
            type="custom",
            formula1=f"COUNTIF({quote_sheetname(DIVISIONS_SHEET)}!$A$2:$A${count + 1},{letter}2)>0",
            allow_blank=True,
            showErrorMessage=True,
        )
        rule.errorTitle = "行政区划代码无效 Invalid division code"
        rule.error = "请填写“行政区划 Divisions”表中的六位代码 / use a 6-digit code from the Divisions sheet"
        ws.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{MAX_ROW}")


def _instructions(wb: Workbook, spec: RegistrySpec) -> None:
    sheet = wb.create_sheet(INSTRUCTIONS_SHEET, 1)
    sheet.append([f"{spec.title} 导入模板 / import template"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for line in spec.instructions:
        sheet.append([line])
    sheet.append([])
    sheet.append(["列 Column", "必填 Required", "说明 How to fill in"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([ID_HEADER, "", "为空：新建；填写编号：修改 / empty: create; id: update"])
    sheet.append([VERSION_HEADER, "", "修改时必填 / required when updating"])
    for column in spec.columns:
        sheet.append([column.header, "是" if column.required else "", column_help(column)])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["C"].width = 90
