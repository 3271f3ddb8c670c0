"""The blind corpus's staff queries through the hotline ranking, in-process: top-3 and top-1 per split.

Why: `python -m evaluation.run_blind` measures the same queries through the running stack (Rasa and
all), which takes minutes and every core; the hotline path needs neither. This loads the staff
queries of the worked-against splits only (run_blind.WORKED: dev … dev8 — never test*, which are
held out), ranks each one as GET /api/assist?q=…&k=3 does (bot.assist.router: the region parameter
is empty, so `resolve_region("")` → None and the query's own words decide the region) and grades
with evaluation.grading exactly as run_blind does for staff: the three cards' title + answer joined
must contain every `must` group and no `must_not` (top-3); the first card alone, top-1.

    python -m scripts.staff_eval                 # the figures per split
    python -m scripts.staff_eval --misses        # and each query not right in the top 3 or at 1
    python -m scripts.staff_eval --split dev2 --misses --cards   # with the cards shown
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from bot.assist.ranking import rank, resolve_region
from evaluation.grading import Outcome, grade
from evaluation.run_blind import WORKED, Item, load

K = 3


@dataclass
class Scored:
    item: Item
    cards: list[str]
    top3: Outcome
    top1: bool


def cards_for(query: str, region: str = "") -> list[str]:
    """The /api/assist cards for a query, as run_blind joins them: title, newline, answer."""
    _, suggestions = rank(query, K, resolve_region(region))
    return [f"{s.get('title', '')}\n{s.get('answer', '')}" for s in suggestions]


def score(item: Item) -> Scored:
    cards = cards_for(item.turns[-1])
    g = grade("\n---\n".join(cards), item.must, item.must_not)
    first = bool(cards) and grade(cards[0], item.must, item.must_not).outcome is Outcome.RIGHT
    return Scored(item, cards, g.outcome, first)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--split", choices=WORKED, action="append", help="a worked split (default: all of them)")
    ap.add_argument("--misses", action="store_true", help="list each query not right at 3 or at 1")
    ap.add_argument("--cards", action="store_true", help="with --misses: the cards that came up")
    args = ap.parse_args(argv)
    splits = tuple(args.split or WORKED)
    if any(s not in WORKED for s in splits):  # the held-out splits are never loaded here
        raise SystemExit("only the dev splits are worked against")
    rows = [score(i) for i in load(splits) if i.kind == "staff"]
    for split in splits:
        mine = [r for r in rows if r.item.split == split]
        n = len(mine)
        top3 = sum(r.top3 is Outcome.RIGHT for r in mine)
        top1 = sum(r.top1 for r in mine)
        wrong = sum(r.top3 is Outcome.WRONG for r in mine)
        print(
            f"staff {split}: top-3 {top3}/{n} = {top3 / n:.1%}, top-1 {top1}/{n} = {top1 / n:.1%}"
            f" ({wrong} wrong)"
        )
    if args.misses:
        for r in rows:
            if r.top3 is Outcome.RIGHT and r.top1:
                continue
            g = grade("\n".join(r.cards), r.item.must, r.item.must_not)
            where = "top-3" if r.top3 is not Outcome.RIGHT else "top-1"
            print(f"\n[{where} {r.top3.value}] {r.item.id} {r.item.clause}: {r.item.turns[-1]}")
            print(f"  must {r.item.must} must_not {r.item.must_not}; missing {g.missing} {g.forbidden}")
            for i, card in enumerate(r.cards if args.cards else [c.split("\n", 1)[0] for c in r.cards]):
                print(f"  {i + 1}. {card}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
