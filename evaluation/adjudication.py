"""The label audit: whether a "wrong" grade is a wrong answer or a wrong label.

The grader (evaluation/grading.py) calls an answer wrong when it contains a string the question's writer
listed in `must_not`. A string is not a meaning: "500万" forbidden for a 第3类 loan cap is also the 3年内 tax
threshold the same clause states, and "第2类" forbidden for a 省千人 is also 国家千人's category, listed beside
it. So a held-out wrong is audited before it is reported as a confident wrong answer:

- `python -m evaluation.adjudication export results/blind_eval.json DIR` writes DIR/items.yaml (each
  held-out chat answer graded wrong that no record covers yet, with its question, `must`, `must_not`, quote and answer), DIR/texts/
  (the two policy texts) and DIR/TASK.md (the auditor's brief). Two auditors who read only DIR — never the
  repository, the training data or the code — classify each item: `answer_wrong` (the answer states
  something the text contradicts about what was asked), `label_wrong` (it states nothing the text
  contradicts; the forbidden string is right in the sense the answer uses it), or `unclear`. The brief
  tells them to decide what the text settles before reading the answer, and to choose answer_wrong or
  unclear when in doubt. The developer does not read the items: for answer_wrong the auditors write the
  id and class only.
- `python -m evaluation.adjudication merge DIR1 DIR2 …` records in evaluation/blind/adjudicated.yaml the
  items every auditor classed label_wrong, with each auditor's quote and reason and the sha256 of the answer
  they read.

A record holds for that answer only: when the bot's answer to the question changes, the record no longer
applies and the item counts as wrong again until it is audited again. The raw grade is never changed:
run_blind reports `chat_wrong` as graded and, beside it, `chat_wrong_confirmed` (the wrongs no agreed
audit overturned). Floors stay on the raw figures.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
ADJUDICATED = Path(__file__).parent / "blind" / "adjudicated.yaml"
SOURCES = ROOT / "policy_kb" / "sources"
CORPUS = Path(__file__).parent / "blind"
BRIEF = Path(__file__).parent / "blind" / "AUDIT_BRIEF.md"


def answer_hash(answer: str) -> str:
    """The answer an audit read, as a short fingerprint: a record applies to that answer only."""
    return hashlib.sha256(answer.encode("utf-8")).hexdigest()[:16]


def records(path: Path | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """(split, id) → the agreed label_wrong record."""
    path = path or ADJUDICATED
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(r["split"], r["id"]): r for r in data.get("label_wrong") or []}


def overturned(split: str, item_id: str, answer: str, known: dict[tuple[str, str], dict[str, Any]]) -> bool:
    """Whether an agreed audit found this very answer's wrong grade to be a wrong label."""
    record = known.get((split, item_id))
    return record is not None and record.get("answer_sha256") == answer_hash(answer)


def export(results: Path, out: Path, held_out: frozenset[str]) -> int:
    """Write the audit packet for every held-out chat answer graded wrong that no record covers yet (a new wrong, or
    an answer that changed since its audit); return how many."""
    known = records()
    items = [
        i
        for i in json.loads(results.read_text(encoding="utf-8"))["items"]
        if i["split"] in held_out
        and i["kind"] == "chat"
        and i["outcome"] == "wrong"
        and not overturned(i["split"], i["id"], i["answer"], known)
    ]
    quotes = {}
    for path in CORPUS.glob("*/*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for q in data.get("chat") or []:
            quotes[(path.parent.name, q["id"])] = q.get("quote", "")
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts").mkdir(exist_ok=True)
    for src in SOURCES.glob("*.txt"):
        shutil.copy(src, out / "texts" / src.name)
    packet = [
        {
            "split": i["split"],
            "id": i["id"],
            "region": i["region"],
            "clause": i["clause"],
            "quote": quotes.get((i["split"], i["id"]), ""),
            "verdict": i["verdict"],
            "turns": i["turns"],
            "must": i["must"],
            "must_not": i["must_not"],
            "forbidden": i["forbidden"],
            "answer": i["answer"],
            "answer_sha256": answer_hash(i["answer"]),
        }
        for i in items
    ]
    (out / "items.yaml").write_text(
        yaml.safe_dump({"items": packet}, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
    (out / "TASK.md").write_text(
        BRIEF.read_text(encoding="utf-8").replace("{DIR}", str(out)), encoding="utf-8"
    )
    return len(packet)


def merge(dirs: list[Path], when: str) -> int:
    """Record the items every auditor classed label_wrong; return how many were added or renewed. Two auditors at
    least: one reader's judgement does not overturn a grade."""
    if len(dirs) < 2:
        raise ValueError("a label audit needs two auditors or more")
    packets = [
        {
            (i["split"], i["id"]): i
            for i in yaml.safe_load((d / "items.yaml").read_text(encoding="utf-8"))["items"]
        }
        for d in dirs
    ]
    verdicts = [
        {(v["split"], v["id"]): v for v in yaml.safe_load((d / "verdicts.yaml").read_text(encoding="utf-8"))}
        for d in dirs
    ]
    known = records()
    added = 0
    for key, item in packets[0].items():
        seen = [v.get(key) for v in verdicts]
        sha = answer_hash(item["answer"])
        same_answer = all(answer_hash(p.get(key, {}).get("answer", "")) == sha for p in packets)
        if not same_answer or not all(s and s["class"] == "label_wrong" for s in seen):
            continue
        known[key] = {
            "split": key[0],
            "id": key[1],
            "answer_sha256": sha,
            "forbidden": item["forbidden"],
            "audited": when,
            "auditors": [{"text_says": s["text_says"], "reason": s["reason"]} for s in seen if s],
        }
        added += 1
    body = {"label_wrong": [known[k] for k in sorted(known)]}
    header = (
        "# Held-out wrongs that two auditors, reading only the policy texts, found to be wrong labels: the answer\n"
        "# states nothing the text contradicts. Written by `python -m evaluation.adjudication merge`; see\n"
        "# evaluation/adjudication.py. A record holds for the answer whose sha256 it names only.\n"
    )
    ADJUDICATED.write_text(
        header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8"
    )
    return added


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) >= 3 and args[0] == "export":
        from evaluation.run_blind import HELD_OUT

        n = export(Path(args[1]), Path(args[2]), frozenset(HELD_OUT))
        print(f"{n} held-out wrongs not yet audited written to {args[2]} (not shown here)")
        return 0
    if len(args) >= 3 and args[0] == "merge":
        import datetime

        n = merge([Path(a) for a in args[1:]], datetime.date.today().isoformat())
        print(f"{n} agreed label_wrong records in {ADJUDICATED}")
        return 0
    print(
        "usage: python -m evaluation.adjudication export RESULTS_JSON DIR | merge DIR DIR …", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
