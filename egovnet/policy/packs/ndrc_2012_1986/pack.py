"""The pack object of 发改高技[2012]1986号 and its parameters."""

from __future__ import annotations

import datetime as dt

from egovnet.policy.engine.model import Pack, Text

# The notice's exact day of issue is unverified (context.md §1.4, §7 item 1); 2012-07-01 is the
# working baseline for "new" networks and the pack's start. See docs/decisions/0302.
NOTICE_DATE = dt.date(2012, 7, 1)

PACK = Pack(
    id="ndrc-2012-1986",
    title=Text(
        "发改高技[2012]1986号 关于进一步加强国家电子政务网络建设和应用工作的通知",
        "NDRC notice [2012] No. 1986 on the national e-government network",
    ),
    effective_from=NOTICE_DATE,
    params={
        "notice_date": NOTICE_DATE,
        "mlps_floor": "prefecture",  # 43号 — filings accepted at prefecture level or above
        "level1_filing_required": False,
        "art11_local_projects": False,  # art. 11 applies to national projects; local regimes may opt in
        "simplified_threshold_10k_yuan": 3000,  # P-55 art. 7: < 3,000万元 may use the simplified path
        "notice_goal_deadline": dt.date(2015, 12, 31),
    },
)
