"""Rasa SDK action server for talentbot: thin adapters between the dialogue and policy_kb.

Every action parses slots (`parsing`), calls `policy_kb.api` (`topics`), and phrases the Result with
its figures, region/edition and citations (`phrasing`). No figure is ever typed here.
Run: `rasa run actions --actions actions` (port 5055).
"""
