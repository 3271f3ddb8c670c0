"""How close the clause search's runner-up comes to its best hit, on the blind corpus's dev questions.

Why: a chat reply that answers from a clause offers a second clause as a button only when the search
cannot tell the two apart (policy_kb.search.close_clauses). Where "cannot tell" starts is read off
this table: for each band of runner-up/best score ratio, how often the best hit is the clause the
question's author named, and how often the runner-up is when the best is not.

Reads only evaluation/blind/dev (never test/). Each chat question's first turn is searched as the
chat's clause search does (no region unless the words name one). Run:
    python -m scripts.clause_margins            # the table by ratio band
    python -m scripts.clause_margins --rows     # every question, best and runner-up
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from policy_kb import api
from policy_kb.search import SearchHit, close_clauses, nested

DEV = Path(__file__).resolve().parent.parent / "evaluation" / "blind" / "dev"
BANDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)
WEAK = 10.0  # actions.clauses.WEAK_MIN_SCORE: a passage below it is never shown
NOTE = re.compile(
    r"（(?![一二三四五六七八九十]+）)[^）]*）|第\d段"
)  # （目录未列）, 第2段: notes, not numbers


@dataclass(frozen=True)
class Row:
    qid: str
    text: str
    expected: tuple[str, str] | None  # (region, clause as cited), None when no clause answers
    hits: tuple[SearchHit, ...]

    def right(self, hit: SearchHit) -> bool:
        return self.expected is not None and (
            hit.region == self.expected[0] and nested(hit.citation.clause, self.expected[1])
        )


def cited_clause(region: str, clause: str) -> tuple[str, str] | None:
    """The corpus's clause name ("台州 五、21", "永嘉 附件1 二（二）第2段") as policy_kb cites it."""
    if region not in ("永嘉县", "台州市") or "不在覆盖" in clause or "适用范围" in clause:
        return None
    body = clause.replace("永嘉", "", 1).replace("台州", "", 1).strip()
    goal = re.fullmatch(r"一（主要目标·(.+)）", body)
    if goal:
        return region, f"一、{goal.group(1)}"
    body = NOTE.sub("", body).strip()
    if body == "序言":
        body = "前言"
    if re.fullmatch(r"[一二三四五六七八九十]+、\d+", body):
        body += "."  # 台州 五、21 is cited 五、21.
    return region, body


def rows() -> list[Row]:
    out = []
    for path in sorted(DEV.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in data.get("chat") or []:
            text = str((q.get("turns") or [""])[0])
            region = api.region_from_words(text)
            hits = tuple(api.search(text, k=3, region=region))
            expected = cited_clause(str(q.get("region") or ""), str(q.get("clause") or ""))
            out.append(Row(str(q["id"]), text, expected, hits))
    return out


def ratio(row: Row) -> float | None:
    """Runner-up score / best score, among hits of different (not nested) clauses; None without one."""
    if not row.hits or row.hits[0].score < WEAK:
        return None
    best = row.hits[0]
    other = next((h for h in row.hits[1:] if not _same(h, best)), None)
    return other.score / best.score if other is not None and other.score >= WEAK else None


def _same(a: SearchHit, b: SearchHit) -> bool:
    return a.edition == b.edition and nested(a.citation.clause, b.citation.clause)


def table(items: list[Row]) -> None:
    shown = [r for r in items if r.hits and r.hits[0].score >= WEAK and r.expected is not None]
    print(f"dev chat questions: {len(items)}; with a clause to find and a best hit >= {WEAK}: {len(shown)}")
    print(f"best hit right: {sum(r.right(r.hits[0]) for r in shown)}")
    print("\nrunner-up/best ratio | n | best right | best wrong, runner-up right | neither")
    lo = 0.0
    no_runner = [r for r in shown if ratio(r) is None]
    print(
        f"  no runner-up >= {WEAK} | {len(no_runner)} | {sum(r.right(r.hits[0]) for r in no_runner)} | - | "
        f"{sum(not r.right(r.hits[0]) for r in no_runner)}"
    )
    for hi in BANDS:
        band = [r for r in shown if (x := ratio(r)) is not None and lo <= x < hi]
        best = sum(r.right(r.hits[0]) for r in band)
        second = sum(not r.right(r.hits[0]) and r.right(_runner(r)) for r in band)
        print(
            f"  [{lo:.2f}, {min(hi, 1.0):.2f}{']' if hi > 1 else ')'} | {len(band)} | {best} | {second} | "
            f"{len(band) - best - second}"
        )
        lo = hi
    print("\nwhat close_clauses() offers (policy_kb.search defaults):")
    offered = [(r, close_clauses(list(r.hits), WEAK)) for r in shown]
    with_alt = [(r, alts) for r, alts in offered if alts]
    rescued = sum(not r.right(r.hits[0]) and any(r.right(a) for a in alts) for r, alts in with_alt)
    print(f"  questions offered an alternative: {len(with_alt)} of {len(shown)}")
    print(
        f"  of those, best right: {sum(r.right(r.hits[0]) for r, _ in with_alt)}; "
        f"best wrong but an alternative right: {rescued}"
    )
    missed = sum(
        not r.right(r.hits[0]) and len(r.hits) > 1 and r.right(r.hits[1]) for r, a in offered if not a
    )
    print(f"  not offered, best wrong but the runner-up right: {missed}")


def _runner(row: Row) -> SearchHit:
    return next(h for h in row.hits[1:] if not _same(h, row.hits[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", action="store_true", help="print every question")
    args = parser.parse_args()
    items = rows()
    if args.rows:
        for r in items:
            x = ratio(r)
            marks = "".join("+" if r.right(h) else "." for h in r.hits)
            hits = " | ".join(f"{h.citation.clause} {h.score:.1f}" for h in r.hits)
            print(f"{r.qid}\t{'-' if x is None else f'{x:.2f}'}\t{marks}\t{r.expected}\t{hits}\t{r.text}")
    table(items)


if __name__ == "__main__":
    main()
