"""The pack object of 国办发〔2019〕57号 (国家政务信息化项目建设管理办法), its document and dated parameters.

The document, its date and 第一条–第六条 (scope, NDRC's 备案管理 of department-approved projects) were checked
against public copies of the text; the stored copies stop at 第六条, so the numbers of the articles the rules
cite (第九条 onwards) stay unverified [M]. docs/rules/interpretations.md A-57.2 lists, per rule, what was checked
and against which source.
"""

from __future__ import annotations

import datetime as dt

from egovnet.policy.engine.model import Document, Pack, Text
from egovnet.policy.engine.params import parameter, value

#: Dated 2019-12-30, 自印发之日起施行 [M]; the working start is 2020-01-01 (A-57.1).
IN_FORCE = dt.date(2020, 1, 1)

DOCUMENT = Document(
    ref="国办发〔2019〕57号",
    title="国务院办公厅关于印发国家政务信息化项目建设管理办法的通知（国家政务信息化项目建设管理办法）",
    en="General Office of the State Council [2019] No. 57",
    source=(
        "shui5.cn/article/32/149609.html; hafclm.com/f/202001/t20200122_2498602 (中国政府网 listing, 2020-01-21); "
        "context.md S36 (beijing.gov.cn, xxzx.mof.gov.cn 2020-01-22); articles 1–6 checked, A-57.2"
    ),
)

PARAMETERS = {
    "ndrc_filing_items": parameter(
        "ndrc_filing_items",
        "Contents of the NDRC filing package of a department-approved project",
        value(
            IN_FORCE,
            (
                "performance_targets",
                "om_funding",
                "info_resource_catalog",
                "mlps_filing_and_assessment",
                "crypto_application_plan",
                "crypto_assessment_report",
            ),
            "国办发〔2019〕57号 第十四条 [M article]; context.md §2.5.5 (S36 chacewang); A-57.3",
        ),
    ),
    "crypto_scope": parameter(
        "crypto_scope",
        "Systems the 密码应用方案 / 密评 duties apply to",
        value(IN_FORCE, "non_classified", "国家密码管理局 letter implementing 57号 (context.md §2.5.6, S37); A-57.4"),
    ),
}

PACK = Pack(
    id="gov-2019-57",
    title=Text(
        "国办发〔2019〕57号 国家政务信息化项目建设管理办法",
        "State Council General Office [2019] No. 57: management of national e-government projects",
    ),
    effective_from=IN_FORCE,
    params=PARAMETERS,
    document=DOCUMENT,
)
