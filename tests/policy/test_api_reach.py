"""Provisions reachable through policy_kb.api, named after their clauses.

Why: 台州 五、21. (房票补贴) and 六、25. (改革经验推广奖励) were answered as if they did not exist — the
figures were in the edition but no api function led to them. Every provision with data can be reached
by a rule or by `api.provisions(clause)`.
"""

from __future__ import annotations

import pytest

from policy_kb import api
from policy_kb.editions import all_editions
from policy_kb.model import Status

TAIZHOU = "台市委发〔2018〕39号"


def test_五_21_房票补贴_从api可达_说明发给人才且原文未写金额() -> None:
    for result in (
        api.housing_voucher(),
        api.housing_voucher(region="台州"),
        api.housing_subsidy(region="椒江"),
    ):
        assert result.ok and result.region == "台州市", result.render()
        assert result.rule == "housing_voucher"
        text = result.answer
        assert "房票补贴" in text and "不动产登记" in text and "拨付至人才" in text
        assert "原文没有写明房票补贴的金额" in text
        assert result.values["amount"] is None and result.values["paid_to"] == "人才"
        clauses = {c.clause for c in result.citations}
        assert {"五、21.", "六、24."} <= clauses
        assert all(c.doc == TAIZHOU for c in result.citations)


def test_五_21_房票补贴_永嘉没有这一条() -> None:
    result = api.housing_voucher(region="永嘉")
    assert result.status is Status.NEEDS_ASSESSMENT and "房票补贴" in result.answer


@pytest.mark.parametrize(("scope", "amount"), [("全国", 500_000), ("全省可复制推广", 300_000)])
def test_六_25_改革经验推广奖励_从api可达(scope: str, amount: int) -> None:
    for result in (api.reform_award(scope), api.reform_award(scope, region="台州市")):
        assert result.ok and result.values["amount"] == amount and result.region == "台州市"
        assert result.values["recipient"] == "企事业单位"
        assert any(c.clause == "六、25." and "50 万元、30 万元" in c.quote for c in result.citations)


def test_六_25_改革经验推广奖励_缺范围与非台州() -> None:
    assert [m.name for m in api.reform_award().missing] == ["scope"]
    assert api.reform_award("全国", region="永嘉县").status is Status.NEEDS_ASSESSMENT


def test_五_21_人才公寓_从api可达() -> None:
    result = api.talent_apartments("玉环")
    assert result.ok and result.values["apartment_min_m2"] == 25000


@pytest.mark.parametrize(
    ("clause", "region", "ids"),
    [
        ("五、21", "台州", {"housing.voucher_to_talent", "housing.apartment.county"}),
        ("六、25.", None, {"reform.national", "reform.provincial", "equity.share"}),
        ("三（二）", "永嘉", {"team.province_match", "team.city_rule", "team.top_case_by_case"}),
    ],
)
def test_provisions_by_clause(clause: str, region: str | None, ids: set[str]) -> None:
    result = api.provisions(clause, region=region)
    assert result.ok, result.render()
    assert ids <= {e["id"] for e in result.values["entries"]}
    for entry in result.values["entries"]:
        assert entry["quote"] and entry["clause"].rstrip(".") == clause.rstrip(".")
    for c in result.citations:
        assert c.quote in next(e for e in all_editions().values() if e.doc == c.doc).source_text()


def test_provisions_show_figures_with_their_qualifier() -> None:
    result = api.provisions("五、20.", region="台州")
    assert "10家以上" in result.answer


def test_provisions_unknown_clause_and_region() -> None:
    assert api.provisions("九十九", region="永嘉").status is Status.NEEDS_ASSESSMENT
    assert api.provisions("五、21", region="杭州").status is Status.NEEDS_ASSESSMENT
