"""talentbot's code that runs inside Rasa's own processes (an installed package, importable from any
working directory, so the endpoints files can name its classes wherever Rasa is started):

- `lean_sql_tracker_store.LeanSQLTrackerStore`: Rasa's SQL tracker store on prebuilt statements;
- `sqlite_lock_store.SQLiteLockStore` (one host) and `redis_lock_store.AtomicRedisLockStore` (several),
  both on `atomic_lock_store.AtomicTicketLockOps`: ticket locks changed atomically between processes;
- `turn_channel.TurnChannel` (credentials.yml): Rasa's REST channel whose answer also carries what
  Rasa made of the turn, so the gateway logs it without reading Rasa's store;
- `launcher`: `python -m talentbot_rasa.launcher run …` is `rasa run …` with `speedups` (and
  `http_pool`) applied first — only on the Rasa version they were written for, and not at all with
  `TALENTBOT_RASA_SPEEDUPS=0`.

Nothing here imports the gateway (`bot`), the actions or `policy_kb`.
"""
