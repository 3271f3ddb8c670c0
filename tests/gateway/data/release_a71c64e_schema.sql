-- The gateway's SQLite schema exactly as the release before schema versions created it
-- (git a71c64e: bot/logstore.py via sqlite-utils, bot/auth/schema.py AUTH_DDL, bot/review/schema.py
-- REVIEW_DDL), dumped from sqlite_master. tests/gateway/test_migrations.py builds a var/ from it.

CREATE TABLE "messages" (
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
);

CREATE UNIQUE INDEX "idx_messages_dedup_key"
    ON "messages" ("dedup_key");

CREATE INDEX "idx_messages_conversation_id_id"
    ON "messages" ("conversation_id", "id");

CREATE INDEX "idx_messages_channel_sender_id"
    ON "messages" ("channel", "sender", "id");

CREATE TABLE "conversations" (
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
);

CREATE INDEX "idx_conversations_channel_sender_last_at"
    ON "conversations" ("channel", "sender", "last_at");

CREATE VIRTUAL TABLE "messages_fts" USING FTS5 (
    "text",
    tokenize='trigram',
    content="messages"
);

CREATE TRIGGER "messages_ai" AFTER INSERT ON "messages" BEGIN
  INSERT INTO "messages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;

CREATE TRIGGER "messages_ad" AFTER DELETE ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;

CREATE TRIGGER "messages_au" AFTER UPDATE ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "messages_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
  display_name TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);

CREATE INDEX sessions_user ON sessions(user_id);

CREATE INDEX sessions_expiry ON sessions(expires_at);

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  ts TEXT NOT NULL
);

CREATE INDEX login_failures_key ON login_failures(username, ip, ts);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  ts TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT,
  ip TEXT
);

CREATE INDEX audit_log_ts ON audit_log(ts);

CREATE INDEX audit_log_target ON audit_log(target_type, target_id);

CREATE TABLE triage (
  conversation_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved', 'wont_fix')),
  tags TEXT NOT NULL DEFAULT '[]',
  assignee TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);

CREATE INDEX triage_status ON triage(status);

CREATE TABLE triage_notes (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  author TEXT NOT NULL,
  ts TEXT NOT NULL,
  text TEXT NOT NULL
);

CREATE INDEX triage_notes_conversation ON triage_notes(conversation_id, id);

CREATE TABLE annotations (
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
);

CREATE TABLE review_config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
