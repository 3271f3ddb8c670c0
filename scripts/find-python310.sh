#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter. Rasa 3.6 supports Python <3.11 only, so the
# project venv must be built from 3.10 even where the machine's default python3 is newer.
set -euo pipefail
for cand in python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    command -v "$cand"; exit 0
  fi
done
# pyenv installs 3.10 without putting it on PATH unless selected.
for root in "${PYENV_ROOT:-$HOME/.pyenv}" /root/.pyenv; do
  for p in "$root"/versions/3.10*/bin/python3.10; do
    if [ -x "$p" ]; then echo "$p"; exit 0; fi
  done
done
echo "error: Python 3.10 not found (Rasa 3.6 needs it). Install python3.10 and retry." >&2
exit 1
