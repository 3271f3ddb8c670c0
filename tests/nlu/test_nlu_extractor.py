"""Honours found exactly by the catalogue's EntityRuler, on the same token boundaries Rasa uses."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.training_data.loading import load_data

from nlu_components import jieba_dict
from nlu_components.honour_extractor import extract, honour_terms, honours
from nlu_components.textnorm import normalise

REPO = Path(__file__).resolve().parents[2]
CARRIERS = ("我是{}", "{}能拿多少钱", "本人{}，请问属于第几类")
# Long formal names with brackets that jieba cuts differently in context; people type the aliases.
KNOWN_MISSES_MAX = 6


@cache
def token_bounds(text: str) -> tuple[set[int], set[int]]:
    """Token starts and ends exactly as Rasa's JiebaTokenizer makes them, with our dictionary loaded."""
    import jieba

    JiebaTokenizer._load_custom_dictionary(str(jieba_dict.DICT_DIR))
    tokens = list(jieba.tokenize(text))
    return {s for _, s, _ in tokens}, {e for _, _, e in tokens}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("我是国家千人计划专家，年薪580万", [("honour", "国家千人计划"), ("amount", "580万元")]),
        ("杰青加博士，能算第几类", [("honour", "杰青"), ("honour", "博士")]),
        ("博士后工作站有补贴吗", [("workstation_kind", "博士后工作站")]),  # 博士 is not inside it
        ("我是千人计划", [("honour", "千人计划")]),  # ambiguous alias kept as typed
        # quoted as the texts write it: 国家“千人计划” is 国家千人计划, not the ambiguous 千人计划
        ("帮他入选了国家“千人计划”", [("honour", "国家“千人计划")]),
        ("我拿了Turing Award", [("honour", "Turing Award")]),
        ("我是長江學者", [("honour", "长江学者")]),
        ("我是硕士", [("honour", "硕士")]),  # known but unlisted: policy_kb says it needs assessment
        ("入选温州市海外工程师", []),  # 温州市 is not a covered region
        ("是创业项目", [("project_type", "创业项目")]),
        ("创业项目资助怎么计算", [("project_type", "创业")]),  # here jieba cuts 创业 | 项目资助
    ],
)
def test_extracted_spans(typed: str, expected: list[tuple[str, str]]) -> None:
    assert [(s.entity, s.text) for s in extract(normalise(typed).text)] == expected


def test_nearly_every_catalogue_term_is_found_in_a_sentence():
    misses = []
    for term in honour_terms():
        for carrier in CARRIERS:
            text = normalise(carrier.format(term)).text
            if term not in [h.text for h in honours(text)]:
                misses.append((term, carrier))
    assert len(misses) <= KNOWN_MISSES_MAX, misses


def test_every_extracted_span_lies_on_jieba_token_boundaries():
    texts = []
    for path in [
        *sorted((REPO / "data" / "nlu").glob("*.yml")),
        *sorted((REPO / "tests" / "nlu").glob("*.yml")),
    ]:
        texts += [m.get("text") for m in load_data(str(path)).intent_examples]
    assert len(texts) > 600
    misaligned = []
    for typed in texts:
        text = normalise(typed).text
        starts, ends = token_bounds(text)
        misaligned += [(typed, s.text) for s in extract(text) if s.start not in starts or s.end not in ends]
    assert misaligned == []


def test_a_quoted_title_carries_its_unquoted_name_as_value() -> None:
    [span] = honours(normalise("帮他入选了国家“千人计划”").text)
    assert span.value == "国家千人计划"  # an alias policy_kb and the synonym table know (第2类)
