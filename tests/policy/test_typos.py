"""Homophone typos of policy words are read as meant; ordinary words that sound like one are left alone."""

from __future__ import annotations

import pytest

from policy_kb.typos import corrected, read_as_meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("国家接青来永嘉创业最多给多少", "国家杰青"),  # 二 第2类 国家杰出青年 (杰青)
        ("银行带款200万，贴系两年能拿多少", "贷款"),  # 三（三） 贷款贴息
        ("银行带款200万，贴系两年能拿多少", "贴息"),
        ("我妈是温州市名中意", "名中医"),  # 二 第5类 市名（中）医
        ("人才服务清丹都包括哪些", "清单"),  # 附件3 二（二） 服务清单
        ("第五类人才的项目最高能资住多少钱", "资助"),
        ("高新技术产业增家值目标多少亿", "增加值"),  # 台州 一
        # 二 第3类 省特级专家: inside a whole title even a function character (及) is a slip (dev13)
        ("浙江省特及专家在永嘉那个人才新政里面算第几类啊", "特级专家"),
        # ordinals typed by sound: 其 is a function character, 地 sits before a digit (dev64)
        ("永嘉 地5类 创新类项目 评上重点推荐 第一其能拿多少", "第一期"),
        ("永嘉 地5类 创新类项目 评上重点推荐", "第5类"),
    ],
)
def test_a_homophone_typo_is_read_as_the_policy_word(typed: str, meant: str) -> None:
    text, fixes = corrected(typed)
    assert meant in text and any(meant in word for _, word in fixes), fixes
    assert len(text) == len(typed)  # positions read later stay valid


@pytest.mark.parametrize(
    "words",
    [
        "这个公式怎么算",  # 公式 is a word, though it sounds like 公示
        "一共能拿多少",  # 一共 + 能拿, not 功能
        "每年拿多少",
        "我是之前在杭州工作时入选的省千人",  # 工作时, not 工作室
        "我是自主申报的",
        "现在是时候申报了吗",
        "县首席技师算第几类",  # 县 is a level, not a typo of 省
        "在永嘉创业的博士",
        "国家杰青以及省千人",  # 以及 between two titles is not inside one
        "那第二笔要满足什么条件才能申请",  # 笔 after a number is a payment, not 必要 (dev15)
        "这200万是不是全部直接打到我卡上",  # money 打到 a card, not 达到 (dev63)
        "第一其他的呢",  # 其他, not 期
        "土地5类",
    ],
)
def test_ordinary_words_are_left_alone(words: str) -> None:
    assert corrected(words) == (words, [])


def test_traditional_characters_are_not_typos() -> None:
    assert corrected("國家傑青來永嘉創業")[1] == []


def test_a_failing_corrector_returns_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import policy_kb.typos as typos

    def broken(text: str) -> tuple[str, list[tuple[str, str]]]:
        raise RuntimeError("boom")

    monkeypatch.setattr(typos, "corrected", broken)
    assert read_as_meant("国家接青") == "国家接青"
