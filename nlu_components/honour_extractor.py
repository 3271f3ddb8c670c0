"""Policy entities: honours via a spaCy EntityRuler built from the catalogue, the rest via rules.

Why spaCy here: the catalogue has 240-odd names and aliases; an EntityRuler over a blank `zh`
pipeline segmented by jieba matches them as whole tokens, longest match first, so 国家千人计划 wins
over 千人计划 and 博士 is not found inside 博士后工作站. Because the ruler uses the same jieba
dictionary as Rasa's JiebaTokenizer, every span it returns lies on Rasa token boundaries.

Values: honours and regions keep their surface text and EntitySynonymMapper (trained on the generated
data/nlu/synonyms.yml) turns them into canonical names (国千 → 国家“千人计划”人选, 楠溪江 → 永嘉县).
Aliases naming several honours (千人计划) stay as typed so policy_kb can ask which one is meant.
Numbers, ratings, project types, categories and tranches get their canonical value from
`entity_rules` directly (270万 → 2700000).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_ROLE,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from nlu_components import entity_rules, jieba_dict
from nlu_components.entity_rules import Span
from nlu_components.textnorm import normalise_text

HONOUR = "honour"
# Honour matches inside these are not honours: 580万 is money, 博士后工作站 is a workstation.
_BLOCKING = {"amount", "workstation_kind", "percent"}
# Quotation marks inside a title, as the texts themselves write them: 国家“千人计划”, 市“551人才工程”.
_QUOTES = frozenset("“”‘’「」『』\"'《》")


@cache
def honour_nlp() -> Any:
    """A blank Chinese spaCy pipeline (jieba segmentation) with an EntityRuler of every honour term."""
    import spacy

    jieba_dict.load_into_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    # the ruler reads the words without quotation marks (honours()), so it knows each term without them
    bare = sorted({_unquoted(term) for term in honour_terms()} - {""})
    ruler.add_patterns([{"label": HONOUR, "pattern": term} for term in bare])
    return nlp


def _unquoted(text: str) -> str:
    return "".join(ch for ch in text if ch not in _QUOTES)


@cache
def _terms() -> frozenset[str]:
    return frozenset(honour_terms())


@cache
def honour_terms() -> tuple[str, ...]:
    """Every honour name, alias, ambiguous alias and known-unlisted title, normalised like user text."""
    from policy_kb.catalogue import user_dictionary_terms

    return tuple(sorted({normalise_text(t) for t in user_dictionary_terms() if t.strip()}))


def honours(text: str) -> list[Span]:
    """Honour mentions in normalised text, on jieba token boundaries; value is the title as matched.

    Titles are matched with quotation marks left out (国家“千人计划” is 国家千人计划, as the texts write
    it) and the span is mapped back onto the words as typed; the value is the unquoted title, which
    the synonym table knows."""
    from policy_kb.catalogue import catalogue, in_gloss

    kept = [i for i, ch in enumerate(text) if ch not in _QUOTES]
    bare = "".join(text[i] for i in kept)
    doc = honour_nlp()(bare)
    spans = []
    for e in doc.ents:
        if e.label_ != HONOUR:
            continue
        # 副研究员 around 研究员, 省杰青 around 杰青: the whole title goes to policy_kb, which reads it
        # as unlisted instead of the listed honour inside it
        start, end = catalogue().title_span(bare, e.start_char, e.end_char)
        value = bare[start:end]
        start, end = kept[start], kept[end - 1] + 1
        # the title as typed when it is itself a catalogue term (市“551人才工程”第一层次培养人员), else the
        # unquoted one the synonym table knows (国家“千人计划” → 国家千人计划)
        while start > 0 and text[start - 1] in _QUOTES and text[start - 1 : end] in _terms():
            start -= 1  # “长江学者奖励计划”入选者 is a catalogue name with its opening quote
        while end < len(text) and text[end] in _QUOTES and text[start : end + 1] in _terms():
            end += 1
        surface = text[start:end]
        spans.append(Span(HONOUR, start, end, surface, surface if surface in _terms() else value))
    # "省千人（青年千人）": a title in brackets right after another glosses it
    return [s for s in spans if not any(in_gloss(text, o.end, s.start) for o in spans if o is not s)]


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token exactly as Rasa's JiebaTokenizer cuts `text` (same global jieba)."""
    import jieba

    jieba_dict.load_into_jieba()
    return [(start, end) for _, start, end in jieba.tokenize(text)]


def snap_to_tokens(span: Span, text: str, tokens: list[tuple[int, int]]) -> Span:
    """Widen a rule span to whole tokens (创业 in the token 创业项目, 温州 in 温州市); value unchanged.

    Why: Rasa works on tokens — an entity must start and end where a token does, or it cannot be
    featurised, evaluated or highlighted consistently. The rule already decided the value.
    """
    start = max((s for s, _ in tokens if s <= span.start), default=span.start)
    end = min((e for _, e in tokens if e >= span.end), default=span.end)
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.entity, start, end, text[start:end], span.value, span.role)


def extract(text: str) -> list[Span]:
    """All policy entities in normalised text, on token boundaries; honours inside an amount or a
    workstation name are dropped (580万元 is money, 博士后工作站 is not a 博士)."""
    tokens = token_spans(text)
    rules = [snap_to_tokens(s, text, tokens) for s in entity_rules.extract(text)]
    blocking = [s for s in rules if s.entity in _BLOCKING]
    found = [h for h in honours(text) if not any(h.start < b.end and b.start < h.end for b in blocking)]
    return sorted([*rules, *found], key=lambda s: (s.start, -s.end, s.entity))


def to_rasa(span: Span, extractor: str) -> dict[str, Any]:
    entity: dict[str, Any] = {
        ENTITY_ATTRIBUTE_TYPE: span.entity,
        ENTITY_ATTRIBUTE_START: span.start,
        ENTITY_ATTRIBUTE_END: span.end,
        ENTITY_ATTRIBUTE_VALUE: span.value,
        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
        EXTRACTOR: extractor,
    }
    if span.role:
        entity[ENTITY_ATTRIBUTE_ROLE] = span.role
    return entity


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PolicyEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds honour, amount, rating, project type, category, tranche, region … entities to each message."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PolicyEntityExtractor:
        honour_nlp()  # build the ruler at load time, not on the first user message
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text or text.startswith("/"):
                continue
            new = [to_rasa(s, self.name) for s in extract(text)]
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), *new], add_to_output=True)
        return messages
