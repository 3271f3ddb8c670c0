"""Rasa's SQL tracker store with its two hot paths (`retrieve`, `save`) on prebuilt SQLAlchemy Core.

Why: py-spy under load (bench/REPORT.md) put about a fifth of Rasa's CPU in SQLAlchemy ORM overhead
inside `rasa.core.tracker_store.SQLTrackerStore`: every `retrieve` builds a new ORM `Query` (with a
subquery) and SQLAlchemy computes its cache key again, then loads one ORM object per stored event;
every `save` builds the same query again to count the stored events, then adds one ORM object per new
event and lets the unit of work flush them one INSERT at a time. A tracker is retrieved several times
per turn and saved once, so this is paid on every message. `python -m bench.tracker_store_compare`
measures both classes side by side.

`LeanSQLTrackerStore` keeps Rasa's constructor (same endpoint keys: dialect, url, port, db, username,
password, login_db, query), Rasa's engine (so its pool settings and PostgreSQL `search_path` from
POSTGRESQL_SCHEMA), Rasa's table and Rasa's rows: the `events` table is created by Rasa's own
declarative model and each event becomes the same row (sender_id, type_name, timestamp, intent_name,
action_name, json data). Data written by either class is read by the other, and `rasa export` works
unchanged. Only the statements differ: they are Core `select`/`insert` constructs built once in
`__init__` and executed on engine connections, with the same meaning as Rasa's `_event_query`:

* the latest session is every event of the sender whose timestamp is >= the newest timestamp of its
  `session_started` events (all of its events when there is none), ordered by id;
* `save` publishes new events to the event broker first (as Rasa), counts the stored events of the
  latest session, and inserts `tracker.events[count:]` in one transaction with one executemany.

Everything else (`keys`, `exists`, `retrieve_full_tracker`, `get_or_create_tracker`, …) is Rasa's.
Rasa checks on every session that the POSTGRESQL_SCHEMA schema exists (and exits when it does not);
this class does that check once, when it is constructed.

Select it in endpoints.yml with the same keys as `type: SQL` (`talentbot_rasa` is installed, so Rasa
finds it from any working directory; a relative `db` is resolved against Rasa's working directory):

    tracker_store:
      type: talentbot_rasa.lean_sql_tracker_store.LeanSQLTrackerStore
      dialect: "sqlite"
      db: "var/rasa_tracker.db"
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import random
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.constants import POSTGRESQL_SCHEMA
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)


def _use_wal(engine: sa.engine.Engine, timeout: float = 10.0) -> None:
    """Put a SQLite tracker file in WAL mode (it stays so): with two Sanic workers writing and reading
    (each turn's tracker, the HTTP API), readers then never block the writer. Two workers starting
    at once can see "database is locked" at once, without SQLite's busy wait: retried briefly."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with engine.connect() as conn:
                mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                if str(mode).lower() != "wal":
                    conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            return
        except sa.exc.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


class LeanSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` whose `_retrieve` and `save` run Core statements built once (same rows)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # Rasa's engine, retries, login_db and table creation
        if self.engine.dialect.name == "sqlite":
            _use_wal(self.engine)

        events = self.SQLEvent.__table__
        sender_id = sa.bindparam("sender_id")
        # the timestamp of the sender's newest `session_started` event (NULL when there is none):
        # the derived table Rasa's `_event_query` joins against
        session_start = (
            sa.select(sa.func.max(events.c.timestamp).label("session_start"))
            .where(events.c.sender_id == sender_id, events.c.type_name == SessionStarted.type_name)
            .subquery()
        )
        in_latest_session = sa.and_(
            events.c.sender_id == sender_id,
            sa.or_(
                events.c.timestamp >= session_start.c.session_start,
                session_start.c.session_start.is_(None),
            ),
        )
        self._all_sessions_data = (
            sa.select(events.c.data).where(events.c.sender_id == sender_id).order_by(events.c.id)
        )
        self._latest_session_data = (
            sa.select(events.c.data).select_from(events).where(in_latest_session).order_by(events.c.id)
        )
        self._latest_session_count = sa.select(sa.func.count()).select_from(events).where(in_latest_session)
        self._insert_events = events.insert()

        if os.environ.get(POSTGRESQL_SCHEMA) and self.engine.dialect.name == "postgresql":
            with self.session_scope():  # Rasa's check (exits when the schema is missing), done once
                pass

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        statement = self._all_sessions_data if fetch_events_from_all_sessions else self._latest_session_data
        with self.engine.connect() as connection:
            serialised = connection.execute(statement, {"sender_id": sender_id}).scalars().all()

        events = [json.loads(data) for data in serialised]
        if self.domain and events:
            logger.debug(f"Recreating tracker from sender id '{sender_id}'")
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        logger.debug(
            f"Can't retrieve tracker matching sender id '{sender_id}' from SQL storage. "
            f"Returning `None` instead."
        )
        return None

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker's events that are not stored yet (the same rows as Rasa's `save`)."""
        await self.stream_events(tracker)

        with self.engine.begin() as connection:
            stored = connection.execute(
                self._latest_session_count, {"sender_id": tracker.sender_id}
            ).scalar_one()
            rows = []
            for event in itertools.islice(tracker.events, stored, None):
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                connection.execute(self._insert_events, rows)

        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")
