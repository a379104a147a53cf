"""简体中文 labels of the enumerations, as shown in templates' drop-downs and in exports.

The importer also accepts each stored value and its English label, so a sheet filled in either
language (or exported by an older version) imports.
"""

ORG_KIND = {
    "government_department": "政府部门",
    "development_reform": "发展改革部门",
    "public_security": "公安机关",
    "secrecy_administration": "保密行政管理部门",
    "finance": "财政部门",
    "extranet_operator": "政务外网管理中心/运维单位",
    "intranet_coordination_office": "政务内网协调办公室",
    "assessment_agency": "评估机构",
    "other": "其他",
}
LEVEL = {"central": "中央", "provincial": "省级", "prefecture": "地市级", "county": "区县级"}
NETWORK_FAMILY = {"intranet": "政务内网", "extranet": "政务外网", "dedicated": "业务专网"}
COMPONENT_KIND = {
    "platform": "网络平台",
    "wan_backbone": "广域骨干网",
    "man": "城域网",
    "access_lines": "接入线路",
    "vpn_on_extranet": "外网专用区VPN",
    "lan": "局域网",
    "data_center": "数据中心网络",
}
NETWORK_SCOPE = {
    "national": "全国",
    "provincial": "全省",
    "prefecture": "全市",
    "county": "全县",
    "local": "局部（单位/园区）",
}
NETWORK_STATUS = {"planned": "规划", "active": "运行", "migrating": "迁移中", "retired": "已退役"}
BUILT_ON = {
    "self_built": "自建",
    "carrier_leased": "租用运营商线路",
    "extranet": "依托政务外网",
    "intranet": "依托政务内网",
}
SECRECY_GRADE = {"mimi": "秘密", "jimi": "机密", "juemi": "绝密"}
CURRENT_NETWORK = {
    "intranet": "政务内网",
    "extranet": "政务外网",
    "dedicated": "业务专网",
    "internet": "互联网",
    "standalone_classified": "独立涉密系统",
    "none": "未联网",
}
TARGET_NETWORK = {
    "intranet": "政务内网",
    "extranet": "政务外网",
    "standalone_classified": "独立涉密系统",
    "local_classified_network": "本地涉密网络（偏离）",
    "legacy_dedicated": "保留业务专网（偏离）",
}
COVERAGE_LEVEL = {
    "central": "中央",
    "provincial": "省级",
    "prefecture": "地市级",
    "county": "区县级",
    "township": "乡镇",
}
SYSTEM_STATUS = {"planned": "规划", "in_operation": "运行中", "retired": "已停用"}
