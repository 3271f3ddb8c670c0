"""Shared by every test folder. `tests/` is a package: helper modules import by their full name
(e.g. `from tests.browser_support import serve`, `from tests.gateway.gateway_fakes import FakeRasa`)."""
