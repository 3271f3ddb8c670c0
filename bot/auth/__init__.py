"""Staff authentication for the service-office pages: accounts, sessions, CSRF, login limits, audit log.

Kept free of imports at package level so `bot.auth.users` (accounts and their CLI) can use the schema
and audit helpers without pulling in FastAPI.
"""
