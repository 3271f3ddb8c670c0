"""Send passage questions through the running chat and count the replies that cite the passage's clause.

Why: a question written for one passage by someone who never saw this repository should be answered from
that passage's clause. Where search already ranks that clause first but the reply cites another, the
chat pipeline (region, intent, a form, a title read in passing) misrouted it — the defects stop 25 and
stop 26 found this way (docs/EVALUATION.md). The questions are not evaluation data: the blind splits stay
the measure; this is a probe for pipeline defects.

    python -m scripts.passage_probe evaluation/probes/passage-questions-round4.yaml --url http://127.0.0.1:8000

Writes one JSON row per question (--out) and prints the share that cites its own clause.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import yaml

from policy_kb.passages import passage

_CLAUSE_NOISE = re.compile(r"[\s、.．]")


def _same_clause(want: str, got: str) -> bool:
    """A citation of the clause or of a part of it (附件1 三 and 附件1 三（一）1 are the same passage's)."""
    want, got = _CLAUSE_NOISE.sub("", want), _CLAUSE_NOISE.sub("", got)
    return bool(got) and (got == want or want.startswith(got) or got.startswith(want))


def cites_own_clause(region: str, clause: str, citations: list[dict[str, Any]]) -> bool:
    """Whether any citation of the reply is the passage's clause in the passage's text."""
    doc = "永委办发" if region == "永嘉县" else "台市委发"
    return any(
        doc in str(c.get("doc", "")) and _same_clause(clause, str(c.get("clause", ""))) for c in citations
    )


async def probe(questions: dict[str, list[str]], url: str, concurrency: int = 6) -> list[dict[str, Any]]:
    """Each question in its own conversation; the replies' citations checked against its passage."""
    gate = asyncio.Semaphore(concurrency)
    rows: list[dict[str, Any]] = []
    async with httpx.AsyncClient(timeout=60) as client:

        async def one(pid: str, question: str) -> None:
            found = passage(pid)
            async with gate:
                reply = await client.post(
                    f"{url}/api/chat", json={"sender": f"probe-{uuid.uuid4().hex[:10]}", "message": question}
                )
            replies = reply.json().get("replies", [])
            citations = [c for r in replies for c in (r.get("citations") or [])]
            rows.append(
                {
                    "pid": pid,
                    "region": found.region,
                    "clause": found.clause,
                    "q": question,
                    "hit": cites_own_clause(found.region, found.clause, citations),
                    "cited": [f"{c.get('doc', '')} {c.get('clause', '')}" for c in citations],
                    "text": "\n".join(r.get("text") or "" for r in replies),
                }
            )

        await asyncio.gather(*(one(pid, q) for pid, qs in questions.items() for q in qs))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=Path, help="YAML: passage id → list of questions")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the gateway (make run's default)")
    parser.add_argument("--out", type=Path, default=Path("results/passage_probe.json"))
    args = parser.parse_args(argv)
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    rows = asyncio.run(probe(questions, args.url.rstrip("/")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    hits = sum(r["hit"] for r in rows)
    uncited = sum(not r["cited"] for r in rows)
    print(
        f"{len(rows)} questions: cite their own clause {hits} ({hits / max(len(rows), 1):.1%}), "
        f"no citation {uncited}, another clause {len(rows) - hits - uncited}; rows in {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
