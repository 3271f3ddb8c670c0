"""Rasa graph components that normalise Chinese input first and restore the user's text last.

Why two components: everything between them (jieba, featurizers, DIET, extractors) should see one
canonical spelling — simplified characters, half-width digits, 270万 rather than 二百七十万 — but the
tracker, the conversation log and entity offsets should keep what the talent actually typed.
`ChineseNormalizer` rewrites the text (and, in training data, moves entity annotations with it);
`OriginalTextRestorer` puts the original text back at the end of the pipeline and moves token and
entity offsets onto it, leaving the normalised text in `text_normalised`.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.textnorm import Normalised, normalise

NORMALISATION = "normalisation"  # message key carrying the Normalised object between the two components
TEXT_NORMALISED = "text_normalised"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class ChineseNormalizer(GraphComponent):
    """Rewrites the message text into its normalised form before tokenisation.

    Registered as a tokenizer-type component so Rasa also runs it over the training data, in
    pipeline order, before JiebaTokenizer.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ChineseNormalizer:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            norm = self._normalise(message)
            if norm is not None and norm.text != norm.original:
                message.set(NORMALISATION, norm)  # read and removed by OriginalTextRestorer
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            norm = self._normalise(example)
            if norm is not None and example.get(ENTITIES):
                example.set(ENTITIES, _entities_to_normalised(example.get(ENTITIES), norm))
        return training_data

    @staticmethod
    def _normalise(message: Message) -> Normalised | None:
        text = message.get(TEXT)
        if not isinstance(text, str) or not text:
            return None
        norm = normalise(text)
        if norm.text != text:
            message.set(TEXT, norm.text)
        return norm


def _entities_to_normalised(entities: list[dict[str, Any]], norm: Normalised) -> list[dict[str, Any]]:
    """Move annotated spans from the original text onto the normalised one; drop spans that vanished.

    An annotation without an explicit value has the typed text as its value (臺州, 二百七十万); it
    becomes the normalised text too. Otherwise EntitySynonymMapper would learn 台州 → 臺州 from it.
    """
    moved = []
    for entity in entities:
        start, end = entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END]
        span = norm.from_original(start, end)
        if span is None:
            continue
        updated = {**entity, ENTITY_ATTRIBUTE_START: span[0], ENTITY_ATTRIBUTE_END: span[1]}
        if entity.get(ENTITY_ATTRIBUTE_VALUE) == norm.original[start:end]:
            updated[ENTITY_ATTRIBUTE_VALUE] = norm.text[span[0] : span[1]]
        moved.append(updated)
    return moved


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class OriginalTextRestorer(GraphComponent):
    """Last in the pipeline: the message text becomes what the user typed again.

    Token and entity offsets are moved onto the original text, so a reviewer highlighting an entity
    and Rasa's entity evaluation both see the user's characters; entity values stay canonical.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> OriginalTextRestorer:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            norm: Normalised | None = message.get(NORMALISATION)
            if norm is None:
                continue
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                token.start, token.end = norm.to_original(token.start, token.end)
            entities = []
            for entity in message.get(ENTITIES) or []:
                start, end = norm.to_original(entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END])
                entities.append({**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_END: end})
            message.set(ENTITIES, entities, add_to_output=True)
            message.set(TEXT_NORMALISED, norm.text, add_to_output=True)
            message.set(TEXT, norm.original)
            message.data.pop(NORMALISATION, None)
        return messages
