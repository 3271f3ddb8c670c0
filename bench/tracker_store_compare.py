"""`python -m bench.tracker_store_compare [-n N] [--speedups] [--url URL]`: Rasa's SQLTrackerStore vs LeanSQLTrackerStore.

Plays N ten-turn conversations against each class, each on its own SQLite file in a temporary
directory (or, with `--url postgresql://user:pw@host:port/postgres`, in its own database on that
server, created through `login_db` as endpoints.prod.yml does), the way Rasa's processor uses a tracker store on every message: retrieve the tracker (None
on the first turn), add the turn's events, save. The two classes take turns conversation by
conversation, so drift of the machine hits both alike. Prints milliseconds per retrieve during the
conversation, per retrieve of the finished ten-turn tracker, and per save, for each class (mean and
median), and checks both files hold the same rows.

The events are shaped like the ones Rasa stores for talentbot (var/rasa_tracker.db): metadata with the
model id, `user_featurization`, forms, several slots per turn, a ten-intent ranking in parse_data; about
ten events per turn. `--speedups` first applies talentbot_rasa.speedups (as `make run` does), which makes
deserialising events cheaper and so leaves the store's own cost a larger share of a retrieve.

It is a micro-benchmark of the store alone, not a load test: `python -m bench.run` measures turns/s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bot.settings import REPO_ROOT
from talentbot_rasa.lean_sql_tracker_store import LeanSQLTrackerStore

META = {"model_id": "b220d5b27f85448bae18c29da927fd88", "assistant_id": "talentbot-zhejiang"}
INTENTS = ["ask_category", "ask_benefits", "ask_next_tranche", "ask_gold_card", "inform", "greet"]
INTENTS += ["affirm", "deny", "thanks", "out_of_scope"]


def _user(i: int, now: float) -> UserUttered:
    intent = INTENTS[i % len(INTENTS)]
    text = f"我是国家级领军人才，第{i}个问题：能享受哪些待遇？"
    entities = [
        {
            "entity": "honour",
            "start": 2,
            "end": 9,
            "value": "国家级领军人才",
            "extractor": "RegexEntityExtractor",
        }
    ]
    ranking = [{"name": name, "confidence": round(0.9 / (k + 1), 6)} for k, name in enumerate(INTENTS)]
    parse = {
        "intent": {"name": intent, "confidence": 0.9863817691802979},
        "entities": entities,
        "text": text,
        "message_id": f"{i:032x}",
        "metadata": {"channel": "web"},
        "intent_ranking": ranking,
        "response_selector": {"all_retrieval_intents": [], "default": {"response": {}, "ranking": []}},
    }
    return UserUttered(
        text, parse["intent"], entities, parse, timestamp=now, input_channel="web", metadata={**META}
    )


def conversation(turns: int = 10) -> list[list[Event]]:
    """The events each turn adds to the tracker: a session start, then `turns` user turns."""
    now = time.time()

    def ts() -> float:
        nonlocal now
        now += 0.003
        return now

    first: list[Event] = [
        SlotSet("session_started_metadata", {"channel": "web"}, timestamp=ts(), metadata={**META}),
        ActionExecuted("action_session_start", timestamp=ts(), metadata={**META}),
        SessionStarted(timestamp=ts(), metadata={**META}),
        ActionExecuted("action_listen", timestamp=ts(), metadata={**META}),
    ]
    result = [first]
    for i in range(turns):
        form = i % 3 == 1
        events: list[Event] = [
            _user(i, ts()),
            SlotSet("honour", ["国家级领军人才"], timestamp=ts(), metadata={**META}),
            DefinePrevUserUtteredFeaturization(False, timestamp=ts(), metadata={**META}),
        ]
        if form:
            events += [
                ActionExecuted("benefits_form", policy="RulePolicy", confidence=1.0, timestamp=ts()),
                ActiveLoop("benefits_form", timestamp=ts(), metadata={**META}),
                SlotSet("requested_slot", None, timestamp=ts(), metadata={**META}),
                ActiveLoop(None, timestamp=ts(), metadata={**META}),
            ]
        events += [
            ActionExecuted("action_answer_benefits", policy="RulePolicy", confidence=1.0, timestamp=ts()),
            BotUttered(
                "永嘉县第2类人才可享受：\n1. 奖励资助最高800万元，包括……\n2. 购房补贴……" * 3,
                {"elements": None, "quick_replies": None, "buttons": [{"title": "下一期", "payload": "/x"}]},
                {"utter_action": "utter_benefits", **META},
                timestamp=ts(),
            ),
            SlotSet("topic", "benefits", timestamp=ts(), metadata={**META}),
            ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0, timestamp=ts()),
        ]
        result.append(events)
    return result


async def _play(
    store: SQLTrackerStore, sender: str, turns: list[list[Event]], out: dict[str, list[float]]
) -> None:
    for events in turns:
        start = time.perf_counter()
        tracker = await store.retrieve(sender)
        out["retrieve"].append(time.perf_counter() - start)
        tracker = tracker or store.init_tracker(sender)
        for event in events:
            tracker.update(event)
        start = time.perf_counter()
        await store.save(tracker)
        out["save"].append(time.perf_counter() - start)
    for _ in range(3):
        start = time.perf_counter()
        await store.retrieve(sender)
        out["retrieve_10"].append(time.perf_counter() - start)


def _rows(store: SQLTrackerStore, run: str) -> list[tuple[Any, ...]]:
    """This run's rows (senders start with `run`), in id order."""
    columns = "sender_id, type_name, timestamp, intent_name, action_name, data"
    query = sa.text(f"SELECT {columns} FROM events WHERE sender_id LIKE :run ORDER BY id")
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(query, {"run": f"{run}%"})]


def _store(cls: type[SQLTrackerStore], domain: Domain, tmp: str, url: str | None) -> SQLTrackerStore:
    if url is None:
        return cls(domain, dialect="sqlite", db=str(Path(tmp) / f"{cls.__name__}.db"))
    server = sa.engine.make_url(url)
    return cls(
        domain,
        dialect=server.drivername,
        host=server.host,
        port=server.port,
        username=server.username,
        password=server.password,
        db=f"tracker_store_compare_{cls.__name__.lower()}",
        login_db=server.database or "postgres",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--conversations", type=int, default=200, help="per class (default 200)")
    parser.add_argument("--speedups", action="store_true", help="apply talentbot_rasa.speedups first")
    parser.add_argument(
        "--url", help="a PostgreSQL server instead of SQLite: postgresql://user:pw@host:port/postgres"
    )
    args = parser.parse_args(argv)
    if args.speedups:
        from talentbot_rasa import speedups

        speedups.apply()

    domain = Domain.load(str(REPO_ROOT / "domain.yml"))
    classes: list[type[SQLTrackerStore]] = [SQLTrackerStore, LeanSQLTrackerStore]
    timings: dict[str, dict[str, list[float]]] = {
        cls.__name__: {"retrieve": [], "retrieve_10": [], "save": []} for cls in classes
    }
    with tempfile.TemporaryDirectory(prefix="tracker-store-compare-") as tmp:
        stores = {cls.__name__: _store(cls, domain, tmp, args.url) for cls in classes}
        run = f"run-{time.time_ns()}-"  # a PostgreSQL database keeps earlier runs' rows: count only ours
        warm_up = conversation()
        for name, store in stores.items():  # imports, statement caches, page cache
            asyncio.run(_play(store, f"{run}warm-up", warm_up, {k: [] for k in timings[name]}))
        for i in range(args.conversations):
            turns = conversation()
            order = list(stores.items()) if i % 2 == 0 else list(stores.items())[::-1]
            for name, store in order:
                asyncio.run(_play(store, f"{run}{i}", turns, timings[name]))
        same = _rows(stores["SQLTrackerStore"], run) == _rows(stores["LeanSQLTrackerStore"], run)
        for store in stores.values():
            store.engine.dispose()

    events = sum(len(t) for t in conversation())
    print(
        f"{args.conversations} conversations x 10 turns per class ({events} events each), "
        f"{'PostgreSQL' if args.url else 'SQLite'}, "
        f"speed-ups {'on' if args.speedups else 'off'}"
    )
    labels = {
        "retrieve": "ms/retrieve (in turn)",
        "retrieve_10": "ms/retrieve (10 turns)",
        "save": "ms/save (one turn)",
    }
    print(f"{'':24}" + "".join(f"{name:>26}" for name in timings) + f"{'lean/stock':>12}")
    for key, label in labels.items():
        cells, means = [], []
        for name in timings:
            values = [v * 1000 for v in timings[name][key]]
            means.append(statistics.fmean(values))
            cells.append(f"{means[-1]:.3f} (p50 {statistics.median(values):.3f})")
        print(f"{label:24}" + "".join(f"{c:>26}" for c in cells) + f"{means[1] / means[0]:>12.2f}")
    print(f"identical rows in both stores: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
