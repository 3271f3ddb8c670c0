"""Passages: verbatim slices of the sources, every clause present with its heading, nothing left out."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from policy_kb.editions import edition
from policy_kb.passages import MAX_CHARS, all_passages, document_with_span, documents, passage

HAN = "一二三四五六七八九十"


def han(n: int) -> str:
    """1..19 → 一..十九 (the texts go up to 十二)."""
    return HAN[n - 1] if n <= 10 else "十" + HAN[n - 11]


def subs(prefix: str, n: int) -> list[str]:
    return [f"{prefix}（{han(i)}）" for i in range(1, n + 1)]


# The structure of both documents, written down from reading them (not from the parser).
YONGJIA_CLAUSES = [
    "前言",
    "一",
    "二",
    "三",
    "四",
    "五",
    "附件目录",
    *[f"二 第{i}类" for i in range(1, 6)],
    *subs("三", 12),
    *subs("四", 3),
    "附件1",
    *[f"附件1 {han(i)}" for i in range(1, 6)],
    *subs("附件1 一", 2),
    *subs("附件1 二", 2),
    *subs("附件1 三", 2),
    *subs("附件1 四", 3),
    *[f"附件1 三（一）{i}" for i in (1, 2, 3)],
    *[f"附件1 三（二）{i}" for i in (1, 2)],
    "附件2",
    *[f"附件2 第{han(i)}条" for i in range(1, 12)],
    *subs("附件2 第五条", 5),
    *subs("附件2 第六条", 2),
    *subs("附件2 第八条", 6),
    *subs("附件2 第九条", 4),
    *[f"附件2 第八条（二）{i}" for i in range(1, 7)],
    "附件3",
    *[f"附件3 {han(i)}" for i in range(1, 4)],
    *subs("附件3 二", 10),
]
TAIZHOU_PARTS = {
    2: range(1, 7),
    3: range(7, 11),
    4: range(11, 15),
    5: range(15, 22),
    6: range(22, 28),
    7: range(28, 31),
}
TAIZHOU_CLAUSES = [
    "通知",
    "前言",
    *[han(i) for i in range(1, 8)],
    *[
        f"一、{g}"
        for g in ("人才政策体系全面优化", "人才量质全面提升", "人才平台全面升级", "人才红利全面释放")
    ],
    *[f"{han(part)}、{n}." for part, items in TAIZHOU_PARTS.items() for n in items],
]


def test_clause_counts():
    """96 Yongjia clauses (incl. attachments) and 43 Taizhou clauses; 135 numbered ones besides
    the two preambles, Taizhou's covering notice and Yongjia's list of attachments."""
    assert len(YONGJIA_CLAUSES) == len(set(YONGJIA_CLAUSES)) == 96
    assert len(TAIZHOU_CLAUSES) == len(set(TAIZHOU_CLAUSES)) == 43


@pytest.mark.parametrize(("region", "expected"), [("永嘉县", YONGJIA_CLAUSES), ("台州市", TAIZHOU_CLAUSES)])
def test_every_clause_present(region, expected):
    assert {p.clause for p in all_passages(region)} == set(expected)


def test_every_passage_is_a_verbatim_slice():
    for d in documents():
        text = d.text()
        for p in all_passages(d.region):
            assert p.text == text[p.start : p.end], p.id
            assert p.text in text and p.text.strip() == p.text, p.id
            assert p.citation.quote == p.text and p.citation.doc == d.doc, p.id
            assert (p.region, p.edition) == (d.region, d.edition)


def test_passages_cover_every_character():
    """Nothing of either text is left unsearchable (whitespace aside)."""
    for d in documents():
        text = d.text()
        covered = [False] * len(text)
        for p in all_passages(d.region):
            covered[p.start : p.end] = [True] * (p.end - p.start)
        left = "".join(c for c, ok in zip(text, covered, strict=True) if not ok and not c.isspace())
        assert left == "", f"{d.edition}: {left[:80]}"


def test_ids_unique_and_stable():
    ids = [p.id for p in all_passages()]
    assert len(ids) == len(set(ids))
    assert passage("yj-3-7").clause == "三（七）"
    assert passage("yj-a1-3-1-2").clause == "附件1 三（一）2"
    assert passage("yj-a3-2-3").clause == "附件3 二（三）"
    assert passage("yj-a2-8-2-3").clause == "附件2 第八条（二）3"
    assert passage("tz-3-9").clause == "三、9."


def test_headings_become_titles():
    """Every printed heading — “（七）加强人才住房保障。”, “9. 打造聚才活动系列品牌。”, “一、总体要求” — is a title."""
    titles = {p.title for p in all_passages()}
    headings = []
    for d in documents():
        for line in d.text().splitlines():
            line = line.strip()
            m = re.match(rf"(?:（[{HAN}]+）|\d+\. )([^，；。：]{{2,24}})[。：]", line)
            part = re.fullmatch(rf"[{HAN}]+、([^，；。：]{{2,24}})", line)
            headings += [x.group(1) for x in (m, part) if x]
    assert len(headings) == 93  # the rest (第七条 …, 1、项目申请人…) have no heading of their own
    assert set(headings) <= titles, set(headings) - titles
    assert passage("yj-3-7").title == "加强人才住房保障"
    assert passage("yj-a3-2-3").title == "发放一张人才服务“金卡”"
    assert passage("yj-2-cat2").title == "第2类：国家级领军人才"
    assert passage("tz-5-21").title == "推动人才生活全方位保障"
    for n, title in edition("yongjia-2016").attachments.items():
        assert passage(f"yj-a{n[-1]}").title == title


def test_long_clauses_split_into_sentence_groups():
    parts = [p for p in all_passages("台州市") if p.clause == "三、9."]
    assert [p.id for p in parts] == ["tz-3-9", "tz-3-9#2", "tz-3-9#3"]
    assert all(p.title == "打造聚才活动系列品牌" for p in parts)
    for a, b in pairwise(parts):
        assert a.end <= b.start and a.text.endswith("。")
    assert parts[-1].text.endswith("（责任单位：市委组织部、市人力社保局、市外侨办、团市委、各县市区）")
    for p in all_passages():  # over the limit only as one long sentence (plus a merged short one)
        if len(re.sub(r"\s", "", p.text)) > MAX_CHARS:
            assert p.text.count("。") <= 2, p.id


def test_document_with_span_highlights_the_passage():
    view = document_with_span("yj-a3-2-3")
    assert view.text[view.start : view.end] == passage("yj-a3-2-3").text
    assert view.doc == "永委办发〔2016〕82号" and view.region == "永嘉县"
    view = document_with_span("tz-5-21#3")
    assert "英才卡" in view.text[view.start : view.end] and view.doc == "台市委发〔2018〕39号"


def test_display_joins_page_breaks():
    p = next(p for p in all_passages("台州市") if "全\n\n省领先" in p.text)
    assert "全省领先" in p.display


# ---- a clause that introduces a list carries the list ---------------------------------------------------
# Written from reading the texts: every clause that ends with “：” and the items that follow it.
LISTS = {
    "yj-2": ["yj-2-cat1", "yj-2-cat2", "yj-2-cat3", "yj-2-cat4", "yj-2-cat5"],  # 主要包括以下五类：
    "yj-a1-1": ["yj-a1-1-1", "yj-a1-1-2"],  # 分别应具备以下条件：
    "yj-a1-3-1": ["yj-a1-3-1-1", "yj-a1-3-1-2", "yj-a1-3-1-3"],  # 分三期资助到位：
    "yj-a1-3-2": ["yj-a1-3-2-1", "yj-a1-3-2-2"],  # 分二期资助到位：
    "yj-a2-5": [f"yj-a2-5-{i}" for i in range(1, 6)],  # 柔性引才的方式主要包括：
    "yj-a2-6": ["yj-a2-6-1", "yj-a2-6-2"],  # 并符合以下要求：
    "yj-a2-8": [f"yj-a2-8-{i}" for i in range(1, 7)],  # 企业引才奖励申请程序：
    "yj-a2-8-2": [f"yj-a2-8-2-{i}" for i in range(1, 7)],  # 须提供的材料包括：
    "yj-a2-9": [f"yj-a2-9-{i}" for i in range(1, 5)],  # 可享受以下优惠政策：
    "tz-1": ["tz-1-goal1", "tz-1-goal2", "tz-1-goal3", "tz-1-goal4"],  # 具体目标为：
}
# 附件3's “现就…提出如下实施办法：” introduces the whole attachment, whose parts are clauses of their own.
WHOLE_DOCUMENT = {"yj-a3"}


def test_every_clause_ending_with_a_colon_carries_the_items_that_follow() -> None:
    ending = {p.id for p in all_passages() if re.search(r"[：:]$", p.text)}
    assert ending == set(LISTS) | WHOLE_DOCUMENT
    with_items = {p.id: [i.passage_id for i in p.items] for p in all_passages() if p.items}
    assert with_items == LISTS
    assert passage("yj-a3").items == ()


def test_every_colon_at_a_line_end_of_the_sources_is_a_list_or_an_addressee_line() -> None:
    """Found by grepping the texts, not from the parser: a line ending with “：” is either the 主送
    line of a document or the end of a clause that carries its list."""
    for d in documents():
        text = d.text()
        passages = all_passages(d.region)
        for m in re.finditer(r"[：:][ \t]*$", text, flags=re.M):
            p = next(p for p in passages if p.start <= m.start() < p.end)
            if p.clause in {"前言", "通知"}:
                assert "各" in text[text.rfind("\n", 0, m.start()) : m.start()]  # 各…单位：
                continue
            assert p.id in LISTS or p.id in WHOLE_DOCUMENT, (p.id, text[m.start() - 20 : m.start()])


@pytest.mark.parametrize("intro", sorted(LISTS))
def test_list_items_are_verbatim_and_follow_their_lead_in(intro: str) -> None:
    p = passage(intro)
    d = next(d for d in documents() if d.edition == p.edition)
    text = d.text()
    at = p.end
    for item in p.items:
        assert text[item.start : item.end] == item.text
        assert text[at : item.start].strip() == "", (intro, item.passage_id)  # nothing skipped
        assert passage(item.passage_id).start == item.start
        at = item.end
    assert p.list_end == at
    joined = re.sub(r"\s*\n\s*", "", text[p.start : p.list_end])
    assert p.display_with_items == joined


def test_list_items_keep_their_own_lists_and_lead_ins_keep_the_items() -> None:
    steps = passage("yj-a2-8").items
    assert [i.clause for i in steps] == [f"附件2 第八条（{han(n)}）" for n in range(1, 7)]
    assert "6．其他需要提供的材料。" in steps[1].display  # （二）申请 with its six materials
    tranches = passage("yj-a1-3-1").display_with_items
    assert tranches.index("分三期资助到位：") < tranches.index("第一期40%") < tranches.index("第二期30%")
    assert tranches.endswith("拨付第三期30%的资助资金。")
    materials = passage("yj-a2-8-2").display_with_items
    assert "须提供的材料包括：1．符合本办法第六条规定的合作协议或合同；" in materials
    assert "个人所得税缴纳证明" in materials and materials.endswith("6．其他需要提供的材料。")
    # 二's “经认定，…列入相应层次人才。” after 第1–5类 is 二's own text again, not a sixth item
    assert "经认定" not in passage("yj-2").display_with_items


def test_lists_inside_one_line_stay_in_their_passage() -> None:
    """第1类：…主要包括：诺贝尔奖…; 金卡 可享有以下…：定期安排…; 三（八）'s 积分制 sentence."""
    assert "中国科学院、中国工程院院士" in passage("yj-2-cat1").display
    assert "免费乘座县域公共交通车辆" in passage("yj-a3-2-3").display
    points = next(p for p in all_passages("永嘉县") if "积分制" in p.text)
    assert points.clause == "三（八）"
    assert "在人才租赁住房补贴、人才公寓、人才子女入学方面给企业提供相对应的政策优惠。" in points.display
