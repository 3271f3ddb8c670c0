"""`python -m policy_kb …` — ask the policy knowledge core from a terminal.

Examples:
  python -m policy_kb category 杰青 省千人计划
  python -m policy_kb funding --category 3 --rating 重点推荐 --type 创业 --capital 100万
  python -m policy_kb tranche --type 创业 --total 162万 --received 1 --spending 150万
  python -m policy_kb loan --category 3 --loan 400万 --rate 4.35 --actual-rate 3.9
  python -m policy_kb search 金卡 公交
  python -m policy_kb clause 五、21
  python -m policy_kb reform 全国
  python -m policy_kb rules                                   # every rule of the registry, its inputs
  python -m policy_kb rule matching_grant kind=省领军型团队 amount=1000万

`rule` and `rules` come from the rule registry (policy_kb/data/rules.yaml): a rule added there is
callable here with no code change; the named subcommands above are shortcuts kept for the README.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from typing import Any

from policy_kb import api, registry
from policy_kb.model import Result, Status


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m policy_kb", description="talentbot 人才政策计算与检索")
    p.add_argument("--region", default=None, help="地区，例如 永嘉县 或 台州市（默认永嘉县）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("category", help="由人才称号判断第几类")
    c.add_argument("honours", nargs="+")
    b = sub.add_parser("benefits", help="某类人才可享受的待遇")
    b.add_argument("category")
    a = sub.add_parser("award", help="奖励资助总额上限")
    a.add_argument("category")
    f = sub.add_parser("funding", help="项目资助：类别 × 评审结果")
    f.add_argument("--category")
    f.add_argument("--rating")
    f.add_argument("--type", dest="project_type")
    f.add_argument("--capital", dest="paid_in_capital")
    f.add_argument("--investment", dest="project_investment")
    f.add_argument("--plan")
    f.add_argument("--city-selected", action="store_true")
    t = sub.add_parser("tranche", help="下一期资助及其条件")
    t.add_argument("--type", dest="project_type")
    t.add_argument("--total", dest="approved_total")
    t.add_argument("--received", dest="tranches_received")
    for name in ("capital", "spending", "investment", "sales"):
        t.add_argument(f"--{name}")
    ln = sub.add_parser("loan", help="贷款贴息")
    ln.add_argument("--category")
    ln.add_argument("--loan", dest="loan_amount")
    ln.add_argument("--rate", dest="benchmark_rate")
    ln.add_argument("--actual-rate")
    ln.add_argument("--tax", dest="tax_within_3y")
    fl = sub.add_parser("flexible", help="柔性引才奖励")
    fl.add_argument("pay", nargs="+")
    fl.add_argument("--years-already", default=0)
    fl.add_argument("--firm-awarded", default=0)
    fl.add_argument("--people", help="人数：一个报酬按每人计，例如 --people 4")
    o = sub.add_parser("overseas", help="海外工程师资助")
    o.add_argument("salary", nargs="+", help="年薪；多人可逐个写")
    o.add_argument("--people", help="人数：一个年薪按每人计，例如 --people 2")
    h = sub.add_parser("housing", help="购房补贴")
    h.add_argument("plan")
    m = sub.add_parser("matching", help="等额配套：省领军型团队（温州市团队按市办法）、重点国外智力项目")
    m.add_argument("kind")
    m.add_argument("--amount")
    sub.add_parser("voucher", help="台州市房票补贴（五、21.）")
    rf = sub.add_parser("reform", help="台州市人才工作改革创新奖励（六、25.）")
    rf.add_argument("scope", nargs="?", help="全国 或 全省")
    pv = sub.add_parser("clause", help="某一条款的全部数据条目，附原文")
    pv.add_argument("clause", nargs="+", help="例如 五、21 或 附件2 第九条")
    sub.add_parser("goldcard", help="人才服务金卡")
    sub.add_parser("services", help="人才服务清单")
    s = sub.add_parser("search", help="检索政策条文")
    s.add_argument("query", nargs="+")
    s.add_argument("-k", type=int, default=3)
    sub.add_parser("rules", help="规则登记表：每条规则及其输入")
    g = sub.add_parser("rule", help="按登记表调用任一规则：rule <名称> 输入=值 …")
    g.add_argument("name", choices=sorted(registry.rules()))
    g.add_argument("inputs", nargs="*", help="输入=值，例如 amount=1000万")
    return p


def _rules_table() -> Result:
    lines = []
    for rule in registry.rules().values():
        labels = "、".join(f"{i}（{registry.input_spec(i).label}）" for i in rule.inputs) or "无"
        where = rule.region or "各地"
        lines.append(f"{rule.name} — {rule.title}［{where}；{'、'.join(rule.clauses) or '—'}］输入：{labels}")
    return Result(rule="rules", status=Status.OK, answer="\n".join(lines))


def _run_rule(name: str, pairs: list[str], region: str | None) -> Result:
    rule = registry.rules()[name]
    kwargs: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in rule.inputs:
            known = "、".join(rule.inputs) or "无"
            return Result(
                rule=name, status=Status.INVALID, message=f"“{pair}”不是{name}的输入（可用：{known}）。"
            )
        kwargs[key] = value
    if region is not None and "region" in inspect.signature(rule.function()).parameters:
        kwargs["region"] = region
    return rule(**kwargs)


def run(argv: list[str]) -> Result | list[Any]:
    args = _parser().parse_args(argv)
    r = args.region
    match args.cmd:
        case "category":
            return api.category_for_honours(" ".join(args.honours), region=r)
        case "benefits":
            return api.benefits(args.category, region=r)
        case "award":
            return api.total_award(args.category, region=r)
        case "funding":
            return api.project_funding(
                args.category,
                args.rating,
                args.project_type,
                args.paid_in_capital,
                args.project_investment,
                args.plan,
                args.city_selected,
                region=r,
            )
        case "tranche":
            return api.next_tranche(
                args.project_type,
                args.approved_total,
                args.tranches_received,
                args.capital,
                args.spending,
                args.investment,
                args.sales,
                region=r,
            )
        case "loan":
            return api.loan_interest(
                args.category,
                args.loan_amount,
                args.benchmark_rate,
                args.actual_rate,
                args.tax_within_3y,
                region=r,
            )
        case "flexible":
            return api.flexible_reward(
                args.pay, args.years_already, args.firm_awarded, region=r, people=args.people
            )
        case "overseas":
            salary = args.salary[0] if len(args.salary) == 1 else args.salary
            return api.overseas_engineer(salary, region=r, people=args.people)
        case "housing":
            return api.housing_subsidy(args.plan, region=r)
        case "matching":
            return api.matching_grant(args.kind, args.amount, region=r)
        case "voucher":
            return api.housing_voucher(region=r)
        case "reform":
            return api.reform_award(args.scope, region=r)
        case "clause":
            return api.provisions(" ".join(args.clause), region=r)
        case "goldcard":
            return api.gold_card(region=r)
        case "services":
            return api.services(region=r)
        case "search":
            return api.search(" ".join(args.query), k=args.k, region=r)
        case "rules":
            return _rules_table()
        case "rule":
            return _run_rule(args.name, args.inputs, r)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = run(argv)
    as_json = "--json" in argv
    if isinstance(out, Result):
        print(json.dumps(out.to_dict(), ensure_ascii=False, indent=2) if as_json else out.render())
        return 0 if out.status.value != "invalid" else 1
    if as_json:
        print(
            json.dumps(
                [h.to_dict() if hasattr(h, "to_dict") else h.__dict__ for h in out],
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
    else:
        for i, hit in enumerate(out, 1):
            c = hit.citation
            print(f"{i}. [{hit.score:.2f}] {hit.title} — 《{c.doc}》{c.clause}\n   {hit.text}")
        if not out:
            print("没有找到相关条文。")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
