"""The normaliser: what talents type → one canonical spelling, with exact offsets back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu_components.textnorm import normalise


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("請問國家千人計劃能拿多少錢？", "请问国家千人计划能拿多少钱?"),  # 繁→简, full-width ？→ ?
        ("ＰｈＤ　毕业", "PhD毕业"),  # full-width letters and ideographic space
        (
            "我是 Turing  Award 获得者",
            "我是Turing Award获得者",
        ),  # spaces next to Chinese go, between words stay
        ("二百七十万", "270万元"),
        ("我拿了二百七十万元", "我拿了270万元"),
        ("80万给多少", "80万元给多少"),  # 万 alone would be glued to 给 by jieba
        ("万人计划", "万人计划"),
        ("批了 2,700,000元", "批了2700000元"),
        ("实缴一千二百万", "实缴1200万元"),
        ("年薪五十万", "年薪50万元"),
        ("百分之六十", "60%"),
        ("第三类人才", "第3类人才"),
        ("二期怎么申请", "2期怎么申请"),
        ("一期拿了四十万", "1期拿了40万元"),
        # numerals that are words, not numbers, stay
        ("一般推荐", "一般推荐"),
        ("一事一议", "一事一议"),
        ("哪一类", "哪一类"),
        ("下一期资助怎么申请", "下一期资助怎么申请"),
        ("分三期是吧", "分三期是吧"),
        ("151第二层次", "151第二层次"),
        ("百千万人才工程", "百千万人才工程"),
        ("千人计划", "千人计划"),
        ('/inform{"region": "永嘉县"}', '/inform{"region": "永嘉县"}'),  # button payloads untouched
        ("   ", ""),
    ],
)
def test_normalised_text(typed: str, expected: str) -> None:
    assert normalise(typed).text == expected


def test_offsets_map_a_converted_amount_back_to_what_was_typed():
    norm = normalise("我拿了二百七十万元")
    start = norm.text.index("270万元")
    assert norm.to_original(start, start + len("270万元")) == (3, 9)
    assert norm.original[3:9] == "二百七十万元"
    assert norm.from_original(3, 9) == (start, start + len("270万元"))


def test_a_span_of_removed_spaces_maps_to_nothing():
    norm = normalise("永嘉 县")
    assert norm.text == "永嘉县"
    assert norm.from_original(2, 3) is None


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("二百七十万元第三类期一两 ，,0123456789國家千人計劃ＡＢ abc%")),
        max_size=30,
    )
)
def test_every_normalised_character_points_into_the_original(typed: str) -> None:
    norm = normalise(typed)
    assert len(norm.sources) == len(norm.text)
    for start, end in norm.sources:
        assert 0 <= start <= end <= len(typed)
    if norm.text:
        whole = norm.to_original(0, len(norm.text))
        assert whole[0] <= whole[1]
