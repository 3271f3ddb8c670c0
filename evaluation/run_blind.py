"""Run the blind clause corpus through the running stack and grade every answer.

`python -m evaluation.run_blind` starts actions, Rasa and the gateway on spare ports (state in a
temporary directory, as `make run` starts them), sends each chat question through `/api/chat` (a new
sender per question; follow-up turns in order, only the last answer graded) and each staff query
through `/api/assist` with a staff session, and grades them (evaluation/grading.py). Beside them it
grades the plain keyword-search baseline (policy_kb.search, best passage) on the same questions.

Writes results/blind_eval.json (every answer with its grade) and results/blind_eval.md (per clause
family, dev and test side by side), and exits non-zero when a split falls below its floor in
evaluation/thresholds.yaml. The test split is read only here, to report: no training example is ever
written from it (evaluation/blind/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from evaluation import adjudication
from evaluation.grading import Outcome, clause_family, grade

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "blind"
THRESHOLDS = Path(__file__).parent / "thresholds.yaml"
RESULTS = ROOT / "results"
# dev/test: the first three writers (2026-12-01); dev2/test2 … dev5/test5: three new writers
# each (2026-12-02), measured before any change was made from them. dev* are worked against; test* are
# read only to report. dev6 (2026-12-02, stop 20): two more writers on the two weakest held-out families
# only (永嘉 附件1, 永嘉 三), 140 chat questions, no held-out twin — a worked split.
# dev7/test7 (2026-12-02, stop 21): a sixth round of three writers, the round-5 brief, measured first
# on stop 20's bot plus the changes made before the round was read. dev8 (stop 21): a probe of two more
# writers on 永嘉 附件1 only (the held-out family with the most misses), 140 chat questions, no twin.
# dev9 (2026-12-03, stop 23): a probe of three more writers (永嘉 main text, 永嘉 attachments, 台州), the
# round-5 brief with 70 chat questions and 20 staff queries each, no twin — measured before any change.
# dev10/test10 (2026-12-03, stop 24): three more writers, the round-5 brief plus "paraphrase, never copy
# the text's wording", split alternately like round 5 — a held-out half no keep-or-drop decision has seen.
# dev11/test11 (2026-12-03, stop 25): three more writers, the round-10 brief unchanged, split alternately,
# measured first at 80741ba (after that stop's changes, before any change was made from them).
# dev12/test12 (2026-12-03, stop 26): three more writers, the round-10 brief plus "write every question by
# hand", split alternately, measured first at d8e29f5 (before any change was made from them).
# dev13/test13 (2026-12-03, stop 27): three more writers, the same brief, split alternately, measured first
# after that stop's first changes and before any change was made from them.
# dev14/test14 (2026-12-03, stop 28): three more writers, the same brief, split alternately, measured first
# at 52925f5 (before any change was made from them).
# dev15/test15 (2026-12-04, stop 29): three more writers, the same brief, split alternately, measured first
# at 1d99f42 (before any change was made from them).
# dev16/test16 (2026-12-04, stop 29): three more writers, the same brief, split alternately, measured first
# at 8c56065 (before any change was made from them).
# dev17/test17 (2026-12-04, stop 29): three more writers, the same brief with 50 chat questions and 40 staff
# queries each (the hotline weighed), split alternately, measured first at 4956e29. dev18 (stop 29): a probe
# of two more writers on the held-out families missed most (永嘉 三（五）、三（八）、三（九）/附件2; 三（一）, 附件1
# 一、二), 120 chat + 30 staff, no twin — measured first at 3f44dfc.
# dev19/test19 (2026-12-04, stop 30; round 19 — the number 18 went to the probe): three more writers, the
# round-10 brief, 70 chat + 20 staff each, split alternately, measured first at e0362af. dev20/test20 (stop
# 30): a probe of three writers on the held-out clauses missed most (永嘉 二, 三（一）（四）（八）（九）（十）, 四（二）;
# 附件1 一（一）（二）、二（二）、三（一）, 附件2 第四条, 附件3 一; 台州 二、3., 三、8., 三、9., 五、21.), 160 chat + 40
# staff, split alternately — measured first at 07833b7. dev21/test21 (stop 30): round 21, three more writers,
# the round-10 brief, split alternately, measured first at 509a57f. dev22/test22 (stop 30): round 22, the same,
# measured first at d89cc71. dev23/test23 (stop 31): round 23, the same, measured first at a94f14a. dev24/test24 (stop 31): round 24, the same, measured first at
# 165b65a. dev25/test25 (stop 31): round 25, the same, measured first at fbe885c, the stop's last fix.
# dev26/test26 (stop 32): round 26, the same, measured first at 5b5332a (before any change was made from them).
# dev28 (stop 32): a probe of one writer, multi-turn conversations only (90, graded on the last answer, both
# texts), no twin — measured first before any change was made from it. dev29 (stop 32): a probe of one writer on
# the seven clauses held-out splits miss most (永嘉 二, 三（一）（五）, 附件1 一（二）、二（二）、三（一）; 台州 五、21), 90 chat + 20
# staff, no twin — measured first with the stop's changes so far, before any change was made from it. dev31 (stop
# 32): probe 28's brief again for another writer (90 two-turn conversations), no twin — measured the same way.
# dev30 (stop 32): a probe of one writer on ten more clauses held-out splits miss (永嘉 三（四）（六）（八）（九）（十）,
# 四（二）, 附件1 三（二）, 附件2 第七条, 附件3 一、二; 台州 二、3., 三、9.), 90 chat + 20 staff, no twin — the same.
# dev27/test27 (stop 32): round 27, the round-10 brief, written at the stop's start and not opened until its last
# change; measured first then.
# dev33 (stop 33): a probe of one writer, multi-turn conversations only (90) whose last turn is on the ten clauses
# held-out splits miss most (永嘉 二, 三（一）（三）（五）（八）（十）, 附件1 一、二（二）、三（一）; 台州 五、21), no twin. dev34
# (stop 33): a probe of one writer on eleven more clauses (永嘉 三（二）（四）（七）（九）, 附件2 第四条、第五条, 附件3 一;
# 台州 二、3., 三、8.、9., 四, 五、15.、17.), 90 chat + 20 staff, no twin. dev35 (stop 33): probe 28's multi-turn brief
# for a fourth writer, no twin. All three measured first with the stop's first changes (made from dev27), before
# any change was made from them.
# dev32/test32 (stop 33): round 32, the round-10 brief, written at the stop's start and not opened until its last
# change; measured first then.
# dev37 (stop 34): a probe of one writer, conversations of 3–4 turns whose last turn needs what was said two or three
# turns before (90), no twin. dev38 (stop 34): a probe of one writer on twelve clauses where held-out answers refer
# most (永嘉 二, 三（一）（六）（八）（十）, 四（二）, 附件1 三, 附件3 一; 台州 二、3., 三、9., 四、13., 五、21.), 90 chat + 20
# staff, no twin. Both measured first with the stop's first change (made from worked splits), before any change
# was made from them. dev39 (stop 34): a probe of one writer on the eight clauses held-out splits miss most (永嘉
# 附件1 一（一）（二）、二（二）、三（一）, 二, 三（一）（五）; 台州 五、21), 90 chat, no twin; measured first after the
# changes made from dev37 and dev38. dev40 (stop 34): one writer over both texts, a different kind of asker for each
# question (a parent, a hotline operator, a terse factory boss, an HR clerk, a journalist…), 90 chat + 20 staff, no
# twin; measured first after the changes made from dev39.
# dev36/test36 (stop 34): round 36, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change (08432ff); measured first then.
# dev42 (stop 35): a probe of one writer on 永嘉 附件1's funding clauses (二（二） weighed: the rating's share, the caps
# tied to 实缴注册资本 and to the project's investment, 一般/原则上; 二（一）, 一（一）（二）, 三（一）（二)), with the asker's own
# figures, boundary cases and must_not for a careless figure, 90 chat + 20 staff, no twin. dev43 (stop 35): a probe of
# one writer on 永嘉 二 (categories, unlisted titles), 三（一）（三）（五） and 台州 五、21, 三、9, 二、3, the same way. Both
# measured first with the stop's first changes (made from worked splits), before any change was made from them.
# dev44 (stop 35): a probe of one writer, conversations of 2–4 turns over both texts (facts given over several
# messages, a correction, a second person or project, a switch and back, a short follow-up), graded on the last
# answer, 90 chat + 20 staff, no twin — measured first the same way.
# dev41/test41 (stop 35): round 41, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change (4c4c4aa); split alternately by a script that printed no question; measured first then.
# dev46, dev47, dev48 (stop 36): probes of one writer each, no twin, measured first before anything was changed from
# them: dev46 永嘉 三（三） weighed (the loan subsidy with the asker's loan, rates and tax), 三（一）（四）（五）（六）（七）（八）（十）,
# 四（二）; dev47 台州 五 (15.–21.) weighed, 三, 六, 七, 二; dev48 long conversations (facts two or more turns back, topic
# switches) and messages asking two or three things at once. Each 90 chat + 20 staff, careless figures in must_not.
# dev45/test45 (stop 36): round 45, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change; split alternately by a script that printed no question; measured first then.
# dev50, dev51 (stop 37): probes of one writer each, no twin, measured first before anything was changed from them:
# dev50 the clauses of the held-out wrongs (台州 五、21; 永嘉 二 第3类 and its neighbours; 三（一）; 附件1 三; 附件2 第三–五条;
# 台州 七、28–30) with careless figures in must_not; dev51 messages asking two or three things at once.
# dev49/test49 (stop 37): round 49, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change; split alternately by a script that printed no question (one test49 question, yjmain49-c-070 of
# 永嘉 五, moved to dev49 unread so that every test49 family has dev49 questions); measured first then.
# dev53 (stop 38): a probe of one writer, no twin, measured first before anything was changed from it: the clauses of
# the held-out wrongs and misses — 永嘉 三（三） (loans, facts across turns), 台州 五、21 (房票 and 公寓 together), 三（一）,
# 附件1 一（一）（二）, 二（二）, 三（一） — with careless figures in must_not.
# dev52/test52 (stop 38): round 52, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change; split alternately by a script that printed no question (one test52 question, yjmain52-c-002 of
# 未覆盖地区, moved to dev52 unread so that every test52 family has dev52 questions); measured first then.
# dev55 (stop 39): a probe of one writer, no twin, measured first before anything was changed from it: the clauses of
# the held-out wrongs — 永嘉 二 (categories from loose or near-miss titles, 第3类 most), 附件1 三（二） (创新类 tranches, the
# category said in passing), 台州 七、29. (tasks with counts), 附件2 第四条 (who is flexibly introduced), 三（三）, 台州 五、21.,
# 三（一） — with careless figures and categories in must_not.
# dev56 (stop 39): a second probe, the same way, on the held-out families with the most misses per question — 附件1
# 一（一） (创新 conditions with the asker's figures), 三（十） (中介 fees), 三（五） (skills awards), 附件1 三（一）, 三（九）/附件2
# 第七条, 附件2 第八条 (procedure), 附件3 一 — about 25 of its 90 as conversations with facts in separate messages.
# dev57 (stop 39): a third probe, the same way, on the families still missed most, written as people write — typos,
# traditional characters, corrections, asides, terse fragments, long messages: 附件1 三（一）, 附件2 第四—六条,
# 附件1 二（二）, 三（一）, 台州 五、21., 三（十）, 附件2 第八条; about 30 of its 90 as conversations.
# dev54/test54 (stop 39): round 54, the round-10 brief, three writers, written at the stop's start and not opened until
# its last change; split alternately by a script that printed no question (one test54 question, yjmain54-c-002 of
# 永嘉 一, moved to dev54 unread so that every test54 family has dev54 questions); measured first then.
# dev59, dev60 (stop 40): probes of one writer each, no twin, measured first before anything was changed from them:
# dev59 the held-out families with the most misses (附件1 二（二）, 三（一）, 一（一）; 附件2 第四条, 第八条; 三（十）, 三（三）;
# 台州 五、21.) as callers, HR staff and terse follow-ups write them; dev60 categories from the asker's own titles (永嘉 二,
# near-misses referred) and what the category gets (三（一）, housing, 附件1 二（二）), and 台州's levels of talent.
# dev61 (stop 40): a third probe, the same way, of traps on the clauses of the held-out wrongs (三（三）, 台州 五、21.,
# 二 第3类, 三（一）, 附件1 三（二）, 附件2 第四条, 台州 七、29.): each question with the wrong figure or verdict a careless
# answer would state in must_not.
# dev58/test58 (stop 40): round 58, the round-10 brief, three writers, written at the stop's start and not opened until
# after its last change (one test58 question of 永嘉 一, yjmain58-c-002, moved to dev58 unread so that every test58 family
# has dev58 questions); measured first then.
# dev63, dev64 (stop 41): probes of one writer each, no twin, measured first before anything was changed from them:
# traps on the clauses of the held-out wrongs (三（三）, 台州 五、21., 二 第2–4类, 三（一）, 附件1 三（二）, 附件2 第四条,
# 台州 七、29.) — dev63 wrong premises and neighbouring texts, dev64 figures with several roles; the careless answer's
# figure or verdict in must_not. dev65, dev66 (stop 41): two more the same way — dev65 a case retold by someone else
# (facts out of order, a condition hidden in a side remark), dev66 the region unnamed, loose or outside both texts.
# dev62/test62 (stop 41): round 62, the round-10 brief for three writers (figures as they come on a phone: several in
# one message, spread over turns, corrected later), written at the stop's start and not opened until after its last
# change (one test62 question of 永嘉 五, yjmain62-c-070, moved to dev62 unread so that every test62 family has dev62
# questions); measured first then.
# dev73/test73 (stop 43): round 73, the round-10 brief unchanged for three writers (永嘉 main text, 永嘉 attachments,
# 台州) — the held-out rounds' own brief, no clause named — split alternately by a script that printed no question (two
# test73 questions of 永嘉 main-text families with no dev73 question moved to dev73 unread); measured first before any
# change was made from them. dev74 (stop 43): round 74, the same brief for three more writers, all worked (no twin).
# dev75/test75 (stop 43): round 75, the same brief for three more writers, written after the stop's first changes and
# split like round 73 (three test75 questions moved to dev75 unread); measured first before any change made from it.
# dev76/test76 (stop 44): round 76, the same brief for three more writers, written after the stop's first changes and
# split the same way (one test76 question moved to dev76 unread); measured first before any change made from it.
# dev77/test77 (stop 45): round 77, the same brief for three more writers, written at the stop's start and split the
# same way (one test77 question moved to dev77 unread); measured first before any change made from it.
# dev78 (stop 45): a probe of one writer on 永嘉 附件2 (the held-out wrong the label audit confirmed is there), 第四条
# weighed (whom a firm may introduce flexibly, by title, listed or not), 90 chat + 20 staff, no twin — measured first
# before any change was made from it.
# dev79/test79 (stop 45): round 79 (the number 78 went to the probe), the round-10 brief for three more writers, written
# after the stop's changes and split the same way; measured first at the stop's end, before any change made from it.
SPLITS = (
    "dev", "test", "dev2", "test2", "dev3", "test3", "dev4", "test4", "dev5", "test5", "dev6", "dev7", "test7",
    "dev8", "dev9", "dev10", "test10", "dev11", "test11", "dev12", "test12", "dev13", "test13", "dev14", "test14",
    "dev15", "test15", "dev16", "test16",
    "dev17", "test17", "dev18", "dev19", "test19", "dev20", "test20", "dev21", "test21", "dev22",
    "test22", "dev23", "test23", "dev24", "test24", "dev25", "test25",
    "dev26", "test26", "dev27", "test27", "dev28", "dev29", "dev30", "dev31", "dev32", "test32", "dev33", "dev34",
    "dev35", "dev37", "dev38", "dev39", "dev40", "dev36", "test36", "dev42", "dev43", "dev44", "dev41", "test41",
    "dev46", "dev47", "dev48", "dev45", "test45", "dev50", "dev51", "dev49", "test49",
    "dev53", "dev52", "test52", "dev55", "dev56", "dev57", "dev54", "test54", "dev59", "dev60", "dev61", "dev58", "test58",
    "dev63", "dev64", "dev65", "dev66", "dev62", "test62", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72",
    "dev73", "test73", "dev74", "dev75", "test75", "dev76", "test76", "dev77", "test77", "dev78", "dev79", "test79",
)  # fmt: skip
WORKED = (
    "dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14",
    "dev15", "dev16", "dev17", "dev18", "dev19", "dev20", "dev21", "dev22", "dev23", "dev24", "dev25",
    "dev26", "dev27", "dev28", "dev29", "dev30", "dev31", "dev32", "dev33", "dev34", "dev35",
    "dev37", "dev38", "dev39", "dev40", "dev36", "dev42", "dev43", "dev44", "dev41",
    "dev46", "dev47", "dev48", "dev45", "dev50", "dev51", "dev49", "dev53", "dev52", "dev55", "dev56", "dev57", "dev54",
    "dev59", "dev60", "dev61", "dev58", "dev63", "dev64", "dev65", "dev66", "dev62", "dev67", "dev68", "dev69", "dev70", "dev71", "dev72",
    "dev73", "dev74", "dev75", "dev76", "dev77", "dev78", "dev79",
)  # fmt: skip
HELD_OUT = (
    "test",
    "test2",
    "test3",
    "test4",
    "test5",
    "test7",
    "test10",
    "test11",
    "test12",
    "test13",
    "test14",
    "test15",
    "test16",
    "test17",
    "test19",
    "test20",
    "test21",
    "test22",
    "test23",
    "test24",
    "test25",
    "test26",
    "test27",
    "test32",
    "test36",
    "test41",
    "test45",
    "test49",
    "test52",
    "test54",
    "test58",
    "test62",
    "test73",
    "test75",
    "test76",
    "test77",
    "test79",
)
KEEPALIVE_EXPIRY_S = 2.0
STAFF_USER, STAFF_PASSWORD = "blind-eval", "blind-eval-password-2016"


@dataclass
class Item:
    split: str
    kind: str  # chat | staff
    id: str
    region: str
    clause: str
    family: str
    verdict: str
    turns: list[str]
    must: list[list[str]]
    must_not: list[str]
    answer: str = ""
    outcome: str = ""
    missing: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    top1: bool = False  # staff: the first suggestion alone is right
    baseline: str = ""  # outcome of the keyword-search baseline
    label_wrong: bool = False  # graded wrong, and an agreed audit of this very answer found the label wrong


def load(splits: tuple[str, ...] = SPLITS) -> list[Item]:
    items = []
    for split in splits:
        for path in sorted((CORPUS / split).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for kind in ("chat", "staff"):
                for q in data.get(kind) or []:
                    region = str(q.get("region") or "none")
                    clause = str(q.get("clause") or "")
                    items.append(
                        Item(
                            split=split,
                            kind=kind,
                            id=str(q["id"]),
                            region=region,
                            clause=clause,
                            family=clause_family(region, clause),
                            verdict=str(q.get("verdict") or "answer"),
                            turns=[str(t) for t in q["turns"]] if kind == "chat" else [str(q["query"])],
                            must=[[str(a) for a in alts] for alts in q.get("must") or []],
                            must_not=[str(w) for w in q.get("must_not") or []],
                        )
                    )
    return items


# ---- asking ------------------------------------------------------------------------------------
async def ask_chat(client: httpx.AsyncClient, item: Item, nonce: str) -> str:
    sender = f"blind-{nonce}-{item.id}"
    texts: list[str] = []
    for turn in item.turns:
        r = await client.post("/api/chat", json={"sender": sender, "message": turn}, timeout=60)
        r.raise_for_status()
        texts = [rep.get("text") or "" for rep in r.json().get("replies", [])]
    return "\n".join(texts)


async def ask_staff(client: httpx.AsyncClient, item: Item) -> list[str]:
    r = await client.get("/api/assist", params={"q": item.turns[-1], "k": 3}, timeout=30)
    r.raise_for_status()
    return [f"{s.get('title', '')}\n{s.get('answer', '')}" for s in r.json().get("suggestions", [])]


async def login(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if not token:
        raise RuntimeError("no csrf_token on /login")
    r = await client.post(
        "/login",
        data={
            "username": STAFF_USER,
            "password": STAFF_PASSWORD,
            "csrf_token": token.group(1),
            "next": "/assist",
        },
        follow_redirects=False,
    )
    if r.status_code != 303:
        raise RuntimeError(f"staff login failed: {r.status_code}")


async def ask_all(base_url: str, items: list[Item], concurrency: int = 4) -> None:
    nonce = str(int(time.time()))
    gate = asyncio.Semaphore(concurrency)
    # idle connections expire at 2 s, before uvicorn's 5 s keep-alive: reusing one the server is closing
    # gave an httpx.ReadError in a fresh-clone run (the same choice as talentbot_rasa.http_pool)
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_EXPIRY_S)
    async with (
        httpx.AsyncClient(base_url=base_url, limits=limits) as chat,
        httpx.AsyncClient(base_url=base_url, limits=limits) as staff,
    ):
        await login(staff)

        async def one(item: Item) -> None:
            async with gate:
                if item.kind == "chat":
                    item.answer = await ask_chat(chat, item, nonce)
                    g = grade(item.answer, item.must, item.must_not)
                else:
                    cards = await ask_staff(staff, item)
                    item.answer = "\n---\n".join(cards)
                    g = grade(item.answer, item.must, item.must_not)
                    item.top1 = (
                        bool(cards) and grade(cards[0], item.must, item.must_not).outcome is Outcome.RIGHT
                    )
                item.outcome, item.missing, item.forbidden = (
                    g.outcome.value,
                    list(g.missing),
                    list(g.forbidden),
                )

        await asyncio.gather(*(one(i) for i in items))


def grade_baseline(items: list[Item]) -> None:
    """The plain keyword search (policy_kb.search): best passage for chat, top-3 passages for staff."""
    from policy_kb.search import search

    for item in items:
        hits = search(item.turns[-1], k=1 if item.kind == "chat" else 3)
        text = "\n".join(f"{h.title}\n{h.text}" for h in hits) if hits else ""
        item.baseline = grade(text, item.must, item.must_not).outcome.value


# ---- reporting ---------------------------------------------------------------------------------
def audit(items: list[Item]) -> None:
    """Mark the wrongs an agreed label audit overturned for this very answer (evaluation/adjudication.py)."""
    known = adjudication.records()
    for i in items:
        i.label_wrong = i.outcome == "wrong" and adjudication.overturned(i.split, i.id, i.answer, known)


def summary(items: list[Item]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in SPLITS:
        chat = [i for i in items if i.split == split and i.kind == "chat"]
        staff = [i for i in items if i.split == split and i.kind == "staff"]
        if not chat and not staff:
            continue
        c = Counter(i.outcome for i in chat)
        out[split] = {
            "chat_n": len(chat),
            "chat_right": _share(c["right"], len(chat)),
            "chat_wrong": c["wrong"],
            # the wrongs no agreed label audit of the same answer overturned (evaluation/adjudication.py)
            "chat_wrong_confirmed": c["wrong"] - sum(i.label_wrong for i in chat),
            "chat_referred": c["referred"],
            "chat_missed": c["missed"],
            "chat_baseline_right": _share(sum(i.baseline == "right" for i in chat), len(chat)),
            "staff_n": len(staff),
            "staff_top3": _share(sum(i.outcome == "right" for i in staff), len(staff)),
            "staff_top1": _share(sum(i.top1 for i in staff), len(staff)),
            "staff_wrong": sum(i.outcome == "wrong" for i in staff),
            "staff_baseline_top3": _share(sum(i.baseline == "right" for i in staff), len(staff)),
        }
    return out


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def families_table(items: list[Item]) -> list[str]:
    rows: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for i in items:
        pooled = "dev" if i.split in WORKED else "test"
        rows[i.family][f"{pooled}-{i.kind}"].append(i)
    lines = [
        "| clause family | dev chat right | test chat right | wrong (dev/test; test after the label audit) | dev staff top-3 | test staff top-3 | baseline chat (dev/test) |",
        # dev and test here pool the worked splits (dev, dev2 …) and the held-out ones (test, test2 …)
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def pct(xs: list[Item], ok: Any) -> str:
        return f"{sum(ok(x) for x in xs)}/{len(xs)}" if xs else "–"

    for fam in sorted(rows):
        r = rows[fam]
        lines.append(
            f"| {fam} | {pct(r['dev-chat'], lambda x: x.outcome == 'right')} "
            f"| {pct(r['test-chat'], lambda x: x.outcome == 'right')} "
            f"| {sum(x.outcome == 'wrong' for x in r['dev-chat'])}/{sum(x.outcome == 'wrong' for x in r['test-chat'])}"
            f" ({sum(x.outcome == 'wrong' and not x.label_wrong for x in r['test-chat'])} after audit) "
            f"| {pct(r['dev-staff'], lambda x: x.outcome == 'right')} "
            f"| {pct(r['test-staff'], lambda x: x.outcome == 'right')} "
            f"| {pct(r['dev-chat'], lambda x: x.baseline == 'right')} / {pct(r['test-chat'], lambda x: x.baseline == 'right')} |"
        )
    return lines


def render(items: list[Item], figures: dict[str, Any], failures: list[str]) -> str:
    head = [
        "# Blind clause corpus — results",
        "",
        "Written by `python -m evaluation.run_blind` (make test).",
        "",
    ]
    head += ["| figure | " + " | ".join(figures) + " |", "| --- |" + " ---: |" * len(figures)]
    keys = next(iter(figures.values())).keys() if figures else []
    for k in keys:
        head.append(f"| {k} | " + " | ".join(str(figures[s][k]) for s in figures) + " |")
    head += ["", "## Per clause family", "", *families_table(items), ""]
    if failures:
        head += ["## Below the floor", "", *[f"- {f}" for f in failures], ""]
    return "\n".join(head)


def check(figures: dict[str, Any]) -> list[str]:
    floors = yaml.safe_load(THRESHOLDS.read_text(encoding="utf-8"))
    failures = []
    for split, limits in floors.items():
        got = figures.get(split)
        if got is None:
            continue
        for key, floor in limits.items():
            if key.endswith("_max"):
                if got[key.removesuffix("_max")] > floor:
                    failures.append(
                        f"{split} {key.removesuffix('_max')} = {got[key.removesuffix('_max')]} > {floor}"
                    )
            elif got[key] < floor:
                failures.append(f"{split} {key} = {got[key]} < {floor}")
    return failures


def run(splits: tuple[str, ...], base_url: str | None, limit: int | None) -> int:
    items = load(splits)
    if limit:
        items = items[:limit]
    grade_baseline(items)
    started = time.monotonic()
    if base_url:
        asyncio.run(ask_all(base_url, items))
    else:
        from bot.supervisor import Stack, latest_model

        with tempfile.TemporaryDirectory(prefix="talentbot-blind-") as tmp:
            env = {"TALENTBOT_ADMIN_USER": STAFF_USER, "TALENTBOT_ADMIN_PASSWORD": STAFF_PASSWORD}
            with Stack(Path(tmp), latest_model(), extra_env=env) as stack:
                stack.start()
                stack.wait_healthy(timeout=900)  # a busy 2-core machine loads Rasa slowly
                asyncio.run(ask_all(stack.gateway_url, items))
    audit(items)
    figures = summary(items)
    failures = check(figures) if not limit else []
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "blind_eval.json").write_text(
        json.dumps({"figures": figures, "items": [asdict(i) for i in items]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    (RESULTS / "blind_eval.md").write_text(render(items, figures, failures), encoding="utf-8")
    for split, f in figures.items():
        print(
            f"blind {split}: chat {f['chat_right']:.1%} right of {f['chat_n']} "
            f"({f['chat_wrong']} wrong, {f['chat_wrong_confirmed']} after the label audit, {f['chat_referred']} referred, {f['chat_missed']} missed; "
            f"keyword baseline {f['chat_baseline_right']:.1%}); "
            + (
                f"staff top-3 {f['staff_top3']:.1%}, top-1 {f['staff_top1']:.1%} of {f['staff_n']} "
                f"(baseline top-3 {f['staff_baseline_top3']:.1%})"
                if f["staff_n"]
                else "no staff queries"
            ),
            flush=True,
        )
    print(f"blind corpus: {len(items)} questions in {time.monotonic() - started:.0f} s", flush=True)
    for f in failures:
        print(f"BELOW FLOOR: {f}", flush=True)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=(*SPLITS, "both", "all"), default="all")
    ap.add_argument("--url", help="a running gateway instead of a fresh stack (e.g. http://127.0.0.1:8000)")
    ap.add_argument("--limit", type=int, help="only the first N questions (no floor check)")
    args = ap.parse_args(argv)
    splits = {"all": SPLITS, "both": ("dev", "test")}.get(args.split, (args.split,))
    return run(splits, args.url, args.limit)


if __name__ == "__main__":
    sys.exit(main())
