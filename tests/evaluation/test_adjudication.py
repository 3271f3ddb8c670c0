"""The label audit (evaluation/adjudication.py): a wrong grade is overturned only by every auditor, only
for the very answer they read, and the raw count is never changed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluation import adjudication
from evaluation.run_blind import HELD_OUT, Item, audit, load, summary


def _item(answer: str, outcome: str = "wrong", split: str = "test", item_id: str = "x-c-001") -> Item:
    return Item(
        split=split,
        kind="chat",
        id=item_id,
        region="永嘉县",
        clause="永嘉 三（三）",
        family="永嘉 三",
        verdict="answer",
        turns=["q"],
        must=[["300万"]],
        must_not=["500万"],
        answer=answer,
        outcome=outcome,
    )


def _record(answer: str, item_id: str = "x-c-001") -> dict[tuple[str, str], dict[str, object]]:
    return {
        ("test", item_id): {"split": "test", "id": item_id, "answer_sha256": adjudication.answer_hash(answer)}
    }


def test_a_record_overturns_only_the_answer_it_was_made_for() -> None:
    known = _record("第3类最高300万元贷款额；3年内税收达到500万元的再择优")
    assert adjudication.overturned(
        "test", "x-c-001", "第3类最高300万元贷款额；3年内税收达到500万元的再择优", known
    )
    assert not adjudication.overturned(
        "test", "x-c-001", "第3类最高500万元贷款额", known
    )  # the answer changed
    assert not adjudication.overturned(
        "test", "x-c-002", "第3类最高300万元贷款额；3年内税收达到500万元的再择优", known
    )


def test_the_raw_wrong_count_stays_and_the_confirmed_one_is_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    audited = _item("第3类300万；税收500万")
    changed = _item("第3类500万", item_id="x-c-002")
    right = _item("300万", outcome="right", item_id="x-c-003")
    known = {**_record("第3类300万；税收500万"), **_record("第3类300万；税收500万", "x-c-002")}
    monkeypatch.setattr(adjudication, "records", lambda: known)
    audit([audited, changed, right])
    assert (audited.label_wrong, changed.label_wrong, right.label_wrong) == (True, False, False)
    figures = summary([audited, changed, right])["test"]
    assert (figures["chat_wrong"], figures["chat_wrong_confirmed"]) == (2, 1)


def _audit_dir(
    root: Path, name: str, items: list[dict[str, object]], verdicts: list[dict[str, object]]
) -> Path:
    d = root / name
    d.mkdir()
    (d / "items.yaml").write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    (d / "verdicts.yaml").write_text(yaml.safe_dump(verdicts, allow_unicode=True), encoding="utf-8")
    return d


def test_merge_records_only_what_every_auditor_called_a_wrong_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "adjudicated.yaml"
    monkeypatch.setattr(adjudication, "ADJUDICATED", target)
    items = [
        {"split": "test", "id": f"x-c-00{n}", "answer": f"answer {n}", "forbidden": ["500万"]}
        for n in (1, 2, 3)
    ]
    said = {"text_says": "原文", "reason": "why"}
    one = _audit_dir(
        tmp_path,
        "a",
        items,
        [
            {"split": "test", "id": "x-c-001", "class": "label_wrong", **said},
            {"split": "test", "id": "x-c-002", "class": "label_wrong", **said},
            {"split": "test", "id": "x-c-003", "class": "answer_wrong"},
        ],
    )
    two = _audit_dir(
        tmp_path,
        "b",
        items,
        [
            {"split": "test", "id": "x-c-001", "class": "label_wrong", **said},
            {"split": "test", "id": "x-c-002", "class": "unclear", **said},
            {"split": "test", "id": "x-c-003", "class": "label_wrong", **said},
        ],
    )
    assert adjudication.merge([one, two], "2026-12-07") == 1
    known = adjudication.records(target)
    assert list(known) == [("test", "x-c-001")]
    assert known[("test", "x-c-001")]["answer_sha256"] == adjudication.answer_hash("answer 1")


def test_every_record_names_a_held_out_chat_question() -> None:
    questions = {(i.split, i.id) for i in load() if i.kind == "chat"}
    for split, item_id in adjudication.records():
        assert split in HELD_OUT and (split, item_id) in questions


def test_export_leaves_out_the_wrongs_a_record_covers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    def item(n: int, answer: str) -> dict[str, object]:
        return {
            "split": "test",
            "kind": "chat",
            "id": f"x-c-00{n}",
            "region": "永嘉县",
            "clause": "永嘉 三（三）",
            "verdict": "answer",
            "turns": ["q"],
            "must": [],
            "must_not": ["500万"],
            "forbidden": ["500万"],
            "answer": answer,
            "outcome": "wrong",
        }

    results = tmp_path / "blind_eval.json"
    results.write_text(
        json.dumps({"items": [item(1, "audited"), item(2, "changed since")]}), encoding="utf-8"
    )
    monkeypatch.setattr(
        adjudication, "records", lambda path=None: {**_record("audited"), **_record("before", "x-c-002")}
    )
    assert adjudication.export(results, tmp_path / "packet", frozenset({"test"})) == 1
    packet = yaml.safe_load((tmp_path / "packet" / "items.yaml").read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in packet] == ["x-c-002"]
    assert (tmp_path / "packet" / "TASK.md").read_text(encoding="utf-8").count(str(tmp_path / "packet")) >= 2


def test_one_auditor_alone_overturns_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        adjudication.merge([tmp_path], "2026-12-07")
