"""简体中文 texts of the rules' interpretation notes, keyed by the English note they translate.

Keyed by the English text, not the rule id: when a note changes, its old translation no longer applies and the
catalogue shows the new note as written until it is translated again (the UI crawl test then reports it)."""

from __future__ import annotations

INTERPRETATION_ZH: dict[str, str] = {
    #
    'Fixes the enum of compliant end states; other values (standalone classified, dedicated, none) are exception or transition states.':
        '规定合规的最终状态取值；其他取值（独立涉密、业务专网、无）为例外或过渡状态。',
    #
    'A component belongs to the project owner, or to the named local part of a co-built project.':
        '网络组成部分归属项目单位，或归属共建项目中指明的地方部分。',
    #
    'Programme goal with deadline 2015-12-31; expired (2024 report: full extranet coverage). Shown in dashboards only.':
        '规划目标，期限为2015年12月31日，已到期（2024年报告：政务外网已全面覆盖）。仅在看板中显示。',
    #
    '§2 + 保密法: intranet and other classified objects are protected under fenbao; A-11.3 moves test + authorisation before trial operation.':
        '第二条及《保守国家秘密法》：政务内网及其他涉密对象按分级保护要求保护；解释A-11.3将测评和审批提前到试运行前。',
    #
    '§2 + §7: components built on the intranet carry the §7 access plan (R-7.2).':
        '第二条及第七条：在政务内网上建设的组成部分须附第七条规定的接入方案（R-7.2）。',
    #
    'Programme KPI known only by attestation (A-2.2); the engine stores no intranet topology.':
        '规划指标，仅凭证明材料判断（解释A-2.2）；规则引擎不存储政务内网拓扑。',
    #
    'Coverage counted as met when a node is present in each unit (A-3.2); deadline kept for reporting (A-3.3).':
        '每个单位部署有节点即视为覆盖（解释A-3.2）；期限保留用于报告（解释A-3.3）。',
    #
    'Department-level task; fed from the registry (networks app).':
        '部门层面的任务；数据取自登记簿（网络应用）。',
    #
    "'尽快' has no deadline: the planned date of the migration item is the SLA (A-3.1).":
        '“尽快”没有具体期限：以迁移事项的计划日期为时限（解释A-3.1）。',
    #
    "By §4 every non-classified application is an extranet candidate; §3's sub-conditions only prioritise.":
        '依第四条，每个非涉密应用均为政务外网候选；第三条的各项条件只决定先后顺序。',
    #
    'Components that are part of the extranet platform itself (backbone, MAN, data centre on the extranet) need an MLPS filing covering their id.':
        '属于政务外网平台本身的组成部分（骨干网、城域网、外网数据中心）须有覆盖其编号的等级保护备案。',
    #
    'Department-level duty, judged on registry facts about its dedicated networks.':
        '部门层面的义务，依据登记簿中该部门业务专网的情况判断。',
    #
    "秘密/机密 → intranet. A-4.3: county units beyond the intranet's reach use a deviation to a local classified network.":
        '秘密级、机密级应用部署在政务内网。解释A-4.3：政务内网尚未延伸到的县级单位可经例外批准使用地方涉密网络。',
    #
    'Every non-classified system → extranet; department VPNs in the extranet private zone count as the extranet (A-4.2).':
        '每个非涉密系统部署在政务外网；政务外网专用区内的部门虚拟专网视同政务外网（解释A-4.2）。',
    #
    "A-4.1: '机密级及以下' excludes 绝密; such systems are built standalone under 绝密 fenbao and are never a new dedicated network (R-12.1). The exception record is read as evidence; only opaque references may be held (§4.5).":
        '解释A-4.1：“机密级及以下”不含绝密级；绝密级系统按绝密级分级保护要求独立建设，不属于新建业务专网（R-12.1）。例外记录作为证据读取，只保存不透明的引用（第四条第五款）。',
    #
    "'原则上': deviations from R-4.2/4.3 need {reason, legal basis, approver = 项目审批部门 (development_reform), expiry}.":
        '“原则上”：偏离R-4.2、R-4.3须有例外记录，写明理由、依据、批准部门（项目审批部门，即发展改革部门）和有效期。',
    #
    'Physical isolation between intranet and extranet: one application cannot straddle both.':
        '政务内网与政务外网物理隔离：一个应用不能同时部署在两个网络上。',
    #
    'Expected when a province runs more than one parallel network.':
        '一个省份运行多个并行网络时适用。',
    #
    'Text defect (context.md §1.3): sentence 2 of art. 5 lacks a predicate; reconstructed by analogy with sentence 3 and art. 2. Flagged for legal review.':
        '文本缺陷（背景说明第1.3节）：第五条第二句缺少谓语，参照第三句和第二条补全。已提交法律审核。',
    #
    "'原则上应纳入': exceptions (special industry networks) need a deviation (A-5.2).":
        '“原则上应纳入”：例外（行业专用网络）须有例外记录（解释A-5.2）。',
    #
    'Derived from physical isolation between the intranet and the extranet.':
        '由政务内网与政务外网物理隔离的要求推出。',
    #
    'Applies to new and continued projects and, by A-6.1, to renovation/expansion that adds or changes applications; pure hardware refresh is exempt.':
        '适用于新建和续建项目；依解释A-6.1，也适用于新增或改变应用的改扩建项目；单纯的硬件更新除外。',
    #
    '同级 per the jurisdiction resolver: central → 国家保密局; local → same-level 保密局 (review has no floor).':
        '按管辖关系确定“同级”：中央单位由国家保密局审查，地方单位由同级保密局审查（审查不设最低层级）。',
    #
    'Level ≥2 must be filed; a planning-stage filing is accepted before construction (A-6.3). Filing authority per 43号/1360号 with the prefecture floor (pack parameter mlps_floor).':
        '第二级及以上须备案；建设前接受规划阶段的备案（解释A-6.3）。备案机关依公通字[2007]43号、公信安[2007]1360号确定，最低到地市级（规则包参数）。',
    #
    "43号 requires filing only from level 2; default 'grading report only' (parameter level1_filing_required).":
        '43号文只要求第二级及以上备案；第一级默认只需定级报告（规则包参数）。',
    #
    'Placement and the §6 approvals depend on classification (保密定密 first).':
        '部署网络和第六条的各项审批取决于是否涉密（先定密）。',
    #
    "Sections are required only for the networks the project's applications target; under the simplified path the plan goes into the FSR (A-7.3).":
        '只对项目应用所部署的网络要求相应章节；简化程序下方案写入可行性研究报告（解释A-7.3）。',
    #
    "A-7.1: 审核 (coordination office) and 审查 (NAPSS) are two approvals; both required, whatever the owner's level.":
        '解释A-7.1：“审核”（内网协调办）和“审查”（国家保密局）是两项审批，无论项目单位层级，两项均须具备。',
    #
    'Central projects sign with the national center; local parts of co-built projects add local access evidence (A-7.2).':
        '中央项目与国家电子政务外网管理中心签订协议；共建项目的地方部分另须提供地方接入证明（解释A-7.2）。',
    #
    'A migration section is required when any application currently runs on a dedicated network or the owner operates one.':
        '任一应用目前运行在业务专网上，或项目单位运行业务专网时，须有迁移章节。',
    #
    'Pure standards or standalone projects record a not-applicable reason (project.network_use_na_reason).':
        '纯标准类或独立项目须写明网络使用不适用的理由（项目的“网络使用不适用理由”字段）。',
    #
    "All four bodies are notified whatever the project's content (A-8.1); attendance is not required. Invitations given as a list of bodies are taken as sent before the meeting (attested by the organiser).":
        '无论项目内容如何，四个部门均须邀请（解释A-8.1）；不要求出席。以部门清单形式给出的邀请视为在会前发出（由组织单位确认）。',
    #
    'Not applicable on the simplified path (no separate proposal).':
        '简化程序下不适用（不单独编制项目建议书）。',
    #
    'Design (初设) reviews are not covered (A-8.2).':
        '初步设计评审不在此列（解释A-8.2）。',
    #
    'Central projects invite national bodies (NAPSS, MPS, coordination side, extranet center); local projects same-level secrecy, public-security and extranet bodies, and the provincial intranet operator (the intranet has no tier below the province). Judged only where the invitation states a level.':
        '中央项目邀请国家层面的部门（国家保密局、公安部、内网协调方、外网管理中心）；地方项目邀请同级保密、公安和外网管理部门及省级政务内网运行单位（政务内网在省以下不设层级）。仅在邀请写明层级时判断。',
    #
    "Conditional on a classified application ('根据情况', A-9.1); central → NAPSS.":
        '以存在涉密应用为条件（“根据情况”，解释A-9.1）；中央项目由国家保密局出具。',
    #
    'One certificate per graded object; one may cover several applications (A-9.2). Planning-stage filing accepted here (A-6.3).':
        '每个定级对象一份备案证明；一份证明可覆盖多个应用（解释A-9.2）。此处接受规划阶段的备案（解释A-6.3）。',
    #
    "Conditional on an application targeting the intranet; NAPSS's 审查 is judged by R-7.2.":
        '以存在部署在政务内网的应用为条件；国家保密局的审查由R-7.2判断。',
    #
    'Conditional on an application targeting the extranet.':
        '以存在部署在政务外网的应用为条件。',
    #
    'Missing attachments are reported by R-9.1–9.4 with reason codes; this rule checks the submission itself.':
        '缺少的附件由R-9.1至R-9.4连同原因代码报告；本规则检查报送本身。',
    #
    'P-55 art. 7: < 3,000万元 (parameter) or special cases may merge proposal into FSR; the stage gate then includes G-PROPOSAL-DRAFT and G-PROPOSAL-SUBMIT.':
        '《政府投资条例》配套规定第七条：总投资低于3000万元（规则包参数）或特殊情况的，可将项目建议书并入可行性研究报告；此时关口包括项目建议书内容和报送两项。',
    #
    'A-10.1: the opinion must explicitly address network use (apps → network, coverage, no new private network, access evidence).':
        '解释A-10.1：意见须明确涉及网络使用（应用部署网络、覆盖范围、不新建业务专网、接入证明）。',
    #
    "A local component meeting the A-12.1 definition conflicts with the national approval's network-use requirement.":
        '符合解释A-12.1定义的地方组成部分与国家批复中的网络使用要求相冲突。',
    #
    'Feasibility stage: the local FSR approval; preliminary-design stage: also the design/estimate approval.':
        '可行性研究阶段：地方可研批复；初步设计阶段：另须初步设计和概算批复。',
    #
    'Re-verified at the acceptance application (A-11.3: first required before trial operation, R-2.1).':
        '在申请竣工验收时再次核验（解释A-11.3：试运行前即须具备，见R-2.1）。',
    #
    'Level ≥2 objects; level 1 has no testing duty under 43号 (documented deviation from a literal reading, ADR 0302).':
        '适用于第二级及以上对象；依43号文第一级没有测评义务（与字面解读的差异已记录，见ADR 0302）。',
    #
    'P-2071: organised separately for classified and non-classified systems; a report states the parts it covers.':
        '《国家电子政务工程建设项目管理暂行办法》配套规定：涉密和非涉密系统分别组织；报告须写明所覆盖的部分。',
    #
    'A-11.1: an agency registry with qualification type and validity; here the report carries them. Only if all of R-11.1–11.4 hold may the project apply (方可申请).':
        '解释A-11.1：测评机构名录记载资质类型和有效期；此处由报告载明。R-11.1至R-11.4全部满足，方可申请验收。',
    #
    'A-11.4: mandatory, non-waivable item with sub-checks (a) secrecy review honoured, (b) final MLPS certificate + test, (c) deployment matches approval and no unapproved private network.':
        '解释A-11.4：强制且不可豁免的检查项，含子项：(a) 落实保密审查意见；(b) 正式等级保护备案证明和测评；(c) 部署与批复一致，未擅自建设业务专网。',
    #
    'A-12.1 definition (WAN/MAN or site-interconnecting lines, single department, self-built or leased, new or extended); VPNs on the extranet, LANs, DC networks, access lines and 绝密 standalone systems are not new dedicated networks.':
        '解释A-12.1的定义（广域网、城域网或连接各场所的线路，单一部门专用，自建或租用，新建或扩建）；政务外网上的虚拟专网、局域网、数据中心网络、接入线路和绝密级独立系统不属于新建业务专网。',
    #
    "'New' = established after the notice's baseline date (A-12.2, parameter notice_date).":
        '“新建”指在通知的基准日之后建成（解释A-12.2，规则包参数“通知日期”）。',
    #
    "Finance-review trigger: overdue migration (R-3.3) flags the application's line; a fully migrated legacy network's line is flagged for reduction.":
        '财政复核触发条件：迁移逾期（R-3.3）的应用，其经费项被标记；已完全迁移的原有网络，其经费项被标记为应核减。',
    #
    'Positive duty of MOF; a KPI only.':
        '财政部门的积极义务；仅作为指标。',
    #
    '57号: NDRC filing (ndrc_project_filing, distinct from MLPS filing) replaces NDRC approval for department-approved projects; the art. 9 evidence goes into it plus the 57号 items.':
        '57号文：对部门审批的项目，以向国家发展改革委备案（区别于等级保护备案）代替其审批；第九条要求的材料连同57号文规定的事项一并报备。',
    #
    'P-CRYPTO: 三同步一评估; projects under construction when 57号 took effect do 密评 before acceptance.':
        '密码应用要求：三同步一评估；57号文生效时在建的项目须在验收前完成密码应用安全性评估。',
}
