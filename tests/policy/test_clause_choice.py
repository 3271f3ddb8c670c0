"""Route by clause: is the best clause clear, or is another one close enough to offer beside it?

The threshold (CLOSE_RATIO) was read off the blind dev split by scripts/clause_margins.py; these tests
pin the decision's shape on made-up hits and on questions named after the clauses they are about.
"""

from __future__ import annotations

import pytest

from policy_kb import api
from policy_kb.model import Citation
from policy_kb.search import (
    CLOSE_RATIO,
    MAX_CLOSE,
    SearchHit,
    clause_label,
    close_clauses,
    hit_by_id,
    nested,
)

FLOOR = 10.0  # actions.clauses.WEAK_MIN_SCORE


def _hit(clause: str, score: float, edition: str = "yongjia-2016") -> SearchHit:
    citation = Citation(doc="永委办发〔2016〕82号", clause=clause, quote="…")
    return SearchHit(f"id-{clause}", clause, "…", citation, "永嘉县", edition, score)


def _clauses(hits: list[SearchHit]) -> list[str]:
    return [h.citation.clause for h in hits]


# -- the decision on made-up hits -----------------------------------------------------------------


def test_a_runner_up_far_behind_leaves_the_best_clear() -> None:
    hits = [_hit("附件2 第七条", 30.0), _hit("附件2 第九条", 30.0 * CLOSE_RATIO - 0.1)]
    assert close_clauses(hits, FLOOR) == []


def test_a_runner_up_at_the_ratio_is_close() -> None:
    hits = [_hit("附件2 第七条", 30.0), _hit("附件2 第九条", 30.0 * CLOSE_RATIO)]
    assert _clauses(close_clauses(hits, FLOOR)) == ["附件2 第九条"]


def test_a_close_runner_up_below_the_weak_floor_is_not_offered() -> None:
    hits = [_hit("附件2 第七条", 11.0), _hit("附件2 第九条", 9.9)]
    assert close_clauses(hits, FLOOR) == []


def test_nothing_is_offered_when_the_best_itself_is_below_the_floor() -> None:
    assert close_clauses([_hit("附件2 第七条", 9.0), _hit("附件2 第九条", 9.0)], FLOOR) == []
    assert close_clauses([], FLOOR) == []


def test_a_clause_inside_the_best_or_holding_it_is_the_same_clause() -> None:
    hits = [
        _hit("附件2 第九条", 20.0),
        _hit("附件2 第九条（三）", 19.9),  # shown already in 第九条's list
        _hit("附件2", 19.8),  # holds 第九条
        _hit("附件2 第十条", 19.0),
    ]
    assert _clauses(close_clauses(hits, FLOOR)) == ["附件2 第十条"]


def test_at_most_two_alternatives_and_none_inside_another_offered() -> None:
    hits = [
        _hit("附件1 三（一）", 27.0),
        _hit("附件1 三（二）", 26.9),
        _hit("附件1 三（二）1", 26.0),  # inside the alternative already offered
        _hit("附件1 二（一）", 25.0),
        _hit("附件1 二（二）", 24.0),
    ]
    assert MAX_CLOSE == 2
    assert _clauses(close_clauses(hits, FLOOR)) == ["附件1 三（二）", "附件1 二（一）"]


def test_the_same_clause_label_in_the_other_text_is_another_clause() -> None:
    hits = [_hit("三（一）", 20.0), _hit("三（一）", 19.0, edition="taizhou-2018")]
    assert len(close_clauses(hits, FLOOR)) == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("附件2 第九条", "附件2 第九条（三）", True),
        ("二", "二 第1类", True),
        ("三（一）", "三（十一）", False),
        ("二、1.", "二、10.", False),
        ("附件2 第十条", "附件2 第十一条", False),
    ],
)
def test_nested_clauses(a: str, b: str, same: bool) -> None:
    assert nested(a, b) is same and nested(b, a) is same


# -- questions named after their clauses ----------------------------------------------------------


def _decide(question: str) -> tuple[SearchHit, list[SearchHit]]:
    hits = api.search(question, k=4, region=api.region_from_words(question))
    return hits[0], close_clauses(hits, FLOOR)


def test_附件1_三一_and_三二_tie_on_tranches_both_are_offered() -> None:
    # 创业类 (三（一）) and 创新类 (三（二）) are both paid in tranches; 附件1 三 holds both and is not offered
    best, close = _decide("项目资助分几期拨付")
    shown = [best.citation.clause, *_clauses(close)]
    assert {"附件1 三（一）", "附件1 三（二）"} <= set(shown[:2])  # the two tied clauses, either first
    assert "附件1 三" not in shown


def test_三七_购房补贴_is_clear() -> None:
    best, close = _decide("引进人才有购房补贴吗")
    assert best.citation.clause == "三（七）" and close == []


def test_台州_三9_中介费_leads_clearly() -> None:
    # before sentence-level scoring 五、21.'s 房票 service scored first and 三、9. was only offered
    best, close = _decide("中介费补贴")
    assert best.region == "台州市" and best.citation.clause == "三、9."
    assert close == []


def test_附件2_第九条_offers_other_articles_not_its_own_items() -> None:
    best, close = _decide("柔性引进的人才能享受什么待遇")
    assert best.citation.clause == "附件2 第九条"
    # (with the passages' everyday questions indexed, 第九条 is clear: nothing close is offered; what is
    # offered is never one of its own items)
    assert all(not nested(c, "附件2 第九条") for c in _clauses(close))
    assert not any(h.citation.clause.startswith("附件2 第九条（") for h in close)


# -- looking a clause up again, and naming it -----------------------------------------------------


def test_hit_by_id_finds_passages_services_and_gold_card_items() -> None:
    for hit_id, clause in [
        ("yj-a2-9", "附件2 第九条"),
        ("yj-3-3#2", "三（三）"),
        ("tz-svc-housing_voucher", "五、21."),
        ("yj-card-public_transport", "附件3 二（三）"),
    ]:
        hit = hit_by_id(hit_id)
        assert hit is not None and hit.citation.clause == clause and hit.passage_id == hit_id


@pytest.mark.parametrize(
    "hostile",
    [
        None,
        "",
        "yj-a2-99",
        "../../etc/passwd",
        "yj-a2-9 ",
        "YJ-A2-9",
        "x" * 10_000,
        7,
        ["yj-a2-9"],
        {"id": 1},
    ],
)
def test_hit_by_id_refuses_unknown_and_hostile_ids(hostile: object) -> None:
    assert hit_by_id(hostile) is None


def test_clause_labels_name_the_clause_and_what_it_is_about() -> None:
    labels = {
        i: clause_label(h)
        for i in ("yj-a2-8", "yj-a2-9", "yj-2-cat3", "tz-1-goal1", "tz-3-9")
        if (h := hit_by_id(i))
    }
    assert labels == {
        "yj-a2-8": "附件2 第八条 企业引才奖励申请程序",
        # an article without a heading of its own: its first words, not the attachment's title
        "yj-a2-9": "附件2 第九条 柔性引进的人才在永服务期限内",
        "yj-2-cat3": "二 第3类 省级领军人才",
        "tz-1-goal1": "一、人才政策体系全面优化",
        "tz-3-9": "三、9. 打造聚才活动系列品牌",
    }
