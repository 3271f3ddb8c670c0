"""The Rasa graph components wired as in config.yml: the user's text goes in and comes back out,
tokens and entities sit on it, values are canonical — without training a model."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.entity_synonyms import EntitySynonymMapper
from rasa.nlu.tokenizers.jieba_tokenizer import JiebaTokenizer
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components import jieba_dict, nlu_data
from nlu_components.honour_extractor import PolicyEntityExtractor
from nlu_components.normalizer import TEXT_NORMALISED, ChineseNormalizer, OriginalTextRestorer


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory):
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    context = ExecutionContext(GraphSchema({}), "test")

    def make(cls, config=None, name="x"):
        return cls.create(
            {**cls.get_default_config(), **(config or {})}
            if hasattr(cls, "get_default_config")
            else (config or {}),
            storage,
            Resource(name),
            context,
        )

    synonyms = make(EntitySynonymMapper, name="synonyms")
    synonyms.train(TrainingData(entity_synonyms={**nlu_data.honour_synonyms(), **nlu_data.region_synonyms()}))
    return [
        make(ChineseNormalizer),
        make(JiebaTokenizer, {"dictionary_path": str(jieba_dict.DICT_DIR)}, "jieba"),
        make(PolicyEntityExtractor),
        synonyms,
        make(OriginalTextRestorer),
    ]


def run(pipeline, text: str) -> Message:
    messages = [Message(data={TEXT: text})]
    for component in pipeline:
        messages = component.process(messages)
    return messages[0]


def test_text_comes_back_as_typed_with_entities_on_it(pipeline):
    typed = "我是長江學者，項目批了二百七十萬"
    message = run(pipeline, typed)
    assert message.get(TEXT) == typed
    assert message.get(TEXT_NORMALISED) == "我是长江学者,项目批了270万元"
    found = {
        (e["entity"], typed[e["start"] : e["end"]], e["value"], e.get("role")) for e in message.get(ENTITIES)
    }
    assert found == {
        ("honour", "長江學者", "“长江学者奖励计划”入选者", None),
        ("amount", "二百七十萬", 2700000, "approved_total"),
    }


def test_tokens_point_into_the_typed_text(pipeline):
    typed = "在 楠溪江 这边"
    message = run(pipeline, typed)
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert [typed[t.start : t.end] for t in tokens] == ["在", "楠溪江", "这边"]
    assert [(e["value"], typed[e["start"] : e["end"]]) for e in message.get(ENTITIES)] == [
        ("永嘉县", "楠溪江")
    ]


def test_button_payloads_pass_untouched(pipeline):
    message = run(pipeline, '/inform{"region": "台州市"}')
    assert message.get(TEXT) == '/inform{"region": "台州市"}'
    assert not message.get(ENTITIES)


def test_training_annotations_move_with_the_normalised_text():
    typed = "批了二百七十万"
    example = Message(
        data={
            TEXT: typed,
            "intent": "inform",
            ENTITIES: [{"entity": "amount", "start": 2, "end": 7, "value": "二百七十万"}],
        }
    )
    ChineseNormalizer().process_training_data(TrainingData([example]))
    assert example.get(TEXT) == "批了270万元"
    assert example.get(ENTITIES) == [{"entity": "amount", "start": 2, "end": 7, "value": "270万元"}]
