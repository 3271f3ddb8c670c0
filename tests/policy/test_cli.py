"""The CLI prints the answer with its trace and citations."""

from __future__ import annotations

import json

from policy_kb.__main__ import main


def test_category_cli(capsys) -> None:
    assert main(["category", "杰青", "省千人计划"]) == 0
    out = capsys.readouterr().out
    assert "第2类" in out and "依据" in out and "国家杰出青年基金获得者" in out


def test_funding_cli_json(capsys) -> None:
    assert (
        main(
            [
                "--json",
                "funding",
                "--category",
                "3",
                "--rating",
                "重点推荐",
                "--type",
                "创业",
                "--capital",
                "100万",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["values"]["amount"] == 1_000_000
    assert data["values"]["capped_by"] == "paid_in_capital"
    assert any(c["clause"] == "附件1 二（二）" for c in data["citations"])


def test_tranche_cli_trace(capsys) -> None:
    assert (
        main(["tranche", "--type", "创业", "--total", "162万", "--received", "1", "--spending", "150万"]) == 0
    )
    out = capsys.readouterr().out
    assert "第2期" in out and "48.6万元" in out and "还差12万元" in out and "计算过程" in out


def test_invalid_input_exit_code(capsys) -> None:
    assert main(["award", "9"]) == 1
    assert "第1至第5类" in capsys.readouterr().out


def test_taizhou_provisions_reachable_from_cli(capsys) -> None:
    assert main(["voucher"]) == 0
    assert "房票补贴" in capsys.readouterr().out
    assert main(["reform", "全省"]) == 0
    assert "30万元" in capsys.readouterr().out
    assert main(["clause", "五、21"]) == 0
    assert "拨付至人才" in capsys.readouterr().out


def test_people_counts_from_cli(capsys) -> None:
    """三（四） "海外工程师 2人 年薪80万" and 附件2 第七条 "4人 每人30万" compute for each person."""
    assert main(["--json", "overseas", "80万", "--people", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["values"]["amount"] == 400_000
    assert main(["--json", "flexible", "30万", "--people", "4"]) == 0
    values = json.loads(capsys.readouterr().out)["values"]
    assert (values["amount"], values["subtotal"], values["people"]) == (150_000, 200_000, 4)


def test_rules_lists_every_registered_rule(capsys) -> None:
    from policy_kb import registry
    from policy_kb.__main__ import main

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in registry.rules())


def test_rule_calls_any_registered_rule_by_its_inputs(capsys) -> None:
    from policy_kb.__main__ import main

    assert main(["rule", "matching_grant", "kind=省领军型团队", "amount=1000万"]) == 0
    assert "县里等额配套1000万元" in capsys.readouterr().out
    assert main(["rule", "matching_grant", "foo=1"]) == 1
    assert "不是matching_grant的输入" in capsys.readouterr().out
