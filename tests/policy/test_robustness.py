"""Bad input never escapes as an exception: every api rule answers with a typed Result."""

from __future__ import annotations

import pytest

from policy_kb import api, registry
from policy_kb.model import Result, Status

ODD_VALUES = [
    None,
    "",
    " ",
    -1,
    0,
    10**15,
    "abc",
    "１２０万",
    "一百二十万",
    "-5万",
    3.7,
    True,
    "第九类",
    [],
    ["x"],
    "<script>",
    "NaN",
    "inf",
    "1e400",
    "２",
    "特别",
    "创新创业",
]
# Every rule of the registry (policy_kb/data/rules.yaml), each input it declares fed every odd value.
RULES = sorted(registry.rules())


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("odd", ODD_VALUES, ids=repr)
def test_rule_never_raises(rule: str, odd: object) -> None:
    spec = registry.rules()[rule]
    for name in spec.inputs:
        result = spec(**{name: odd})
        assert isinstance(result, Result)
        assert result.status in set(Status)
        assert (result.answer or result.message).strip(), f"{rule}({name}={odd!r}) explains nothing"
        if result.status is Status.INVALID:
            assert any(
                "\u4e00" <= ch <= "\u9fff" for ch in result.message
            ), "invalid input gets a Chinese message"


def test_negative_amount_is_invalid_with_chinese_message() -> None:
    r = api.next_tranche("创业", "-100万", 0)
    assert r.status is Status.INVALID and "负数" in r.message


def test_absurd_amount_is_invalid() -> None:
    r = api.overseas_engineer(10**13)
    assert r.status is Status.INVALID and "合理范围" in r.message
