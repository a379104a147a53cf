"""The pack object of 发改高技[2012]1986号, its document and its dated, sourced parameters."""

from __future__ import annotations

import datetime as dt

from egovnet.policy.engine.model import Document, Pack, Text
from egovnet.policy.engine.params import parameter, value

# The notice's exact day of issue is unverified (context.md §1.4, §7 item 1); 2012-07-01 is the
# working baseline for "new" networks and the pack's start. See docs/decisions/0302.
NOTICE_DATE = dt.date(2012, 7, 1)
P55_START = dt.date(2007, 9, 1)  # 国家电子政务工程建设项目管理暂行办法 (NDRC Order 55) in force

DOCUMENT = Document(
    ref="发改高技〔2012〕1986号",
    title="关于进一步加强国家电子政务网络建设和应用工作的通知",
    en="NDRC [2012] No. 1986",
    articles=12,
    source="shared/policy/fagai-gaoji-2012-1986.txt (context.md S0)",
)

PARAMETERS = {
    "notice_date": parameter(
        "notice_date",
        "Baseline for 'new' dedicated networks (第十二条) and the pack's start",
        value(NOTICE_DATE, NOTICE_DATE, "A-12.2; ADR 0302 §1 (exact issue day unverified)"),
    ),
    "mlps_floor": parameter(
        "mlps_floor",
        "Lowest level of public-security organ accepting an MLPS filing (同级 competence floor)",
        value(NOTICE_DATE, "prefecture", "公通字〔2007〕43号 第十五条 (设区的市级以上); A-6.2"),
    ),
    "level1_filing_required": parameter(
        "level1_filing_required",
        "Whether level-1 non-classified applications must be filed (not only graded)",
        value(NOTICE_DATE, False, "A-6.4 (43号 requires filing from level 2)"),
    ),
    "art11_local_projects": parameter(
        "art11_local_projects",
        "Whether article 11 applies to local projects too",
        value(NOTICE_DATE, False, "第十一条 (国家电子政务工程建设项目); context.md §3 art. 11 scope"),
    ),
    "simplified_threshold_10k_yuan": parameter(
        "simplified_threshold_10k_yuan",
        "Total investment below which the FSR may stand in for the proposal (simplified path)",
        value(P55_START, 3000, "国家电子政务工程建设项目管理暂行办法（发展改革委令第55号）第七条; context.md §2.5.1"),
        unit="10k yuan",
    ),
    "notice_goal_deadline": parameter(
        "notice_goal_deadline",
        "Programme deadline of articles 1 and 3 (end of 十二五)",
        value(NOTICE_DATE, dt.date(2015, 12, 31), "第一条、第三条 (十二五末); A-3.3"),
    ),
}

PACK = Pack(
    id="ndrc-2012-1986",
    title=Text(
        "发改高技[2012]1986号 关于进一步加强国家电子政务网络建设和应用工作的通知",
        "NDRC notice [2012] No. 1986 on the national e-government network",
    ),
    effective_from=NOTICE_DATE,
    params=PARAMETERS,
    document=DOCUMENT,
)
