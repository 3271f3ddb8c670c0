"""Search: recall on staff-style queries, normalisation, region handling, junk, determinism, latency."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
import yaml

from policy_kb import api
from policy_kb.passages import documents, passage
from policy_kb.search import MIN_RELATIVE, dictionary_terms, index, query_terms, search, tokens

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))


def _clauses(ids: list[str]) -> set[tuple[str, str]]:
    return {(passage(i).edition, passage(i).clause) for i in ids}


def test_labelled_set_is_large_and_valid():
    assert len(QUERIES) >= 40
    for case in QUERIES:
        assert case["query"].strip() and case["expect"]
        _clauses(case["expect"])  # every expected id exists


def test_top3_recall_and_latency(capsys):
    index()  # built once; latency below is per query on a warm index
    top1 = top3 = 0
    latencies: list[float] = []
    misses = []
    for case in QUERIES:
        want = _clauses(case["expect"])
        t0 = time.perf_counter()
        hits = search(case["query"], k=3)
        latencies.append((time.perf_counter() - t0) * 1000)
        got = [(h.edition, h.citation.clause) for h in hits]
        top1 += bool(got) and got[0] in want
        top3 += any(g in want for g in got)
        if not any(g in want for g in got):
            misses.append((case["query"], case["expect"], [h.passage_id for h in hits]))
    n = len(QUERIES)
    latencies.sort()
    p95 = latencies[min(n - 1, round(0.95 * (n - 1)))]
    with capsys.disabled():
        print(
            f"\nsearch: {n} queries, top-1 {top1}/{n} = {top1 / n:.1%}, top-3 {top3}/{n} = {top3 / n:.1%}; "
            f"latency mean {statistics.mean(latencies):.2f} ms, p95 {p95:.2f} ms"
        )
    assert top3 / n >= 0.95, misses


@pytest.mark.parametrize(
    "junk", ["", "   ", "？？？", "!!!", "的了吗", "你好", "asdfqwer", "12345678987", "天气怎么样", "\n\t"]
)
def test_empty_and_junk_queries_return_nothing(junk):
    assert search(junk) == []


def test_traditional_and_full_width_match_simplified():
    ids = lambda q: [h.passage_id for h in search(q)]  # noqa: E731
    assert ids("國千 購房補貼") == ids("国千 购房补贴")
    assert ids("創業 第一期 ４０％") == ids("创业 第一期 40%")


def test_aliases_and_synonyms_expand():
    assert "国家杰出青年基金获得者" in query_terms("杰青")
    assert query_terms("杰青")["杰青"] == 1.0 and query_terms("杰青")["国家杰出青年基金获得者"] < 1.0
    assert "公共交通" in query_terms("金卡 公交")
    assert "580计划" in query_terms("580 购房")
    assert "博士后科研工作站" in query_terms("博士后工作站")  # the longer key wins over 博士后 (博士)


def test_dictionary_keeps_policy_terms_whole():
    assert {"杰青", "151第三层次", "金卡", "房票", "英才卡", "博士后科研工作站"} <= set(dictionary_terms())
    assert "博士后科研工作站" in tokens("新认定的国家级、省级、市级博士后科研工作站")
    assert {"151人才工程", "151"} <= set(tokens("省“151人才工程”第三层次培养人员"))


def test_region_filter_and_boost():
    assert {h.region for h in search("人才公寓", k=5, region="台州")} == {"台州市"}
    assert all(h.region == "永嘉县" for h in search("金卡", k=5, region="永嘉"))
    assert search("金卡", region="杭州") == []  # never another county's policy instead
    assert search("台州 人才公寓")[0].region == "台州市"
    assert search("永嘉 金卡 健身")[0].region == "永嘉县"


def test_hits_are_cited_one_per_clause_and_deterministic():
    texts = {d.edition: d.text() for d in documents()}
    for q in ("金卡", "英才卡", "创业 第二期 条件", "台州 中介费", "房票"):
        hits = search(q, k=5)
        assert hits and len(hits) <= 5
        assert len({(h.edition, h.citation.clause) for h in hits}) == len(hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert all(h.score >= MIN_RELATIVE * hits[0].score for h in hits)  # no stray tail hits
        for h in hits:
            assert h.citation.quote in texts[h.edition]
        assert search(q, k=5) == hits
    assert search("金卡 公交")[0].kind == "gold_card"
    assert search("英才卡")[0].kind == "service"
    assert index() is index()


def test_k_is_respected():
    assert len(search("人才", k=1)) == 1
    assert len(search("人才", k=7)) == 7
    assert search("人才", k=0) == []


def test_a_list_hit_carries_its_items() -> None:
    """附件2 第五条 ends with “柔性引才的方式主要包括：”; its hit reads on through （一）–（五）."""
    hit = next(h for h in search("柔性引才 方式", k=5) if h.passage_id == "yj-a2-5")
    assert len(hit.items) == 5 and hit.items[3].startswith("（四）技术入股")
    assert hit.text.startswith("第五条") and hit.text.endswith("（五）经认定的其他柔性引才方式。")
    assert all(item in hit.text for item in hit.items)
    assert hit.citation.quote == passage("yj-a2-5").text  # the citation stays the clause's own words
    hit = next(h for h in search("柔性引才奖励 须提供的材料", k=3) if h.passage_id == "yj-a2-8-2")
    assert "人才有效身份证明材料" in hit.text and len(hit.items) == 6


def test_list_items_ending_with_a_semicolon_are_searchable() -> None:
    """（三）对于柔性引进后全职在永工作的高层次人才…；— an item with neither 。 nor ： is a clause."""
    assert "yj-a2-9-3" in [h.passage_id for h in search("柔性 全职 社保转入", k=3)]
    assert "yj-a2-8-2-4" in [h.passage_id for h in search("个人所得税缴纳证明", k=3)]


def test_an_attachment_title_shown_by_an_article_does_not_outweigh_its_words() -> None:
    """第九条 has no heading and shows 附件2's title; “旅居服务” is 第五条（二）'s subject."""
    got = [h.passage_id for h in search("柔性引进 旅居服务", k=3)]
    assert got[0] in {"yj-a2-5-2", "yj-a2-5"}


def test_notice_and_preamble_lead_only_for_questions_about_the_document() -> None:
    """They repeat the plan's title and aims, so they matched any question naming the plan."""
    hits = api.search("台州人才强市行动计划的目标里有千人计划专家吗，多少个", k=3)
    assert hits and hits[0].citation.clause not in {"通知", "前言"}
    hits = api.search("永嘉人才新政十二条是根据温州市哪个文件制定的", k=1)
    assert hits[0].citation.clause == "前言" and "温委办发〔2015〕49号" in hits[0].text


def test_a_document_number_names_its_region() -> None:
    hits = api.search("永委办发〔2016〕82号 发文日期", k=3)
    assert hits and all(h.region == "永嘉县" for h in hits)


def test_a_count_asked_gets_the_passage_that_states_the_count() -> None:
    """台州 三、8.: "柔性引进院士 目标几个" is answered by the sentence "累计柔性引进院士100名", not by the
    clause's opening sentence on 柔性引才 (which also names 院士专家工作站); without a count asked, the
    opening sentence stays first."""
    from policy_kb import api

    hit = api.search("台州柔性引进院士 目标几个", k=1, region="台州市")[0]
    assert hit.citation.clause == "三、8." and "院士100名" in hit.text.replace(" ", "")
    plain = api.search("台州柔性引进人才有哪些方式", k=1, region="台州市")[0]
    assert plain.citation.clause == "三、8." and "院士100名" not in plain.text.replace(" ", "")


def test_a_clause_s_second_passage_scored_as_high_is_shown_with_the_first() -> None:
    """台州 五、15.: "要跑好几个部门？有没有一个窗口…？网上能申请不？" asks both its 一站式 entry (一窗受理) and its
    智慧人才 entry (全程电子化), scored within 1% of each other; only the higher one was shown (dev19)."""
    hit = search(
        "在台州办人才政策兑现是不是要跑好几个部门？有没有一个窗口全给办了的？网上能申请不？",
        k=3,
        region="台州市",
    )[0]
    assert hit.citation.clause == "五、15."
    assert "一窗受理" in hit.text and "全程电子化" in hit.text


def test_a_second_passage_within_the_ratio_is_shown_too() -> None:
    """台州 六、24.: "条件比较苦的山区乡镇工作，有什么照顾" scored the clause's 加快发展地区 passage first and its
    艰苦地区 passage (经济补贴、职级晋升、职称评聘) at 0.8996 of it — under the old 0.9, so the answer left out the
    补贴 and 职称 the question is about (dev23, dev16)."""
    hit = search("要是我去台州那些条件比较苦的山区乡镇工作，有什么照顾没有？", k=3, region="台州市")[0]
    assert hit.citation.clause == "六、24."
    assert "经济补贴" in hit.text and "职称评聘" in hit.text


def test_whom_the_policy_is_for_is_its_overall_aim() -> None:
    """永嘉 一: "这套人才新政说到底想招什么样的人" is 引进、培育和造就一批…领军型创新创业人才和团队, the
    clause's second passage (dev24)."""
    hit = search("永嘉縣這套人才新政說到底想招什麼樣的人？是不是只要大咖？", k=3, region="永嘉县")[0]
    assert hit.citation.clause == "一" and "领军型创新创业人才和团队" in hit.text


def test_a_question_asking_two_things_gets_more_of_the_clause() -> None:
    """台州 二、3.: "两件事想问：一是…自己组织给工人评技能等级…二是…学徒制试点要选多少家" asks its 学徒制 passage
    and its 自主评价 one (0.81 of it on the words matched; the count asked boosts only the first) — dev24."""
    words = (
        "我是温岭一家泵业公司的人事，两件事想问：一是我们能不能自己组织给工人评技能等级，不用都送出去考？"
        "二是市里那个学徒制试点要选多少家企业，我们想报名试试。"
    )
    hit = search(words, k=3, region="台州市")[0]
    assert hit.citation.clause == "二、3." and "30家" in hit.text and "自主评价" in hit.text
    one = search("市里那个学徒制试点要选多少家企业，我们想报名试试。", k=3, region="台州市")[0]
    assert one.citation.clause == "二、3." and "自主评价" not in one.text  # one thing asked: one passage


def test_a_summary_gives_way_to_the_passage_it_was_drawn_from_when_that_scores_as_high() -> None:
    """台州 五、18.: "专利能拿去押给银行贷款不" is 知识产权质押融资, in the clause's passage but not in the service
    summary drawn from it, which was shown alone (dev19, dev16)."""
    hit = search(
        "我的专利被别人仿了，台州有地方帮着维权吗？另外专利能拿去押给银行贷款不", k=3, region="台州市"
    )[0]
    assert hit.citation.clause == "五、18."
    assert "维权援助" in hit.text and "质押融资" in hit.text
    assert hit.text.count("维权援助中心") == 1  # the summary is not shown beside the passage that holds it


def test_someone_to_run_the_errands_is_the_green_channel_s_agency() -> None:
    """附件3 二（四）: "县里有没有能帮他代跑的地方" is the 绿色通道's 代办制 (dev22), not 台州's 一站式 platform."""
    asked = "我们请来的博士要在永嘉注册个公司，各种手续太多，他根本没空一个个窗口跑。县里有没有能帮他代跑的地方？在哪里？"
    assert search(asked, k=1)[0].citation.clause == "附件3 二（四）"


def test_a_unique_passage_of_one_text_does_not_answer_words_plainly_about_the_other() -> None:
    """永嘉 二 alone states 重点引进培养在…传统产业; "市里要给我们这些老行业建一个什么创新服务综合体" names 老行业 but is
    plainly 台州 四、14. (产业创新服务综合体) — it was answered with 永嘉's industries (dev21, dev22)."""
    from policy_kb.aspects import aspect_hit

    asked = "我们是做智能马桶的，听说市里要给我们这些老行业建一个什么创新服务综合体，省级的打算建几家？"
    hit = aspect_hit(asked, None)
    assert hit is None or hit.citation.clause == "四、14."
    # asked of 永嘉 alone, the passage answers
    yongjia = aspect_hit("做鞋这种老行业也在重点范围里吗", "永嘉县")
    assert yongjia is not None and yongjia.citation.clause == "二"


def test_who_may_apply_for_project_funding_is_attachment_1_s_applicants() -> None:
    """附件1 一: "专门给人才带项目发钱的办法，想问下是哪些人能去报" is 项目申报对象主要指…第1、2、3、4、5类 (dev26)."""
    from policy_kb.aspects import aspect_hit

    hit = aspect_hit(
        "你好，听朋友讲永嘉县里有个专门给人才带项目发钱的办法，想问下是哪些人能去报，项目又是怎么分的？", None
    )
    assert hit is not None and hit.citation.clause == "附件1 一"


def test_a_lecture_fee_is_the_labour_fee_at_market_rates() -> None:
    """台州 二、6.: "请几个外国教授来台州讲学…讲课费按什么标准发" is 邀请外籍高端人才开展学术交流，可参考市场标准支付劳务费用
    (dev28) — 讲课费 is the text's 劳务费用."""
    from policy_kb.search import search

    hits = search(
        "我们学院想请几个外国教授来台州讲学交流，给他们的讲课费按什么标准发？", k=1, region="台州市"
    )
    assert hits and hits[0].citation.clause == "二、6." and "市场标准" in hits[0].text
