"""The passage probe (scripts/passage_probe.py): its questions name real passages, and a reply counts only
when it cites the passage's own clause in the passage's own text."""

from __future__ import annotations

from pathlib import Path

import yaml

from policy_kb.passages import passage
from scripts.passage_probe import cites_own_clause

PROBE = Path(__file__).resolve().parents[2] / "evaluation" / "probes" / "passage-questions-round4.yaml"


def test_every_probe_question_belongs_to_a_passage() -> None:
    questions = yaml.safe_load(PROBE.read_text(encoding="utf-8"))
    assert len(questions) >= 190 and all(len(qs) == 8 for qs in questions.values())
    for pid in questions:
        assert passage(pid).clause  # raises for an id the passages do not have


def test_a_reply_counts_only_with_the_passage_s_clause_in_its_own_text() -> None:
    yongjia = [{"doc": "永委办发〔2016〕82号", "clause": "附件1 三（一）1"}]
    assert cites_own_clause("永嘉县", "附件1 三", yongjia)  # a part of the clause
    assert not cites_own_clause("永嘉县", "附件1 四", yongjia)
    assert not cites_own_clause("台州市", "附件1 三", yongjia)  # the other text
    assert cites_own_clause("台州市", "三、10.", [{"doc": "台市委发〔2018〕39号", "clause": "三、10."}])
    assert not cites_own_clause("台州市", "三、10.", [])
