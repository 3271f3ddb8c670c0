"""Whole titles only (永委办发〔2016〕82号 二): a title the catalogue does not list never gets a category.

The traps are read twice: as policy_kb gets them from a button or a form (the title alone), and as
the NLU extracts them from a sentence (nlu_components widens an alias to the whole title around it),
so a 副研究员 typed in a sentence reaches the rule as 副研究员, not as 研究员.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from policy_kb import api
from policy_kb.catalogue import catalogue, said_not_held
from policy_kb.model import Status

TRAPS = yaml.safe_load((Path(__file__).parent / "catalogue_traps.yaml").read_text(encoding="utf-8"))


def test_the_trap_suite_is_large_enough() -> None:
    assert len(TRAPS["unlisted"]) >= 60


@pytest.mark.parametrize("title", TRAPS["unlisted"])
def test_unlisted_title_gets_no_category(title: str) -> None:
    result = api.category_for_honours([title])
    assert result.status in (Status.NEEDS_ASSESSMENT, Status.NEEDS_INPUT), result.answer
    assert result.values.get("category") is None
    if result.status is Status.NEEDS_ASSESSMENT:
        assert "认定" in result.answer and "不在" in result.answer
        assert not any(f"属于第{n}类" in result.answer for n in range(1, 6))


@pytest.mark.parametrize("words", TRAPS["foreign"])
def test_a_professorship_abroad_is_not_the_listed_domestic_title(words: str) -> None:
    result = api.category_for_honours(words)
    assert result.values.get("category") is None, result.answer
    assert "含海外" in result.answer and not any(f"属于第{n}类" in result.answer for n in range(1, 6))


@pytest.mark.parametrize(("words", "category"), sorted(TRAPS["denied"].items()))
def test_a_title_said_not_to_be_held_gives_no_category(words: str, category: int | None) -> None:
    result = api.category_for_honours(words)
    assert result.values.get("category") == category, result.answer


@pytest.mark.parametrize(("title", "category"), sorted(TRAPS["listed"].items()))
def test_listed_title_keeps_its_category(title: str, category: int) -> None:
    result = api.category_for_honours([title])
    assert result.status is Status.OK, result.answer
    assert result.values["category"] == category


@pytest.mark.parametrize("title", TRAPS["unlisted"])
def test_unlisted_title_in_a_sentence_reaches_the_rule_whole(title: str) -> None:
    from nlu_components.honour_extractor import extract
    from nlu_components.textnorm import normalise_text

    text = normalise_text(f"我是{title}，在永嘉创业属于第几类")
    honours = [s.value for s in extract(text) if s.entity == "honour"]
    if not honours:  # nothing read as an honour: the bot asks, it cannot state a category
        return
    result = api.category_for_honours(honours)
    assert result.values.get("category") is None, (honours, result.answer)


@pytest.mark.parametrize(("title", "category"), sorted(TRAPS["listed"].items()))
def test_listed_title_in_a_sentence_keeps_its_category(title: str, category: int) -> None:
    from nlu_components.honour_extractor import extract
    from nlu_components.textnorm import normalise_text

    text = normalise_text(f"我是{title}，在永嘉创业属于第几类")
    honours = [s.value for s in extract(text) if s.entity == "honour"]
    assert api.category_for_honours(honours).values.get("category") == category, honours


def test_understood_title_is_said_back() -> None:
    answer = api.category_for_honours(["副研究员"]).answer
    assert "副研究员" in answer and "副高级职称" in answer
    assert "研究员" in api.category_for_honours(["研究员"]).answer


@pytest.mark.parametrize(
    ("words", "category"),
    [
        ("市级技能大师工作室的领衔人", 5),  # a 的 inside a listed title does not make another title
        ("那要是151的重点资助培养人员呢", 3),  # also after a number: 省“151人才工程”重点资助培养人员
        ("省千人计划的入选者", 3),
        ("省级技能大师工作室的领衔人", None),  # still the 省级 title, which 第5类's 市级 entry does not name
    ],
)
def test_a_de_inside_a_title_is_read_through(words: str, category: int | None) -> None:
    result = api.category_for_honours(words)
    assert result.values.get("category") == category, result.answer
    if category is None:
        assert result.status.value == "needs_assessment" and result.values.get("recognised")


@pytest.mark.parametrize(("words", "category"), sorted(TRAPS["platforms"].items()))
def test_a_platform_named_after_a_title_is_not_the_title(words: str, category: int | None) -> None:
    from policy_kb.catalogue import catalogue

    found = catalogue().match(words)
    assert [h.category for h in found.honours] == ([category] if category else []), words
    assert not found.unlisted and not found.ambiguous, words


def test_the_category_overview_says_the_categories_are_adjusted() -> None:
    """三（十一） "对第1、2、3、4、5类人才分类进行动态调整": asked whether the five categories are fixed ("名单是
    定死的还是会变"), the overview of how a category is decided says so, quoted and cited."""
    result = api.category_overview(region="永嘉县")
    assert "对第1、2、3、4、5类人才分类进行动态调整" in result.answer
    assert any(c.clause == "三（十一）" and "动态调整" in c.quote for c in result.citations)


def test_a_hint_the_words_deny_does_not_pick_the_title() -> None:
    """二: "…青年拔尖那一档的，不是杰出人才" denies 杰出人才, so it cannot pick 国家“万人计划”杰出人才人选 (第1类) out of
    万人计划 (dev18); said plainly, it still does."""
    from policy_kb.catalogue import catalogue

    cat = catalogue("yongjia-2016")
    denied = cat.match("国家万人计划的，不是杰出人才")
    assert "国家“万人计划”杰出人才人选" not in [h.name for h in denied.honours]
    assert [h.name for h in cat.match("万人计划杰出人才").honours] == ["国家“万人计划”杰出人才人选"]


def test_a_hint_further_on_in_the_same_person_s_words_settles_an_ambiguous_title() -> None:
    """二 第2类: "国家万人计划的专家…，不过他是青年拔尖那一档的，不是杰出人才" is 国家“万人计划”青年拔尖人才 — the hint
    is 14 characters on, past the 6 read before (dev18); words bringing in another person stop the reading."""
    cat = catalogue()
    said = "我们厂想从外地挖一个国家万人计划的专家过来，不过他是青年拔尖那一档的，不是杰出人才。到了永嘉他算第几类？"
    assert [h.id for h in cat.match(said).honours] == ["wanren_young"]
    assert "万人计划" in cat.match("我是国家万人计划的，我同事是青年拔尖").ambiguous
    assert "万人计划" in cat.match("我是万人计划，算第几类，他是青年拔尖").ambiguous


@pytest.mark.parametrize(
    ("words", "category"),
    [
        # 二 第4类 市级以上重点创新团队带头人: the body named, the role said later in the sentence (dev28, dev43)
        ("研发部负责人带的团队去年被认定为温州市级重点创新团队，他本人是团队带头人", 4),
        ("我带的研发团队去年被温州评成了市级重点创新团队，我是牵头的那个", 4),
        ("车间老师傅是市级技能大师工作室的那个领衔人", 5),
        # the role denied, or no role at all: no title
        ("公司有个市级重点创新团队，但我不是带头人", None),
        ("我们公司有个市级重点创新团队。我是财务", None),
        # a bare 创新团队 is not the listed body
        ("我们有个创新团队，我是负责人", None),
    ],
)
def test_a_role_said_after_its_body_is_the_listed_title(words: str, category: int | None) -> None:
    from policy_kb.catalogue import catalogue

    found = catalogue().match(words)
    assert [h.category for h in found.honours] == ([category] if category else []), words


def test_a_role_in_a_body_of_another_level_is_not_the_listed_title() -> None:
    """二 第4类 lists 市级以上重点创新团队带头人: a 县级 team's leader is another title, not listed."""
    from policy_kb.catalogue import catalogue

    found = catalogue().match("我们团队是县级重点创新团队，我是带头人")
    assert not found.honours and "县级重点创新团队" in found.unlisted


@pytest.mark.parametrize(
    ("words", "title", "denied"),
    [
        # the slot holds the catalogue's name; the talent names it by an alias (dev57)
        ("他入选的是温州580计划，不是省千人。那一共多少？", "省“千人计划”入选者", True),
        ("他入选的是温州580计划，不是省千人。那一共多少？", "市“580海外精英引进计划”入选者", False),
        ("也不是院士", "院士", True),
        ("我是省千人", "省“千人计划”入选者", False),
        ("不是省千人，是国家千人", "国家“千人计划”人选", False),  # 国家千人 is said as held
        ("我没有说到这个称号", "省“千人计划”入选者", False),  # not mentioned: not denied
        # a question is no denial (dev23, dev43)
        ("省千人是不是比国家千人少一半？", "国家“千人计划”人选", False),
        ("是不是有正高职称的人来永嘉，县里就直接打100万给他？", "具有正高级职称的专业技术人才", False),
        # quoted from the document, not held (dev61)
        ("我看文件里第3类写的是省科学技术重大贡献奖", "省科学技术重大贡献奖获得者", True),
    ],
)
def test_a_title_denied_by_any_of_its_names_is_not_held(words: str, title: str, denied: bool) -> None:
    assert said_not_held(words, title) is denied


@pytest.mark.parametrize(
    "words",
    [
        "他今年正在报浙江省千人计划，材料已经交上去了，结果还没出来",  # applied for, not held (dev65)
        "我在申报国家千人",
        "他准备申请国家杰青",
    ],
)
def test_a_title_only_applied_for_is_not_held(words: str) -> None:
    assert not catalogue().match(words).honours
