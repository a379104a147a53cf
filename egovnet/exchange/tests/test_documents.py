"""Documents: the review sheet as PDF and .docx and the national report as PDF, opened and read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader

from egovnet.exchange.documents import render_national_report_pdf, render_review_sheet
from egovnet.exchange.documents.blocks import parse_blocks, render_markup
from egovnet.exchange.documents.builders import (
    SourceMissing,
    build_national_report,
    build_review_sheet,
    placements_for,
    register_document_source,
    unregister_document_source,
)
from egovnet.exchange.documents.data import EvidenceItem, GateResult, ReviewSheetData, RuleResult
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db

GATES = [
    GateResult(
        "G-NEEDS",
        "需求分析完成",
        [
            RuleResult("R-6.1", "第六条", "需求分析列明每个应用的目标网络、覆盖和能力", "pass"),
            RuleResult("R-4.3", "第四条", "非涉密应用原则上部署在政务外网", "waived", "已批准偏离 DEV-2024-3"),
        ],
    ),
    GateResult(
        "G-PROPOSAL-SUBMIT",
        "项目建议书报批",
        [
            RuleResult("R-9.2", "第九条", "报批材料附保密审查意见", "fail", "缺少保密审查意见文号；请补充后再报"),
            RuleResult("R-12.1", "第十二条", "不得新建业务专网", "pass"),
        ],
    ),
]


def sheet_data(applications=()) -> ReviewSheetData:
    return ReviewSheetData(
        project_name="河南省政务服务平台升级工程",
        project_code="XM-2024-0017",
        owner="河南省政府办公厅",
        level="省级",
        division="河南省 410000",
        stage="项目建议书",
        applications=list(applications),
        gates=GATES,
        evidence=[
            EvidenceItem("等级保护备案证明", "豫公网安备 41010000000001", "河南省公安厅", dt.date(2024, 3, 1)),
            EvidenceItem("保密审查意见", "豫保审〔2024〕12号", "河南省国家保密局", dt.date(2024, 4, 2), opaque=True),
        ],
        open_items=["补充保密审查意见（第九条） / add the secrecy review opinion (Art. 9)"],
        generated_at=dt.datetime(2024, 5, 1, 9, 30),
        generated_by="审查员",
    )


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _check_sheet_text(text: str) -> None:
    compact = "".join(text.split())
    for needle in ("项目网络使用合规审查表", "河南省政务服务平台升级工程", "豫保审〔2024〕12号", "审查人（签字）"):
        assert needle in compact, needle
    for gate in GATES:
        assert gate.code in compact
        for rule in gate.rules:
            assert rule.rule_id in compact and rule.article in compact, rule.rule_id
    assert "不通过" in compact and "已豁免" in compact


def test_review_sheet_pdf_embeds_cjk_font_and_lists_every_gate_and_article():
    content, content_type = render_review_sheet(sheet_data(), "pdf")
    assert content_type == "application/pdf" and content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts  # fonts are embedded subsets of the vendored TTF
    assert b"/FontFile2" in content
    _check_sheet_text(_pdf_text(content))


def test_review_sheet_docx_sets_east_asian_font_and_lists_every_gate_and_article():
    content, content_type = render_review_sheet(sheet_data(), "docx")
    assert content_type.endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    text += "\n".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    _check_sheet_text(text)
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_placements_are_redacted_for_the_reader(world):
    ApplicationSystem.objects.create(name="公开门户", owner=world["ministry"], target_network="extranet")
    ApplicationSystem.objects.create(name="机密案件", owner=world["ministry"], is_classified=True, secrecy_grade="jimi")
    placements = placements_for(ApplicationSystem.objects.all(), world["ministry_lead"])
    assert [p.name for p in placements] == ["公开门户", REDACTED_NAME]
    content, _ = render_review_sheet(sheet_data(placements), "pdf")
    text = "".join(_pdf_text(content).split())
    assert "公开门户" in text and "机密案件" not in text


def test_review_sheet_source_hook(world):
    from egovnet.exchange.documents.sources import project_review_sheet

    unregister_document_source("review_sheet")
    try:
        with pytest.raises(SourceMissing):
            build_review_sheet(1, world["root"])
        register_document_source("review_sheet", lambda project_id, reader: sheet_data())
        data = build_review_sheet(1, world["root"])
        assert data.generated_by and data.project_code == "XM-2024-0017"
    finally:
        register_document_source("review_sheet", project_review_sheet)


def test_review_sheet_of_a_real_project_through_the_engine(world, client, make_org):
    import datetime as dt

    from django.urls import reverse

    from egovnet.policy.engine import GATES
    from egovnet.projects.services import project_add_application, project_create
    from egovnet.systems.services import system_create

    root, lead = world["root"], world["ministry_lead"]
    make_org("国家发展改革委", kind="development_reform")  # the approving authority of central projects
    portal = system_create(
        actor=root,
        name="政务服务门户",
        owner=world["ministry"],
        mlps_level=3,
        current_network="extranet",
        target_network="extranet",
        coverage_levels=["central"],
    )
    cases = system_create(
        actor=root,
        name="机密案件系统",
        owner=world["ministry"],
        is_classified=True,
        secrecy_grade="jimi",
        current_network="intranet",
        target_network="intranet",
    )
    project = project_create(
        actor=lead, owner=world["ministry"], name="某部案件管理系统建设工程", act_date=dt.date(2013, 5, 2)
    )
    project_add_application(actor=lead, project=project, system=portal)
    project_add_application(actor=lead, project=project, system=cases)
    data = build_review_sheet(project.pk, lead)  # 秘密 clearance: the 机密 system's name and grade are withheld
    assert data.project_name == "某部案件管理系统建设工程" and data.owner == "某部"
    assert [a.name for a in data.applications] == ["政务服务门户", REDACTED_NAME]
    assert data.applications[0].expected_network == "政务外网" and data.applications[1].expected_network == ""
    assert [g.code for g in data.gates] == [c for c in GATES if any(g.code == c for g in data.gates)]
    assert {"G-NEEDS", "G-PROPOSAL-SUBMIT"} <= {g.code for g in data.gates}
    assert all(r.article.startswith("《") and "》第" in r.article and r.title for g in data.gates for r in g.rules)
    assert data.open_items  # a fresh project fails its first gates: the sheet says what to fix
    client.force_login(lead)
    response = client.get(reverse("exchange:review_sheet", args=[project.pk, "pdf"]))
    text = "".join(_pdf_text(response.content).split())
    assert response.status_code == 200 and "某部案件管理系统建设工程" in text and "机密案件系统" not in text
    for gate in data.gates:
        assert gate.code in text and all(r.rule_id in text for r in gate.rules)
    assert client.get(reverse("exchange:review_sheet", args=[project.pk, "docx"])).status_code == 200
    client.force_login(world["henan_staff"])  # another scope: the project does not exist for them
    assert client.get(reverse("exchange:review_sheet", args=[project.pk, "pdf"])).status_code == 404


def test_administrator_override_template(settings, tmp_path):
    settings.EXCHANGE_DOCUMENT_TEMPLATES_DIR = str(tmp_path)
    (tmp_path / "review_sheet.html").write_text("<h1>本单位审查表 {{ d.project_code }}</h1>", encoding="utf-8")
    blocks = parse_blocks(render_markup("review_sheet.html", {"d": sheet_data()}))
    assert [(b.tag, b.text) for b in blocks] == [("h1", "本单位审查表 XM-2024-0017")]


def test_national_report_pdf_has_charts_map_and_sections(world):
    ApplicationSystem.objects.create(
        name="甲", owner=world["henan"], current_network="extranet", target_network="extranet"
    )
    ApplicationSystem.objects.create(
        name="乙", owner=world["henan"], current_network="dedicated", target_network="extranet"
    )
    ApplicationSystem.objects.create(
        name="丙", owner=world["hubei"], current_network="internet", target_network="extranet"
    )
    from egovnet.exchange.documents import sources

    wired = {
        "coverage": sources.national_coverage,
        "migration": sources.national_migration,
        "targets": sources.national_targets,
        "findings": sources.national_findings,
    }
    for name in wired:
        unregister_document_source(name)
    try:  # no registry proxy stands in for a missing source: the report refuses (fail closed)
        with pytest.raises(SourceMissing, match="coverage"):
            build_national_report(world["root"])
    finally:
        for name, fn in wired.items():
            register_document_source(name, fn)
    data = build_national_report(world["root"])
    assert data.coverage and data.todo == []
    content = render_national_report_pdf(data)
    text = "".join(_pdf_text(content).split())
    for needle in (
        "国家电子政务网络建设进展报告",
        "覆盖情况",
        "迁移进展",
        "目标完成情况",
        "检查发现",
        "河南省",
        "第十二条",
    ):
        assert needle in text, needle


def test_gate_skeleton_lists_every_gate_of_the_matrix_and_merges_engine_results():
    from egovnet.exchange.documents.gates import GATE_MATRIX, article_for, gate_skeleton, merge_results

    gates = gate_skeleton()
    assert [g.code for g in gates] == [code for code, _, _ in GATE_MATRIX]
    assert article_for("R-12.1") == "第十二条" and article_for("A-11.3") == "第十一条"
    assert not any(g.passed for g in gates)  # nothing evaluated: no gate passes (fail closed)
    merge_results(
        gates,
        [
            RuleResult("R-10.1", "第十条", "t", "pass"),
            RuleResult("R-10.2", "第十条", "t", "pass"),
            RuleResult("R-10.3", "第十条", "t", "not_applicable"),
        ],
    )
    assert next(g for g in gates if g.code == "G-LOCAL-FSR").passed
    data = sheet_data()
    data.gates = gates
    content, _ = render_review_sheet(data, "docx")
    doc = Document(io.BytesIO(content))
    text = "".join(cell.text for table in doc.tables for row in table.rows for cell in row.cells)
    text += "".join(p.text for p in doc.paragraphs)
    for code, _, rules in GATE_MATRIX:
        assert code in text
        assert all(r in text and article_for(r) in text for r in rules)
    assert "未评估" in text


def test_administrator_db_template_wins_and_is_checked(admin_client, settings, tmp_path):
    from django.template import TemplateSyntaxError

    from egovnet.core.models import AuditEntry
    from egovnet.exchange.documents.blocks import check_template
    from egovnet.exchange.models import DocumentTemplate

    settings.EXCHANGE_DOCUMENT_TEMPLATES_DIR = str(tmp_path)
    (tmp_path / "review_sheet.html").write_text("<h1>文件版</h1>", encoding="utf-8")
    response = admin_client.post(
        "/admin/exchange/documenttemplate/add/",
        {"name": "review_sheet.html", "content": "<h1>后台版 {{ d.project_code }}</h1>", "active": "on"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(object_type="exchange.documenttemplate", action="create").exists()
    blocks = parse_blocks(render_markup("review_sheet.html", {"d": sheet_data()}))
    assert [b.text for b in blocks] == ["后台版 XM-2024-0017"]
    DocumentTemplate.objects.update(active=False)
    assert parse_blocks(render_markup("review_sheet.html", {"d": sheet_data()}))[0].text == "文件版"
    with pytest.raises(TemplateSyntaxError):
        check_template("{% for x in %}")
    bad = admin_client.post("/admin/exchange/documenttemplate/add/", {"name": "x.html", "content": "{% if %}"})
    assert bad.status_code == 200 and "模板语法错误" in bad.content.decode()


def test_national_report_from_the_wired_sources(world):
    """Coverage and targets (issue 5), migration (issue 6) and stored findings (issue 3) as wired in apps.ready."""
    from django.utils import timezone

    from egovnet.policy.models import Finding, SweepRun

    common = {"subject_type": "project", "strength": "MUST", "pack": "ndrc-2012-1986", "pack_version": "1",
              "evaluated_at": timezone.now()}  # fmt: skip
    Finding.objects.create(subject_id="1", owner=world["henan"], province_code="410000", rule="R-9.2", article=9,
                           outcome="fail", **common)  # fmt: skip
    # passes are counted by the national sweep, not stored (ADR 0351); a province sweep does not count
    SweepRun.objects.create(started_at=timezone.now(), status="done", counts={"by_rule": {"R-12.1": {"pass": 1}}})
    SweepRun.objects.create(started_at=timezone.now(), status="done", province="41", counts={"by_rule": {}})
    data = build_national_report(world["root"])
    assert [(f.article, f.rule_id, f.failing, f.passing) for f in data.findings_by_article] == [
        ("《发改高技〔2012〕1986号》第九条", "R-9.2", 1, 0), ("《发改高技〔2012〕1986号》第十二条", "R-12.1", 0, 1)]  # fmt: skip
    assert [(f.code, f.value) for f in data.findings_by_province] == [("410000", 1.0)]
    assert build_national_report(world["henan_staff"]).findings_by_article[0].rule_id == "R-9.2"
    assert data.coverage and all(0 <= f.value <= 100 for f in data.coverage)
    assert "区县覆盖率" in data.coverage_note and "迁移事项" in data.migration_note
    assert data.targets and any("第" in t.name for t in data.targets)
    assert data.todo == []
    text = "".join(_pdf_text(render_national_report_pdf(data)).split())
    assert "政务外网覆盖" in text and "业务专网迁移" in text


def test_national_report_uses_registered_sources(world):
    from egovnet.exchange.documents.data import ArticleFindings, ProvinceFigure

    register_document_source(
        "coverage", lambda reader: ([ProvinceFigure("410000", "河南省", 97.5)], "覆盖统计（issue 5）")
    )
    register_document_source(
        "findings",
        lambda reader: (
            [ArticleFindings("第十二条", "R-12.1", 7, 93), ArticleFindings("第九条", "R-9.2", 3, 40)],
            [ProvinceFigure("410000", "河南省", 6), ProvinceFigure("420000", "湖北省", 4)],
        ),
    )
    try:
        data = build_national_report(world["root"])
        assert data.coverage[0].value == 97.5 and data.todo == []
        text = "".join(_pdf_text(render_national_report_pdf(data)).split())
        for needle in ("覆盖统计（issue5）", "R-12.1", "第十二条", "R-9.2", "各省未整改发现", "湖北省"):
            assert needle in text, needle
    finally:
        from egovnet.exchange.documents import sources

        register_document_source("coverage", sources.national_coverage)
        register_document_source("findings", sources.national_findings)
