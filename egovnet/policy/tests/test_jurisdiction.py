"""The 同级 jurisdiction resolver (context.md §4.2, A-6.2)."""

from __future__ import annotations

import pytest

from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine.jurisdiction import HeuristicDirectory, resolve
from egovnet.policy.facts import Org

D = csv_directory()


@pytest.mark.parametrize(
    ("kw", "name", "level", "division", "floor"),
    [
        ({"owner_level": "central", "in_beijing": True, "nationwide": True}, "公安部", "central", "", False),
        ({"owner_level": "central", "in_beijing": True}, "北京市公安局", "provincial", "110000", False),
        ({"owner_level": "central", "division": "440100"}, "广东省公安厅", "provincial", "440000", False),
        ({"owner_level": "provincial", "division": "440000"}, "广东省公安厅", "provincial", "440000", False),
        ({"owner_level": "prefecture", "division": "440300"}, "深圳市公安局", "prefecture", "440300", False),
        ({"owner_level": "county", "division": "440303"}, "深圳市公安局", "prefecture", "440300", True),
        ({"owner_level": "county", "division": "110105"}, "北京市公安局", "provincial", "110000", True),
        ({"owner_level": "county", "division": "429004"}, "湖北省公安厅", "provincial", "420000", True),
        (
            {"owner_level": "county", "division": "440303", "mlps_floor": "county"},
            "罗湖区公安局",
            "county",
            "440303",
            False,
        ),
    ],
)
def test_mlps_filing_authority(kw, name, level, division, floor):
    a = resolve("mlps_filing", directory=D, **kw)
    assert (a.name, a.level, a.division, a.floor_applied) == (name, level, division, floor)
    assert a.explanation_zh and a.explanation_en and a.basis_clause


def test_secrecy_review_vs_authorisation_floor():
    review = resolve("secrecy_review", owner_level="county", division="440303", directory=D)
    auth = resolve("classified_authorization", owner_level="county", division="440303", directory=D)
    assert (review.level, review.name, review.floor_applied) == ("county", "罗湖区保密局", False)
    assert (auth.level, auth.name, auth.floor_applied) == ("prefecture", "深圳市保密局", True)
    assert resolve("secrecy_review", owner_level="central", directory=D).name == "国家保密局"


def test_intranet_access_always_national():
    for level in ("central", "provincial", "county"):
        assert resolve("intranet_access_review", owner_level=level, division="440303").name == "国家保密局"
        assert (
            resolve("intranet_access_vetting", owner_level=level, division="440303").kind
            == "intranet_coordination_office"
        )


def test_extranet_agreement():
    assert resolve("extranet_agreement", owner_level="central").name == "国家电子政务外网管理中心"
    local = resolve("extranet_agreement", owner_level="provincial", division="440000", directory=D)
    assert local.level == "provincial" and "广东省" in local.name


def test_accepts_matches_kind_level_and_division():
    a = resolve("mlps_filing", owner_level="prefecture", division="440300", directory=D)
    assert a.accepts(Org("深圳市公安局", "public_security", "prefecture", "440300"))
    assert not a.accepts(Org("广州市公安局", "public_security", "prefecture", "440100"))
    assert not a.accepts(Org("深圳市保密局", "secrecy_administration", "prefecture", "440300"))
    assert not a.accepts(None)


def test_heuristic_directory_without_table():
    a = resolve("mlps_filing", owner_level="county", division="440303", directory=HeuristicDirectory())
    assert (a.level, a.division, a.floor_applied) == ("prefecture", "440300", True)
    assert a.as_dict()["authority"]["division"] == "440300"


def test_unknown_purpose():
    with pytest.raises(ValueError):
        resolve("tea", owner_level="central")


def test_expert_invitees_for_local_project():
    assert (
        resolve("expert_intranet_operator", owner_level="county", division="440303", directory=D).level == "provincial"
    )
    assert resolve("expert_intranet_operator", owner_level="central").kind == "intranet_coordination_office"
    assert (
        resolve("expert_public_security", owner_level="county", division="440303", directory=D).name == "罗湖区公安局"
    )
    assert (
        resolve("expert_secrecy_administration", owner_level="prefecture", division="440300", directory=D).name
        == "深圳市保密局"
    )


def test_an_unknown_location_is_named_in_words_not_as_a_code():
    """A central department outside Beijing whose division is not given: "所在地省级公安厅", never "省级（0000）"."""
    a = resolve("mlps_filing", directory=D, owner_level="central")
    assert a.name == "所在地省级公安厅"
    assert "0000" not in a.name and "（" not in a.name
