"""The jieba user dictionary, generated from policy_kb so the catalogue stays the single source.

Why: jieba does not know 国千, 杰青 or 151第三层次 and cuts them into pieces; an honour split across
tokens can neither be matched by the spaCy EntityRuler (which matches whole tokens) nor align with
entity annotations. Every honour name and alias, every region alias and the policy terms below are
written here, normalised exactly as user text is, at train time (scripts/train_if_stale.py).

Run `python -m nlu_components.jieba_dict` to regenerate data/jieba_userdict/userdict.txt.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from nlu_components import entity_rules
from nlu_components.textnorm import normalise_text

REPO = Path(__file__).resolve().parent.parent
DICT_DIR = REPO / "data" / "jieba_userdict"
DICT_FILE = DICT_DIR / "userdict.txt"
# High enough that jieba keeps a listed term whole in context, as for any common word.
FREQUENCY = 20000

# Policy vocabulary that is not an honour or a region but that people type and that must stay whole
# (all of it appears in policy_kb/sources/*.txt).
POLICY_TERMS = (
    "创业类",
    "创新类",
    "创业项目",
    "创新项目",
    "资助总额",
    "实缴注册资本",
    "注册资本",
    "项目支出",
    "项目投入",
    "销售额",
    "人才新政",
    "人才新政十二条",
    "领军型人才",
    "奖励资助",
    "项目资助",
    "购房补贴",
    "住房补贴",
    "贷款贴息",
    "基准利率",
    "海外工程师",
    "柔性引进",
    "柔性引才",
    "引荐费",
    "中介费用",
    "服务专线",
    "服务热线",
    "服务清单",
    "绿色通道",
    "金卡",
    "英才卡",
    "房票",
    "房票补贴",
    "人才公寓",
    "500精英计划",
    "精英计划",
    "博士后科研工作站",
    "博士后工作站",
    "院士专家工作站",
    "院士工作站",
    "科技孵化器",
    "一事一议",
    "人才办",
    "招才局",
    "县委人才办",
    "科技局",
    "转人工",
    "人工客服",
)


@cache
def terms() -> tuple[str, ...]:
    """Every term the segmenter must keep whole, normalised like user text, without spaces."""
    from policy_kb.catalogue import user_dictionary_terms

    raw = [
        *user_dictionary_terms(),
        *entity_rules.region_aliases(),
        *entity_rules.RATINGS,
        *entity_rules.SKILLS_AWARDS,
        *POLICY_TERMS,
        # 第2类 / 2类 / 第1期 / 1期 as whole words, or jieba's HMM glues 类/期 to the next character
        *(f"{prefix}{n}类" for prefix in ("第", "") for n in range(1, 6)),
        *(f"{prefix}{n}期" for prefix in ("第", "") for n in range(0, 4)),
    ]
    out = {normalise_text(t) for t in raw}
    return tuple(sorted(t for t in out if t and " " not in t and len(t) > 1))


def render() -> str:
    """The dictionary file's content: `word frequency` per line, in jieba's format."""
    return "".join(f"{t} {FREQUENCY}\n" for t in terms())


def write(path: Path = DICT_FILE) -> bool:
    """Write the dictionary; returns True when the file changed."""
    content = render()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.write_text(content, encoding="utf-8")
    return True


@cache
def load_into_jieba() -> None:
    """Add the terms to jieba's global dictionary (spaCy's zh tokenizer shares it with Rasa's)."""
    import jieba

    for t in terms():
        jieba.add_word(t, FREQUENCY)


def main() -> int:
    changed = write()
    print(f"{DICT_FILE.relative_to(REPO)}: {len(terms())} terms{' (updated)' if changed else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
