"""Shared by every test folder. `tests/` is a package: helper modules import by their full name
(e.g. `from tests.browser_support import serve`, `from tests.gateway.gateway_fakes import FakeRasa`)."""

# backend / store_target / pg_url: the store on SQLite or a throwaway PostgreSQL (#14 item 1)
pytest_plugins = ["tests.pg_support"]
