# talentbot — everyday commands. `make run` and `make test` are the only set-up a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := $(VENV)/bin/rasa
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

export TF_CPP_MIN_LOG_LEVEL ?= 3
export TF_ENABLE_ONEDNN_OPTS ?= 0
export PYTHONWARNINGS ?= ignore
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export RASA_TELEMETRY_ENABLED ?= false
export HOST ?= 127.0.0.1
export GATEWAY_PORT ?= 8000
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055

.PHONY: help venv train validate test test-fast test-rasa blind lint bench scaleout run user browser-deps

help:
	@echo "make run    - set up (first time), train if stale, start actions + Rasa + gateway"
	@echo "make test   - the whole suite (policy, actions, NLU/dialogue, gateway, browser)"
	@echo "make train | validate | lint | bench | user"
	@echo "make backup               - copy var/'s SQLite stores to var/backups/<time>/ (online, while running)"
	@echo "make restore FROM=<folder> - put a backup back (stop make run first; asks to confirm)"

venv: $(STAMP)

# The venv must be Python 3.10 (Rasa 3.6 does not support 3.11+); the stamp is keyed by pyproject.toml.
$(STAMP): pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python310.sh)" -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip<25" "setuptools>=70.3,<70.4" "wheel<0.46"  # Rasa 3.6 pins setuptools
	$(PY) -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# Trains only when config, domain, data or custom components changed (hash of inputs → models/<hash>.tar.gz).
train: venv
	$(PY) -m scripts.train_if_stale

validate: venv
	$(RASA) data validate --fail-on-warnings --quiet

test-fast: venv
	$(PY) -m pytest -q -m "not rasa and not browser"

test-rasa: train
	$(PY) -m scripts.rasa_tests

# The blind clause corpus (evaluation/blind, written apart from the training data) through the real
# stack; fails below evaluation/thresholds.yaml; per-clause table in results/blind_eval.md.
blind: train
	$(PY) -m evaluation.run_blind

# Browser tests drive Debian's Chromium; installed here when missing (no browser downloads).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || ( (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed; browser tests will be skipped" )
	

# Order: Rasa-level checks, the blind clause corpus, the whole-stack scale-out check (nginx, two gateways, two Rasa
# replicas, two action servers, PostgreSQL, Redis; ~3 min),
# then the whole pytest suite last so its summary line closes the run.
# lint and typecheck first: a lint or type error fails `make test` before the slow steps.
test: venv lint typecheck train browser-deps
	$(RASA) data validate --fail-on-warnings
	$(PY) -m scripts.rasa_tests
	$(PY) -m evaluation.run_blind
	$(PY) -m pytest -q -m scaleout tests/reliability -p no:cacheprovider
	$(PY) -m pytest -q

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

.PHONY: typecheck
# mypy, configured in pyproject.toml ([tool.mypy]): strict on the policy core, checked elsewhere.
typecheck: venv
	$(PY) -m mypy

bench: train
	$(PY) -m bench.run --train-cold

# The model named in models/LATEST as it is (trained here only when there is none).
scaleout: venv
	@test -s models/LATEST || $(MAKE) train
	$(PY) -m bench.scaleout_check

user: venv
	$(PY) -m bot.auth.users create

# Numbered, timed steps (check, install, train, start) with a hint when one fails: scripts/first_run.sh.
run:
	@scripts/first_run.sh

# SQLite's online backup API (bot/backup.py): safe while the gateway writes.
.PHONY: backup restore
backup: venv
	$(PY) -m bot.backup backup

restore: venv
	@test -n "$(FROM)" || { echo "用法 usage: make restore FROM=var/backups/<时间>   (make backup lists where it wrote)"; exit 2; }
	$(PY) -m bot.backup restore "$(FROM)" $(if $(YES),--yes) $(if $(FORCE),--force)
