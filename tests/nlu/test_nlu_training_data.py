"""Training data agrees with the extractor, and what the synonym mapper learns is the catalogue's."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components import jieba_dict, nlu_data
from nlu_components.honour_extractor import extract
from nlu_components.normalizer import ChineseNormalizer
from nlu_components.textnorm import normalise

REPO = Path(__file__).resolve().parents[2]
NLU_FILES = sorted((REPO / "data" / "nlu").glob("*.yml"))
ANNOTATED = [*NLU_FILES, REPO / "tests" / "nlu" / "heldout.yml", REPO / "tests" / "nlu" / "fresh.yml"]


def _training_data() -> TrainingData:
    return load_data(str(REPO / "data" / "nlu"))


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: p.name)
def test_annotations_match_the_extractor(path: Path) -> None:
    """Every annotated entity is extracted and every extracted one is annotated (same span, type, role).

    The one allowed difference: a second entity on exactly the span of an annotated one (市首席技师 is
    both an honour and a skills award; an annotation can only carry one of them).
    """
    problems = []
    for example in load_data(str(path)).intent_examples:
        norm = normalise(example.get("text"))
        gold = set()
        for e in example.get("entities") or []:
            start, end = norm.from_original(e["start"], e["end"])
            gold.add((e["entity"], e.get("role"), start, end))
        predicted = {(s.entity, s.role, s.start, s.end) for s in extract(norm.text)}
        gold_spans = {(s, e) for _, _, s, e in gold}
        extra = {p for p in predicted - gold if (p[2], p[3]) not in gold_spans}
        if gold - predicted or extra:
            problems.append((example.get("text"), sorted(gold - predicted, key=str), sorted(extra, key=str)))
    assert problems == []


def test_generated_nlu_inputs_are_up_to_date():
    assert jieba_dict.DICT_FILE.read_text(encoding="utf-8") == jieba_dict.render()
    assert nlu_data.SYNONYMS_FILE.read_text(encoding="utf-8") == nlu_data.render_synonyms()
    assert nlu_data.LOOKUPS_FILE.read_text(encoding="utf-8") == nlu_data.render_lookups()


def test_synonyms_learnt_in_training_are_exactly_the_generated_ones():
    """EntitySynonymMapper also learns from annotations; after normalising they must add nothing."""
    data = _training_data()
    ChineseNormalizer().process_training_data(data)
    learnt = {}
    for example in data.entity_examples:
        for e in example.get("entities"):
            surface, value = example.get("text")[e["start"] : e["end"]], str(e.get("value"))
            if surface != value:
                learnt[surface.lower()] = value
    assert learnt == {}
    expected = {**nlu_data.honour_synonyms(), **nlu_data.region_synonyms()}
    assert {k: v for k, v in data.entity_synonyms.items()} == {
        k: v for k, v in expected.items() if k != v.lower()
    }


def test_ambiguous_aliases_have_no_synonym():
    synonyms = nlu_data.honour_synonyms()
    assert "千人计划" not in synonyms and "院士" not in synonyms
    assert synonyms["国千"] == "国家“千人计划”人选"
    assert synonyms["杰青"] == "国家杰出青年基金获得者"
    assert nlu_data.region_synonyms()["楠溪江"] == "永嘉县"
    assert nlu_data.region_synonyms()["椒江"] == "台州市"
