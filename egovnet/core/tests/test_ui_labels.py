"""Display helpers: one language per page, names instead of codes."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation

from egovnet.core.templatetags.egovnet_ui import loc, one_language
from egovnet.policy.templatetags.policy_labels import gate_label, readable_text, strength_label
from egovnet.projects.labels import humanise


def _in(lang: str, fn, *args):
    with translation.override(lang):
        return fn(*args)


def test_loc_picks_the_active_language_with_fallback():
    finding = {"message_zh": "缺少备案证明", "message_en": "No filing certificate"}
    assert _in("zh-hans", loc, finding, "message") == "缺少备案证明"
    assert _in("en", loc, finding, "message") == "No filing certificate"
    assert _in("en", loc, {"message_zh": "只有中文", "message_en": ""}, "message") == "只有中文"
    text = SimpleNamespace(zh="规则目录", en="Rule catalogue")
    assert (_in("zh-hans", loc, text), _in("en", loc, text)) == ("规则目录", "Rule catalogue")


def test_one_language_splits_bilingual_service_messages():
    pairs = {
        "例外已登记 / Deviation recorded.": ("例外已登记", "Deviation recorded."),
        "文件未导入。请重新上传。 The file was not imported.": ("文件未导入。请重新上传。", "The file was not imported."),
        "运维经费预算 O&M budget lines": ("运维经费预算", "O&M budget lines"),
        "备案。 / File with X. [§6 / 公通字[2007]43号]": ("备案。", "File with X. [§6 / 公通字[2007]43号]"),
    }
    for text, (zh, en) in pairs.items():
        assert (_in("zh-hans", one_language, text), _in("en", one_language, text)) == (zh, en)
    for text in ("只有中文", "English only (art. 4)", "R-4.3"):
        assert _in("zh-hans", one_language, text) == text == _in("en", one_language, text)


def test_gates_and_strengths_by_name():
    assert _in("zh-hans", gate_label, "G-PROPOSAL-APPRAISED+G-PROPOSAL-SUBMIT") == (
        "项目建议书评审、向国家发展改革委报送项目建议书（附件）"
    )
    assert _in("en", gate_label, "G-TRIAL") == "Before trial operation"
    assert _in("zh-hans", strength_label, "IN_PRINCIPLE") == "原则上"
    assert _in("en", strength_label, "MUST") == "mandatory"


def test_finding_texts_name_subjects_and_divisions():
    assert readable_text("440000网络3089未纳入（第19条）", "3089", "广东外网") == "广东省网络“广东外网”未纳入（第19条）"
    assert readable_text("应用sys-9未部署", "9", "人口系统") == "应用“人口系统”未部署"
    names = {"app-11": "人口系统", "lp-1": "广东部分"}
    assert humanise("应用app-11；lp-1:feasibility_study_report；doc-99", names).startswith("应用人口系统；广东部分·")
    assert "doc-99" not in humanise("doc-99", names)
