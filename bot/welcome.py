"""What the bot says it can do: the web page's greeting and the WeChat subscribe welcome.

Why generated: the regions come from the editions in policy_kb and the hotline from its clause, so a
new county edition or a changed hotline updates the greeting without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.policy_facts import Fact
from policy_kb.editions import all_editions

# Example questions offered as quick replies on an empty chat (typed text, not policy figures).
SUGGESTIONS = ("我属于第几类人才？", "我能享受哪些奖励资助？", "下一期资助怎么申领？", "人才金卡有什么服务？")


@dataclass(frozen=True)
class Welcome:
    text: str
    citations: list[dict[str, str]]
    suggestions: tuple[str, ...] = SUGGESTIONS


def regions() -> str:
    return "、".join(sorted({e.region for e in all_editions().values()}))


def welcome(hotline: Fact) -> Welcome:
    """The greeting: what can be asked, and the hotline with its citation."""
    text = (
        f"您好！我是人才政策智能助手，可以解答{regions()}人才新政的问题：\n"
        "1. 人才分类认定：我属于第几类人才\n"
        "2. 可享受的奖励资助、项目资助和各项补贴\n"
        "3. 项目资助分期拨付：下一期怎么申领、要准备哪些材料\n"
        "4. 人才服务“金卡”可享受的服务\n"
        f"需要人工服务时，请点“转人工”或拨打{hotline.region}人才服务热线 {hotline.value}。"
    )
    return Welcome(text=text, citations=[hotline.citation()])
