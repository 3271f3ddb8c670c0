"""/api/assist, the calculators, the page and the source viewer, through the real gateway and login.

Expected figures are never written here: they are asked of policy_kb directly and compared with what
the assistant says, so these tests check the plumbing and the ranking, policy_kb's own tests the law.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bot.assist.calculators import CALCULATORS
from bot.assist.ranking import _rank_cached
from policy_kb import api
from policy_kb.money import fmt_yuan
from policy_kb.passages import document_with_span, passage
from policy_kb.services import catalogue_for
from policy_kb.text import compact
from tests.assist.assist_helpers import page_csrf

STATIC = Path(__file__).resolve().parents[2] / "bot" / "assist"


def ask(client: TestClient, q: str, **params: object) -> dict:
    r = client.get("/api/assist", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()


# ---- login ------------------------------------------------------------------------------------------


def test_anonymous_gets_401_json_and_pages_redirect_to_login(anon: TestClient) -> None:
    r = anon.get("/api/assist", params={"q": "金卡"})
    assert (
        r.status_code == 401 and r.json()["error"] == "unauthorized" and r.json()["message"] == "请先登录。"
    )
    r = anon.post("/api/assist/calc/funding", json={"inputs": {}})
    assert r.status_code == 401
    for path in ("/assist", "/assist/source/yongjia-2016/yj-a3-2-3"):
        r = anon.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert anon.get("/assist/static/assist.js").status_code == 200  # code, no data: public


# ---- the contract -----------------------------------------------------------------------------------


def test_contract_shape_and_k(staff: TestClient) -> None:
    body = ask(staff, "金卡 公交")
    assert body["query"] == "金卡 公交" and len(body["suggestions"]) <= 3
    for s in body["suggestions"]:
        assert isinstance(s["title"], str) and s["title"]
        assert isinstance(s["answer"], str) and s["answer"]
        assert isinstance(s["score"], float)
        assert s["kind"] in {"calc", "passage", "service"}
        assert s["citations"] and all({"doc", "clause", "quote"} <= set(c) for c in s["citations"])
    scores = [s["score"] for s in body["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    assert len(ask(staff, "柔性引才", k=1)["suggestions"]) == 1
    assert len(ask(staff, "柔性引才", k=5)["suggestions"]) == 5
    assert staff.get("/api/assist", params={"q": "金卡", "k": 0}).status_code == 422
    assert staff.get("/api/assist", params={"q": "金卡", "k": 11}).status_code == 422


@pytest.mark.parametrize(
    "junk", ["", "   ", "？？？", "的了吗", "你好", "asdfqwer", "12345678987", "天气怎么样"]
)
def test_empty_and_junk_queries_answer_nothing_with_200(staff: TestClient, junk: str) -> None:
    assert ask(staff, junk) == {"query": junk, "region": "", "suggestions": []}


def test_missing_q_is_an_empty_query(staff: TestClient) -> None:
    assert staff.get("/api/assist").json()["suggestions"] == []


def test_query_over_200_characters_is_422_in_chinese(staff: TestClient) -> None:
    assert staff.get("/api/assist", params={"q": "金" * 200}).status_code == 200
    r = staff.get("/api/assist", params={"q": "金卡" * 101})
    assert r.status_code == 422
    assert (
        r.json()["error"] == "query_too_long"
        and "200" in r.json()["message"]
        and "关键词" in r.json()["message"]
    )


# ---- regions ----------------------------------------------------------------------------------------


def test_region_param_restricts_and_unknown_region_is_422(staff: TestClient) -> None:
    body = ask(staff, "人才公寓 孵化器", region="台州市", k=5)
    assert body["region"] == "台州市" and {s["region"] for s in body["suggestions"]} == {"台州市"}
    body = ask(staff, "人才公寓 孵化器", region="永嘉", k=5)  # aliases people use are accepted
    assert body["region"] == "永嘉县" and {s["region"] for s in body["suggestions"]} == {"永嘉县"}
    r = staff.get("/api/assist", params={"q": "金卡", "region": "杭州"})
    assert r.status_code == 422 and "永嘉县" in r.json()["message"] and "台州市" in r.json()["message"]


def test_region_named_in_the_query_wins_over_the_select(staff: TestClient) -> None:
    body = ask(staff, "台州 中介费", region="永嘉县")
    assert body["region"] == "台州市"
    top = body["suggestions"][0]
    assert top["region"] == "台州市" and top["citations"][0]["clause"] == passage("tz-3-9").clause
    assert ask(staff, "永嘉 台州 人才公寓")["region"] == ""  # both named: both searched


# ---- calculated answers first -----------------------------------------------------------------------


def test_funding_case_is_first_with_the_calculators_figure(staff: TestClient) -> None:
    expected = api.project_funding(category=3, rating="重点推荐")
    top = ask(staff, "第三类 重点推荐")["suggestions"][0]
    assert top["kind"] == "calc" and top["rule"] == "project_funding" and top["score"] >= 100
    assert top["answer"] == expected.answer and fmt_yuan(expected.values["amount"]) in top["answer"]
    assert [c["clause"] for c in top["citations"]] == [c.clause for c in expected.citations]
    assert top["steps"] == [s.text for s in expected.steps]


@pytest.mark.parametrize(
    ("query", "rule", "call"),
    [
        ("151 第三层次", "category_for_honours", lambda: api.category_for_honours("151第三层次")),
        ("杰青 属于第几类", "category_for_honours", lambda: api.category_for_honours("杰青")),
        ("年薪 60万 海外工程师", "overseas_engineer", lambda: api.overseas_engineer(annual_salary="60万")),
        ("柔性 30万", "flexible_reward", lambda: api.flexible_reward(taxable_pay="30万")),
        ("国千 购房", "housing_subsidy", lambda: api.housing_subsidy("国家千人计划")),
        ("中介费 80万 台州", "intermediary_fee_subsidy", lambda: api.intermediary_fee_subsidy(fee="80万")),
        ("博士后 工作站 省级", "workstation", lambda: api.workstation(kind="博士后", level="省级")),
    ],
)
def test_computable_cases_come_first_from_their_calculator(
    staff: TestClient, query: str, rule: str, call
) -> None:
    expected = call()
    top = ask(staff, query)["suggestions"][0]
    assert (top["kind"], top["rule"]) == ("calc", rule)
    assert top["answer"] == expected.answer
    assert top["citations"][0]["quote"] == expected.citations[0].display_quote()


def test_tranche_conditions_are_read_from_the_edition(staff: TestClient) -> None:
    top = ask(staff, "创业 第二期 条件")["suggestions"][0]
    assert top["rule"] == "tranche_conditions" and top["status"] == "ok"
    ed = api.resolve("永嘉县")
    for pid in ("tranche.startup.2.conditions", "tranche.startup.2.materials"):
        assert all(item in top["answer"] for item in ed.value(pid))
        assert ed.cite(pid).clause in {c["clause"] for c in top["citations"]}
    assert f"{ed.value('tranche.startup.2.share')}%" in top["answer"]


@pytest.mark.parametrize(
    ("query", "kwargs", "figure"),
    [  # 附件1 三（一）: 创业类 40% / 30% / 30%; 三（二）: 创新类 50% / 50%
        (
            "创业项目 270万 第二期",
            {"project_type": "创业", "approved_total": 2_700_000, "tranches_received": 1},
            "81万元",
        ),
        (
            "创新类 120万 第一期",
            {"project_type": "创新", "approved_total": 1_200_000, "tranches_received": 0},
            "60万元",
        ),
        (
            "创业 162万 第一期",
            {"project_type": "创业", "approved_total": 1_620_000, "tranches_received": 0},
            "64.8万元",
        ),
    ],
)
def test_tranche_query_with_the_approved_total_answers_the_tranches_amount(
    staff: TestClient, query: str, kwargs: dict, figure: str
) -> None:
    """The figure typed is the approved total; the amount and its conditions are policy_kb's answer."""
    expected = api.next_tranche(**kwargs)
    top = ask(staff, query)["suggestions"][0]
    assert (top["kind"], top["rule"]) == ("calc", "next_tranche")
    assert top["answer"].startswith(expected.answer or expected.message) and figure in top["answer"]
    assert {c.clause for c in expected.citations} <= {c["clause"] for c in top["citations"]}
    assert any(c["clause"].startswith("附件1 三（") for c in top["citations"])


def test_head_counts_and_several_pays_reach_the_per_person_rules(staff: TestClient) -> None:
    """柔性 2人 年薪80万: 5万元 each (per-person cap), 10万元 in all; 海外工程师 per engineer."""
    top = ask(staff, "柔性 2人 年薪80万")["suggestions"][0]
    expected = api.flexible_reward(taxable_pay="80万", people=2)
    assert top["rule"] == "flexible_reward" and top["answer"] == expected.answer
    assert expected.values["amount"] == 100_000 and "2人" in top["title"]
    top = ask(staff, "柔性 3人 40万 30万 20万")["suggestions"][0]
    assert top["answer"] == api.flexible_reward(taxable_pay=["40万", "30万", "20万"]).answer
    top = ask(staff, "海外工程师 2人 年薪80万")["suggestions"][0]
    expected = api.overseas_engineer(annual_salary="80万", people=2)
    assert top["rule"] == "overseas_engineer" and top["answer"] == expected.answer
    assert "每人" in top["answer"] and "2人" in top["title"]


def test_a_calculator_missing_an_input_reads_the_clause_and_names_what_it_needs(staff: TestClient) -> None:
    """贷款贴息 第二类: no loan amount or rate typed — the card reads 三（三）'s figures (verbatim) and
    asks the rule's own questions; nothing is computed by the assistant."""
    rule = api.loan_interest(category=2)
    top = ask(staff, "贷款贴息 第二类")["suggestions"][0]
    assert (top["kind"], top["rule"], top["status"]) == ("calc", "loan_interest", rule.status.value)
    if rule.answer:  # policy_kb answers first: its answer is the card
        assert top["answer"].startswith(rule.answer)
    else:
        assert top["citations"][0]["clause"] == "三（三）" and "500万元" in top["answer"]
        assert top["answer"].endswith("还需要：" + "".join(m.question for m in rule.missing))
    assert [m["name"] for m in top["missing"]] == [m.name for m in rule.missing]


def test_an_honour_with_a_plan_and_a_project_type_gets_the_funding_figure(staff: TestClient) -> None:
    top = ask(staff, "省千 创业项目 资助")["suggestions"][0]
    expected = api.project_funding(plan="省千人计划", project_type="创业")
    # the honour typed is said first with its category (附件1 二 via 二's catalogue), then the plan rule
    assert top["rule"] == "project_funding" and top["answer"].endswith(expected.answer)
    assert top["answer"].startswith(api.category_for_honours("省千").values["category_sentence"])
    top = ask(staff, "580计划 第几类 最多拿多少")["suggestions"][0]
    assert top["rule"] == "total_award" and top["answer"] == api.total_award(honours="580计划").answer


def test_a_place_no_text_covers_gets_the_not_covered_answer_and_nothing_else(staff: TestClient) -> None:
    body = ask(staff, "鹿城 人才公寓")
    assert len(body["suggestions"]) == 1
    card = body["suggestions"][0]
    expected = api.region_scope("鹿城 人才公寓")
    assert card["answer"] == expected.answer and "鹿城" in card["answer"]
    assert {c["clause"] for c in card["citations"]} == {c.clause for c in expected.citations}
    assert ask(staff, "温州580 住房补贴")["suggestions"][0]["rule"] == "housing_subsidy"  # a plan


@pytest.mark.parametrize(
    ("query", "intro", "said"),
    [
        (
            "柔性引才奖励 须提供的材料",
            "yj-a2-8-2",
            ["合作协议", "人才有效身份证明材料", "个人所得税", "其他需要提供的材料"],
        ),
        (
            "柔性引才有哪些方式",
            "yj-a2-5",
            ["顾问指导", "短期兼职", "对口支援", "技术入股", "其他柔性引才方式"],
        ),
        ("创业类 资助资金 分三期", "yj-a1-3-1", ["分三期资助到位：", "第一期40%", "第二期30%", "第三期30%"]),
        (
            "台州 2020 具体目标",
            "tz-1",
            ["人才政策体系全面优化", "人才量质全面提升", "人才平台全面升级", "人才红利全面释放"],
        ),
    ],
)
def test_a_clause_introducing_a_list_is_read_with_its_items(
    staff: TestClient, query: str, intro: str, said: list[str]
) -> None:
    card = next(s for s in ask(staff, query)["suggestions"] if s.get("passage_id") == intro)
    assert all(compact(x) in compact(card["answer"]) for x in said), card["answer"]
    items = [i.passage_id for i in passage(intro).items]
    assert [c["passage_id"] for c in card["citations"]] == [intro, *items]  # each item cited and linked


def test_a_list_and_its_item_do_not_take_two_slots_at_full_score(staff: TestClient) -> None:
    got = ask(staff, "柔性引才奖励 须提供的材料", k=5)["suggestions"]
    ids = [s.get("passage_id") for s in got]
    assert ids[0] == "yj-a2-8-2"
    items = {i.passage_id for i in passage("yj-a2-8-2").items}
    hits = {s["passage_id"]: s["score"] for s in got if s.get("passage_id") in items}
    assert all(score <= got[0]["score"] / 2 for score in hits.values())


def test_ambiguous_honour_says_what_each_reading_would_mean(staff: TestClient) -> None:
    top = ask(staff, "千人计划 第几类")["suggestions"][0]
    assert top["rule"] == "category_for_honours" and top["status"] == "needs_input"
    assert "第2类" in top["answer"] and "第3类" in top["answer"] and top["missing"]


def test_honour_in_passing_is_a_weak_case_below_the_asked_one(staff: TestClient) -> None:
    got = ask(staff, "國千 房補")["suggestions"]
    assert got[0]["rule"] == "housing_subsidy"
    weak = next(s for s in got if s.get("rule") == "category_for_honours")
    assert weak["score"] < 100


def test_traditional_aliases_and_spacing_hit_the_same_cached_answer(staff: TestClient) -> None:
    simplified = ask(staff, "国千 房补")["suggestions"]
    hits = _rank_cached.cache_info().hits
    assert ask(staff, "國千　房補")["suggestions"] == simplified  # traditional, full-width space
    assert _rank_cached.cache_info().hits == hits + 1


# ---- 话术 from passages, services and the gold card --------------------------------------------------


def test_gold_card_item_script_names_the_clause_and_the_benefit(staff: TestClient) -> None:
    card = catalogue_for("yongjia-2016").gold_card
    benefit = next(b for b in card.benefits if "公共交通" in b.citation.quote)
    top = ask(staff, "金卡 公交")["suggestions"][0]
    assert top["kind"] == "service" and top["item"] == "gold_card"
    assert top["answer"].startswith("根据《永嘉县加强“以情聚才”营造良好环境实施办法》")
    assert "第二条第三款" in top["answer"] and benefit.citation.display_quote() in top["answer"]
    assert top["citations"][0]["clause"] == benefit.citation.clause


def test_passage_scripts_are_verbatim_pieces_of_their_clause(staff: TestClient) -> None:
    checked = 0
    for q in ("台州 中介费", "柔性引才 上限", "项目实施期限", "容错 免责", "创业类 申报条件 股权", "人才贷"):
        for s in ask(staff, q)["suggestions"]:
            if s["kind"] != "passage":
                continue
            source = compact(passage(s["passage_id"]).display_with_items)
            lead, _, said = s["answer"].partition("，")
            assert lead.startswith("根据《")
            said = re.sub(r"(责任单位|牵头单位)：.*$", "", said)
            for piece in re.split(r"[。；：]|……", said):
                assert compact(piece) in source, (q, piece)
            checked += 1
    assert checked >= 6


# ---- source viewer ----------------------------------------------------------------------------------


def test_source_link_opens_the_document_with_the_clause_highlighted(staff: TestClient) -> None:
    s = ask(staff, "台州 签证 落户")["suggestions"][0]
    pid = s["passage_id"]
    assert "#" not in s["source_link"]  # ids like tz-5-21#3 are escaped, not fragments
    r = staff.get(s["source_link"])
    assert r.status_code == 200
    view = document_with_span(pid)
    highlighted = re.search(r'<mark id="hit" tabindex="-1">(.*?)</mark>', r.text, flags=re.S)
    assert highlighted
    escaped = view.text[view.start : view.end].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert highlighted.group(1) == escaped.replace('"', "&#34;").replace("'", "&#39;")
    assert "&lt;规划局&gt;" in r.text and "<规划局>" not in r.text  # source text is escaped
    assert '<script src="/assist/static/source.js">' in r.text


def test_source_viewer_404s(staff: TestClient) -> None:
    assert staff.get("/assist/source/taizhou-2018/yj-a3-2-3").status_code == 404  # wrong edition
    assert staff.get("/assist/source/yongjia-2016/no-such-passage").status_code == 404


# ---- calculators ------------------------------------------------------------------------------------


def test_calculators_need_the_session_csrf_token(staff: TestClient) -> None:
    body = {"inputs": {"annual_salary": "60"}}
    assert staff.post("/api/assist/calc/overseas_engineer", json=body).status_code == 403
    r = staff.post(
        "/api/assist/calc/overseas_engineer", json=body, headers={"X-CSRF-Token": page_csrf(staff)}
    )
    assert r.status_code == 200 and r.json()["answer"] == api.overseas_engineer(annual_salary="60万").answer


def test_funding_calculator_applies_the_paid_in_capital_cap(staff: TestClient) -> None:
    inputs = {"category": "第3类", "rating": "重点推荐", "project_type": "创业", "paid_in_capital": "100"}
    r = staff.post(
        "/api/assist/calc/funding", json={"inputs": inputs}, headers={"X-CSRF-Token": page_csrf(staff)}
    )
    expected = api.project_funding(
        category=3, rating="重点推荐", project_type="创业", paid_in_capital="100万"
    )
    got = r.json()
    assert got["values"]["amount"] == expected.values["amount"] == 1_000_000  # 100万 typed as "100"
    assert got["steps"] == [s.text for s in expected.steps] and got["citations"]
    assert all(c.get("source_link", "").startswith("/assist/source/") for c in got["citations"])


def test_tranche_calculator_returns_conditions_and_materials(staff: TestClient) -> None:
    inputs = {"project_type": "创业", "approved_total": "100", "tranches_received": "1", "spending": "80"}
    r = staff.post(
        "/api/assist/calc/tranche", json={"inputs": inputs}, headers={"X-CSRF-Token": page_csrf(staff)}
    )
    got = r.json()
    expected = api.next_tranche(
        project_type="创业", approved_total="100万", tranches_received=1, spending="80万"
    )
    assert got["values"]["tranche"] == 2 and got["values"]["materials"] == expected.values["materials"]
    assert [c["text"] for c in got["values"]["conditions"]] == [
        c["text"] for c in expected.values["conditions"]
    ]
    assert got["answer"] == expected.answer


def test_every_calculator_answers_its_own_form(staff: TestClient) -> None:
    token = page_csrf(staff)
    for calc in CALCULATORS:
        r = staff.post(f"/api/assist/calc/{calc.name}", json={"inputs": {}}, headers={"X-CSRF-Token": token})
        assert r.status_code == 200, calc.name
        assert r.json()["status"] in {"needs_input", "ok"} and r.json()["answer"], calc.name


def test_calculator_input_errors(staff: TestClient) -> None:
    h = {"X-CSRF-Token": page_csrf(staff)}
    assert staff.post("/api/assist/calc/nope", json={"inputs": {}}, headers=h).status_code == 404
    r = staff.post("/api/assist/calc/loan", json={"inputs": {"salary": "1"}}, headers=h)
    assert r.status_code == 422 and "salary" in r.json()["message"]
    r = staff.post("/api/assist/calc/loan", json={"inputs": {"category": "x" * 61}}, headers=h)
    assert r.status_code == 422
    r = staff.post(
        "/api/assist/calc/overseas_engineer", json={"inputs": {"annual_salary": "很多"}}, headers=h
    )
    assert r.json()["status"] == "invalid" and "年薪" in r.json()["answer"]  # policy_kb's own message


# ---- the page ---------------------------------------------------------------------------------------


def test_page_has_box_region_and_every_calculator_and_no_external_urls(staff: TestClient) -> None:
    r = staff.get("/assist")
    assert r.status_code == 200 and "script-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert re.search(r'<input id="q"[^>]*autofocus', html)
    assert '<option value="永嘉县">' in html and '<option value="台州市">' in html
    for calc in CALCULATORS:
        assert f'data-calc="{calc.name}"' in html
    for text in (html, *(p.read_text(encoding="utf-8") for p in (STATIC / "static").iterdir())):
        assert not re.search(r"https?://", text)
    js = (STATIC / "static" / "assist.js").read_text(encoding="utf-8")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML|document\.write", js)
