"""Service lists, gold card and hotline: every quote verbatim in its clause, nothing invented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from policy_kb import services as svc
from policy_kb.model import Status
from policy_kb.passages import all_passages, document_for_edition, passage

DATA = Path(svc.__file__).parent / "data"
FILES = sorted(DATA.glob("services-*.yaml"))
PHONE = re.compile(r"\d{3,4}-\d{7,8}")


def _quotes(node, clause=None):
    """(clause, key, quote) for every quote-like string in a services YAML tree."""
    if isinstance(node, dict):
        clause = node.get("clause", clause)
        for key, value in node.items():
            if key.endswith("quote") and isinstance(value, str):
                yield clause, key, value
            elif key == "extra_quotes":
                yield from ((clause, key, q) for q in value)
            else:
                yield from _quotes(value, clause)
    elif isinstance(node, list):
        for item in node:
            yield from _quotes(item, clause)


def _clause_span(edition: str, clause: str) -> str:
    parts = [p for p in all_passages() if p.edition == edition and p.clause == clause]
    assert parts, f"{edition}: no clause {clause}"
    return document_for_edition(edition).text()[min(p.start for p in parts) : max(p.end for p in parts)]


def test_both_regions_have_service_data():
    assert [f.name for f in FILES] == ["services-taizhou-2018.yaml", "services-yongjia-2016.yaml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_quote_is_verbatim_inside_its_clause(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    quotes = list(_quotes(data))
    assert len(quotes) >= 25
    for clause, key, quote in quotes:
        assert quote in _clause_span(data["edition"], clause), (key, quote)


@pytest.mark.parametrize("edition", ["yongjia-2016", "taizhou-2018"])
def test_summaries_and_units_come_from_the_text(edition):
    cat = svc.catalogue_for(edition)
    for s in cat.services:
        quoted = " ".join([s.citation.quote, *(c.quote for c in s.extra_citations)])
        for number in re.findall(r"\d+(?:\.\d+)?", s.content):
            assert number in quoted.replace(" ", ""), (s.id, number)
        for unit in (*s.lead_units, *s.supporting_units, *s.departments):
            assert unit in s.units_citation.quote, (s.id, unit)
    for b in cat.gold_card.benefits:
        assert all(d in cat.gold_card.service.units_citation.quote for d in b.departments), b.id


def test_yongjia_ten_services_follow_attachment_3():
    cat = svc.catalogue_for("yongjia-2016")
    assert len(cat.services) == 10
    for n, s in enumerate(cat.services, 1):
        assert s.citation.clause == passage(f"yj-a3-2-{n}").clause
        assert s.name == passage(f"yj-a3-2-{n}").title
    assert cat.service("service_list").supporting_units == (
        "县市场监督管理局",
        "县人力社保局",
        "县科技局",
        "县公安局",
        "县住建局",
    )
    assert cat.served is not None and cat.served.citation.clause == "附件3 一"


def test_yongjia_gold_card_item_by_item():
    r = svc.gold_card("永嘉")
    assert r.status is Status.OK and r.region == "永嘉县"
    v = r.values
    assert v["holders"] == "领军型人才" and v["precondition"] == "在政策许可下"
    assert [b["id"] for b in v["benefits"]] == [
        "health_check",
        "school_admission",
        "library_card",
        "fitness",
        "scenic_spots",
        "public_transport",
    ]
    assert "在政策许可下" in r.answer and "免费乘座县域公共交通车辆" in r.answer
    assert "按职能对应" in r.answer  # inferred departments are labelled as such
    quotes = [c.quote for c in r.citations]
    assert "持卡人在政策许可下可享有以下优质服务和优惠政策" in quotes
    assert "免费游览县内国营景区（点）" in quotes
    json.dumps(r.to_dict(), ensure_ascii=False)


def test_yongjia_hotline_is_the_printed_number():
    r = svc.hotline()
    assert r.status is Status.OK and r.values["number"] == "0577-57756270" and r.values["stated"]
    assert "0577-57756270" in r.answer and r.citations[0].clause == "附件3 二（一）"
    assert all("0577-57756270" in c.quote for c in r.citations[:1])


def test_taizhou_hotline_not_stated_and_never_invented():
    r = svc.hotline("台州")
    assert r.status is Status.OK and r.region == "台州市"
    assert r.values["number"] is None and r.values["stated"] is False
    assert "未写明" in r.message and "一站式" in r.message
    assert not PHONE.search(r.answer) and not PHONE.search(r.message)
    assert r.citations and all(c.clause == "五、15." for c in r.citations)


def test_taizhou_talent_card_and_services():
    card = svc.gold_card("椒江")
    assert card.values["card"] == "英才卡" and card.values["holders"] is None
    assert "未写明" in card.message
    assert card.citations[0].quote == "继续拓展英才卡在旅游、文化活动、文献检索等方面的服务功能"
    r = svc.services("台州市")
    ids = [s["id"] for s in r.values["services"]]
    assert {
        "one_stop",
        "housing_voucher",
        "talent_apartment",
        "health_care",
        "family_and_residence",
        "talent_card",
    } <= set(ids)
    assert {s["clause"] for s in r.values["services"]} == {f"五、{n}." for n in range(15, 22)}
    assert (
        "房票补贴" in r.answer
        and "保健医生" in svc.catalogue_for("taizhou-2018").service("health_care").citation.quote
    )


def test_default_and_unknown_region():
    assert svc.services().region == "永嘉县"
    for fn in (svc.services, svc.gold_card, svc.hotline):
        r = fn("杭州")
        assert r.status is Status.INVALID and "杭州" in r.message and not r.citations


def test_the_service_list_keeps_the_key_services_the_clause_names() -> None:
    """附件3 二（二）: 优化人才创办企业、项目申报、出入境、居留、落户、住房保障等重点服务 — what "服务清单里都包括
    哪些服务" asks (dev3, dev5); a summary without them answered nothing."""
    from policy_kb import api

    said = api.services("永嘉县").answer
    assert "优化人才创办企业、项目申报、出入境、居留、落户、住房保障等重点服务" in said


def test_one_service_named_is_answered_alone_with_who_decides_a_level_the_text_leaves_open() -> None:
    """五、21.: "为高级以上人才提供健康管理服务，配备保健医生" — "在读博士…保健医生，我能不能享受？" (dev61) is that one
    service, and whether the asker is 高级以上人才 is the directory's (《台州市高层次人才分类目录》, not held here): never
    a yes, never the twelve services listed."""
    asked = "我是在读博士，目前在台州一家医院实习。听说台州给高级以上人才配保健医生，我能不能享受？"
    r = svc.services("台州市", asked)
    assert [s["id"] for s in r.values["services"]] == ["health_care"]
    assert "配备保健医生" in r.answer and "《台州市高层次人才分类目录》" in r.answer and "咨询" in r.answer
    assert "人才公寓" not in r.answer
    # the list asked is the list; a service only named, not asked about for the asker, gets no directory note
    assert len(svc.services("台州市", "台州有哪些人才服务").values["services"]) > 2
    assert "分类目录" not in svc.services("台州市", "台州保健医生是哪个部门管").answer
