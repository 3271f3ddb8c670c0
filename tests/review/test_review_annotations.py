"""Annotation: a reviewer corrects a misunderstood user message (intent + entity spans), the queue is
exported as Rasa NLU YAML and as test stories — and `rasa data validate` accepts the export."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from fastapi.testclient import TestClient

from bot.auth.schema import REPO_ROOT
from bot.review import export
from bot.review.annotations import AnnotationError, parse_entities
from bot.review.vocab import DEFAULT_ENTITIES, DEFAULT_INTENTS
from tests.review.review_fixtures import REVIEWER, add_conversation, build_app, login, session_csrf

ENTS = DEFAULT_ENTITIES


def _annotate(client: TestClient, conv_id: str, message_id: int, body: dict) -> dict:
    resp = client.post(
        f"/review/api/c/{quote(conv_id, safe='')}/m/{message_id}/annotation",
        json=body,
        headers={"X-CSRF-Token": session_csrf(client)},
    )
    return {"status": resp.status_code, **resp.json()}


def _first_user_message(db_path: Path, conv_id: str) -> int:
    row = (
        sqlite3.connect(db_path)
        .execute("SELECT id FROM messages WHERE conversation_id=? AND direction='in' ORDER BY id", (conv_id,))
        .fetchone()
    )
    return int(row[0])


# ---- span validation ---------------------------------------------------------------------------------
def test_spans_must_match_the_text() -> None:
    text = "😀在永嘉能用金卡吗"
    assert parse_entities(text, json.dumps([{"start": 2, "end": 4, "entity": "region"}]), allowed=ENTS) == [
        {"start": 2, "end": 4, "value": "永嘉", "entity": "region"}
    ]
    assert parse_entities(text, "", value="金卡", entity="honour", allowed=ENTS)[0]["start"] == 6
    bad = [
        ([{"start": 2, "end": 40, "entity": "region"}], "超出"),
        ([{"start": 4, "end": 2, "entity": "region"}], "超出"),
        ([{"start": 2, "end": 4, "entity": "planet"}], "未知的实体类型"),
        ([{"start": 2, "end": 4, "entity": "region"}, {"start": 3, "end": 5, "entity": "region"}], "重叠"),
        ([{"start": "x", "end": 4, "entity": "region"}], "格式"),
        ({"start": 1}, "格式"),
        ([{"start": 2, "end": 4, "entity": "region", "value": "在永"}], "不符"),
    ]
    for spans, message in bad:
        with pytest.raises(AnnotationError, match=message):
            parse_entities(text, json.dumps(spans), allowed=ENTS)
    with pytest.raises(AnnotationError, match="括号"):
        parse_entities("在[永嘉]用", json.dumps([{"start": 1, "end": 4, "entity": "region"}]), allowed=ENTS)
    with pytest.raises(AnnotationError, match="找不到"):
        parse_entities(text, "", value="台州", entity="region", allowed=ENTS)


def test_markup_neutralises_brackets_and_masks() -> None:
    text = "[永嘉](region)的金卡 电话13812345678"
    ents = [{"start": 1, "end": 3, "value": "永嘉", "entity": "region"}]
    assert export.marked_up(text, ents) == "［[永嘉](region)］(region)的金卡 电话［手机号］"
    # an entity whose value would be masked is not exported as markup
    phone = [{"start": 8, "end": 19, "value": "13812345678", "entity": "amount"}]
    assert export.marked_up("我的电话号码是：13812345678", phone) == "我的电话号码是：［手机号］"
    assert export.marked_up("第一行\n第二行\t结束  ", []) == "第一行 第二行 结束"


# ---- the workflow through the app --------------------------------------------------------------------
def test_annotation_queue_and_export(reviewer: TestClient, conv_ids: dict[str, str], db_path: Path) -> None:
    extra, (emoji_id, newline_id) = add_conversation(db_path, "extra", ["😀在永嘉能用金卡吗", "金卡\n能用吗"])
    low_msg = _first_user_message(db_path, conv_ids["low"])
    ok = _annotate(
        reviewer,
        extra,
        emoji_id,
        {"intent": "ask_gold_card", "entities": [{"start": 2, "end": 4, "entity": "region"}]},
    )
    assert ok["status"] == 200 and ok["entities"][0]["value"] == "永嘉"
    assert _annotate(reviewer, extra, newline_id, {"intent": "ask_gold_card"})["status"] == 200
    # the HTML form path (no JS: typed entity value)
    url = f"/review/c/{quote(conv_ids['low'], safe='')}/m/{low_msg}/annotate"
    form = reviewer.post(
        url,
        data={
            "csrf_token": session_csrf(reviewer),
            "intent": "ask_benefits",
            "entities_json": "",
            "entity_value": "人才",
            "entity_type": "honour",
        },
        follow_redirects=False,
    )
    assert form.status_code == 303 and form.headers["location"].endswith(f"saved=annotation#m{low_msg}")
    # re-annotating replaces the earlier annotation of the same message
    form = reviewer.post(
        url, data={"csrf_token": session_csrf(reviewer), "intent": "ask_benefits", "entities_json": ""}
    )
    assert form.status_code == 200 and "标注已加入队列" in form.text

    refused = [
        _annotate(reviewer, extra, emoji_id, {"intent": "no_such_intent"}),
        _annotate(reviewer, conv_ids["low"], emoji_id, {"intent": "ask_benefits"}),  # message of another chat
        _annotate(
            reviewer,
            extra,
            emoji_id,
            {"intent": "ask_benefits", "entities": [{"start": 0, "end": 99, "entity": "region"}]},
        ),
    ]
    assert [r["status"] for r in refused] == [400, 400, 400]

    # the span picker shows the stored one-line text, so browser offsets match the server's
    transcript = reviewer.get(f"/review/c/{quote(extra, safe='')}").text
    assert ">金卡 能用吗</div>" in transcript

    page = reviewer.get("/review/annotations").text
    assert "😀在[永嘉](region)能用金卡吗" in page and "金卡 能用吗" in page

    nlu = reviewer.get("/review/export/nlu.yml")
    assert nlu.status_code == 200 and "attachment" in nlu.headers["content-disposition"]
    data = yaml.safe_load(nlu.text)
    assert data["version"] == "3.1"
    examples = {item["intent"]: item["examples"].splitlines() for item in data["nlu"]}
    assert examples == {
        "ask_benefits": ["- 人才补贴怎么申请"],
        "ask_gold_card": ["- 😀在[永嘉](region)能用金卡吗", "- 金卡 能用吗"],
    }

    stories = yaml.safe_load(reviewer.get("/review/export/test_stories.yml").text)
    steps = [story["steps"][0] for story in stories["stories"]]
    assert {(s["user"].strip(), s["intent"]) for s in steps} == {
        ("人才补贴怎么申请", "ask_benefits"),
        ("😀在[永嘉](region)能用金卡吗", "ask_gold_card"),
        ("金卡 能用吗", "ask_gold_card"),
    }

    conn = sqlite3.connect(db_path)
    actions = [
        r[0] for r in conn.execute("SELECT action FROM audit_log WHERE username='reviewer' ORDER BY id")
    ]
    assert actions.count("annotation_save") == 4 and actions.count("export") == 2
    # delete one from the queue
    aid = conn.execute("SELECT id FROM annotations WHERE message_id=?", (newline_id,)).fetchone()[0]
    resp = reviewer.post(f"/review/annotations/{aid}/delete", data={"csrf_token": session_csrf(reviewer)})
    assert resp.status_code == 200 and "已从队列删除" in resp.text
    assert "金卡 能用吗" not in reviewer.get("/review/export/nlu.yml").text
    assert conn.execute("SELECT COUNT(*) FROM audit_log WHERE action='annotation_delete'").fetchone()[0] == 1


def test_same_text_labelled_twice_is_exported_once() -> None:
    items = [
        {
            "id": 1,
            "message_id": 1,
            "text": "金卡有什么用",
            "intent": "ask_benefits",
            "entities": [],
            "updated_at": "2026-01-01T00:00:00.000+00:00",
        },
        {
            "id": 2,
            "message_id": 2,
            "text": "金卡有什么用",
            "intent": "ask_gold_card",
            "entities": [],
            "updated_at": "2026-01-02T00:00:00.000+00:00",
        },
    ]
    assert yaml.safe_load(export.nlu_yaml(items))["nlu"] == [
        {"intent": "ask_gold_card", "examples": "- 金卡有什么用\n"}
    ]
    assert yaml.safe_load(export.nlu_yaml([])) == {"version": "3.1", "nlu": []}


def test_admin_edits_the_intent_list_only_without_a_domain(
    admin: TestClient, reviewer: TestClient, db_path: Path, tmp_path: Path
) -> None:
    token = session_csrf(admin)
    resp = admin.post(
        "/review/annotations/vocabulary",
        data={
            "csrf_token": token,
            "intents": "ask_benefits\nask_gold_card\nnew_intent",
            "entities": "region",
        },
    )
    assert resp.status_code == 200 and "<code>new_intent</code>" in resp.text
    bad = admin.post(
        "/review/annotations/vocabulary", data={"csrf_token": token, "intents": "有 空格", "entities": ""}
    )
    assert bad.status_code == 400
    assert (
        reviewer.post(
            "/review/annotations/vocabulary", data={"csrf_token": session_csrf(reviewer), "intents": "x"}
        ).status_code
        == 403
    )


def test_vocabulary_comes_from_domain_yml_when_present(
    db_path: Path, conv_ids: dict[str, str], tmp_path: Path
) -> None:
    domain = tmp_path / "domain.yml"
    domain.write_text(
        'version: "3.1"\nintents:\n  - ask_x\n  - ask_y:\n      use_entities: []\n'
        "entities:\n  - place\n  - amount:\n      roles: [a]\n",
        encoding="utf-8",
    )
    with TestClient(build_app(db_path, domain)) as client:
        login(client, *REVIEWER)
        page = client.get("/review/annotations").text
        assert "来自项目的 domain.yml" in page
        assert (
            "<code>ask_x</code> <code>ask_y</code>" in page
            and "<code>place</code> <code>amount</code>" in page
        )


# ---- rasa data validate ---------------------------------------------------------------------------------
BENIGN = (
    "is listed in the domain file, but is not found in the NLU training data",
    "is not used in any story or rule",
    "The utterance",  # responses unused by the exported stories
    "The action",
    "The form",
    "The slot",
)


def _warnings(output: str) -> list[str]:
    """Every Rasa UserWarning message in the output that is not one of the benign, domain-only kinds."""
    messages = re.findall(r"UserWarning: (.*?)(?=\x1b\[0m|\n\S*\d{4}-\d\d-\d\d |\Z)", output, flags=re.S)
    return [m.strip() for m in messages if not any(b in m for b in BENIGN)]


def _project_or_minimal(tmp: Path) -> tuple[Path, Path | None]:
    domain, config = REPO_ROOT / "domain.yml", REPO_ROOT / "config.yml"
    if domain.exists():
        shutil.copy(domain, tmp / "domain.yml")
    else:
        lines = [
            'version: "3.1"',
            "intents:",
            *[f"  - {i}" for i in DEFAULT_INTENTS],
            "entities:",
            *[f"  - {e}" for e in DEFAULT_ENTITIES],
        ]
        (tmp / "domain.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if config.exists():
        shutil.copy(config, tmp / "config.yml")
        return tmp / "domain.yml", tmp / "config.yml"
    return tmp / "domain.yml", None


def _rasa_validate(tmp: Path, domain: Path, config: Path | None) -> tuple[int, str]:
    args = [
        str(Path(sys.executable).parent / "rasa"),
        "data",
        "validate",
        "--data",
        str(tmp / "data"),
        str(tmp / "tests"),
        "--domain",
        str(domain),
    ]
    if config:
        args += ["--config", str(config)]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false"}
    proc = subprocess.run(args, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


READ_BACK = """
import json, sys
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
data = RasaYAMLReader().read(sys.argv[1])
print(json.dumps([{"text": m.get("text"), "intent": m.get("intent"),
                   "entities": [(e["start"], e["end"], e["value"], e["entity"]) for e in m.get("entities") or []]}
                  for m in data.training_examples], ensure_ascii=False))
"""


@pytest.mark.rasa
def test_export_passes_rasa_data_validate(db_path: Path, conv_ids: dict[str, str], tmp_path: Path) -> None:
    work = tmp_path / "rasa"
    (work / "data" / "nlu").mkdir(parents=True)
    (work / "tests").mkdir()
    domain, config = _project_or_minimal(work)
    app = build_app(db_path, domain)
    extra, ids = add_conversation(
        db_path,
        "extra",
        [
            "😀在永嘉能用金卡吗",
            "[永嘉](region)的金卡 {x} 怎么办",
            "金卡\n能用吗",
            "<script>alert(1)</script>补贴 #1: 是多少？",
        ],
    )
    with TestClient(app) as client:
        login(client, *REVIEWER)
        for message_id, intent, spans in (
            (ids[0], "ask_gold_card", [{"start": 2, "end": 4, "entity": "region"}]),
            (ids[1], "ask_gold_card", [{"start": 1, "end": 3, "entity": "region"}]),
            (ids[2], "ask_gold_card", []),
            (ids[3], "ask_benefits", []),
            (_first_user_message(db_path, conv_ids["fallback"]), "out_of_scope", []),
        ):
            conv = extra if message_id in ids else conv_ids["fallback"]
            assert _annotate(client, conv, message_id, {"intent": intent, "entities": spans})["status"] == 200
        nlu_file = work / "data" / "nlu" / "review_annotations.yml"
        nlu_file.write_text(client.get("/review/export/nlu.yml").text, encoding="utf-8")
        (work / "tests" / "test_review_annotations.yml").write_text(
            client.get("/review/export/test_stories.yml").text, encoding="utf-8"
        )

    code, output = _rasa_validate(work, domain, config)
    assert code == 0, output[-3000:]
    assert _warnings(output) == [], output[-3000:]

    # Rasa reads back exactly what the reviewer marked (offsets in the exported text).
    read = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(nlu_file)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_ROOT,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert read.returncode == 0, read.stderr[-2000:]
    examples = {e["text"]: e for e in json.loads(read.stdout.strip().splitlines()[-1])}
    assert examples["😀在永嘉能用金卡吗"]["entities"] == [[2, 4, "永嘉", "region"]]
    assert examples["［永嘉］(region)的金卡 {x} 怎么办"]["entities"] == [[1, 3, "永嘉", "region"]]
    assert examples["<script>alert(1)</script>补贴 #1: 是多少？"]["intent"] == "ask_benefits"
    assert examples["你们食堂几点开饭"]["intent"] == "out_of_scope"
    assert len(examples) == 5


@pytest.mark.rasa
def test_the_warning_filter_catches_real_problems(tmp_path: Path) -> None:
    """Control for the test above: an intent missing from the domain must not pass unnoticed."""
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    domain, config = _project_or_minimal(tmp_path)
    (tmp_path / "data" / "nlu" / "bad.yml").write_text(
        export.nlu_yaml(
            [
                {
                    "id": 1,
                    "message_id": 1,
                    "text": "金卡有什么用",
                    "intent": "not_in_domain_intent",
                    "entities": [],
                    "updated_at": "x",
                }
            ]
        ),
        encoding="utf-8",
    )
    code, output = _rasa_validate(tmp_path, domain, config)
    assert any("not_in_domain_intent" in w for w in _warnings(output)), output[-3000:]
