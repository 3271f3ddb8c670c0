"""Service-office review of the conversation log: list and filters, transcripts, triage, NLU annotation,
insights and exports. Read-only on `messages`/`conversations` (owned by bot/logstore.py); owns the
`triage`, `triage_notes`, `annotations` and `review_config` tables.
"""
