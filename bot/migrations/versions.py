"""The gateway's schema history: one ordered list of migrations, each with its SQL per backend.

Why one list for every backend: the version number names a schema, not a dialect — version 2 on SQLite
and version 2 on PostgreSQL must hold the same tables, so a backup restored onto either or a move from
one to the other can trust the number. A migration gives its statements per dialect; a dialect left
`None` has not been written yet and the runner refuses to run it there rather than skip it.

Rules for adding one: append (never edit or renumber a released migration), keep each step safe on a
database the previous version built, and add a case to tests/gateway/test_migrations.py.

Version 1 is the schema as the last release without versions created it (git a71c64e: the log store
through sqlite-utils, the auth and review DDL); every statement is IF NOT EXISTS, so a var/ from that
release — whole, or holding only the staff tables because `make user` ran before the first start — is
adopted as version 1 without touching a row.
"""

from __future__ import annotations

from bot.migrations.runner import Migration

# ---- 1: the release schema ----------------------------------------------------------------------------
# Written exactly as sqlite-utils wrote the log tables (same names, same column types), so a new file
# and an adopted one are the same schema (tests compare sqlite_master).
_LOG_V1 = (
    """CREATE TABLE IF NOT EXISTS "messages" (
   "id" INTEGER PRIMARY KEY,
   "conversation_id" TEXT,
   "channel" TEXT,
   "sender" TEXT,
   "direction" TEXT,
   "ts" TEXT,
   "text" TEXT,
   "intent" TEXT,
   "confidence" REAL,
   "entities" TEXT,
   "action" TEXT,
   "latency_ms" REAL,
   "citations" TEXT,
   "buttons" TEXT,
   "feedback" TEXT,
   "handoff" INTEGER,
   "fallback" INTEGER,
   "dedup_key" TEXT
)""",
    'CREATE UNIQUE INDEX IF NOT EXISTS "idx_messages_dedup_key" ON "messages" ("dedup_key")',
    'CREATE INDEX IF NOT EXISTS "idx_messages_conversation_id_id" ON "messages" ("conversation_id", "id")',
    'CREATE INDEX IF NOT EXISTS "idx_messages_channel_sender_id" ON "messages" ("channel", "sender", "id")',
    """CREATE TABLE IF NOT EXISTS "conversations" (
   "id" TEXT PRIMARY KEY,
   "channel" TEXT,
   "sender" TEXT,
   "started_at" TEXT,
   "last_at" TEXT,
   "n_messages" INTEGER,
   "handoff" INTEGER,
   "min_confidence" REAL,
   "fallback_count" INTEGER,
   "negative_feedback" INTEGER
)""",
    'CREATE INDEX IF NOT EXISTS "idx_conversations_channel_sender_last_at" '
    'ON "conversations" ("channel", "sender", "last_at")',
    # FTS5 trigram: Chinese has no spaces (see bot/logstore.py); the triggers keep the index in step
    # with every insert, update and delete of `messages` — the retention purge relies on that.
    """CREATE VIRTUAL TABLE IF NOT EXISTS "messages_fts" USING FTS5 (
    "text",
    tokenize='trigram',
    content="messages"
)""",
    """CREATE TRIGGER IF NOT EXISTS "messages_ai" AFTER INSERT ON "messages" BEGIN
  INSERT INTO "messages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END""",
    """CREATE TRIGGER IF NOT EXISTS "messages_ad" AFTER DELETE ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END""",
    """CREATE TRIGGER IF NOT EXISTS "messages_au" AFTER UPDATE ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "messages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END""",
)

# The staff tables (bot/auth): the constraints are the security-relevant part and read best as SQL.
_AUTH_V1 = (
    """CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  display_name TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
)""",
    """CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
)""",
    "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id)",
    "CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at)",
    """CREATE TABLE IF NOT EXISTS login_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  ts TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(username, ip, ts)",
    """CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT,
  ip TEXT
)""",
    "CREATE INDEX IF NOT EXISTS audit_log_ts ON audit_log(ts)",
    "CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target_type, target_id)",
)

# The review tables (bot/review): triage, notes, annotations, the editable vocabulary.
_REVIEW_V1 = (
    """CREATE TABLE IF NOT EXISTS triage (
  conversation_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved', 'wont_fix')),
  tags TEXT NOT NULL DEFAULT '[]',
  assignee TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT
)""",
    "CREATE INDEX IF NOT EXISTS triage_status ON triage(status)",
    """CREATE TABLE IF NOT EXISTS triage_notes (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  author TEXT NOT NULL,
  ts TEXT NOT NULL,
  text TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS triage_notes_conversation ON triage_notes(conversation_id, id)",
    """CREATE TABLE IF NOT EXISTS annotations (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL,
  text TEXT NOT NULL,
  intent TEXT NOT NULL,
  entities TEXT NOT NULL DEFAULT '[]',
  original_intent TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS review_config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
)""",
)

# PostgreSQL's version 1: the same tables, columns and constraints in its types. Differences, each for a
# reason: ids are identity columns (SQLite's INTEGER PRIMARY KEY rowid); REAL is DOUBLE PRECISION
# (PostgreSQL's REAL is 4 bytes); usernames are unique case-insensitively through an index on
# lower(username) (SQLite's COLLATE NOCASE; users.py stores them lower-cased anyway); the search index
# is `pg_trgm` GIN on messages.text instead of the FTS5 table and its triggers (ILIKE uses it, any
# case, substrings of three characters or more — the same reach as FTS5's trigram tokenizer).
_ID = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
_PG_V1 = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"""CREATE TABLE IF NOT EXISTS messages (
   id {_ID},
   conversation_id TEXT,
   channel TEXT,
   sender TEXT,
   direction TEXT,
   ts TEXT,
   text TEXT,
   intent TEXT,
   confidence DOUBLE PRECISION,
   entities TEXT,
   action TEXT,
   latency_ms DOUBLE PRECISION,
   citations TEXT,
   buttons TEXT,
   feedback TEXT,
   handoff INTEGER,
   fallback INTEGER,
   dedup_key TEXT
)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS idx_messages_dedup_key ON messages (dedup_key)",
    "CREATE INDEX IF NOT EXISTS idx_messages_conversation_id_id ON messages (conversation_id, id)",
    "CREATE INDEX IF NOT EXISTS idx_messages_channel_sender_id ON messages (channel, sender, id)",
    "CREATE INDEX IF NOT EXISTS messages_text_trgm ON messages USING gin (text gin_trgm_ops)",
    """CREATE TABLE IF NOT EXISTS conversations (
   id TEXT PRIMARY KEY,
   channel TEXT,
   sender TEXT,
   started_at TEXT,
   last_at TEXT,
   n_messages INTEGER,
   handoff INTEGER,
   min_confidence DOUBLE PRECISION,
   fallback_count INTEGER,
   negative_feedback INTEGER
)""",
    "CREATE INDEX IF NOT EXISTS idx_conversations_channel_sender_last_at "
    "ON conversations (channel, sender, last_at)",
    f"""CREATE TABLE IF NOT EXISTS users (
  id {_ID},
  username TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  display_name TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS users_username_nocase ON users (lower(username))",
    """CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
)""",
    "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id)",
    "CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at)",
    f"""CREATE TABLE IF NOT EXISTS login_failures (
  id {_ID},
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  ts TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures(username, ip, ts)",
    f"""CREATE TABLE IF NOT EXISTS audit_log (
  id {_ID},
  ts TEXT NOT NULL,
  user_id BIGINT,
  username TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT,
  ip TEXT
)""",
    "CREATE INDEX IF NOT EXISTS audit_log_ts ON audit_log(ts)",
    "CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target_type, target_id)",
    *(_REVIEW_V1[:2]),  # triage and its index: portable as written
    f"""CREATE TABLE IF NOT EXISTS triage_notes (
  id {_ID},
  conversation_id TEXT NOT NULL,
  author TEXT NOT NULL,
  ts TEXT NOT NULL,
  text TEXT NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS triage_notes_conversation ON triage_notes(conversation_id, id)",
    f"""CREATE TABLE IF NOT EXISTS annotations (
  id {_ID},
  message_id BIGINT NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL,
  text TEXT NOT NULL,
  intent TEXT NOT NULL,
  entities TEXT NOT NULL DEFAULT '[]',
  original_intent TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
)""",
    _REVIEW_V1[-1],  # review_config: portable as written
)

# ---- 2: indexes for the data lifecycle --------------------------------------------------------------
# The retention purge selects by time and the per-sender export/delete by sender on every channel;
# without these both scan the whole log while holding the write lock.
_LIFECYCLE_V2 = (
    "CREATE INDEX IF NOT EXISTS messages_ts ON messages(ts)",
    "CREATE INDEX IF NOT EXISTS messages_sender ON messages(sender)",
    "CREATE INDEX IF NOT EXISTS conversations_last_at ON conversations(last_at)",
    "CREATE INDEX IF NOT EXISTS conversations_sender ON conversations(sender)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "release schema: conversation log, staff accounts, review",
        sqlite=_LOG_V1 + _AUTH_V1 + _REVIEW_V1,
        postgresql=_PG_V1,
    ),
    Migration(
        2, "indexes for retention and per-sender requests", sqlite=_LIFECYCLE_V2, postgresql=_LIFECYCLE_V2
    ),
)
