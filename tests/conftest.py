"""Shared by every test folder: `tests/` is on sys.path (pytest's prepend import mode), so helper
modules here (e.g. browser_support) import by name."""
